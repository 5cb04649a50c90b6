//! End-to-end search and tags against the real servers (tests/e2e/start.sh): the seeded post with
//! `#murre` and `#テスト` found by `app.bsky.feed.searchPosts` on the reference AppView, by tag and
//! by words, and a tagged status written on the Mastodon mock found in its tag timeline. Ignored
//! by a plain `cargo test`; tests/e2e/run.sh runs them.

mod common;

use std::time::Duration;

use common::live::{eventually, mastodon_client, seeded_client, servers, text, web};
use murre::backend::Client;
use murre::backend::search::SearchKind;
use murre::model::{Post, PostKey};
use serde_json::json;

const SLOW: Duration = Duration::from_secs(15);

fn uris(posts: &[Post]) -> Vec<String> {
    posts
        .iter()
        .filter_map(|p| match &p.id.key {
            PostKey::Bluesky { uri, .. } => Some(uri.clone()),
            _ => None,
        })
        .collect()
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_search_posts_finds_the_seeded_tagged_post_by_tag_and_by_words() {
    let seeded = text(&servers("bluesky"), "/posts/hashtag");
    let alice = Client::Bluesky(seeded_client("alice").await);
    for (kind, query) in [(SearchKind::Tag, "murre"), (SearchKind::Tag, "テスト"), (SearchKind::Posts, "ünïcödé")]
    {
        let found = alice.search(kind, query, None).await.unwrap_or_else(|e| panic!("{query}: {e}"));
        assert!(uris(&found.posts).contains(&seeded), "{kind:?} {query}: {:?}", uris(&found.posts));
        let post = found.posts.iter().find(|p| uris(std::slice::from_ref(p)) == [seeded.clone()]);
        let post = post.unwrap_or_else(|| panic!("no seeded post"));
        assert_eq!(post.text.to_plain(), "Trying a tag: #murre and #テスト after ünïcödé.");
        assert!(found.posts.windows(2).all(|w| w[0].feed_time() >= w[1].feed_time()), "newest first");
    }
    let none = alice.search(SearchKind::Tag, "no-such-tag-e2e", None).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(none.posts.is_empty());
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn mastodon_tag_timeline_finds_a_fresh_tagged_status() {
    let m = servers("mastodon");
    let tag = format!("murre{}", jiff::Timestamp::now().as_millisecond());
    let status = format!("Searching for #{tag} from the e2e tier");
    let url = format!("{}/api/v1/statuses", text(&m, "/url"));
    let made = web().post(url).bearer_auth(text(&m, "/tokens/ada")).json(&json!({"status": status})).send().await;
    let made = made.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("post: {e}"));
    assert!(made.status().is_success());
    let grace = Client::Mastodon(mastodon_client("grace"));
    let found = eventually(SLOW, || async {
        let found = grace.search(SearchKind::Tag, &tag, None).await.unwrap_or_else(|e| panic!("{e}"));
        (!found.posts.is_empty()).then_some(found)
    })
    .await;
    assert_eq!(found.posts.iter().map(|p| p.text.to_plain()).collect::<Vec<_>>(), [status]);
    assert_eq!(found.posts[0].tags, [tag]);
    let none = grace.search(SearchKind::Tag, "no-such-tag-e2e", None).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(none.posts.is_empty());
}
