//! Fault injection for the demo servers: latency, error statuses, rate limits, malformed bodies,
//! hangs, lost answers to creates, and the Mastodon-only quirks (foreign Link host, no v2 instance,
//! an ignored `Idempotency-Key`).
//!
//! A [`Faults`] handle is shared between a test and one server's middleware; each switch counts down
//! per request. Errors are rendered by the network's own error function, so they have its real shape.

mod streams;

pub use streams::StreamSignal;

use super::reply;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// How long a hung request sleeps before it would answer (tests use a short client timeout).
const HANG: Duration = Duration::from_secs(3600);

/// A failure the middleware asks the network's error function to render.
#[derive(Clone, Copy, Debug)]
pub enum Failure {
    /// An error status.
    Status(u16),
    /// 429 with a `Retry-After` of this many seconds.
    RateLimited(u64),
}

/// Renders a failure in one network's error format.
pub type ErrorFn = fn(Failure) -> Response;

/// Switches for injecting faults into one demo server; cheap to clone, shared with the server.
#[derive(Clone, Default)]
pub struct Faults(Arc<Mutex<Switches>>);

/// The state behind [`Faults`].
#[derive(Default)]
struct Switches {
    latency: Duration,
    fail: (usize, u16),
    rate_limit: (usize, u64),
    garbage: usize,
    hang: usize,
    link_host: Option<String>,
    v2_instance_off: bool,
    max_characters: Option<usize>,
    ignore_idempotency: bool,
    lose_create: usize,
    requests: usize,
    token_generation: u64,
    creates: usize,
    /// When each path was asked (tokio time), for tests that check intervals.
    hits: Vec<(String, tokio::time::Instant)>,
    /// The streaming API's switches.
    streams: streams::Streams,
}

/// The fault chosen for one request.
enum Fault {
    Hang,
    Fail(Failure),
    Garbage,
}

impl Faults {
    /// Delays every answer by `d`.
    pub fn set_latency(&self, d: Duration) {
        self.lock().latency = d;
    }

    /// Answers the next `n` requests with `status` and the network's error JSON.
    pub fn fail_next(&self, n: usize, status: u16) {
        self.lock().fail = (n, status);
    }

    /// Answers the next `n` requests with 429 and `Retry-After: retry_after_secs`.
    pub fn rate_limit_next(&self, n: usize, retry_after_secs: u64) {
        self.lock().rate_limit = (n, retry_after_secs);
    }

    /// Answers the next `n` requests with 200 and a malformed JSON body.
    pub fn garbage_next(&self, n: usize) {
        self.lock().garbage = n;
    }

    /// Never answers the next `n` requests (they sleep an hour).
    pub fn hang_next(&self, n: usize) {
        self.lock().hang = n;
    }

    /// Mastodon only: Link header URLs use this `host:port` (or full origin) instead of the real one.
    pub fn set_link_host(&self, host: Option<String>) {
        self.lock().link_host = host;
    }

    /// Mastodon only: when off, `/api/v2/instance` answers 404 (as on old servers).
    pub fn set_v2_instance(&self, on: bool) {
        self.lock().v2_instance_off = !on;
    }

    /// Tumblr only: every access token issued so far expires (401 from then on, the fixed demo token
    /// included); refresh tokens stay good, and the tokens they bring are accepted.
    pub fn expire_tokens(&self) {
        self.lock().token_generation += 1;
    }

    /// Mastodon only: when on, every `POST /api/v1/statuses` creates a new status, even one repeating
    /// an `Idempotency-Key` (as some servers of the Mastodon API do).
    pub fn ignore_idempotency(&self, on: bool) {
        self.lock().ignore_idempotency = on;
    }

    /// The next `n` creates make their post but answer 500 in the network's error shape, as when the
    /// answer is lost on the way back: the client sees a failure for a post that exists. Only creates
    /// that make a post count down (not refused ones, nor repeats answered from an idempotency key).
    pub fn lose_next_create(&self, n: usize) {
        self.lock().lose_create = n;
    }

    /// Turns every fault off (the request and create counts stay, and expired tokens stay expired).
    pub fn clear(&self) {
        let mut switches = self.lock();
        let (requests, token_generation, creates) = (switches.requests, switches.token_generation, switches.creates);
        let (hits, streams) = (std::mem::take(&mut switches.hits), std::mem::take(&mut switches.streams));
        *switches = Switches { requests, token_generation, creates, hits, streams, ..Switches::default() };
        switches.streams.clear();
    }

    /// When `path` was asked, in order (tokio time: exact under a paused test clock).
    pub fn hits(&self, path: &str) -> Vec<tokio::time::Instant> {
        self.lock().hits.iter().filter(|(p, _)| p == path).map(|(_, at)| *at).collect()
    }

    /// How many requests the server has received.
    pub fn requests(&self) -> usize {
        self.lock().requests
    }

    /// How many posts the server has created through its API since it started (whether or not their
    /// answer was lost; posts added with `push_post` are not counted).
    pub fn creates(&self) -> usize {
        self.lock().creates
    }

    /// Whether the `Idempotency-Key` is ignored.
    pub(crate) fn idempotency_ignored(&self) -> bool {
        self.lock().ignore_idempotency
    }

    /// Counts a post just created; true when its answer is to be lost (see [`Faults::lose_next_create`]).
    pub(crate) fn count_create(&self) -> bool {
        let mut s = self.lock();
        s.creates += 1;
        take(&mut s.lose_create)
    }

    /// The Link host override, if any.
    pub(crate) fn link_host(&self) -> Option<String> {
        self.lock().link_host.clone()
    }

    /// How many times tokens were expired: tokens issued before the latest expiry are refused.
    pub(crate) fn token_generation(&self) -> u64 {
        self.lock().token_generation
    }

    /// Whether `/api/v2/instance` is served.
    /// Mastodon only: the server's own status length (Pleroma and Akkoma allow 5000, for one), as the
    /// instance says and as creates are checked; `None` is Mastodon's 500.
    pub fn set_max_characters(&self, max: Option<usize>) {
        self.lock().max_characters = max;
    }

    /// The status length in force (see [`Faults::set_max_characters`]).
    pub(crate) fn max_characters(&self) -> usize {
        self.lock().max_characters.unwrap_or(500)
    }

    pub(crate) fn v2_instance(&self) -> bool {
        !self.lock().v2_instance_off
    }

    /// Counts a request and picks its fault (hang, then rate limit, then failure, then garbage).
    fn next(&self, path: &str) -> (Duration, Option<Fault>) {
        let mut s = self.lock();
        s.requests += 1;
        // Bounded, so that a demo left running for days does not grow.
        if s.hits.len() >= 100_000 {
            s.hits.drain(..50_000);
        }
        s.hits.push((path.to_string(), tokio::time::Instant::now()));
        let fault = if take(&mut s.hang) {
            Some(Fault::Hang)
        } else if take(&mut s.rate_limit.0) {
            Some(Fault::Fail(Failure::RateLimited(s.rate_limit.1)))
        } else if take(&mut s.fail.0) {
            Some(Fault::Fail(Failure::Status(s.fail.1)))
        } else if take(&mut s.garbage) {
            Some(Fault::Garbage)
        } else {
            None
        };
        (s.latency, fault)
    }

    /// Locks the switches; a poisoned lock still holds usable switches.
    fn lock(&self) -> MutexGuard<'_, Switches> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Decrements a countdown; true when it was armed.
fn take(count: &mut usize) -> bool {
    let armed = *count > 0;
    *count = count.saturating_sub(1);
    armed
}

/// Axum middleware applying the server's faults before the real handler runs.
pub async fn apply(State((faults, error)): State<(Faults, ErrorFn)>, req: Request, next: Next) -> Response {
    let (latency, fault) = faults.next(req.uri().path());
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match fault {
        None => next.run(req).await,
        Some(Fault::Fail(failure)) => error(failure),
        Some(Fault::Garbage) => garbage(),
        Some(Fault::Hang) => {
            tokio::time::sleep(HANG).await;
            next.run(req).await
        }
    }
}

/// A 200 answer whose JSON body is cut off in the middle.
fn garbage() -> Response {
    let body = r#"{"feed":[{"post":{"uri":"at://did:plc:x/app.bsky.feed.post/1","#;
    let response = reply::json(200, &serde_json::Value::Null);
    let (parts, _) = response.into_parts();
    Response::from_parts(parts, axum::body::Body::from(body))
}
