//! Hermetic tests of search and tags: murre's real clients against the demo servers. Each network
//! finds posts by tag (Mastodon's tag timeline, Bluesky's searchPosts with `#tag`, Tumblr's
//! `/v2/tagged`), Mastodon and Bluesky search words, Tumblr says it cannot, and errors from the
//! fault injection come back as errors.

mod common;

use std::time::Duration;

use common::demo::setup;
use murre::backend::search::{SearchKind, TUMBLR_NO_SEARCH};
use murre::backend::{BackendError, Client};
use murre::model::Post;

fn texts(posts: &[Post]) -> Vec<String> {
    posts.iter().map(|p| p.text.to_plain()).collect()
}

fn newest_first(posts: &[Post]) -> bool {
    posts.windows(2).all(|w| w[0].feed_time() >= w[1].feed_time())
}

async fn search(client: &Client, kind: SearchKind, query: &str) -> murre::backend::search::Found {
    client.search(kind, query, None).await.unwrap_or_else(|e| panic!("{}: {e}", client.network()))
}

#[tokio::test]
async fn every_network_finds_posts_by_tag_newest_first() {
    let st = setup(Duration::from_secs(10)).await;
    for client in &st.clients {
        let found = search(client, SearchKind::Tag, "coffee").await;
        let texts = texts(&found.posts);
        assert!(!texts.is_empty(), "{}: nothing tagged #coffee", client.network());
        assert!(texts.iter().all(|t| t.to_lowercase().contains("#coffee")), "{}: {texts:?}", client.network());
        assert!(newest_first(&found.posts), "{}", client.network());
        assert!(found.posts.iter().all(|p| p.id.account == *client.account()));
        assert_eq!(found.note, None);
        let none = search(client, SearchKind::Tag, "no-such-tag-anywhere").await;
        assert!(none.posts.is_empty(), "{}", client.network());
    }
}

#[tokio::test]
async fn a_tag_in_another_case_or_script_is_found_or_cleanly_empty() {
    let st = setup(Duration::from_secs(10)).await;
    for client in &st.clients {
        assert!(!search(client, SearchKind::Tag, "Coffee").await.posts.is_empty(), "{}", client.network());
        // A tag that needs encoding in a path or a query must not break the request.
        assert!(search(client, SearchKind::Tag, "日本語/../x?y").await.posts.is_empty(), "{}", client.network());
    }
}

#[tokio::test]
async fn mastodon_and_bluesky_search_words_and_tumblr_says_it_cannot() {
    let st = setup(Duration::from_secs(10)).await;
    for client in &st.clients[..2] {
        let found = search(client, SearchKind::Posts, "terminal font").await;
        let texts = texts(&found.posts);
        assert!(texts.iter().any(|t| t.contains("favourite terminal font")), "{}: {texts:?}", client.network());
        assert!(newest_first(&found.posts));
    }
    let empty = search(&st.clients[0], SearchKind::Posts, "zzzz-nothing-matches").await;
    assert!(empty.posts.is_empty());
    assert!(empty.note.is_some_and(|n| n.contains("interacted") || n.contains("liked")), "Mastodon says why");
    let tumblr = search(&st.clients[2], SearchKind::Posts, "coffee").await;
    assert!(tumblr.posts.is_empty());
    assert_eq!(tumblr.note.as_deref(), Some(TUMBLR_NO_SEARCH));
}

#[tokio::test]
async fn server_errors_rate_limits_and_garbage_come_back_as_errors() {
    let st = setup(Duration::from_secs(10)).await;
    let faults = [&st.net.mastodon.faults, &st.net.bluesky.faults, &st.net.tumblr.faults];
    for (client, faults) in st.clients.iter().zip(faults) {
        faults.fail_next(1, 422);
        let failed = client.search(SearchKind::Tag, "coffee", None).await;
        assert!(matches!(failed, Err(BackendError::Server { status: 422, .. })), "{}: {failed:?}", client.network());
        faults.garbage_next(1);
        let garbage = client.search(SearchKind::Tag, "coffee", None).await;
        assert!(matches!(garbage, Err(BackendError::Decode(_))), "{}: {garbage:?}", client.network());
        faults.rate_limit_next(1, 30);
        let limited = client.search(SearchKind::Tag, "coffee", None).await;
        assert!(matches!(limited, Err(BackendError::RateLimited { .. })), "{}: {limited:?}", client.network());
        faults.clear();
        assert!(!search(client, SearchKind::Tag, "coffee").await.posts.is_empty());
    }
}

/// Every page of a search, and how many requests it took.
async fn all_pages(client: &Client, kind: SearchKind, query: &str) -> (Vec<Post>, usize) {
    let (mut out, mut cursor) = (Vec::new(), None::<String>);
    for requests in 1..30 {
        let found = client.search(kind, query, cursor.as_deref()).await.unwrap_or_else(|e| panic!("{e}"));
        out.extend(found.posts);
        match found.older {
            Some(c) => cursor = Some(c),
            None => return (out, requests),
        }
    }
    panic!("{}: paging never ended", client.network());
}

#[tokio::test]
async fn searches_and_tags_page_to_the_end_each_post_once() {
    let st = setup(Duration::from_secs(10)).await;
    for client in &st.clients[..2] {
        let (posts, requests) = all_pages(client, SearchKind::Posts, "Numbered post").await;
        assert_eq!(posts.len(), 40, "{}: every numbered post", client.network());
        assert!(requests >= 2, "{}: a second page was asked", client.network());
        let mut keys: Vec<String> = posts.iter().map(|p| p.id.global()).collect();
        keys.dedup();
        assert_eq!(keys.len(), 40, "{}: each post once", client.network());
        assert!(newest_first(&posts), "{}", client.network());
    }
    for client in &st.clients {
        let (posts, _) = all_pages(client, SearchKind::Tag, "coffee").await;
        assert_eq!(
            texts(&posts),
            texts(&search(client, SearchKind::Tag, "coffee").await.posts),
            "{}",
            client.network()
        );
    }
}
