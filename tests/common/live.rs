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

/// A new account on the PDS (dev mode: no invite code), signed in. The PDS wants the handle's first
/// label at most 18 characters: `label` plus nine digits.
pub async fn fresh_bluesky_account(label: &str) -> bluesky::Session {
    let nanos = jiff::Timestamp::now().as_nanosecond() % 1_000_000_000;
    let handle = format!("{label}{nanos}.test");
    let url = format!("{}/xrpc/com.atproto.server.createAccount", text(&servers("bluesky"), "/pds"));
    let body =
        serde_json::json!({"handle": handle, "email": format!("{label}{nanos}@murre.test"), "password": "e2e-pass"});
    let made = web().post(url).json(&body).send().await.and_then(|r| r.error_for_status());
    made.unwrap_or_else(|e| panic!("createAccount: {e}"));
    bluesky_session(&handle, "e2e-pass").await
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

/// A fresh session of the seeded Bluesky `user` (`alice`, `bob`, `carol`).
pub async fn seeded_session(user: &str) -> bluesky::Session {
    let b = servers("bluesky");
    let (handle, password) = (text(&b, &format!("/users/{user}/handle")), text(&b, &format!("/users/{user}/password")));
    bluesky_session(&handle, &password).await
}

/// A client for the seeded Bluesky `user`, freshly logged in.
pub async fn seeded_client(user: &str) -> bluesky::Client {
    bluesky_client(seeded_session(user).await)
}

/// A label no other run has used.
pub fn unique(label: &str) -> String {
    format!("{label} {}", jiff::Timestamp::now().as_nanosecond())
}

/// Runs the binary with config dir `dir`.
pub fn murre(dir: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_murre"))
        .arg("--config-dir")
        .arg(dir)
        .args(args)
        .env("MURRE_DEBUG", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

/// A config dir with bob (Bluesky; alice follows him) and grace (Mastodon) logged in through the
/// binary.
pub fn logged_in_dir(name: &str) -> std::path::PathBuf {
    let (b, m) = (servers("bluesky"), servers("mastodon"));
    let dir = std::env::temp_dir().join(format!("murre-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let pds = text(&b, "/pds");
    let login = ["login", "bluesky", "bob.test", "--service", pds.as_str(), "--app-password-stdin"];
    let ok = murre(&dir, &login, &format!("{}\n", text(&b, "/users/bob/password")));
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    let ok = murre(&dir, &["login", "mastodon", &text(&m, "/url"), "--token-stdin"], "grace_token\n");
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    dir
}
