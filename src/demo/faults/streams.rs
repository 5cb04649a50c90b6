//! Faults of the Mastodon demo server's streaming API: kill the open streams (dropped without a
//! close frame, as a stream that dies is), silence them (no frames, no pongs), refuse new ones with a
//! status (404 as on a server without streaming, 503 as on one that is overloaded).

use super::Faults;

/// What open streams watch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StreamSignal {
    /// Bumped by every kill: a stream that sees it change ends.
    pub kills: u64,
    /// Open streams go silent.
    pub mute: bool,
}

/// The streaming switches of one server.
#[derive(Default)]
pub(super) struct Streams {
    signal: tokio::sync::watch::Sender<StreamSignal>,
    refusal: Option<u16>,
    opened: usize,
}

impl Streams {
    /// Turns the switches off (open streams stay open; the count stays).
    pub(super) fn clear(&mut self) {
        self.refusal = None;
        self.signal.send_modify(|s| s.mute = false);
    }
}

impl Faults {
    /// Ends every open stream now.
    pub fn kill_streams(&self) {
        self.lock().streams.signal.send_modify(|s| s.kills += 1);
    }

    /// Open streams stop sending and answering pings, as a stream that died silently.
    pub fn mute_streams(&self) {
        self.lock().streams.signal.send_modify(|s| s.mute = true);
    }

    /// Refuses new streams with `status` (`None` accepts them again).
    pub fn refuse_streams(&self, status: Option<u16>) {
        self.lock().streams.refusal = status;
    }

    /// How many streams the server has accepted.
    pub fn streams_opened(&self) -> usize {
        self.lock().streams.opened
    }

    pub(crate) fn stream_refusal(&self) -> Option<u16> {
        self.lock().streams.refusal
    }

    pub(crate) fn count_stream(&self) {
        self.lock().streams.opened += 1;
    }

    pub(crate) fn stream_signals(&self) -> tokio::sync::watch::Receiver<StreamSignal> {
        self.lock().streams.signal.subscribe()
    }
}
