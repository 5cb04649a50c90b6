//! Hermetic tests of lists and feeds: murre's real clients against the demo servers. Mastodon
//! lists and Bluesky saved feeds and lists are listed with clean names, pinned first; their posts
//! page to the end by cursor; a deleted list, a feed whose generator is down and a list whose owner
//! blocks the reader come back as errors the view words readably; Tumblr says it has none.

mod common;

use std::time::Duration;

use common::demo::setup;
use murre::app::views::feed::describe;
use murre::backend::feeds::{Feed, FeedKind, TUMBLR_NO_FEEDS};
use murre::backend::{Client, Cursor};
use murre::model::Post;

async fn feeds(client: &Client) -> Vec<Feed> {
    client.feeds().await.unwrap_or_else(|e| panic!("{}: {e}", client.network())).feeds
}

fn named<'a>(feeds: &'a [Feed], start: &str) -> &'a Feed {
    feeds.iter().find(|f| f.name.starts_with(start)).unwrap_or_else(|| panic!("no feed {start:?} in {feeds:?}"))
}

fn clean(name: &str) -> bool {
    !name.chars().any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
}

fn unique(posts: &[Post]) -> bool {
    posts.iter().enumerate().all(|(i, p)| posts[..i].iter().all(|q| !q.id.key.same_post(&p.id.key)))
}

#[tokio::test]
async fn mastodon_lists_are_named_cleanly_and_page_to_the_end() {
    let st = setup(Duration::from_secs(10)).await;
    let m = &st.clients[0];
    let lists = feeds(m).await;
    assert_eq!(lists.len(), 3, "{lists:?}");
    assert!(lists.iter().all(|f| f.kind == FeedKind::List && clean(&f.name)), "{lists:?}");
    assert!(named(&lists, "Writers").name.contains("أصدقاء"), "the escape sequence goes, the text stays");
    let (posts, pages) = common::feed_pages(m, named(&lists, "Friends")).await;
    assert!(pages >= 2, "more than one page of 20: {} posts", posts.len());
    assert!(unique(&posts));
    assert!(posts.windows(2).all(|w| w[0].feed_time() >= w[1].feed_time()));
    let members = ["alice@", "chen@", "amira@", "family@"];
    assert!(posts.iter().all(|p| members.iter().any(|m| p.author.handle.starts_with(m))), "only the members' posts");
    assert!(posts.iter().all(|p| p.id.account == *m.account()));
}

#[tokio::test]
async fn a_deleted_mastodon_list_is_an_error_the_view_words() {
    let st = setup(Duration::from_secs(10)).await;
    let m = &st.clients[0];
    let deleted = named(&feeds(m).await, "Deleted").clone();
    let e = m.feed(&deleted, Cursor::Newest).await.err().unwrap_or_else(|| panic!("a deleted list answered"));
    let said = describe(&e, FeedKind::List, m.network());
    assert!(said.starts_with("this list was not found"), "{said}");
}

#[tokio::test]
async fn bluesky_lists_saved_feeds_pinned_first_with_clean_names() {
    let st = setup(Duration::from_secs(10)).await;
    let b = &st.clients[1];
    let all = feeds(b).await;
    assert!(all[0].pinned && all[0].name.starts_with("Paging"), "pinned first: {all:?}");
    assert!(all.iter().all(|f| clean(&f.name) && f.id.starts_with("at://")), "{all:?}");
    let terminals = named(&all, "Terminals");
    assert_eq!(terminals.kind, FeedKind::Custom);
    assert!(terminals.name.contains("端末 🐈\u{200d}⬛") && terminals.name.contains("evil"), "{}", terminals.name);
    // The saved list of the account's own is listed once, with its name.
    let friends: Vec<&Feed> = all.iter().filter(|f| f.name.starts_with("Friends")).collect();
    assert_eq!(friends.len(), 1);
    assert_eq!(friends[0].kind, FeedKind::List);
    assert!(all.iter().any(|f| f.name.starts_with("Deleted")), "own lists not saved are listed too");
    assert!(all.iter().any(|f| f.name == "Someone's private list"), "a saved list of someone else's, named by getList");
}

#[tokio::test]
async fn a_bluesky_custom_feed_and_a_list_page_to_the_end() {
    let st = setup(Duration::from_secs(10)).await;
    let b = &st.clients[1];
    let all = feeds(b).await;
    let (posts, pages) = common::feed_pages(b, named(&all, "Paging")).await;
    assert_eq!(pages, 2, "40 numbered posts, 20 a page");
    assert_eq!(posts.len(), 40);
    assert!(unique(&posts));
    assert!(posts.iter().all(|p| p.text.to_plain().starts_with("Numbered post")));
    let (friends, _) = common::feed_pages(b, named(&all, "Friends")).await;
    assert!(!friends.is_empty() && unique(&friends));
    assert!(friends.iter().all(|p| p.id.account == *b.account()));
}

#[tokio::test]
async fn bluesky_feeds_that_cannot_be_read_say_why() {
    let st = setup(Duration::from_secs(10)).await;
    let b = &st.clients[1];
    let all = feeds(b).await;
    let cases = [
        ("Broken", "this feed's generator is not answering"),
        ("Deleted", "this list was not found"),
        ("Someone's private list", "this list is private or its owner blocks you"),
    ];
    for (name, says) in cases {
        let feed = named(&all, name);
        let e = b.feed(feed, Cursor::Newest).await.err().unwrap_or_else(|| panic!("{name} answered"));
        let said = describe(&e, feed.kind, b.network());
        assert!(said.starts_with(says), "{name}: {said}");
    }
}

#[tokio::test]
async fn tumblr_says_it_has_no_lists_or_feeds() {
    let st = setup(Duration::from_secs(10)).await;
    let t = st.clients[2].feeds().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(t.feeds.is_empty());
    assert_eq!(t.note.as_deref(), Some(TUMBLR_NO_FEEDS));
}
