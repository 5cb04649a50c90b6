//! Bluesky views rendered from neutral posts: `app.bsky.feed.defs#feedViewPost`, `#postView`,
//! `#reasonRepost`, `#replyRef`, the `app.bsky.feed.post` record and `profileViewBasic`.
//!
//! Pure; no IO. URIs are `at://DID/app.bsky.feed.post/TID`; `createdAt` comes from the record (and can
//! lie), `indexedAt` is the time the post entered the feed.

use super::{embed, facets};
use crate::demo::acts::{self, Kind};
use crate::demo::content::{Content, Net, Post, Sent};
use crate::demo::{ids, store};
use jiff::Timestamp;
use serde_json::{Value, json};

/// The `createdAt` of posts that lie about their creation time.
const LYING_CREATED_AT: &str = "2099-12-31T23:59:59.000Z";

/// Bluesky's datetime format (RFC 3339, milliseconds, `Z`).
pub fn time(at: Timestamp) -> String {
    format!("{at:.3}")
}

/// The at-uri of a post (or of a repost record when the post is a boost).
pub fn uri(post: &Post) -> String {
    let collection = if post.boost_of.is_some() { "app.bsky.feed.repost" } else { "app.bsky.feed.post" };
    format!("at://{}/{collection}/{}", ids::did(&post.author), rkey(post))
}

/// The record key of a post: the one it was created under, else a TID of its time.
pub fn rkey(post: &Post) -> String {
    match &post.sent {
        Some(Sent::Bluesky { rkey, .. }) => rkey.clone(),
        _ => ids::tid(post.at, post.key),
    }
}

/// The CID of a post's record (a hash of the record as sent, for a created post).
pub fn cid(post: &Post) -> String {
    match &post.sent {
        Some(Sent::Bluesky { record, .. }) => ids::cid(&format!("record/{record}")),
        _ => ids::cid(&format!("post/{}", post.key)),
    }
}

/// A strong ref (`{uri, cid}`) to a post.
pub fn strong_ref(post: &Post) -> Value {
    json!({"uri": uri(post), "cid": cid(post)})
}

/// The `feedViewPost` of a feed entry (a boost shows the original with a `reasonRepost`).
pub fn feed_view_post(c: &Content, entry: &Post) -> Value {
    let (post, reason) = match entry.boost_of.and_then(|key| store::find(c, key)) {
        Some(original) => (original, Some(reason_repost(c, entry))),
        None => (entry, None),
    };
    let mut view = json!({"post": post_view(c, post, true)});
    if let Some(reply) = reply_views(c, post) {
        view["reply"] = reply;
    }
    if let Some(reason) = reason {
        view["reason"] = reason;
    }
    view
}

/// `#reasonRepost`: who reposted and when.
fn reason_repost(c: &Content, repost: &Post) -> Value {
    json!({
        "$type": "app.bsky.feed.defs#reasonRepost",
        "by": profile(c, &repost.author),
        "uri": uri(repost),
        "cid": cid(repost),
        "indexedAt": time(repost.at),
    })
}

/// `#replyRef` with full post views of the thread root and the parent.
fn reply_views(c: &Content, post: &Post) -> Option<Value> {
    let parent_key = post.reply_to?;
    let view = |p: Option<&Post>| match p {
        Some(p) => {
            let mut view = post_view(c, p, true);
            view["$type"] = json!("app.bsky.feed.defs#postView");
            view
        }
        None => {
            json!({"$type": "app.bsky.feed.defs#notFoundPost", "uri": missing_uri(parent_key), "notFound": true})
        }
    };
    let root = root_of(c, parent_key);
    Some(json!({"root": view(root), "parent": view(store::find(c, parent_key))}))
}

/// The thread root above the post with `key` (itself when it is top-level).
fn root_of(c: &Content, key: u32) -> Option<&Post> {
    let mut post = store::find(c, key)?;
    while let Some(parent) = post.reply_to.and_then(|k| store::find(c, k)) {
        post = parent;
    }
    Some(post)
}

/// A plausible at-uri for a post that no longer exists.
pub fn missing_uri(key: u32) -> String {
    format!("at://{}/app.bsky.feed.post/3deleted{key:05}", ids::did("deleted"))
}

/// A `#postView` (`with_embed`: false inside quotes, whose own quotes are not expanded).
pub fn post_view(c: &Content, post: &Post, with_embed: bool) -> Value {
    let key = if store::fresh(post) { 0 } else { u64::from(post.key) };
    let mut view = json!({
        "uri": uri(post),
        "cid": cid(post),
        "author": profile(c, &post.author),
        "record": record(c, post),
        "replyCount": key % 5,
        "repostCount": acts::count(c, post, Kind::Repost, key * 7 % 23),
        "likeCount": acts::count(c, post, Kind::Like, key * 13 % 57),
        "quoteCount": key % 3,
        "indexedAt": time(post.at),
        "viewer": viewer(c, post),
        "labels": [],
    });
    if let Some(embed) = embed::view(c, post, with_embed) {
        view["embed"] = embed;
    }
    view
}

/// The viewer state: the demo account's like and repost records, and whether it bookmarked the post.
fn viewer(c: &Content, post: &Post) -> Value {
    let mut viewer = json!({"threadMuted": false, "embeddingDisabled": false});
    viewer["bookmarked"] = json!(acts::done(c, post, Kind::Bookmark));
    if let Some(uri) = record_uri(c, post, Kind::Like) {
        viewer["like"] = json!(uri);
    }
    if let Some(uri) = record_uri(c, post, Kind::Repost) {
        viewer["repost"] = json!(uri);
    }
    viewer
}

/// The demo account's like or repost record of `post`, if it has one: the one made through the API,
/// else a bundled one.
pub fn record_uri(c: &Content, post: &Post, kind: Kind) -> Option<String> {
    let (collection, clock) = match kind {
        Kind::Like => ("app.bsky.feed.like", 1),
        Kind::Repost => ("app.bsky.feed.repost", 2),
        Kind::Bookmark => return None,
    };
    if !acts::done(c, post, kind) {
        return None;
    }
    let bundled = || format!("at://{}/{collection}/{}", crate::demo::BLUESKY_DID, ids::tid(post.at, post.key + clock));
    Some(acts::record(c, post, kind).map_or_else(bundled, str::to_string))
}

/// The demo account's follow record of person `key`, if it follows them.
pub fn follow_uri(c: &Content, key: &str) -> Option<String> {
    if !acts::follows(c, key) {
        return None;
    }
    let made = acts::follow_record(c, key).map(str::to_string);
    let bundled = || {
        format!("at://{}/app.bsky.graph.follow/{}", crate::demo::BLUESKY_DID, ids::base32(&format!("follow/{key}"), 13))
    };
    Some(made.unwrap_or_else(bundled))
}

/// The `app.bsky.feed.post` record (for a created post: the record exactly as the client sent it).
pub fn record(c: &Content, post: &Post) -> Value {
    if let Some(Sent::Bluesky { record, .. }) = &post.sent {
        return record.clone();
    }
    let (text, facets) = facets::render(&post.text, c);
    let created = if post.created_lie { LYING_CREATED_AT.to_string() } else { time(post.at) };
    let mut record = json!({"$type": "app.bsky.feed.post", "text": text, "createdAt": created, "langs": [post.lang]});
    if !facets.is_empty() {
        record["facets"] = Value::Array(facets);
    }
    if let Some(parent_key) = post.reply_to {
        let refer = |p: Option<&Post>| {
            p.map_or_else(|| json!({"uri": missing_uri(parent_key), "cid": ids::cid("gone")}), strong_ref)
        };
        record["reply"] = json!({"root": refer(root_of(c, parent_key)), "parent": refer(store::find(c, parent_key))});
    }
    if let Some(embed) = embed::record(c, post) {
        record["embed"] = embed;
    }
    record
}

/// `app.bsky.actor.defs#profileViewBasic` of person `key`.
pub fn profile(c: &Content, key: &str) -> Value {
    let person = store::person(c, key);
    let did = ids::did(key);
    json!({
        "did": did,
        "handle": ids::handle(Net::Bluesky, key),
        "displayName": person.name,
        "avatar": format!("https://cdn.bsky.app/img/avatar/plain/{did}/{}@jpeg", ids::cid(&format!("avatar/{key}"))),
        "associated": {"chat": {"allowIncoming": "following"}},
        "viewer": profile_viewer(c, key),
        "labels": [],
        "createdAt": "2023-04-01T00:00:00.000Z",
    })
}

/// The viewer part of a profile: muted, blocked, and the demo account's follow record.
fn profile_viewer(c: &Content, key: &str) -> Value {
    let mut viewer = json!({"muted": false, "blockedBy": false});
    if let Some(uri) = follow_uri(c, key) {
        viewer["following"] = json!(uri);
    }
    viewer
}
