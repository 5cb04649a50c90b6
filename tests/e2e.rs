//! End-to-end tests against real servers on loopback: the reference Bluesky stack (PDS, AppView,
//! PLC) and the Mastodon API mock, started by `tests/e2e/start.sh`. Ignored by a plain `cargo test`;
//! run with `tests/e2e/run.sh` (or `cargo test --test e2e -- --ignored` while the servers are up).
//! Everything goes through murre's own code: the backends, and the binary for logins and the CLI.

mod common;

use common::live::{
    eventually, logged_in_dir, mastodon_client, murre, seeded_client, seeded_session, servers, text, unique, web,
};
use common::tmux::Tmux;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use murre::backend::bluesky::{self, auth};
use murre::backend::{Client, Cursor};
use murre::model::{AccountId, Network, Post};
use serde_json::{Value, json};

async fn all_pages(client: &Client) -> Vec<Post> {
    let mut out: Vec<Post> = Vec::new();
    let mut at = Cursor::Newest;
    for _ in 0..40 {
        let page = client.home(at).await.unwrap_or_else(|e| panic!("{}: {e}", client.network()));
        out.extend(page.items);
        match page.older {
            Some(c) => at = Cursor::Older(c),
            None => return out,
        }
    }
    panic!("{}: paging never ended", client.network());
}

fn assert_paged_well(posts: &[Post]) {
    let keys: HashSet<String> = posts.iter().map(Post::feed_key).collect();
    assert_eq!(keys.len(), posts.len(), "a post came twice across pages");
    // The AppView orders by the earlier of createdAt and indexedAt, murre by indexedAt: posts written
    // by the other tests at this very moment may differ by a moment, never by more.
    let slack = jiff::SignedDuration::from_secs(5);
    let ordered = posts.windows(2).all(|w| w[0].feed_time().checked_add(slack).is_ok_and(|t| t >= w[1].feed_time()));
    let bad = posts.windows(2).find(|w| w[0].feed_time().checked_add(slack).is_ok_and(|t| t < w[1].feed_time()));
    let show = |p: &Post| format!("{} {} {:?}", p.feed_time(), p.text.to_plain(), p.repost.as_ref().map(|r| r.at));
    assert!(ordered, "pages are not newest first: {:?}", bad.map(|w| (show(&w[0]), show(&w[1]))));
}

/// Writes a post the way another app would (raw XRPC), for murre to read.
async fn bluesky_write(user: &str, text_: &str) -> String {
    let session = seeded_session(user).await;
    let url = format!("{}/xrpc/com.atproto.repo.createRecord", text(&servers("bluesky"), "/pds"));
    let now = jiff::Timestamp::now().to_string();
    let body = json!({"repo": session.did, "collection": "app.bsky.feed.post",
        "record": {"$type": "app.bsky.feed.post", "text": text_, "createdAt": now}});
    let resp = web().post(url).bearer_auth(&session.access_jwt).json(&body).send().await;
    let v: Value =
        resp.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}")).json().await.unwrap_or_default();
    text(&v, "/uri")
}

async fn mastodon_write(user: &str, status: &str) {
    let m = servers("mastodon");
    let url = format!("{}/api/v1/statuses", text(&m, "/url"));
    let resp =
        web().post(url).bearer_auth(text(&m, &format!("/tokens/{user}"))).form(&[("status", status)]).send().await;
    resp.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}"));
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_home_pages_to_the_end_with_every_seeded_feature() {
    let client = Client::Bluesky(seeded_client("alice").await);
    let posts = all_pages(&client).await;
    let expected = servers("bluesky").pointer("/timeline_items").and_then(Value::as_u64).unwrap_or(0);
    assert!(posts.len() as u64 >= expected, "{} of {expected} timeline items", posts.len());
    assert_paged_well(&posts);
    common::real::check_bluesky_seed(&posts);
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_refresh_finds_a_post_written_meanwhile() {
    let client = Client::Bluesky(seeded_client("alice").await);
    let marker = unique("fresh from bob");
    bluesky_write("bob", &marker).await;
    let found = eventually(Duration::from_secs(10), || async {
        let page = client.home(Cursor::Newest).await.ok()?;
        page.items.into_iter().find(|p| p.text.to_plain() == marker)
    })
    .await;
    assert_eq!(found.author.handle, "bob.test");
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_session_refresh_rotates_tokens_saves_them_and_a_second_process_adopts_them() {
    use murre::store::secrets::{Secret, Secrets};
    use murre::store::sessions::FileSessions;
    let dir = std::env::temp_dir().join(format!("murre-e2e-sessions-{}", std::process::id()));
    let secrets = Secrets::new(&dir);
    let first = seeded_session("alice").await;
    let stored = |s: &bluesky::Session| Secret::BlueskySession {
        did: s.did.clone(),
        access_jwt: s.access_jwt.clone(),
        refresh_jwt: s.refresh_jwt.clone(),
    };
    secrets.set("bluesky:alice.test", stored(&first)).unwrap_or_else(|e| panic!("{e}"));
    let pds = text(&servers("bluesky"), "/pds");
    let store = || Arc::new(FileSessions::new(Secrets::new(&dir), "bluesky:alice.test", "alice.test"));
    let client = |s: bluesky::Session| {
        let id = AccountId::new(Network::Bluesky, "alice.test");
        bluesky::Client::new(web(), &pds, id, s).unwrap_or_else(|e| panic!("{e}")).with_store(store())
    };
    // Two processes start from the same stored session; the first refreshes.
    let (a, b) = (client(first.clone()), client(first.clone()));
    a.refresh().await.unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(a.session().refresh_jwt, first.refresh_jwt, "the refresh token rotates");
    assert_eq!(secrets.get("bluesky:alice.test").ok().flatten(), Some(stored(&a.session())), "saved at once");
    // The second sees the rotation in the store and adopts it instead of spending its old token.
    b.refresh().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.session(), a.session());
    let page = Client::Bluesky(b).home(Cursor::Newest).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(!page.items.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_wrong_password_is_an_auth_error() {
    let pds = text(&servers("bluesky"), "/pds");
    let got = auth::create_session(&web(), &pds, "alice.test", "not-the-password", None).await;
    match got {
        Err(e @ murre::backend::BackendError::Auth(_)) => {
            assert!(e.user_message(Network::Bluesky).contains("Invalid identifier or password"), "{e:?}")
        }
        Err(e) => panic!("expected an auth error, got {e:?}"),
        Ok(_) => panic!("a wrong password was accepted"),
    }
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn mastodon_home_pages_by_link_header_and_refresh_finds_new_posts() {
    let client = Client::Mastodon(mastodon_client("ada"));
    let first = client.home(Cursor::Newest).await.unwrap_or_else(|e| panic!("{e}"));
    let newer = first.newer.clone().unwrap_or_else(|| panic!("no newer cursor from the Link header"));
    // Enough new posts for more than one page of 40, so paging older follows `rel="next"`.
    let markers: Vec<String> = (0..45).map(|i| unique(&format!("ada paging {i:02}"))).collect();
    for m in &markers {
        mastodon_write("ada", m).await;
    }
    let fresh = client.home(Cursor::Newer(newer)).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(fresh.items.iter().any(|p| markers.contains(&p.text.to_plain())), "refresh found nothing new");
    let posts = all_pages(&client).await;
    assert_paged_well(&posts);
    let texts: HashSet<String> = posts.iter().map(|p| p.text.to_plain()).collect();
    assert!(markers.iter().all(|m| texts.contains(m)), "a post went missing across pages");
    assert!(posts.len() >= 45 + first.items.len().min(1));
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn mastodon_instance_limits_and_credentials() {
    let client = mastodon_client("grace");
    let limits = client.limits().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((limits.max_chars, limits.chars_per_url, limits.max_media), (500, Some(23), 4));
    let (acct, name) = client.verify().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(acct, "grace");
    assert!(!name.is_empty());
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn the_binary_logs_in_to_both_and_merges_their_timelines() {
    let (b, m) = (servers("bluesky"), servers("mastodon"));
    let dir = std::env::temp_dir().join(format!("murre-e2e-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let app_password = text(&b, "/users/alice/app_password");
    let pds = text(&b, "/pds");

    let wrong = murre(&dir, &["login", "bluesky", "alice.test", "--service", &pds, "--app-password-stdin"], "nope\n");
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("Invalid identifier or password"));
    assert!(!dir.join("config.toml").exists(), "a failed login wrote config");

    let args = ["login", "bluesky", "alice.test", "--service", pds.as_str(), "--app-password-stdin"];
    let ok = murre(&dir, &args, &format!("{app_password}\n"));
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stderr).contains("keeps tokens"), "the first login says where secrets go");
    let ok = murre(&dir, &["login", "mastodon", &text(&m, "/url"), "--token-stdin"], "ada_token\n");
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(!String::from_utf8_lossy(&ok.stderr).contains("keeps tokens"), "the notice is shown once");

    let config = std::fs::read_to_string(dir.join("config.toml")).unwrap_or_default();
    let secrets = std::fs::read_to_string(dir.join("data/secrets.toml")).unwrap_or_default();
    assert!(!config.contains(&app_password) && !config.contains("ada_token") && !config.contains("eyJ"), "{config}");
    assert!(!secrets.contains(&app_password), "the app password itself was stored");
    assert!(secrets.contains("refresh_jwt") && secrets.contains("ada_token"));

    let out = murre(&dir, &["timeline", "--json", "--limit", "200"], "");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let posts: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let nets: HashSet<&str> = posts.iter().filter_map(|p| p.get("network").and_then(Value::as_str)).collect();
    assert_eq!(nets, HashSet::from(["bluesky", "mastodon"]), "{} posts", posts.len());

    // No secret in the (debug) log or the config, after logins and a timeline.
    let refresh = stored(&dir, "bluesky:alice.test", "refresh_jwt");
    let access = stored(&dir, "bluesky:alice.test", "access_jwt");
    let log = std::fs::read_to_string(dir.join("state/murre.log")).unwrap_or_default();
    assert!(!log.is_empty(), "MURRE_DEBUG wrote nothing to the log");
    for secret in [app_password.as_str(), refresh.as_str(), access.as_str(), "ada_token"] {
        assert!(!log.contains(secret) && !config.contains(secret), "a secret leaked into the log or config");
    }

    // Logging out of Bluesky ends the session on the PDS: its refresh token is dead.
    let out = murre(&dir, &["logout", "bluesky"], "");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let url = format!("{pds}/xrpc/com.atproto.server.refreshSession");
    let status = web().post(url).bearer_auth(refresh).send().await.map(|r| r.status().as_u16()).unwrap_or(0);
    assert!(status == 400 || status == 401, "the ended session still refreshes ({status})");
    assert!(logged_in_accounts(&dir).contains("mastodon:ada"), "the other account is untouched");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Plays the browser on the mock's authorize page: picks `user` and returns where it redirects.
async fn authorize_in_browser(authorize: &str, user: &str) -> String {
    let url = reqwest::Url::parse(authorize).unwrap_or_else(|e| panic!("{authorize}: {e}"));
    let mut form: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    form.push(("username".into(), user.into()));
    let page = web().get(url.clone()).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(page.status().is_success(), "authorize page: {}", page.status());
    let resp = web().post(url).form(&form).send().await.unwrap_or_else(|e| panic!("{e}"));
    let location = resp.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_string);
    location.unwrap_or_else(|| panic!("no redirect from the authorize page ({})", resp.status()))
}

/// Starts `murre login mastodon URL` with no browser, and waits for the address it prints.
fn start_browser_login(dir: &std::path::Path) -> (std::process::Child, String) {
    use std::io::BufRead;
    let url = text(&servers("mastodon"), "/url");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_murre"))
        .arg("--config-dir")
        .arg(dir)
        .args(["login", "mastodon", &url])
        .env("BROWSER", "true")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
    let mut lines = std::io::BufReader::new(stderr).lines();
    let authorize = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| l.trim().starts_with("http").then(|| l.trim().to_string()))
        .unwrap_or_else(|| panic!("murre printed no authorize address"));
    std::thread::spawn(move || lines.for_each(drop));
    (child, authorize)
}

/// A field of an account's stored secret (read from the secrets file, as an attacker with the disk would).
fn stored(dir: &std::path::Path, account: &str, field: &str) -> String {
    let text = std::fs::read_to_string(dir.join("data/secrets.toml")).unwrap_or_default();
    let table: toml::Table = toml::from_str(&text).unwrap_or_default();
    let value = table.get(account).and_then(|a| a.get(field)).and_then(|v| v.as_str());
    value.unwrap_or_else(|| panic!("no {field} stored for {account}")).to_string()
}

fn logged_in_accounts(dir: &std::path::Path) -> String {
    let out = murre(dir, &["accounts"], "");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn mastodon_browser_login_through_the_loopback_redirect() {
    let dir = std::env::temp_dir().join(format!("murre-e2e-oauth-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (child, authorize) = start_browser_login(&dir);
    for must in ["code_challenge_method=S256", "state=", "redirect_uri=http%3A%2F%2F127.0.0.1%3A", "scope=read"] {
        assert!(authorize.contains(must), "{must} missing in {authorize}");
    }
    let back = authorize_in_browser(&authorize, "grace").await;
    let page = web().get(&back).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(page.status().is_success(), "callback answered {}", page.status());
    let out = tokio::task::spawn_blocking(move || child.wait_with_output()).await.ok().and_then(Result::ok);
    let out = out.unwrap_or_else(|| panic!("murre did not finish"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(logged_in_accounts(&dir).contains("mastodon:grace@127.0.0.1:3000"));
    let secrets = std::fs::read_to_string(dir.join("data/secrets.toml")).unwrap_or_default();
    assert!(secrets.contains("o_auth_app") || secrets.contains("client_secret"), "the app registration is cached");
    // Logging out revokes the token on the server.
    let token = stored(&dir, "mastodon:grace@127.0.0.1:3000", "token");
    let out = murre(&dir, &["logout", "mastodon:grace@127.0.0.1:3000"], "");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Revoked"));
    let url = format!("{}/api/v1/accounts/verify_credentials", text(&servers("mastodon"), "/url"));
    let status = web().get(url).bearer_auth(token).send().await.map(|r| r.status().as_u16()).unwrap_or(0);
    assert_eq!(status, 401, "the revoked token still works");
    assert!(!logged_in_accounts(&dir).contains("grace"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn mastodon_browser_login_with_a_pasted_address_and_a_forged_state_refused() {
    let dir = std::env::temp_dir().join(format!("murre-e2e-paste-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (mut child, authorize) = start_browser_login(&dir);
    let back = authorize_in_browser(&authorize, "ada").await;
    // A forged redirect (another state) is refused and murre keeps waiting.
    let forged = back.replace("state=", "state=forged");
    let refused = web().get(&forged).send().await.map(|r| r.status().as_u16()).unwrap_or(0);
    assert_eq!(refused, 400);
    // The browser ran elsewhere: the user pastes the address it ended on.
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        let _ = writeln!(stdin, "{back}");
    }
    let out = tokio::task::spawn_blocking(move || child.wait_with_output()).await.ok().and_then(Result::ok);
    let out = out.unwrap_or_else(|| panic!("murre did not finish"));
    assert_eq!(out.status.code(), Some(0));
    assert!(logged_in_accounts(&dir).contains("mastodon:ada@127.0.0.1:3000"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_handle_resolves_to_its_did_and_pds_through_the_plc_directory() {
    let b = servers("bluesky");
    let dir = auth::Directory { resolver: text(&b, "/pds"), plc: text(&b, "/plc") };
    let (did, pds) = auth::resolve_pds(&web(), "@alice.test", &dir).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(did, text(&b, "/users/alice/did"));
    assert_eq!(pds.port(), Some(2583), "{pds}");
    let (_, again) = auth::resolve_pds(&web(), &did, &dir).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, pds, "a DID resolves like its handle");
    assert!(auth::resolve_pds(&web(), "nobody.test", &dir).await.is_err());
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn a_revoked_app_password_fails_login_and_its_session_cannot_refresh() {
    let b = servers("bluesky");
    let pds = text(&b, "/pds");
    let main = seeded_session("carol").await;
    let name = unique("murre-revoke").replace(' ', "-");
    let url = format!("{pds}/xrpc/com.atproto.server.createAppPassword");
    let created = web().post(url).bearer_auth(&main.access_jwt).json(&json!({ "name": name })).send().await;
    let created: Value =
        created.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}")).json().await.unwrap_or_default();
    let app_password = text(&created, "/password");

    let dir = std::env::temp_dir().join(format!("murre-e2e-revoked-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let login = ["login", "bluesky", "carol.test", "--service", pds.as_str(), "--app-password-stdin"];
    let ok = murre(&dir, &login, &format!("{app_password}\n"));
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));

    let url = format!("{pds}/xrpc/com.atproto.server.revokeAppPassword");
    let revoked = web().post(url).bearer_auth(&main.access_jwt).json(&json!({ "name": name })).send().await;
    revoked.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}"));

    let again = murre(&dir, &login, &format!("{app_password}\n"));
    assert_eq!(again.status.code(), Some(1));
    let err = String::from_utf8_lossy(&again.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");

    // The session made with it cannot be refreshed any more: a clear "log in again", not a retry loop.
    let session = bluesky::Session {
        did: stored(&dir, "bluesky:carol.test", "did"),
        handle: "carol.test".into(),
        access_jwt: stored(&dir, "bluesky:carol.test", "access_jwt"),
        refresh_jwt: stored(&dir, "bluesky:carol.test", "refresh_jwt"),
    };
    let id = AccountId::new(Network::Bluesky, "carol.test");
    let client = bluesky::Client::new(web(), &pds, id, session).unwrap_or_else(|e| panic!("{e}"));
    let err = client.refresh().await.err().unwrap_or_else(|| panic!("a revoked app password's session refreshed"));
    assert!(matches!(err, murre::backend::BackendError::Auth(_)), "{err:?}");
    assert!(err.user_message(Network::Bluesky).contains("log in again"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn a_first_login_from_inside_the_tui_brings_the_timeline_without_a_restart() {
    let b = servers("bluesky");
    let dir = std::env::temp_dir().join(format!("murre-e2e-tui-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let tui = Tmux::start("login", &dir);
    tui.wait_for("Press L to log in").await;
    tui.keys(&["L"]);
    tui.wait_for("Log in to which network?").await;
    tui.keys(&["bluesky", "Enter"]);
    tui.wait_for("Your handle").await;
    tui.keys(&["bob.test", "Enter"]);
    tui.wait_for("Your PDS").await;
    tui.keys(&[&text(&b, "/pds"), "Enter"]);
    tui.wait_for("App password for bob.test").await;
    tui.keys(&[&text(&b, "/users/bob/password"), "Enter"]);
    // Back in the TUI, bob's home timeline (he follows alice) loaded and is on screen.
    tui.wait_for("bob.test ✓").await;
    let screen = tui.screen();
    assert!(screen.contains("│B ") && !screen.contains("Press L to log in"), "{screen}");
    // Log out from the switcher: X asks, X again does it; the session dies on the PDS.
    let refresh = stored(&dir, "bluesky:bob.test", "refresh_jwt");
    tui.keys(&["a"]);
    tui.wait_for("X: log out").await;
    tui.keys(&["X"]);
    tui.wait_for("Press X again").await;
    tui.keys(&["X"]);
    tui.wait_for("Logged out of bluesky:bob.test").await;
    let config = std::fs::read_to_string(dir.join("config.toml")).unwrap_or_default();
    assert!(!config.contains("bob.test"), "{config}");
    let url = format!("{}/xrpc/com.atproto.server.refreshSession", text(&b, "/pds"));
    let status = web().post(url).bearer_auth(refresh).send().await.map(|r| r.status().as_u16()).unwrap_or(0);
    assert!(status == 400 || status == 401, "the session still refreshes ({status})");
    tui.keys(&["q"]);
    let _ = std::fs::remove_dir_all(&dir);
}

fn spans(p: &Post) -> Vec<(String, murre::model::Link)> {
    p.text.blocks.iter().flat_map(|b| &b.spans).filter_map(|s| s.link.clone().map(|l| (s.text.clone(), l))).collect()
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_rich_text_round_trip_through_the_reference_appview() {
    use murre::backend::bluesky::write::{NewPost, Target, tid};
    // Bob writes (the reader's own posts are thinned out by the AppView when paging); alice reads.
    let (bob, alice) = (seeded_client("bob").await, seeded_client("alice").await);
    let marker = unique("rt");
    let words = format!("Round trip 👩‍👩‍👧 日本語 https://example.com/rt?x=1 @carol.test #murree2e {marker}");
    let facets = murre::compose::facets::detect(&words);
    let mut targets = Vec::new();
    for f in &facets {
        let target = match &f.feature {
            murre::compose::facets::Feature::Link(uri) => Target::Link(uri.clone()),
            murre::compose::facets::Feature::Mention(handle) => {
                Target::Mention(bob.resolve_handle(handle).await.unwrap_or_else(|e| panic!("{e}")))
            }
            murre::compose::facets::Feature::Tag(tag) => Target::Tag(tag.clone()),
        };
        targets.push((f.start, f.end, target));
    }
    assert_eq!(targets.len(), 3, "link, mention and tag detected: {facets:?}");
    let rkey = tid(jiff::Timestamp::now(), 7);
    let post = NewPost { text: words.clone(), facets: targets, ..NewPost::default() };
    let (uri, _cid) = bob.create_post(&rkey, &post, jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    // A retry would find it by its rkey instead of creating it twice.
    let found = bob.find_post(&rkey).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found.map(|f| f.0), Some(uri.clone()));

    // Read back from the AppView through murre's reader: every facet covers exactly its substring.
    let client = Client::Bluesky(alice.clone());
    let read = eventually(Duration::from_secs(10), || async {
        let page = client.home(Cursor::Newest).await.ok()?;
        page.items.into_iter().find(|p| matches!(&p.id.key, murre::model::PostKey::Bluesky { uri: u, .. } if *u == uri))
    })
    .await;
    assert_eq!(read.text.to_plain(), words);
    let got: Vec<String> = spans(&read).into_iter().map(|(t, _)| t).collect();
    assert_eq!(got, ["https://example.com/rt?x=1", "@carol.test", "#murree2e"]);
    let carol_did = text(&servers("bluesky"), "/users/carol/did");
    assert!(spans(&read).iter().any(|(_, l)| matches!(l, murre::model::Link::Mention { target, .. } if target.contains(&carol_did) || target.contains("carol.test"))));

    bob.delete_post(&rkey).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bob.find_post(&rkey).await.unwrap_or_else(|e| panic!("{e}")), None);
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_reply_carries_root_and_parent_refs_checked_on_the_server() {
    use murre::backend::bluesky::write::{NewPost, tid};
    let b = servers("bluesky");
    let (root_uri, parent_uri) = (text(&b, "/posts/thread_root"), text(&b, "/posts/thread_reply"));
    let (alice, carol) = (seeded_client("alice").await, seeded_client("carol").await);
    let posts = all_pages(&Client::Bluesky(alice.clone())).await;
    let cid_of = |uri: &str| {
        posts.iter().find_map(|p| match &p.id.key {
            murre::model::PostKey::Bluesky { uri: u, cid } if u == uri => Some(cid.clone()),
            _ => None,
        })
    };
    let (root_cid, parent_cid) = (cid_of(&root_uri), cid_of(&parent_uri));
    let (Some(root_cid), Some(parent_cid)) = (root_cid, parent_cid) else {
        panic!("seeded thread not in the timeline")
    };
    let words = unique("carol answers bob");
    let post = NewPost {
        text: words,
        reply: Some(((parent_uri.clone(), parent_cid), (root_uri.clone(), root_cid))),
        ..NewPost::default()
    };
    let rkey = tid(jiff::Timestamp::now(), 9);
    let (uri, _) = carol.create_post(&rkey, &post, jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    // The server's own view of the thread holds the reply under bob's post.
    let url = format!("{}/xrpc/app.bsky.feed.getPostThread", text(&b, "/pds"));
    let access = alice.session().access_jwt;
    let replies = eventually(Duration::from_secs(10), || {
        let (url, access, root, mine) = (url.clone(), access.clone(), root_uri.clone(), uri.clone());
        async move {
            let query = [("uri", root.as_str()), ("depth", "10")];
            let resp = web().get(url).query(&query).bearer_auth(access).send().await.ok()?;
            let v: Value = resp.json().await.ok()?;
            v.to_string().contains(&mine).then_some(v)
        }
    })
    .await;
    let dump = replies.to_string();
    assert!(dump.contains(&parent_uri) && dump.contains(&uri));
    carol.delete_post(&rkey).await.unwrap_or_else(|e| panic!("{e}"));
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn mastodon_status_with_cw_and_visibility_is_idempotent_and_reads_back() {
    use murre::backend::mastodon::write::NewStatus;
    use murre::model::Visibility;
    let grace = mastodon_client("grace");
    let words = unique("grace writes 日本語 👩‍👩‍👧");
    let status = NewStatus {
        text: words.clone(),
        cw: "spoilers".into(),
        visibility: Visibility::Unlisted,
        in_reply_to: None,
        media_ids: Vec::new(),
    };
    let key = unique("key").replace(' ', "-");
    let first = grace.post_status(&status, &key).await.unwrap_or_else(|e| panic!("{e}"));
    let again = grace.post_status(&status, &key).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.id, again.id, "the same Idempotency-Key made a second status");
    assert_eq!((first.cw.as_deref(), first.visibility), (Some("spoilers"), Visibility::Unlisted));
    let mine = grace.own_newest().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mine.iter().filter(|p| p.text.to_plain() == words).count(), 1, "one status, found among the newest");
    let id = match &first.id.key {
        murre::model::PostKey::Mastodon { id, .. } => id.clone(),
        other => panic!("{other:?}"),
    };
    grace.delete_status(&id).await.unwrap_or_else(|e| panic!("{e}"));
    let after = grace.own_newest().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(after.iter().all(|p| p.text.to_plain() != words), "the status survived its deletion");
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn murre_post_cross_posts_to_both_and_each_server_shows_it() {
    let dir = logged_in_dir("post");
    let words = unique("Cross-post 👩‍👩‍👧 日本語 https://example.com/x @bob.test #murre");
    let out = murre(&dir, &["post", "--json", "--cw", "spoilers", &words], "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r["ok"] == true && r["url"].as_str().is_some_and(|u| u.starts_with("http"))));
    assert!(
        std::fs::read_dir(dir.join("data/outbox"))
            .map(|d| d.flatten().all(|e| !e.path().to_string_lossy().ends_with(".json")))
            .unwrap_or(true),
        "the outbox still holds the draft"
    );
    // Read back through murre: Mastodon keeps the CW; Bluesky gets it as a first line, with facets.
    let sky = Client::Bluesky(seeded_client("alice").await);
    let on_sky = eventually(Duration::from_secs(10), || async {
        sky.home(Cursor::Newest).await.ok()?.items.into_iter().find(|p| p.text.to_plain().ends_with(&words))
    })
    .await;
    assert!(on_sky.text.to_plain().starts_with("CW: spoilers"));
    let got: Vec<String> = spans(&on_sky).into_iter().map(|(t, _)| t).collect();
    assert_eq!(got, ["https://example.com/x", "@bob.test", "#murre"]);
    let masto = mastodon_client("grace").own_newest().await.unwrap_or_else(|e| panic!("{e}"));
    let on_masto =
        masto.iter().find(|p| p.text.to_plain().contains(&words)).unwrap_or_else(|| panic!("not on Mastodon"));
    assert_eq!(on_masto.cw.as_deref(), Some("spoilers"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn a_send_killed_after_the_server_created_the_post_finishes_without_a_duplicate() {
    use murre::store::outbox::{Outbox, State};
    let dir = logged_in_dir("killed");
    let words = unique("sent once");
    let request = murre::publish::prepare::Request {
        text: words.clone(),
        cw: String::new(),
        visibility: murre::model::Visibility::Public,
        targets: vec![AccountId("bluesky:bob.test".into()), AccountId("mastodon:grace@127.0.0.1:3000".into())],
        reply_to: None,
        ..Default::default()
    };
    let mut draft = murre::publish::prepare::draft(&request, jiff::Timestamp::now(), "x");
    // As if murre was killed right after both requests reached their servers: the posts exist, the
    // outbox says "attempted", nobody heard the answers.
    let bob = seeded_client("bob").await;
    let post = murre::backend::bluesky::write::NewPost { text: words.clone(), ..Default::default() };
    bob.create_post(&draft.targets[0].key, &post, jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let status = murre::backend::mastodon::write::NewStatus { text: words.clone(), ..Default::default() };
    mastodon_client("grace").post_status(&status, "another-key").await.unwrap_or_else(|e| panic!("{e}"));
    for t in &mut draft.targets {
        t.state = State::Attempted;
    }
    Outbox::new(&dir.join("data")).save(&draft).unwrap_or_else(|e| panic!("{e}"));

    let out = murre(&dir, &["post", "--retry"], "");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let masto = mastodon_client("grace").own_newest().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(masto.iter().filter(|p| p.text.to_plain() == words).count(), 1, "Mastodon got it twice");
    let sky = Client::Bluesky(seeded_client("alice").await);
    let copies = eventually(Duration::from_secs(10), || async {
        let page = sky.home(Cursor::Newest).await.ok()?;
        let n = page.items.iter().filter(|p| p.text.to_plain() == words).count();
        (n > 0).then_some(n)
    })
    .await;
    assert_eq!(copies, 1, "Bluesky got it twice");
    assert_eq!(posts_with(&sky, &words).await, 1);
    assert!(Outbox::new(&dir.join("data")).list().unwrap_or_default().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

/// How many of the newest page's posts carry exactly `words` (after the AppView caught up).
async fn posts_with(client: &Client, words: &str) -> usize {
    let page = client.home(Cursor::Newest).await.unwrap_or_else(|e| panic!("{e}"));
    page.items.iter().filter(|p| p.text.to_plain() == words).count()
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn replies_through_publish_carry_the_right_refs_on_both_servers() {
    use murre::model::PostKey;
    let b = servers("bluesky");
    let alice = Client::Bluesky(seeded_client("alice").await);
    let posts = all_pages(&alice).await;
    // Carol answers bob's reply in alice's thread: the parent is bob's post, the root alice's.
    let parent = posts
        .iter()
        .find_map(|p| match &p.id.key {
            PostKey::Bluesky { uri, .. } if *uri == text(&b, "/posts/thread_reply") => Some(p.id.key.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("bob's reply is not in the timeline"));
    let carol = Client::Bluesky(seeded_client("carol").await);
    let grace = Client::Mastodon(mastodon_client("grace"));
    let ada_status = mastodon_client("ada").own_newest().await.unwrap_or_else(|e| panic!("{e}"));
    let ada_key = ada_status.first().map(|p| p.id.key.clone()).unwrap_or_else(|| panic!("ada has no status"));
    let dir = std::env::temp_dir().join(format!("murre-e2e-replies-{}", std::process::id()));
    let outbox = murre::store::outbox::Outbox::new(&dir);
    for (key, client) in [(parent, carol), (ada_key.clone(), grace)] {
        let words = unique("a reply");
        let request = murre::publish::prepare::Request {
            text: words.clone(),
            cw: String::new(),
            visibility: murre::model::Visibility::Public,
            targets: vec![client.account().clone()],
            reply_to: Some(key),
            ..Default::default()
        };
        assert!(murre::publish::prepare::problems(&request).is_empty());
        let mut draft = murre::publish::prepare::draft(&request, jiff::Timestamp::now(), "r");
        let out = murre::publish::send(&outbox, &mut draft, std::slice::from_ref(&client)).await;
        let out = out.unwrap_or_else(|e| panic!("{e}"));
        assert!(out[0].error.is_none(), "{out:?}");
        if let Client::Bluesky(_) = client {
            // The server's thread of alice's root holds carol's reply under bob's post.
            let url = format!("{}/xrpc/app.bsky.feed.getPostThread", text(&b, "/pds"));
            let root = text(&b, "/posts/thread_root");
            let access = seeded_session("alice").await.access_jwt;
            eventually(Duration::from_secs(10), || {
                let (url, root, access, words) = (url.clone(), root.clone(), access.clone(), words.clone());
                async move {
                    let resp = web()
                        .get(url)
                        .query(&[("uri", root.as_str()), ("depth", "10")])
                        .bearer_auth(access)
                        .send()
                        .await
                        .ok()?;
                    let v: Value = resp.json().await.ok()?;
                    let bob = v
                        .pointer("/thread/replies")?
                        .as_array()?
                        .iter()
                        .find(|r| r.to_string().contains("Reply from bob"))?;
                    bob.to_string().contains(&words).then_some(())
                }
            })
            .await;
        } else {
            let mine = mastodon_client("grace").own_newest().await.unwrap_or_else(|e| panic!("{e}"));
            let reply = mine.iter().find(|p| p.text.to_plain().contains(&words)).unwrap_or_else(|| panic!("no reply"));
            let PostKey::Mastodon { id, .. } = &ada_key else { panic!("not a status") };
            assert_eq!(reply.reply_to.as_ref().and_then(|r| r.id.as_deref()), Some(id.as_str()));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The user's own server-side filters, made on the Mastodon API server: a `warn` filter puts the
/// status behind "Filtered: TITLE", a `hide` filter takes it out of the home timeline, as the
/// server marks them in each status's `filtered`.
#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn mastodon_server_side_filters_warn_or_hide_in_the_home_timeline() {
    let m = servers("mastodon");
    let (url, token) = (text(&m, "/url"), text(&m, "/tokens/ada"));
    let word = |w: &str| format!("{w}{}", jiff::Timestamp::now().as_nanosecond());
    let (warned, hidden) = (word("zebraword"), word("okapiword"));
    for (title, action, keyword) in [("Zebras", "warn", &warned), ("Okapis", "hide", &hidden)] {
        let body = json!({"title": title, "context": ["home"], "filter_action": action,
            "keywords_attributes": [{"keyword": keyword, "whole_word": true}]});
        let made = web().post(format!("{url}/api/v2/filters")).bearer_auth(&token).json(&body).send().await;
        made.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}"));
    }
    let ada = mastodon_client("ada");
    for text_ in [format!("about {warned} today"), format!("about {hidden} today"), unique("plain status")] {
        let status = murre::backend::mastodon::write::NewStatus { text: text_, ..Default::default() };
        ada.post_status(&status, &unique("k").replace(' ', "-")).await.unwrap_or_else(|e| panic!("{e}"));
    }
    let home = Client::Mastodon(ada).home(Cursor::Newest).await.unwrap_or_else(|e| panic!("{e}"));
    let find = |w: &str| home.items.iter().find(|p| p.text.to_plain().contains(w));
    let warn = find(&warned).unwrap_or_else(|| panic!("the warned status is gone"));
    assert_eq!(warn.cw.as_deref(), Some("Filtered: Zebras"));
    assert!(find(&hidden).is_none(), "the hidden status still shows");
    assert!(home.items.iter().any(|p| p.text.to_plain().starts_with("plain status")));
}

/// An XRPC procedure as `session`, the way another app would send it.
async fn bluesky_procedure(session: &bluesky::Session, nsid: &str, body: Value) -> Value {
    let url = format!("{}/xrpc/{nsid}", text(&servers("bluesky"), "/pds"));
    let resp = web().post(url).bearer_auth(&session.access_jwt).json(&body).send().await;
    let resp = resp.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{nsid}: {e}"));
    resp.json().await.unwrap_or_default()
}

/// The account's own Bluesky preferences, set on the reference PDS the way Bluesky's app sets them
/// (`putPreferences`): a muted word and adult content off hide posts from the home feed; with adult
/// content on and the label ignored, and no muted word, the same posts show, unwarned.
#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_preferences_muted_words_and_labels_hide_posts_in_the_home_feed() {
    let poster = common::live::fresh_bluesky_account("mwpost").await;
    let reader = common::live::fresh_bluesky_account("mwread").await;
    let now = || jiff::Timestamp::now().to_string();
    let follow = json!({"repo": reader.did, "collection": "app.bsky.graph.follow",
        "record": {"$type": "app.bsky.graph.follow", "subject": poster.did, "createdAt": now()}});
    bluesky_procedure(&reader, "com.atproto.repo.createRecord", follow).await;
    let tag = jiff::Timestamp::now().as_nanosecond().to_string();
    let posts = [
        (format!("a zebra crossing {tag}"), json!(null)),
        (
            format!("a suggestive picture {tag}"),
            json!({"$type": "com.atproto.label.defs#selfLabels", "values": [{"val": "sexual"}]}),
        ),
        (format!("plain words {tag}"), json!(null)),
    ];
    for (words, labels) in &posts {
        let mut record = json!({"$type": "app.bsky.feed.post", "text": words, "createdAt": now()});
        if !labels.is_null() {
            record["labels"] = labels.clone();
        }
        let body = json!({"repo": poster.did, "collection": "app.bsky.feed.post", "record": record});
        bluesky_procedure(&poster, "com.atproto.repo.createRecord", body).await;
    }
    let strict = json!({"preferences": [
        {"$type": "app.bsky.actor.defs#adultContentPref", "enabled": false},
        {"$type": "app.bsky.actor.defs#mutedWordsPref", "items": [{"value": "zebra", "targets": ["content", "tag"], "actorTarget": "all"}]}
    ]});
    bluesky_procedure(&reader, "app.bsky.actor.putPreferences", strict).await;
    let read = || async {
        let client = Client::Bluesky(common::live::bluesky_client(reader.clone()));
        let home = client.home(Cursor::Newest).await.ok()?;
        let mine: Vec<(String, Option<String>)> = home
            .items
            .into_iter()
            .filter(|p| p.text.to_plain().ends_with(&tag))
            .map(|p| (p.text.to_plain(), p.cw))
            .collect();
        mine.iter().any(|(t, _)| t.starts_with("plain")).then_some(mine)
    };
    let shown = eventually(Duration::from_secs(15), read).await;
    assert_eq!(shown, vec![(posts[2].0.clone(), None)], "the muted word and the adult label hide two posts");
    let relaxed = json!({"preferences": [
        {"$type": "app.bsky.actor.defs#adultContentPref", "enabled": true},
        {"$type": "app.bsky.actor.defs#contentLabelPref", "label": "sexual", "visibility": "ignore"}
    ]});
    bluesky_procedure(&reader, "app.bsky.actor.putPreferences", relaxed).await;
    let shown = eventually(Duration::from_secs(15), read).await;
    let mut texts: Vec<&str> = shown.iter().map(|(t, _)| t.as_str()).collect();
    texts.sort_unstable();
    let mut all: Vec<&str> = posts.iter().map(|(t, _)| t.as_str()).collect();
    all.sort_unstable();
    assert_eq!(texts, all);
    assert!(shown.iter().all(|(_, cw)| cw.is_none()), "an ignored label warns of nothing: {shown:?}");
}
