//! Live effects: the clock that ticks the app, each Mastodon stream as a task that turns frames into
//! messages, and the read position (the state file, and the home markers of Mastodon accounts).
//! Every wait is tokio time, so tests run hours of it with a paused clock.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use tokio::sync::mpsc;
use tokio::task::AbortHandle;

use super::Runtime;
use crate::app::read::{Position, Remembered};
use crate::app::{Msg, ReqId};
use crate::backend::{Client, StreamEnd, mastodon};
use crate::model::AccountId;

/// How long asking a server for its read marker may take (at start and at quit).
const MARKER_WAIT: Duration = Duration::from_secs(5);

/// Where the app's `now` comes from.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    /// The wall clock (what the reader's posts are timed by).
    Wall,
    /// `start` plus the tokio time elapsed since `at`: a paused tokio clock moves it in tests.
    Tokio { start: Timestamp, at: tokio::time::Instant },
}

impl Clock {
    /// A clock that starts at `start` and follows tokio time.
    pub fn tokio(start: Timestamp) -> Clock {
        Clock::Tokio { start, at: tokio::time::Instant::now() }
    }

    /// The time now.
    pub fn now(&self) -> Timestamp {
        match self {
            Clock::Wall => Timestamp::now(),
            Clock::Tokio { start, at } => {
                let elapsed = SignedDuration::try_from(at.elapsed()).unwrap_or(SignedDuration::ZERO);
                start.checked_add(elapsed).unwrap_or(*start)
            }
        }
    }
}

/// The live parts of the runtime: open streams, the markers last sent, where state lives.
#[derive(Debug, Clone, Default)]
pub struct LiveState {
    streams: Arc<Mutex<HashMap<usize, AbortHandle>>>,
    /// The status id each account's home marker names, as murre last read or set it.
    marked: Arc<Mutex<HashMap<AccountId, String>>>,
    /// The state folder (the read position file); `None`: nothing is kept on disk.
    pub state_dir: Option<PathBuf>,
}

/// Sends a tick every second: the app's clock, toasts, polls and saves run on it.
pub fn spawn_ticker(tx: mpsc::UnboundedSender<Msg>, clock: Clock) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(1));
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            interval.tick().await;
            if tx.send(Msg::Tick(clock.now())).is_err() {
                break;
            }
        }
    });
}

impl Runtime {
    /// Opens source `source`'s stream on a task (replacing one it had).
    pub(super) fn open_stream(
        &self,
        req: ReqId,
        source: usize,
        list: Option<(AccountId, String)>,
        tx: mpsc::UnboundedSender<Msg>,
    ) {
        let client = match &list {
            None => self.clients.read().ok().and_then(|c| c.get(source).cloned()),
            Some((account, _)) => self.client_of(account),
        };
        let Some(Client::Mastodon(client)) = client else {
            let end = StreamEnd::Refused("this network has no stream".into());
            let _ = tx.send(Msg::StreamClosed { req, source, end });
            return;
        };
        let task = tokio::spawn(stream(client, list.map(|(_, id)| id), req, source, tx));
        let old = lock(&self.live.streams).insert(source, task.abort_handle());
        if let Some(old) = old {
            old.abort();
        }
    }

    /// Ends source `source`'s stream, if it has one.
    pub(super) fn close_stream(&self, source: usize) {
        if let Some(task) = lock(&self.live.streams).remove(&source) {
            task.abort();
        }
    }

    /// Reads the state file and each Mastodon account's home marker; answers `Msg::Remembered`.
    pub(super) fn load_read_position(&self, tx: mpsc::UnboundedSender<Msg>) {
        let (dir, marked) = (self.live.state_dir.clone(), Arc::clone(&self.live.marked));
        let clients = self.mastodon_clients();
        tokio::spawn(async move {
            let file = match dir {
                Some(dir) => {
                    tokio::task::spawn_blocking(move || crate::store::reading::load(&dir)).await.ok().flatten()
                }
                None => None,
            };
            let asks = clients.iter().map(|c| tokio::time::timeout(MARKER_WAIT, c.home_marker()));
            let answers = futures_util::future::join_all(asks).await;
            let mut markers = Vec::new();
            for (client, answer) in clients.iter().zip(answers) {
                if let Ok(Ok(Some(marker))) = answer {
                    lock(&marked).insert(client.account().clone(), marker.last_read_id.clone());
                    markers.push((client.account().clone(), marker));
                }
            }
            let _ = tx.send(Msg::Remembered(Remembered { file, markers }));
        });
    }

    /// Writes the read position to the state file and moves the home markers that changed; the
    /// handle ends when both are done (the quit waits for it, briefly).
    pub fn save_read_position(&self, position: Position) -> tokio::task::JoinHandle<()> {
        let (dir, marked) = (self.live.state_dir.clone(), Arc::clone(&self.live.marked));
        let clients = self.mastodon_clients();
        tokio::spawn(async move {
            if let Some(dir) = dir {
                let p = position.clone();
                let written = tokio::task::spawn_blocking(move || crate::store::reading::save(&dir, &p)).await;
                if let Ok(Err(e)) = written {
                    tracing::warn!("the read position could not be saved: {e}");
                }
            }
            for (account, id) in &position.markers {
                let client = clients.iter().find(|c| c.account() == account);
                let Some(client) = client.filter(|_| lock(&marked).get(account) != Some(id)) else { continue };
                match tokio::time::timeout(MARKER_WAIT, client.set_home_marker(id)).await {
                    Ok(Ok(())) => {
                        lock(&marked).insert(account.clone(), id.clone());
                    }
                    Ok(Err(e)) => tracing::info!(%account, "the home marker was not set: {e}"),
                    Err(_) => tracing::info!(%account, "the home marker was not set in time"),
                }
            }
        })
    }

    fn mastodon_clients(&self) -> Vec<mastodon::Client> {
        let clients = self.clients.read().map(|c| c.clone()).unwrap_or_default();
        clients
            .into_iter()
            .filter_map(|c| match c {
                Client::Mastodon(m) => Some(m),
                _ => None,
            })
            .collect()
    }
}

/// One stream's life: open, forward each event, say how it ended. Stops when the app is gone.
async fn stream(
    client: mastodon::Client,
    list: Option<String>,
    req: ReqId,
    source: usize,
    tx: mpsc::UnboundedSender<Msg>,
) {
    let end = match client.stream(list.as_deref()).await {
        Err(end) => end,
        Ok(mut stream) => {
            if tx.send(Msg::StreamOpened { req, source }).is_err() {
                return;
            }
            loop {
                match stream.next().await {
                    Ok(event) => {
                        if tx.send(Msg::StreamEvent { req, source, event }).is_err() {
                            return;
                        }
                    }
                    Err(end) => break end,
                }
            }
        }
    };
    let _ = tx.send(Msg::StreamClosed { req, source, end });
}

/// Locks a mutex; a poisoned one still holds usable data.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
