//! Tumblr token renewal against the demo server, with the file store two murre processes share:
//! an expired token is renewed once and saved; a second process adopts it instead of spending the
//! rotated-away refresh token; concurrent requests cause one renewal; a passed `expires_at` renews
//! before the request is sent.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::join_all;
use murre::backend::oauth::AppKeys;
use murre::backend::tumblr::{self, Tokens, auth};
use murre::backend::{Cursor, http};
use murre::demo::{self, DemoNetwork};
use murre::model::AccountId;
use murre::store::secrets::{Secret, Secrets};
use murre::store::sessions::FileTokens;

const ACCOUNT: &str = "tumblr:murre-demo";

fn app() -> AppKeys {
    AppKeys { client_id: demo::TUMBLR_CLIENT_ID.into(), client_secret: demo::TUMBLR_CLIENT_SECRET.into() }
}

fn web() -> reqwest::Client {
    http::client(Duration::from_secs(10)).unwrap_or_else(|e| panic!("{e}"))
}

/// A demo server, a fresh grant from it (stored), and the folder of the secret store.
async fn setup(name: &str) -> (DemoNetwork, Tokens, PathBuf) {
    let net = DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let api = http::base_url(&net.tumblr.url).unwrap_or_else(|e| panic!("{e}"));
    let tokens = auth::exchange(&web(), &api, &app(), demo::TUMBLR_CODE).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(tokens.refresh_token.is_some() && tokens.expires_at.is_some());
    let dir = std::env::temp_dir().join(format!("murre-tumblr-refresh-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    store(&dir, &tokens);
    (net, tokens, dir)
}

fn store(dir: &std::path::Path, t: &Tokens) {
    let secret = Secret::TumblrToken {
        access_token: t.access_token.clone(),
        refresh_token: t.refresh_token.clone(),
        expires_at: t.expires_at,
    };
    Secrets::new(dir).set(ACCOUNT, secret).unwrap_or_else(|e| panic!("{e}"));
}

fn stored(dir: &std::path::Path) -> Option<Secret> {
    Secrets::new(dir).get(ACCOUNT).ok().flatten()
}

/// One murre process's client: the tokens it read at start, the shared file store.
fn client(net: &DemoNetwork, dir: &std::path::Path, tokens: Tokens) -> tumblr::Client {
    let id = AccountId(ACCOUNT.into());
    let client = tumblr::Client::with_tokens(web(), &net.tumblr.url, id, tokens).unwrap_or_else(|e| panic!("{e}"));
    client.with_app(app()).with_store(Arc::new(FileTokens::new(Secrets::new(dir), ACCOUNT)))
}

fn as_secret(t: &Tokens) -> Secret {
    Secret::TumblrToken {
        access_token: t.access_token.clone(),
        refresh_token: t.refresh_token.clone(),
        expires_at: t.expires_at,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_process_adopts_the_renewal_instead_of_spending_a_rotated_refresh_token() {
    let (net, first, dir) = setup("adopt").await;
    let (a, b) = (client(&net, &dir, first.clone()), client(&net, &dir, first.clone()));
    net.tumblr.faults.expire_tokens();
    assert!(a.home(Cursor::Newest).await.is_ok(), "a did not renew");
    let renewed = a.tokens();
    assert!(renewed.access_token != first.access_token && renewed.refresh_token != first.refresh_token);
    assert_eq!(stored(&dir), Some(as_secret(&renewed)), "saved at once");
    // b still holds the old tokens: its 401 makes it read the store, not spend the spent token.
    let page = b.home(Cursor::Newest).await;
    assert!(page.is_ok_and(|p| !p.items.is_empty()), "b did not adopt");
    assert_eq!(b.tokens(), renewed);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_and_processes_renew_once() {
    let (net, first, dir) = setup("concurrent").await;
    let one = client(&net, &dir, first.clone());
    let other = client(&net, &dir, first.clone());
    net.tumblr.faults.expire_tokens();
    // A second refresh with the same refresh token would be refused (it rotates): all must succeed.
    let clones = [one.clone(), one.clone(), one.clone(), other.clone(), other];
    let results = join_all(clones.iter().map(|c| c.home(Cursor::Newest))).await;
    assert!(
        results.iter().all(Result::is_ok),
        "{:?}",
        results.iter().filter_map(|r| r.as_ref().err()).collect::<Vec<_>>()
    );
    assert_eq!(clones[0].tokens(), clones[4].tokens(), "both processes end on the same tokens");
    assert_eq!(stored(&dir), Some(as_secret(&one.tokens())));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_passed_expiry_renews_before_the_request() {
    let (net, first, dir) = setup("expiry").await;
    let past = Tokens { expires_at: Some(jiff::Timestamp::now().as_second() - 10), ..first.clone() };
    store(&dir, &past);
    let c = client(&net, &dir, past);
    let before = net.tumblr.faults.requests();
    assert!(c.home(Cursor::Newest).await.is_ok());
    // One token request, one dashboard request: the stale token was never sent.
    assert_eq!(net.tumblr.faults.requests() - before, 2);
    assert_ne!(c.tokens().access_token, first.access_token);
    assert!(!c.tokens().expired(jiff::Timestamp::now().as_second()));
    assert_eq!(stored(&dir), Some(as_secret(&c.tokens())));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_refresh_token_is_an_auth_error() {
    let (net, first, dir) = setup("refused").await;
    let api = http::base_url(&net.tumblr.url).unwrap_or_else(|e| panic!("{e}"));
    let refresh = first.refresh_token.clone().unwrap_or_default();
    assert!(auth::refresh(&web(), &api, &app(), &refresh).await.is_ok());
    // The stored refresh token is now spent elsewhere (say, a copy of the store on another machine).
    net.tumblr.faults.expire_tokens();
    let err = client(&net, &dir, first).home(Cursor::Newest).await.err();
    match err {
        Some(murre::backend::BackendError::Auth(m)) => assert!(m.contains("invalid_grant"), "{m}"),
        other => panic!("expected Auth, got {other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clones_without_a_store_still_renew_once() {
    let (net, first, dir) = setup("gate").await;
    let id = AccountId(ACCOUNT.into());
    let c = tumblr::Client::with_tokens(web(), &net.tumblr.url, id, first).unwrap_or_else(|e| panic!("{e}"));
    let c = c.with_app(app());
    net.tumblr.faults.expire_tokens();
    let clones = [c.clone(), c.clone(), c.clone(), c];
    let results = join_all(clones.iter().map(|c| c.home(Cursor::Newest))).await;
    assert!(results.iter().all(Result::is_ok), "a second refresh spent a rotated token");
    let _ = std::fs::remove_dir_all(&dir);
}
