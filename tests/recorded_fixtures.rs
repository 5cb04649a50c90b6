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

/// A fresh account's preferences set with `putPreferences` as Bluesky's app sets them, read back
/// with `getPreferences` from the reference PDS: what murre acts on, at a time between the expiries
/// the recording wrote (one a day before it, one a year after).
#[test]
fn bluesky_reference_preferences_decode_as_the_user_set_them() {
    use murre::model::moderation::LabelPref;
    let body: serde_json::Value = serde_json::from_slice(&fixture("bluesky/getPreferences.json")).unwrap_or_default();
    let items = body["preferences"].as_array().cloned().unwrap_or_default();
    // Between the two expiries, whenever it was recorded.
    let expiries: Vec<jiff::Timestamp> = items
        .iter()
        .filter_map(|i| i["items"].as_array())
        .flatten()
        .filter_map(|w| w["expiresAt"].as_str()?.parse().ok())
        .collect();
    let (first, last) = (expiries.iter().min().copied(), expiries.iter().max().copied());
    let (Some(first), Some(last)) = (first, last) else { panic!("no expiries in the recording") };
    let between = first.checked_add(last.duration_since(first) / 2).unwrap_or(first);
    let prefs = bluesky::prefs::decode(&items, between);
    assert!(!prefs.adult, "adult content off");
    // A labeler's own choice ("rude") is not a global one.
    assert_eq!(prefs.labels, [("nudity".to_string(), LabelPref::Hide), ("gore".to_string(), LabelPref::Warn)]);
    let words: Vec<(&str, bool, bool)> =
        prefs.muted.iter().map(|w| (w.value.as_str(), w.tags_only, w.exclude_following)).collect();
    assert_eq!(
        words,
        [("zebra", false, false), ("spoilers", true, true), ("猫", false, false)],
        "the expired one left out"
    );
    assert_eq!(prefs.hidden.len(), 1);
    assert!(prefs.hidden[0].starts_with("at://did:plc:") && prefs.hidden[0].contains("/app.bsky.feed.post/"));
}
