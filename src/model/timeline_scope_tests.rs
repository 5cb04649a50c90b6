use super::*;
use crate::model::{AccountId, PostKey};

fn at(mins: i64) -> Timestamp {
    Timestamp::from_second(1_700_000_000 - mins * 60).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn masto(id: &str, mins: i64, text: &str) -> Post {
    let key = PostKey::Mastodon { id: id.into(), uri: format!("https://m.example/{id}") };
    Post::sample(key, &AccountId("m".into()), "ann", at(mins), text)
}

fn sky(id: &str, mins: i64, text: &str) -> Post {
    let key = PostKey::Bluesky { uri: format!("at://b/{id}"), cid: "c".into() };
    Post::sample(key, &AccountId("b".into()), "ann", at(mins), text)
}

fn texts(t: &Timeline, scope: Scope) -> Vec<String> {
    t.rows_in(scope, None).iter().filter_map(|&s| t.post(s)).map(|p| p.text.to_plain()).collect()
}

const LIST: &str = "m list 1";

#[test]
fn a_list_keeps_its_own_copy_out_of_the_merged_timeline_until_put_in_and_then_shows_it_once() {
    let mut t = Timeline::new();
    t.keep_apart(LIST);
    t.merge("m", vec![masto("1", 1, "both")]);
    let outcome = t.merge(LIST, vec![masto("1", 1, "both"), masto("2", 2, "list only")]);
    assert_eq!((outcome.added, outcome.duplicates), (2, 0), "the list's own copies");
    assert_eq!(texts(&t, Scope::Merged), ["both"]);
    let list = [LIST.to_string()];
    assert_eq!(texts(&t, Scope::Only(&list)), ["both", "list only"]);
    let slots = t.rows_in(Scope::Only(&list), None);
    assert!(slots.iter().all(|&s| t.origin(s) == LIST), "the list's own posts");
    t.set_excluded(LIST, false);
    assert_eq!(texts(&t, Scope::Merged), ["both", "list only"]);
    let both = [LIST.to_string(), "m".to_string()];
    assert_eq!(texts(&t, Scope::Only(&both)), ["both", "list only"]);
}

#[test]
fn each_scope_has_its_own_watermark() {
    let mut t = Timeline::new();
    t.keep_apart(LIST);
    t.merge("m", vec![masto("1", 1, "home new"), masto("3", 30, "home old")]);
    t.set_has_more("m", false);
    t.merge(LIST, vec![masto("2", 2, "list new"), masto("4", 10, "list oldest so far")]);
    t.set_has_more(LIST, true);
    t.merge("b", vec![sky("5", 20, "sky")]);
    t.set_has_more("b", false);
    assert_eq!(texts(&t, Scope::Merged), ["home new", "sky", "home old"], "the list holds nothing back here");
    let pane = [LIST.to_string(), "b".to_string()];
    // The list may still have posts between 10 and 20 minutes old: the Bluesky post waits.
    assert_eq!(texts(&t, Scope::Only(&pane)), ["list new", "list oldest so far"]);
    assert_eq!(t.source_holding_watermark_in(Scope::Only(&pane)), Some(LIST));
    assert_eq!(t.source_holding_watermark(), None);
}

#[test]
fn a_feeds_copy_groups_with_feed_copies_only() {
    let mut t = Timeline::new();
    t.keep_apart(LIST);
    t.keep_apart("b feed cats");
    t.merge("m", vec![masto("1", 1, "same words")]);
    t.merge(LIST, vec![masto("1", 1, "same words")]);
    t.merge("b feed cats", vec![sky("1", 1, "same words")]);
    t.merge("b", vec![sky("1", 1, "same words")]);
    // Home with home, list with feed: two rows of two, never one of three or four.
    assert_eq!(t.len(), 2);
    let pane = [LIST.to_string(), "b feed cats".to_string()];
    let rows = t.rows_in(Scope::Only(&pane), None);
    assert_eq!(rows.len(), 1);
    let home = t.rows(None);
    assert_eq!((home.len(), t.row_networks(home[0]).len()), (1, 2));
}
