//! What the demo account did to posts and people: likes, reposts, bookmarks and follows.
//!
//! The bundled content says what it had done before the server started (a rule on the post's key,
//! the same on every network: every fourth post liked, every ninth reposted, every eleventh
//! bookmarked; everyone followed but the stranger). What a client does through a server's API is
//! kept here, per server, over that rule, and the public counts follow it. Pure; no IO.

use super::content::{Content, Post};
use super::store;
use std::collections::HashMap;

/// The person the demo account does not follow.
const STRANGER: &str = "stranger";

/// What was done through one server's API, over the bundled state.
#[derive(Clone, Debug, Default)]
pub struct Acts {
    /// Post key -> its like now: `Some(record)` (a Bluesky at-uri, or empty elsewhere), `None` taken back.
    pub likes: HashMap<u32, Option<String>>,
    /// Post key -> its repost now, the same way.
    pub reposts: HashMap<u32, Option<String>>,
    /// Post key -> bookmarked or not.
    pub bookmarks: HashMap<u32, bool>,
    /// Person key -> the follow now: `Some(record)`, `None` unfollowed.
    pub follows: HashMap<String, Option<String>>,
    /// Records made so far (numbers their record keys).
    pub made: u32,
}

/// Which of the demo account's relations to a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Like,
    Repost,
    Bookmark,
}

/// Whether the demo account had done `kind` to `post` before the server started.
pub fn bundled(post: &Post, kind: Kind) -> bool {
    let every = match kind {
        Kind::Like => 4,
        Kind::Repost => 9,
        Kind::Bookmark => 11,
    };
    !store::fresh(post) && post.key.is_multiple_of(every)
}

/// Whether the demo account has done `kind` to `post` now.
pub fn done(c: &Content, post: &Post, kind: Kind) -> bool {
    let made = match kind {
        Kind::Like => c.acts.likes.get(&post.key).map(Option::is_some),
        Kind::Repost => c.acts.reposts.get(&post.key).map(Option::is_some),
        Kind::Bookmark => c.acts.bookmarks.get(&post.key).copied(),
    };
    made.unwrap_or_else(|| bundled(post, kind))
}

/// The record made through the API for `kind` on `post` (`None` for a bundled one, or none).
pub fn record<'a>(c: &'a Content, post: &Post, kind: Kind) -> Option<&'a str> {
    let map = match kind {
        Kind::Like => &c.acts.likes,
        Kind::Repost => &c.acts.reposts,
        Kind::Bookmark => return None,
    };
    map.get(&post.key).and_then(|r| r.as_deref())
}

/// A public count of `kind` on `post`: `base` from the bundled content, moved by what the API did.
pub fn count(c: &Content, post: &Post, kind: Kind, base: u64) -> u64 {
    match (bundled(post, kind), done(c, post, kind)) {
        (false, true) => base + 1,
        (true, false) => base.saturating_sub(1),
        _ => base,
    }
}

/// Records `kind` on the post with `key`: done with `record` (`Some`), or taken back (`None`).
pub fn set(c: &mut Content, key: u32, kind: Kind, record: Option<String>) {
    match kind {
        Kind::Like => {
            c.acts.likes.insert(key, record);
        }
        Kind::Repost => {
            c.acts.reposts.insert(key, record);
        }
        Kind::Bookmark => {
            c.acts.bookmarks.insert(key, record.is_some());
        }
    }
}

/// Whether the demo account follows person `key`.
pub fn follows(c: &Content, key: &str) -> bool {
    match c.acts.follows.get(key) {
        Some(made) => made.is_some(),
        None => key != STRANGER && key != store::ME,
    }
}

/// The follow record of person `key` made through the API, if any.
pub fn follow_record<'a>(c: &'a Content, key: &str) -> Option<&'a str> {
    c.acts.follows.get(key).and_then(|r| r.as_deref())
}
