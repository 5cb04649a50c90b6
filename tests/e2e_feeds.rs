//! End-to-end lists and feeds against the real servers (tests/e2e/start.sh): a Mastodon list on
//! the mock (members' statuses, paged by the Link header's `max_id` to the end; a deleted list
//! worded), and on the reference Bluesky stack alice's saved feeds from her preferences (pinned
//! first), her list's posts through `app.bsky.feed.getListFeed`, a custom feed served by a local
//! feed generator through `app.bsky.feed.getFeed` and paged to the end, a generator that fails and
//! a deleted list worded. And the TUI in tmux against the demo servers: `f`, a feed opened and
//! paged by moving down, a deleted list's note. Ignored by a plain `cargo test`; tests/e2e/run.sh
//! runs them.

mod common;

use common::live::{mastodon_client, seeded_client, servers, text, web};
use murre::app::views::feed::describe;
use murre::backend::feeds::{Feed, FeedKind};
use murre::backend::{Client, Cursor};
use murre::model::{Post, PostKey};
use serde_json::{Value, json};

fn unique(posts: &[Post]) -> bool {
    posts.iter().enumerate().all(|(i, p)| posts[..i].iter().all(|q| !q.id.key.same_post(&p.id.key)))
}

fn clean(name: &str) -> bool {
    !name.chars().any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
}

/// A Mastodon API call on the mock as `user`, its JSON answer.
async fn mastodon(method: reqwest::Method, path: &str, user: &str, form: &[(&str, &str)]) -> Value {
    let m = servers("mastodon");
    let url = format!("{}{path}", text(&m, "/url"));
    let sent = web().request(method, url).bearer_auth(text(&m, &format!("/tokens/{user}"))).form(form).send().await;
    let answer = sent.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{path}: {e}"));
    answer.json().await.unwrap_or(Value::Null)
}

/// A fresh account on the mock (its own statuses only): (id, token).
async fn fresh_mastodon_account() -> (String, String) {
    let url = format!("{}/api/v1/_mock/dev_user", text(&servers("mastodon"), "/url"));
    let made = web().post(url).json(&json!({})).send().await.and_then(|r| r.error_for_status());
    let made: Value = made.unwrap_or_else(|e| panic!("dev_user: {e}")).json().await.unwrap_or(Value::Null);
    (made["id"].as_str().unwrap_or_default().to_string(), made["access_token"].as_str().unwrap_or_default().to_string())
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn a_mastodon_list_shows_its_members_statuses_paged_to_the_end() {
    // A member of its own, so that its statuses are more than one page of 40 and nobody else's.
    let (member, token) = fresh_mastodon_account().await;
    let title = format!("murre e2e 友達 \u{1b}[31m{}", jiff::Timestamp::now().as_millisecond());
    let list = mastodon(reqwest::Method::POST, "/api/v1/lists", "ada", &[("title", &title)]).await;
    let id = list["id"].as_str().map_or_else(|| list["id"].to_string(), str::to_string);
    let path = format!("/api/v1/lists/{id}/accounts");
    mastodon(reqwest::Method::POST, &path, "ada", &[("account_ids[]", &member)]).await;
    let url = format!("{}/api/v1/statuses", text(&servers("mastodon"), "/url"));
    for n in 1..=45 {
        let sent = web().post(&url).bearer_auth(&token).form(&[("status", format!("List status {n} of 45"))]).send();
        sent.await.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("status {n}: {e}"));
    }

    let ada = Client::Mastodon(mastodon_client("ada"));
    let lists = ada.feeds().await.unwrap_or_else(|e| panic!("{e}")).feeds;
    let found = lists.iter().find(|f| f.id == id).unwrap_or_else(|| panic!("list {id} not in {lists:?}"));
    assert_eq!(found.kind, FeedKind::List);
    assert!(clean(&found.name) && found.name.starts_with("murre e2e 友達"), "{:?}", found.name);
    let (posts, requests) = common::feed_pages(&ada, found).await;
    assert_eq!(posts.len(), 45, "every status of the member, once");
    assert!(requests >= 2, "the Link header's next page (max_id) was followed");
    assert!(unique(&posts));
    let texts: Vec<String> = posts.iter().map(|p| p.text.to_plain()).collect();
    assert_eq!(texts[0], "List status 45 of 45", "newest first");
    assert_eq!(texts[44], "List status 1 of 45");
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn a_deleted_mastodon_list_is_worded_as_deleted() {
    let list = mastodon(reqwest::Method::POST, "/api/v1/lists", "ada", &[("title", "murre e2e short-lived")]).await;
    let id = list["id"].as_str().map_or_else(|| list["id"].to_string(), str::to_string);
    mastodon(reqwest::Method::DELETE, &format!("/api/v1/lists/{id}"), "ada", &[]).await;
    let ada = Client::Mastodon(mastodon_client("ada"));
    let gone = Feed { kind: FeedKind::List, id, name: "short-lived".into(), pinned: false };
    let e = ada.feed(&gone, Cursor::Newest).await.err().unwrap_or_else(|| panic!("a deleted list answered"));
    let said = describe(&e, FeedKind::List, ada.network());
    assert!(said.starts_with("this list was not found"), "{said}");
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_saved_feeds_and_own_lists_come_from_the_reference_stack() {
    let f = servers("bluesky");
    let alice = Client::Bluesky(seeded_client("alice").await);
    let all = alice.feeds().await.unwrap_or_else(|e| panic!("{e}")).feeds;
    let ids: Vec<&str> = all.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, [text(&f, "/feeds/custom"), text(&f, "/feeds/down"), text(&f, "/feeds/list")], "{all:?}");
    assert!(all[0].pinned && !all[1].pinned);
    assert_eq!(all[0].name, "murre e2e フィード 🐦", "named by getFeedGenerators");
    assert_eq!((all[2].kind, all[2].name.starts_with("Friends 友達 👩\u{200d}👩\u{200d}👧")), (FeedKind::List, true));
    assert!(all.iter().all(|f| clean(&f.name)), "{all:?}");
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn a_bluesky_list_feed_shows_the_members_posts() {
    let f = servers("bluesky");
    let alice = Client::Bluesky(seeded_client("alice").await);
    let list = Feed { kind: FeedKind::List, id: text(&f, "/feeds/list"), name: "Friends".into(), pinned: false };
    let (posts, _) = common::feed_pages(&alice, &list).await;
    assert!(posts.len() >= 10, "bob's posts: {}", posts.len());
    assert!(unique(&posts));
    assert!(posts.iter().all(|p| p.author.handle == "bob.test"), "only the member's posts");
    let link = text(&f, "/posts/cjk_link");
    assert!(posts.iter().any(|p| matches!(&p.id.key, PostKey::Bluesky { uri, .. } if *uri == link)));
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn a_bluesky_custom_feed_from_a_local_generator_pages_to_the_end() {
    let f = servers("bluesky");
    let alice = Client::Bluesky(seeded_client("alice").await);
    let feed = Feed { kind: FeedKind::Custom, id: text(&f, "/feeds/custom"), name: "e2e".into(), pinned: true };
    let (posts, requests) = common::feed_pages(&alice, &feed).await;
    let seeded = f["seeded_posts"].as_u64().unwrap_or(0) as usize;
    assert!(seeded > 40, "{seeded}");
    assert_eq!(posts.len(), seeded, "every seeded post, once");
    assert!(requests >= seeded / 20, "20 a page: {requests} requests");
    assert!(unique(&posts));
    let newest = text(&f, "/posts/escape");
    assert!(matches!(&posts[0].id.key, PostKey::Bluesky { uri, .. } if *uri == newest), "the generator's order");
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn a_failing_generator_and_a_deleted_list_are_worded() {
    let f = servers("bluesky");
    let alice = Client::Bluesky(seeded_client("alice").await);
    let down = Feed { kind: FeedKind::Custom, id: text(&f, "/feeds/down"), name: "down".into(), pinned: false };
    let e = alice.feed(&down, Cursor::Newest).await.err().unwrap_or_else(|| panic!("a failing generator answered"));
    let said = describe(&e, FeedKind::Custom, alice.network());
    assert!(said.contains("generator is not answering"), "{e:?}: {said}");
    let gone = Feed { kind: FeedKind::List, id: text(&f, "/feeds/deleted_list"), name: "gone".into(), pinned: false };
    let e = alice.feed(&gone, Cursor::Newest).await.err().unwrap_or_else(|| panic!("a deleted list answered"));
    let said = describe(&e, FeedKind::List, alice.network());
    assert!(said.starts_with("this list was not found"), "{e:?}: {said}");
}

/// Presses `key` until `text` is on the screen, each time waiting for the screen to change (a key
/// may also load more).
async fn press_until(tui: &common::tmux::Tmux, key: &str, text: &str) {
    for _ in 0..60 {
        let before = tui.screen();
        if before.contains(text) {
            return;
        }
        tui.keys(&[key]);
        let end = std::time::Instant::now() + std::time::Duration::from_secs(2);
        while tui.screen() == before && std::time::Instant::now() < end {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
    panic!("{text:?} not on the screen:\n{}", tui.screen());
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn in_the_tui_f_opens_a_feed_that_pages_as_the_selection_moves_down() {
    let net = murre::demo::DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = common::binary::demo_accounts(&net, "tui-feeds").await;
    let tui = common::tmux::Tmux::start("tui-feeds", &dir);
    tui.wait_for("murre.demo.test ✓").await;
    tui.keys(&["f"]);
    tui.wait_for("Lists and feeds").await;
    tui.wait_for("Tumblr has no lists or custom feeds").await;
    tui.wait_for("Paging 📄 every numbered post ★").await;
    let picker = tui.screen();
    // Shown as text, the OSC's ESC and BEL gone: a terminal that got them would have set its title.
    assert!(picker.contains("Terminals 端末") && picker.contains("]0;title"), "{picker}");
    // Paging is the first entry: going up cannot pass it.
    press_until(&tui, "k", "› [ ] feed Paging").await;
    tui.keys(&["Enter"]);
    tui.wait_for("Numbered post 1 of 40").await;
    // 20 a page on the demo server: the oldest shows only after the view asked for its next page.
    assert!(!tui.screen().contains("Numbered post 40 of 40"));
    press_until(&tui, "j", "Numbered post 40 of 40").await;
    tui.keys(&["Escape"]);
    tui.wait_for("All networks").await;
    tui.keys(&["f"]);
    tui.wait_for("Lists and feeds").await;
    tui.wait_for("Tumblr has no lists").await;
    tui.keys(&["g"]);
    press_until(&tui, "j", "› [ ] list Deleted list").await;
    tui.keys(&["Enter"]);
    tui.wait_for("this list was not found").await;
    tui.keys(&["Escape"]);
    tui.wait_for("Coffee first").await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// The picker's s gives a custom feed a pane beside the merged timeline, and space puts a list into
/// the timeline; both are kept in config.toml and are there again at the next start.
#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn in_the_tui_s_gives_a_feed_a_pane_and_space_puts_a_list_in_the_timeline_kept_across_restarts() {
    let net = murre::demo::DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = common::binary::demo_accounts(&net, "tui-feed-panes").await;
    let tui = common::tmux::Tmux::start("tui-feed-panes", &dir);
    tui.wait_for("murre.demo.test ✓").await;
    tui.keys(&["f"]);
    tui.wait_for("Paging 📄 every numbered post ★").await;
    tui.wait_for("Tumblr has no lists").await;
    press_until(&tui, "k", "› [ ] feed Paging").await;
    tui.keys(&["s"]);
    tui.wait_for("▣ pane").await;
    press_until(&tui, "j", "› [ ] list Writers").await;
    tui.keys(&["Space"]);
    tui.wait_for("› [x] list Writers").await;
    tui.keys(&["Escape"]);
    // The pane reads the feed on its own: its newest post beside the merged timeline.
    tui.wait_for("Numbered post 1 of 40").await;
    let screen = tui.screen();
    assert!(screen.contains("All networks") && screen.contains("Paging 📄"), "{screen}");
    tui.keys(&["q"]);
    let config = dir.join("config.toml");
    let end = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut text = String::new();
    while !(text.contains("[[panes]]") && text.contains("list = \"2\"")) {
        assert!(std::time::Instant::now() < end, "not saved:\n{text}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        text = std::fs::read_to_string(&config).unwrap_or_default();
    }
    assert!(text.contains("app.bsky.feed.generator/numbered"), "{text}");
    let again = common::tmux::Tmux::start("tui-feed-panes-2", &dir);
    again.wait_for("Numbered post 1 of 40").await;
    again.keys(&["f"]);
    again.wait_for("[x] list Writers").await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// A pane from config.toml merging a Mastodon list on the mock and a custom feed of the reference
/// Bluesky stack, in the TUI in tmux: bob's Bluesky home is out of the merged timeline and grace
/// does not follow the list's member, so both posts on screen came through the pane, newest first.
#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn a_configured_pane_merges_a_mastodon_list_and_a_bluesky_custom_feed_in_the_tui() {
    use murre::store::config::{Config, FeedConfig, PaneConfig};
    let (member, token) = fresh_mastodon_account().await;
    let m = servers("mastodon");
    let lists = format!("{}/api/v1/lists", text(&m, "/url"));
    let made = web().post(&lists).bearer_auth("grace_token").form(&[("title", "murre e2e pane")]).send().await;
    let list: Value =
        made.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}")).json().await.unwrap_or_default();
    let id = list["id"].as_str().map_or_else(|| list["id"].to_string(), str::to_string);
    let members = format!("{lists}/{id}/accounts");
    let added = web().post(&members).bearer_auth("grace_token").form(&[("account_ids[]", &member)]).send().await;
    added.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}"));
    // Short enough to show whole in a pane a third of the screen wide (the member is fresh: only it says so).
    let said = "Pane list 状態";
    let url = format!("{}/api/v1/statuses", text(&m, "/url"));
    let sent = web().post(&url).bearer_auth(&token).form(&[("status", said)]).send().await;
    sent.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}"));

    let dir = common::live::logged_in_dir("feed-pane");
    let path = dir.join("config.toml");
    let custom = text(&servers("bluesky"), "/feeds/custom");
    Config::update(&path, |c| {
        let of = |n: &str| c.accounts.iter().find(|a| a.id.0.starts_with(n)).map(|a| a.id.clone());
        let (masto, bsky) = (of("mastodon:"), of("bluesky:"));
        for a in c.accounts.iter_mut().filter(|a| a.id.0.starts_with("bluesky:")) {
            a.in_timeline = false;
        }
        let entry = |account: Option<murre::model::AccountId>, list: Option<String>, feed: Option<String>| FeedConfig {
            account: account.unwrap_or_else(|| panic!("not logged in")),
            list,
            feed,
            name: None,
        };
        let sources = vec![entry(masto, Some(id.clone()), None), entry(bsky, None, Some(custom.clone()))];
        c.panes = vec![PaneConfig { name: "Mixed 混合".into(), sources }];
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let tui = common::tmux::Tmux::start("feed-pane", &dir);
    tui.wait_for("Mixed 混合").await;
    tui.wait_for(said).await;
    tui.wait_for("Escape test:").await;
    let screen = tui.screen();
    let line = |t: &str| screen.lines().position(|l| l.contains(t)).unwrap_or(usize::MAX);
    assert!(line(said) < line("Escape test:"), "merged by time, the fresh status first:\n{screen}");
    assert!(!screen.contains("\u{1b}[31m"), "{screen}");
    assert!(screen.contains("B murre-e2e ✓") && screen.contains("M list "), "each feed's chip:\n{screen}");
    tui.keys(&["q"]);
    let _ = std::fs::remove_dir_all(&dir);
}
