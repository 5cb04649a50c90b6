//! Hermetic integration: the real backends against the demo servers, with injected faults.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::demo::{all_pages, setup};
use common::now;
use murre::backend::{BackendError, Cursor, http, mastodon};
use murre::model::{AccountId, Link, Network, Post};

#[tokio::test]
async fn every_network_pages_to_the_end_without_duplicates() {
    let s = setup(Duration::from_secs(10)).await;
    // Link URLs name another host, as GoToSocial does: murre must keep asking its own server.
    s.net.mastodon.faults.set_link_host(Some("elsewhere.invalid:1".into()));
    for client in &s.clients {
        let posts = all_pages(client).await;
        assert!(posts.len() >= 60, "{}: only {} posts", client.network(), posts.len());
        let keys: HashSet<String> = posts.iter().map(Post::feed_key).collect();
        assert_eq!(keys.len(), posts.len(), "{} repeats posts across pages", client.network());
    }
}

#[tokio::test]
async fn refresh_finds_a_new_post_on_mastodon() {
    let s = setup(Duration::from_secs(10)).await;
    let first = s.clients[0].home(Cursor::Newest).await.unwrap_or_else(|e| panic!("{e}"));
    let newer = first.newer.unwrap_or_else(|| panic!("no newer cursor"));
    s.net.mastodon.push_post("alice@social.example", "fresh news", now());
    let page = s.clients[0].home(Cursor::Newer(newer)).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.items.first().map(|p| p.text.to_plain()), Some("fresh news".to_string()));
}

#[tokio::test]
async fn faults_become_readable_errors() {
    let s = setup(Duration::from_millis(500)).await;
    let m = &s.net.mastodon.faults;
    m.fail_next(3, 500);
    assert!(matches!(s.clients[0].home(Cursor::Newest).await, Err(BackendError::Server { status: 500, .. })));
    m.rate_limit_next(1, 30);
    assert_eq!(
        s.clients[0].home(Cursor::Newest).await.err(),
        Some(BackendError::RateLimited { retry_after: Some(Duration::from_secs(30)) })
    );
    m.garbage_next(1);
    assert!(matches!(s.clients[0].home(Cursor::Newest).await, Err(BackendError::Decode(_))));
    s.net.bluesky.faults.hang_next(1);
    assert_eq!(s.clients[1].home(Cursor::Newest).await.err(), Some(BackendError::Network("timed out".into())));
    s.net.tumblr.faults.fail_next(1, 401);
    assert!(matches!(s.clients[2].home(Cursor::Newest).await, Err(BackendError::Auth(_))));
    // Each server recovers once its faults are used up.
    for c in &s.clients {
        assert!(c.home(Cursor::Newest).await.is_ok(), "{} did not recover", c.network());
    }
}

#[tokio::test]
async fn a_wrong_token_is_an_auth_error_with_a_clear_message() {
    let s = setup(Duration::from_secs(5)).await;
    let h = http::client(Duration::from_secs(5)).unwrap_or_else(|e| panic!("{e}"));
    let bad = mastodon::Client::new(h, &s.net.mastodon.url, AccountId("mastodon:x@y".into()), "wrong".into())
        .unwrap_or_else(|e| panic!("{e}"));
    let err = bad.home(Cursor::Newest).await.err().unwrap_or_else(|| panic!("accepted a wrong token"));
    assert!(matches!(err, BackendError::Auth(_)));
    assert!(err.user_message(Network::Mastodon).contains("log in again"));
}

#[tokio::test]
async fn instance_limits_fall_back_to_v1() {
    let s = setup(Duration::from_secs(5)).await;
    let v2 = s.clients[0].limits().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((v2.max_chars, v2.chars_per_url), (500, Some(23)));
    s.net.mastodon.faults.set_v2_instance(false);
    let v1 = s.clients[0].limits().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v1.max_chars, 500);
}

#[tokio::test]
async fn no_control_character_survives_any_backend() {
    let s = setup(Duration::from_secs(10)).await;
    for client in &s.clients {
        for post in all_pages(client).await {
            let json = serde_json::to_string(&post).unwrap_or_default();
            // serde escapes control characters as \uXXXX; none may be there (newline is \n).
            for bad in ["\\u001b", "\\u0000", "\\u0007", "\\u007f", "\u{9b}", "\u{202e}", "\\u009b"] {
                assert!(!json.contains(bad), "{}: {bad} in {json}", client.network());
            }
        }
    }
}

#[tokio::test]
async fn bluesky_facets_after_cjk_and_emoji_point_at_the_right_text() {
    let s = setup(Duration::from_secs(10)).await;
    let posts = all_pages(&s.clients[1]).await;
    let mut checked = 0;
    for post in &posts {
        for span in post.text.blocks.iter().flat_map(|b| &b.spans) {
            match &span.link {
                Some(Link::Url { url }) => {
                    let shown = span.text.trim_end_matches('…');
                    assert!(
                        url.contains(
                            shown
                                .trim_start_matches("https://")
                                .trim_start_matches("http://")
                                .split('/')
                                .next()
                                .unwrap_or("")
                        ),
                        "{shown} -> {url}"
                    );
                    checked += 1;
                }
                Some(Link::Mention { handle, target }) => {
                    assert!(span.text.starts_with('@') && target.starts_with("did:"), "{handle} {target}");
                    checked += 1;
                }
                Some(Link::Tag { tag }) => {
                    assert_eq!(span.text, format!("#{tag}"));
                    checked += 1;
                }
                None => {}
            }
        }
    }
    assert!(checked > 10, "only {checked} facets checked");
}

/// The whole read path as the TUI runs it: effects spawned by the runtime, answers fed to `update`.
/// Bluesky fails and Tumblr hangs; Mastodon's rows must render meanwhile, with the errors in the
/// status bar. Decided by the order of events, never by timing.
#[tokio::test]
async fn one_failing_and_one_hanging_source_never_blank_the_other() {
    use murre::app::{App, Msg, Source, start, update};
    let s = setup(Duration::from_secs(30)).await;
    s.net.bluesky.faults.fail_next(10, 503);
    s.net.tumblr.faults.hang_next(1);
    let sources = s.clients.iter().map(|c| Source::new(c.account().clone(), c.network())).collect();
    let mut app = App::new(sources, now());
    update(&mut app, Msg::Resize { width: 120, height: 30 });
    let keymap = murre::ui::Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let rt = murre::runtime::Runtime {
        clients: std::sync::Arc::new(std::sync::RwLock::new(s.clients)),
        theme: murre::ui::Theme::default(),
        keymap: keymap.clone(),
        home: None,
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    for effect in start(&mut app) {
        rt.spawn(effect, tx.clone());
    }
    // Two answers arrive (Mastodon's page and Bluesky's error); Tumblr's request is still open.
    for _ in 0..2 {
        let msg = rx.recv().await.unwrap_or_else(|| panic!("channel closed"));
        for effect in update(&mut app, msg) {
            rt.spawn(effect, tx.clone());
        }
    }
    assert!(!app.pane().rows.is_empty(), "Mastodon's rows are not shown");
    assert!(app.sources[1].error.is_some(), "Bluesky's error is not recorded");
    assert!(app.sources[2].pending_newer.is_some(), "Tumblr should still be loading");
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap_or_else(|e| panic!("{e}"));
    term.draw(|f| murre::ui::draw(f, &app, &rt.theme, &keymap)).unwrap_or_else(|e| panic!("{e}"));
    let screen: String = term.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(screen.contains("server error 503"), "the Bluesky error is not on screen: {screen}");
    assert!(app.pane().rows.iter().all(|&r| app.timeline.post(r).is_some_and(|p| p.network() == Network::Mastodon)));
}
