//! Backend decoding on responses recorded from real servers (`tests/e2e/record-fixtures.sh`):
//! the reference Bluesky stack, and the Mastodon API mock (the mock's JSON, not a real server's).

mod common;

use murre::backend::{bluesky, mastodon};
use murre::model::{AccountId, Network};

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn bluesky_reference_timeline_decodes_with_every_seeded_feature() {
    let account = AccountId::new(Network::Bluesky, "alice.test");
    let one = bluesky::decode_timeline(&fixture("bluesky/getTimeline-page1.json"), &account);
    let one = one.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(one.items.len(), 30);
    assert!(one.older.is_some(), "page 1 has a cursor");
    common::real::check_bluesky_seed(&one.items);
    let two = bluesky::decode_timeline(&fixture("bluesky/getTimeline-page2.json"), &account);
    let two = two.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(two.items.len(), 30);
    let oldest_one = one.items.iter().map(|p| p.feed_time()).min();
    assert!(two.items.iter().all(|p| Some(p.feed_time()) <= oldest_one), "page 2 is older than page 1");
}

#[test]
fn mastodon_mock_home_decodes_every_status() {
    let account = AccountId::new(Network::Mastodon, "ada@127.0.0.1:3000");
    let (posts, count) =
        mastodon::decode_page(&fixture("mastodon-mock/timelines-home.json"), &account, "127.0.0.1:3000")
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(posts.len(), count);
    assert!(count >= 5, "{count}");
    assert!(posts.iter().all(|p| !p.text.is_empty() || !p.media.is_empty()));
    assert!(posts.iter().all(|p| p.author.handle.contains('@')), "local handles get the server's host");
}
