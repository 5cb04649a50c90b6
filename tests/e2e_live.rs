//! End-to-end live updates against the Mastodon API mock (tests/e2e/start.sh): its WebSocket
//! streaming endpoint (`/api/v1/streaming?stream=user`, the token in the query: murre's header
//! first, then the query, as the API allows) and its read markers. Another user (grace, whom ada
//! follows) posts, edits and deletes; ada's stream brings each, and the TUI's timeline shows the
//! post with polling off. Ignored by a plain `cargo test`; tests/e2e/run.sh runs them.

mod common;

use std::time::Duration;

use common::live::{mastodon_client, murre, servers, text, unique, web};
use common::tmux::Tmux;
use murre::app::live::LiveConfig;
use murre::app::{App, Source};
use murre::backend::{Client, StreamEvent};
use murre::model::PostKey;
use murre::runtime::{Driver, Runtime};
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(15);

/// Grace's request to `path` on the mock, with `body` as JSON.
async fn as_grace(method: reqwest::Method, path: &str, body: Value) -> Value {
    let url = format!("{}{path}", text(&servers("mastodon"), "/url"));
    let sent = web().request(method, url).bearer_auth("grace_token").json(&body).send().await;
    let answer = sent.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{path}: {e}"));
    answer.json().await.unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The next event of `stream`, within `WAIT`.
async fn next(stream: &mut murre::backend::mastodon::Stream) -> StreamEvent {
    match tokio::time::timeout(WAIT, stream.next()).await {
        Ok(Ok(event)) => event,
        Ok(Err(end)) => panic!("the stream ended: {end:?}"),
        Err(_) => panic!("no event within {WAIT:?}"),
    }
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn a_status_grace_posts_edits_and_deletes_reaches_ada_through_the_stream() {
    let ada = mastodon_client("ada");
    let mut stream = ada.stream(None).await.unwrap_or_else(|e| panic!("no stream: {e:?}"));
    let words = unique("live from grace");
    let posted = as_grace(reqwest::Method::POST, "/api/v1/statuses", json!({"status": words})).await;
    let id = posted["id"].as_str().unwrap_or_else(|| panic!("no id in {posted}")).to_string();
    let post = loop {
        if let StreamEvent::Update(post) = next(&mut stream).await
            && post.text.to_plain() == words
        {
            break post;
        }
    };
    assert!(post.author.handle.starts_with("grace"), "by grace: {:?}", post.author);
    assert!(matches!(&post.id.key, PostKey::Mastodon { id: x, .. } if *x == id));
    assert_eq!(post.id.account, *ada.account(), "fetched by ada");

    let edited = format!("{words} (edited)");
    as_grace(reqwest::Method::PUT, &format!("/api/v1/statuses/{id}"), json!({"status": edited})).await;
    loop {
        if let StreamEvent::Edit(p) = next(&mut stream).await {
            assert_eq!(p.text.to_plain(), edited);
            break;
        }
    }
    as_grace(reqwest::Method::DELETE, &format!("/api/v1/statuses/{id}"), json!({})).await;
    loop {
        if let StreamEvent::Delete(gone) = next(&mut stream).await {
            assert_eq!(gone, id);
            break;
        }
    }
    stream.close().await;
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn the_timeline_shows_a_streamed_post_with_polling_off() {
    let ada = Client::Mastodon(mastodon_client("ada"));
    let mut app = App::new(vec![Source::new(ada.account().clone(), ada.network())], jiff::Timestamp::now());
    app.live = LiveConfig { poll: None, stream: true, read_position: false };
    // A short screen: the timeline reaches below it, so a new post waits above the reader.
    app.size = (120, 10);
    let keymap = murre::ui::Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let outbox = murre::store::outbox::Outbox::new(&std::env::temp_dir().join("murre-e2e-live-outbox"));
    let mut d = Driver::start(app, Runtime::new(vec![ada], murre::ui::Theme::default(), keymap, outbox));
    assert!(d.run_until(WAIT, |app| app.sources[0].live.streaming() && app.settled()).await, "no stream");
    // A first catch-up fetch follows the opening; let it land before grace posts.
    d.run_for(Duration::from_secs(2)).await;
    let words = unique("seen live");
    as_grace(reqwest::Method::POST, "/api/v1/statuses", json!({"status": words})).await;
    let shown =
        |app: &App| app.pane().rows.iter().filter_map(|&r| app.timeline.post(r)).any(|p| p.text.to_plain() == words);
    assert!(d.run_until(WAIT, shown).await, "grace's post never showed");
    assert!(d.app.pane().fresh >= 1, "it waits above the reader as a new post");
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn the_home_marker_keeps_where_ada_stopped() {
    let ada = mastodon_client("ada");
    let page =
        Client::Mastodon(ada.clone()).home(murre::backend::Cursor::Newest).await.unwrap_or_else(|e| panic!("{e}"));
    let Some(PostKey::Mastodon { id, .. }) = page.items.iter().find(|p| p.repost.is_none()).map(|p| p.id.key.clone())
    else {
        panic!("ada's home timeline is empty");
    };
    ada.set_home_marker(&id).await.unwrap_or_else(|e| panic!("{e}"));
    let marker = ada.home_marker().await.unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|| panic!("no marker"));
    assert_eq!(marker.last_read_id, id);
    assert!(marker.updated_at.is_some());
}

/// The selected post's text as the detail pane (right of the timeline pane's border) shows it.
fn selected_line(screen: &str) -> String {
    let right = |line: &str| line.split_once("││").map(|(_, r)| r.to_string()).unwrap_or_default();
    let line = screen.lines().skip(2).take(10).map(right).find(|l| l.contains("filler"));
    line.unwrap_or_default().trim().to_string()
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn in_the_tui_grace_posts_arrive_above_without_moving_the_reader() {
    // Enough of grace's posts in ada's home that the timeline reaches below the screen.
    for i in 0..16 {
        as_grace(reqwest::Method::POST, "/api/v1/statuses", json!({"status": unique(&format!("filler {i}"))})).await;
    }
    let dir = std::env::temp_dir().join(format!("murre-e2e-live-tui-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let ok = murre(&dir, &["login", "mastodon", &text(&servers("mastodon"), "/url"), "--token-stdin"], "ada_token\n");
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    // Another test moves ada's home marker meanwhile: this one starts at the newest.
    let config = dir.join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap_or_default();
    let _ = std::fs::write(&config, text.replace("remember_position = true", "remember_position = false"));
    let tui = Tmux::start("live", &dir);
    tui.wait_for("✓ live").await;
    tui.keys(&["j", "j", "j"]);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = selected_line(&tui.screen());
    assert!(before.contains("filler"), "a filler is selected:\n{}", tui.screen());
    let words = unique("while ada reads");
    as_grace(reqwest::Method::POST, "/api/v1/statuses", json!({"status": words})).await;
    // "↑ 1 new post · g", or more when other tests post as grace at the same time.
    tui.wait_for(" new post").await;
    assert_eq!(selected_line(&tui.screen()), before, "the reader's post moved:\n{}", tui.screen());
    assert!(!tui.screen().contains(&words), "the new post is above the view");
    tui.keys(&["g"]);
    tui.wait_for(&words).await;
    assert!(!tui.screen().contains("new post"), "g cleared the count:\n{}", tui.screen());
    tui.keys(&["q"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A list's stream (`stream=list&list=ID`): a status of the list's member reaches ada through it.
#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn a_status_of_a_lists_member_reaches_ada_through_the_lists_stream() {
    let base = text(&servers("mastodon"), "/url");
    let made = web().post(format!("{base}/api/v1/_mock/dev_user")).json(&json!({})).send().await;
    let member: Value =
        made.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}")).json().await.unwrap_or_default();
    let (member_id, token) = (text(&member, "/id"), text(&member, "/access_token"));
    let ada_token = text(&servers("mastodon"), "/tokens/ada");
    // As on Mastodon, a list streams the statuses of members its owner follows.
    let follow = web().post(format!("{base}/api/v1/accounts/{member_id}/follow")).bearer_auth(&ada_token);
    follow.send().await.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}"));
    let lists = format!("{base}/api/v1/lists");
    let made = web().post(&lists).bearer_auth(&ada_token).form(&[("title", "murre e2e stream")]).send().await;
    let list: Value =
        made.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}")).json().await.unwrap_or_default();
    let id = list["id"].as_str().map_or_else(|| list["id"].to_string(), str::to_string);
    let added =
        web().post(format!("{lists}/{id}/accounts")).bearer_auth(&ada_token).form(&[("account_ids[]", &member_id)]);
    added.send().await.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}"));

    let ada = mastodon_client("ada");
    let mut stream = ada.stream(Some(&id)).await.unwrap_or_else(|e| panic!("no list stream: {e:?}"));
    let words = unique("live in the list");
    let sent = web().post(format!("{base}/api/v1/statuses")).bearer_auth(&token).form(&[("status", words.as_str())]);
    sent.send().await.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}"));
    loop {
        if let StreamEvent::Update(post) = next(&mut stream).await
            && post.text.to_plain() == words
        {
            assert_eq!(post.id.account, *ada.account(), "fetched by ada");
            break;
        }
    }
}
