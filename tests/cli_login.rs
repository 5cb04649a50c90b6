//! Logins through the binary against the demo servers: Bluesky app passwords, a wrong password, a
//! server that is not a Mastodon-API server. Each failure is one clear line and leaves nothing behind.

mod common;

use common::binary::{args, demo_accounts, fresh_dir, murre, outbox_files};
use murre::demo::{self, DemoNetwork};

#[tokio::test]
async fn bluesky_app_password_login_stores_the_session_and_reads_the_timeline() {
    let net = DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = fresh_dir("bsky");
    let login =
        args(&["login", "bluesky", demo::BLUESKY_HANDLE, "--service", &net.bluesky.url, "--app-password-stdin"]);

    let wrong = murre(dir.clone(), login.clone(), "not-it\n".into()).await;
    assert_eq!(wrong.status.code(), Some(1));
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("Invalid identifier or password"), "{err}");
    assert!(!dir.join("config.toml").exists() && !dir.join("data/secrets.toml").exists(), "a failed login wrote files");

    let ok = murre(dir.clone(), login, format!("{}\n", demo::BLUESKY_PASSWORD)).await;
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    let secrets = std::fs::read_to_string(dir.join("data/secrets.toml")).unwrap_or_default();
    assert!(secrets.contains("refresh_jwt") && !secrets.contains(demo::BLUESKY_PASSWORD), "only the session is kept");
    let out = murre(dir.clone(), args(&["timeline", "--json", "--limit", "5"]), String::new()).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let posts: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(posts.len(), 5);
    let log = std::fs::read_to_string(dir.join("state/murre.log")).unwrap_or_default();
    assert!(!log.contains(demo::BLUESKY_PASSWORD), "the password reached the log");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_server_that_is_not_mastodon_is_named_as_such() {
    let net = DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = fresh_dir("notmasto");
    let out = murre(dir.clone(), args(&["login", "mastodon", &net.bluesky.url]), String::new()).await;
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("does not speak the Mastodon client API"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!dir.join("config.toml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_unreachable_server_and_a_bad_address_say_what_to_check() {
    let dir = fresh_dir("unreachable");
    let out = murre(dir.clone(), args(&["login", "mastodon", "http://127.0.0.1:9"]), String::new()).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot reach the server"));
    let out = murre(dir.clone(), args(&["login", "mastodon", "http://social.example"]), String::new()).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("use https://"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!dir.join("config.toml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn bluesky_email_two_factor_asks_for_the_code_and_accepts_the_right_one() {
    use murre::backend::bluesky::auth::{Login, create_session};
    let net = DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let http = murre::backend::http::client(std::time::Duration::from_secs(5)).unwrap_or_else(|e| panic!("{e}"));
    let (url, who, password) = (&net.bluesky.url, demo::BLUESKY_2FA_EMAIL, demo::BLUESKY_PASSWORD);
    let first = create_session(&http, url, who, password, None).await;
    assert!(matches!(first, Ok(Login::NeedsCode)), "no code asked");
    let wrong = create_session(&http, url, who, password, Some("nope")).await;
    assert!(matches!(wrong, Err(murre::backend::BackendError::Auth(_))));
    let right = create_session(&http, url, who, password, Some(&format!(" {} ", demo::BLUESKY_2FA_CODE))).await;
    assert!(matches!(right, Ok(Login::Done { .. })), "the code was refused");

    // Without a terminal to ask on, the CLI says how to go on instead of hanging.
    let dir = fresh_dir("2fa");
    let login = args(&["login", "bluesky", who, "--service", url, "--app-password-stdin"]);
    let out = murre(dir.clone(), login, format!("{password}\n")).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no terminal"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!dir.join("config.toml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_lost_answer_keeps_the_draft_and_retry_finishes_without_a_duplicate() {
    let net = DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = demo_accounts(&net, "post-lost").await;
    net.bluesky.faults.lose_next_create(1);
    net.mastodon.faults.ignore_idempotency(true);
    net.mastodon.faults.lose_next_create(1);
    net.tumblr.faults.lose_next_create(1);
    let text = "One post, two networks 👩‍👩‍👧 https://example.com/x #murre";
    let out = murre(dir.clone(), args(&["post", "--json", text]), String::new()).await;
    assert_eq!(out.status.code(), Some(1), "every answer was lost: {}", String::from_utf8_lossy(&out.stdout));
    let creates = || (net.bluesky.faults.creates(), net.mastodon.faults.creates(), net.tumblr.faults.creates());
    assert_eq!(creates(), (1, 1, 1), "every server made the post");
    assert_eq!(outbox_files(&dir), 1, "the draft waits in the outbox");

    let again = murre(dir.clone(), args(&["post", "--retry", "--json"]), String::new()).await;
    assert_eq!(again.status.code(), Some(0), "{}", String::from_utf8_lossy(&again.stdout));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&again.stdout).unwrap_or_default();
    assert!(rows.len() == 3 && rows.iter().all(|r| r["ok"] == true), "{rows:?}");
    assert_eq!(creates(), (1, 1, 1), "a retry duplicated a post");
    assert_eq!(outbox_files(&dir), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_post_too_long_for_bluesky_is_refused_before_anything_is_sent() {
    let net = DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = demo_accounts(&net, "post-long").await;
    let long = "word ".repeat(70);
    let out = murre(dir.clone(), args(&["post", &long]), String::new()).await;
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bluesky") && err.contains("too long: 350 of 300 graphemes"), "{err}");
    assert_eq!((net.bluesky.faults.creates(), net.mastodon.faults.creates()), (0, 0));
    assert_eq!(outbox_files(&dir), 0, "a refused draft is not stored: it never left the command line");
    let followers =
        murre(dir.clone(), args(&["post", "--visibility", "followers", "for friends"]), String::new()).await;
    assert_eq!(followers.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&followers.stderr).contains("would become public"));
    let only_masto = args(&["post", "--to", "mastodon", "--visibility", "followers", "for friends"]);
    let out = murre(dir.clone(), only_masto, String::new()).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(net.mastodon.faults.creates(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}
