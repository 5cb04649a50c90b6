//! Generated posts: a 20-post self-reply thread, a run of numbered older posts, and posts that live
//! on one network only (most people post most things in one place; only some cross-post).
//!
//! Pure; deterministic.

use super::{Nets, Post};
use jiff::Timestamp;

/// Keys of the thread posts: 200..220 (200 is the root).
pub const THREAD_KEYS: std::ops::Range<u32> = 200..220;

/// How many numbered posts there are (keys 300..).
pub const NUMBERED: u32 = 40;

/// Dana's 20-post thread; each post replies to the one before, two minutes apart.
pub fn thread(now: Timestamp) -> Vec<Post> {
    THREAD_KEYS
        .map(|key| {
            let n = key - THREAD_KEYS.start;
            let text = format!("A short history of terminals, part {}/20 🧵 #thread", n + 1);
            let post = Post::new(now, key, "dana", 440 - i64::from(n) * 2, &text);
            if n == 0 { post } else { post.reply(key - 1) }
        })
        .collect()
}

/// Older numbered posts by several people, about half an hour apart.
pub fn numbered(now: Timestamp) -> Vec<Post> {
    let authors = ["alice", "bob", "chen", "yuki", "dana", "carol", "linh", "noa"];
    (0..NUMBERED)
        .map(|n| {
            let who = authors[n as usize % authors.len()];
            let text = format!("Numbered post {} of {NUMBERED}, for paging tests.", n + 1);
            Post::new(now, 300 + n, who, 600 + i64::from(n) * 37, &text)
        })
        .collect()
}

/// How many one-network posts each network gets (keys 400.., 500.., 600..).
pub const LOCAL: u32 = 25;

/// Posts that exist on one network only, spread over the last day.
pub fn local(now: Timestamp) -> Vec<Post> {
    let places: [(u32, Nets, &str, &[&str]); 3] = [
        (400, Nets::M, "Mastodon", &["alice", "chen", "noa", "dana"]),
        (500, Nets::B, "Bluesky", &["bob", "yuki", "linh", "carol"]),
        (600, Nets::T, "Tumblr", &["carol", "dana", "alice", "yuki"]),
    ];
    places
        .into_iter()
        .flat_map(|(base, nets, place, authors)| {
            (0..LOCAL).map(move |n| {
                let who = authors[n as usize % authors.len()];
                let text = format!("Only on {place}: note {} of {LOCAL} from {who}.", n + 1);
                let minutes = 25 + i64::from(n) * 53 + i64::from(base / 100);
                Post::new(now, base + n, who, minutes, &text).on(nets)
            })
        })
        .collect()
}
