//! The real servers of the end-to-end tier (started by tests/e2e/start.sh): where they are, clients
//! for their seeded users, and polling for reads that lag writes.

use std::time::{Duration, Instant};

use murre::backend::bluesky::{self, auth};
use murre::backend::{http, mastodon};
use murre::model::{AccountId, Network};
use serde_json::Value;

/// `tests/e2e/run/NAME.json`, written by start.sh.
pub fn servers(name: &str) -> Value {
    let path = format!("{}/tests/e2e/run/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}; start the servers first: tests/e2e/start.sh"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The string at `pointer` in `v`.
pub fn text(v: &Value, pointer: &str) -> String {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or_else(|| panic!("{pointer} missing in {v}")).to_string()
}

pub fn web() -> reqwest::Client {
    http::client(Duration::from_secs(20)).unwrap_or_else(|e| panic!("{e}"))
}

/// Polls `check` until it yields a value or `deadline` passes (reads lag writes on the AppView).
pub async fn eventually<T, F: std::future::Future<Output = Option<T>>>(
    deadline: Duration,
    mut check: impl FnMut() -> F,
) -> T {
    let end = Instant::now() + deadline;
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(Instant::now() < end, "not seen within {deadline:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A session for `handle` with `password` on the PDS.
pub async fn bluesky_session(handle: &str, password: &str) -> bluesky::Session {
    match auth::create_session(&web(), &text(&servers("bluesky"), "/pds"), handle, password, None).await {
        Ok(auth::Login::Done { session, .. }) => session,
        Ok(auth::Login::NeedsCode) => panic!("2FA asked on the dev PDS"),
        Err(e) => panic!("{e}"),
    }
}

/// A client for a session on the PDS.
pub fn bluesky_client(session: bluesky::Session) -> bluesky::Client {
    let id = AccountId::new(Network::Bluesky, &session.handle);
    bluesky::Client::new(web(), &text(&servers("bluesky"), "/pds"), id, session).unwrap_or_else(|e| panic!("{e}"))
}

/// A client for a seeded Mastodon user (`ada`, `grace`), as murre names it after a login.
pub fn mastodon_client(user: &str) -> mastodon::Client {
    let m = servers("mastodon");
    let id = AccountId::new(Network::Mastodon, &format!("{user}@127.0.0.1:3000"));
    mastodon::Client::new(web(), &text(&m, "/url"), id, text(&m, &format!("/tokens/{user}")))
        .unwrap_or_else(|e| panic!("{e}"))
}
