//! The neutral content is consistent: unique keys, resolvable references, enough items, the cases.

use super::now;
use crate::demo::content::{Net, build};
use crate::demo::store;
use std::collections::HashSet;

#[test]
fn keys_are_unique_and_references_resolve_on_the_same_networks() {
    let content = build(now());
    let keys: HashSet<u32> = content.posts.iter().map(|p| p.key).collect();
    assert_eq!(keys.len(), content.posts.len());
    for post in &content.posts {
        assert!(content.people.iter().any(|p| p.key == post.author), "{}", post.author);
        // One reply answers a post that was deleted, on purpose (a thread with a missing parent).
        let dangling = |key: u32| key == crate::demo::content::views::DELETED;
        for target in [post.reply_to, post.boost_of].into_iter().flatten().filter(|k| !dangling(*k)) {
            let target = store::find(&content, target).unwrap();
            assert!(target.at < post.at, "post {} is older than what it answers", post.key);
            for net in [Net::Mastodon, Net::Bluesky, Net::Tumblr] {
                assert!(!post.nets.has(net) || target.nets.has(net), "post {} on {net:?}", post.key);
            }
        }
    }
}

#[test]
fn every_network_has_at_least_sixty_items() {
    let content = build(now());
    for net in [Net::Mastodon, Net::Bluesky, Net::Tumblr] {
        assert!(store::feed(&content, net).len() >= 60, "{net:?}");
    }
}

#[test]
fn there_are_cross_post_pairs_and_hostile_text() {
    let content = build(now());
    let singles: Vec<_> = content.posts.iter().filter(|p| p.nets != crate::demo::content::Nets::ALL).collect();
    let pairs = singles
        .iter()
        .flat_map(|a| singles.iter().map(move |b| (a, b)))
        .filter(|(a, b)| a.key < b.key && a.author == b.author && a.text == b.text && a.nets != b.nets)
        .count();
    assert!(pairs >= 3);
    let all: String = content.posts.iter().map(|p| p.text.as_str()).collect();
    for needle in
        ["\u{1b}[2J", "\u{1b}]0;", "\u{1b}]8;;", "\u{1b}]52;", "\u{1b}P", "\u{9b}", "\u{202e}", "\0", "\u{7f}"]
    {
        assert!(all.contains(needle), "{needle:?}");
    }
}
