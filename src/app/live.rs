//! Live updates, pure: when each source is polled (an interval, backoff after errors, a 429's
//! Retry-After, never while a request of it is in flight), the state of a Mastodon stream (open,
//! lost, reconnected with backoff and jitter; polled meanwhile), and stream events merged into the
//! timeline without moving what the reader reads. Time comes from `App::now` (ticks).

use jiff::{SignedDuration, Timestamp};

use super::{App, Effect, ReqId, nav};
use crate::backend::{BackendError, StreamEnd, StreamEvent};
use crate::model::FeedKind;
use crate::model::{Network, PostKey};

/// The poll interval when the config says none.
pub const DEFAULT_POLL_SECS: u64 = 60;
/// The longest wait between polls of a failing source (the interval doubles per failure).
const POLL_BACKOFF_CAP_SECS: i64 = 30 * 60;
/// First and longest wait before reconnecting a lost stream.
const STREAM_RETRY: (i64, i64) = (2, 5 * 60);
/// First and longest wait before asking again for a stream the server refused.
const REFUSED_RETRY: (i64, i64) = (60, 30 * 60);
/// A stream open this long starts its reconnect backoff afresh when it drops.
const STABLE_SECS: i64 = 60;

/// What live updates the app does (all off in a bare `App::new`, on in the binary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LiveConfig {
    /// Poll each source this often (when it has no live stream); `None`: never poll.
    pub poll: Option<SignedDuration>,
    /// Open Mastodon's streams.
    pub stream: bool,
    /// Remember the read position and open there at the next start.
    pub read_position: bool,
}

/// A source's live state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Live {
    pub stream: Stream,
    /// When the next poll is due; `None`: not scheduled (streaming, waiting for a login, off).
    pub next_poll: Option<Timestamp>,
    /// Polls that failed in a row (the backoff grows with them).
    pub failures: u32,
    /// Stream attempts that failed since the stream last held (the reconnect backoff grows).
    pub stream_failures: u32,
}

/// A source's stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stream {
    /// None: the network has no client streaming, or streaming is off.
    #[default]
    Off,
    Connecting {
        req: ReqId,
    },
    Open {
        req: ReqId,
        since: Timestamp,
    },
    /// Lost, or refused by the server; tried again at `retry_at`.
    Lost {
        retry_at: Timestamp,
        refused: bool,
    },
}

impl Live {
    /// Whether the stream is open (the source is then not polled).
    pub fn streaming(&self) -> bool {
        matches!(self.stream, Stream::Open { .. })
    }

    /// The request of the stream being opened or open.
    pub(super) fn stream_req(&self) -> Option<ReqId> {
        match self.stream {
            Stream::Connecting { req } | Stream::Open { req, .. } => Some(req),
            Stream::Off | Stream::Lost { .. } => None,
        }
    }
}

/// The source whose stream is request `req` (source `i`, unless a login moved it).
fn streaming_source(app: &App, i: usize, req: ReqId) -> Option<usize> {
    app.source_answering(i, |s| s.live.stream_req() == Some(req))
}

/// Opens the stream of every source that offers one (at start).
pub(super) fn start(app: &mut App) -> Vec<Effect> {
    (0..app.sources.len()).flat_map(|i| start_source(app, i)).collect()
}

/// Opens source `i`'s stream when it has one: a Mastodon account's home, or one of its lists.
pub(super) fn start_source(app: &mut App, i: usize) -> Vec<Effect> {
    let streams = |s: &super::Source| s.feed.as_ref().is_none_or(|f| f.kind == FeedKind::List);
    let offered = app.sources.get(i).is_some_and(|s| s.network == Network::Mastodon && streams(s) && !s.logged_out);
    if !app.live.stream || !offered || app.idle(i) {
        return Vec::new();
    }
    open(app, i)
}

fn open(app: &mut App, i: usize) -> Vec<Effect> {
    let req = app.next_req();
    let s = &mut app.sources[i];
    s.live.stream = Stream::Connecting { req };
    let list = s.feed.as_ref().map(|f| (s.account.clone(), f.id.clone()));
    vec![Effect::OpenStream { req, source: i, list }]
}

/// Each tick: reconnects streams whose wait is over, polls sources whose poll is due.
pub(super) fn tick(app: &mut App) -> Vec<Effect> {
    let mut effects = Vec::new();
    for i in 0..app.sources.len() {
        let now = app.now;
        let s = &app.sources[i];
        if s.logged_out || s.needs_login || app.idle(i) {
            continue;
        }
        if matches!(s.live.stream, Stream::Lost { retry_at, .. } if retry_at <= now) && app.live.stream {
            effects.extend(open(app, i));
        }
        let s = &app.sources[i];
        if s.live.next_poll.is_some_and(|at| at <= now) && !s.loading() {
            app.sources[i].live.next_poll = None;
            effects.extend(super::fetch::fetch_newest(app, i));
        }
    }
    effects
}

/// A request for what is new in source `i` answered: when to poll next.
pub(super) fn polled(app: &mut App, i: usize, error: Option<&BackendError>) {
    let Some(interval) = app.live.poll else { return };
    let now = app.now;
    let jitter = jitter(app, i, interval.as_secs() / 10);
    let s = &mut app.sources[i];
    let wait = match error {
        None => {
            s.live.failures = 0;
            interval.as_secs() + jitter
        }
        Some(BackendError::Auth(_)) => {
            s.live.next_poll = None; // nothing to poll until the user logs in again
            return;
        }
        Some(e) => {
            s.live.failures = s.live.failures.saturating_add(1);
            let backoff = backoff(interval.as_secs(), POLL_BACKOFF_CAP_SECS, s.live.failures) + jitter;
            match e {
                BackendError::RateLimited { retry_after: Some(d) } => {
                    backoff.max(i64::try_from(d.as_secs()).unwrap_or(i64::MAX / 4).saturating_add(1))
                }
                _ => backoff,
            }
        }
    };
    s.live.next_poll = if s.live.streaming() { None } else { Some(later(now, wait)) };
}

/// `base` doubled `doublings` times, up to `cap` (seconds).
fn backoff(base: i64, cap: i64, doublings: u32) -> i64 {
    base.saturating_mul(1 << doublings.min(20)).min(cap)
}

/// A spread of up to `span` seconds, different per source and per attempt, so that sources and
/// clients do not knock at the same second. Derived from the state, as `update` has no randomness.
fn jitter(app: &App, i: usize, span: i64) -> i64 {
    if span <= 0 {
        return 0;
    }
    let s = &app.sources[i];
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let attempt = s.live.failures.wrapping_mul(31).wrapping_add(s.live.stream_failures);
    let salt = u64::from(app.now.subsec_nanosecond().unsigned_abs()) ^ u64::from(attempt);
    for b in s.key().bytes().chain(salt.to_le_bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    i64::try_from(h % u64::try_from(span + 1).unwrap_or(1)).unwrap_or(0)
}

fn later(now: Timestamp, secs: i64) -> Timestamp {
    now.checked_add(SignedDuration::from_secs(secs)).unwrap_or(now)
}

/// The stream of source `i` opened: catch up on what it missed with one fetch; polling stops.
pub(super) fn opened(app: &mut App, req: ReqId, i: usize) -> Vec<Effect> {
    let now = app.now;
    let Some(i) = streaming_source(app, i, req) else { return Vec::new() };
    let Some(s) = app.sources.get_mut(i).filter(|s| s.live.stream == Stream::Connecting { req }) else {
        return Vec::new();
    };
    s.live.stream = Stream::Open { req, since: now };
    s.last_refresh = Some(now);
    // Polled once more, at the next tick when no request is in flight, for what came before.
    s.live.next_poll = Some(now);
    Vec::new()
}

/// The stream of source `i` ended: poll at once and meanwhile, reconnect after a backoff.
pub(super) fn closed(app: &mut App, req: ReqId, i: usize, end: &StreamEnd) -> Vec<Effect> {
    let now = app.now;
    let Some(i) = streaming_source(app, i, req) else { return Vec::new() };
    let Some(s) = app.sources.get_mut(i) else { return Vec::new() };
    match s.live.stream {
        // A reconnect that failed: polling already runs on its own schedule.
        Stream::Connecting { req: r } if r == req => {
            s.live.next_poll = s.live.next_poll.or(Some(now));
        }
        // A stream that was open: what it would have brought is fetched at once.
        Stream::Open { req: r, since } if r == req => {
            if now.duration_since(since).as_secs() >= STABLE_SECS {
                s.live.stream_failures = 0;
            }
            s.live.next_poll = Some(now);
        }
        _ => return Vec::new(),
    }
    s.live.stream_failures = s.live.stream_failures.saturating_add(1);
    let refused = matches!(end, StreamEnd::Refused(_));
    let (base, cap) = if refused { REFUSED_RETRY } else { STREAM_RETRY };
    let wait = backoff(base, cap, s.live.stream_failures - 1);
    let wait = wait + jitter(app, i, wait / 4);
    let s = &mut app.sources[i];
    s.live.stream = Stream::Lost { retry_at: later(now, wait), refused };
    tracing::info!(account = %s.account, reason = end.reason(), retry_in = wait, "stream ended; polling");
    Vec::new()
}

/// A stream event for source `i`: new posts land without moving the reader; deletes and edits
/// change the rows in place.
pub(super) fn event(app: &mut App, req: ReqId, i: usize, event: StreamEvent) -> Vec<Effect> {
    let Some(i) = streaming_source(app, i, req) else { return Vec::new() };
    let Some(s) = app.sources.get_mut(i).filter(|s| matches!(s.live.stream, Stream::Open { req: r, .. } if r == req))
    else {
        return Vec::new();
    };
    s.last_refresh = Some(app.now);
    let (account, key) = (s.account.clone(), s.key().into_owned());
    match event {
        StreamEvent::Update(post) => {
            app.timeline.merge(&key, vec![*post]);
            nav::rebuild_keeping_view(app);
            super::evict::bound(app);
        }
        StreamEvent::Delete(id) => {
            // An un-boost deletes the reblog status: only that boost's row goes.
            let boosts: Vec<u32> = app
                .timeline
                .live()
                .filter(|(_, p)| {
                    p.id.account == account && p.repost.as_ref().and_then(|r| r.id.as_deref()) == Some(&id)
                })
                .map(|(slot, _)| slot)
                .collect();
            if !boosts.is_empty() {
                app.timeline.remove_slots(&boosts);
                nav::rebuild_keeping_view(app);
                return Vec::new();
            }
            let found = app.timeline.live().find_map(|(_, p)| {
                let same = p.id.account == account && matches!(&p.id.key, PostKey::Mastodon { id: x, .. } if *x == id);
                same.then(|| p.id.key.clone())
            });
            if let Some(key) = found {
                app.timeline.remove(&key);
                nav::rebuild_keeping_view(app);
            }
        }
        StreamEvent::Edit(post) => {
            for slot in app.timeline.copies(&post.id.key) {
                if let Some(old) = app.timeline.post_mut(slot) {
                    let (repost, fetched_by) = (old.repost.take(), old.id.account.clone());
                    *old = (*post).clone();
                    (old.repost, old.id.account) = (repost, fetched_by);
                }
            }
        }
    }
    Vec::new()
}

/// What the status bar says about a source's live state, if anything.
pub fn note(s: &super::Source) -> Option<&'static str> {
    match s.live.stream {
        Stream::Lost { refused: false, .. } => Some("stream lost, polling"),
        Stream::Lost { refused: true, .. } => Some("no stream, polling"),
        _ => None,
    }
}
