//! Mastodon Status entities (with MediaAttachment, PreviewCard, Poll and Quote) rendered from neutral
//! posts.
//!
//! Pure; no IO. Ids are snowflake-like decimal strings derived from the post's time and key.

use super::{account, html};
use crate::demo::acts::{self, Kind};
use crate::demo::content::{Card, Content, Media, MediaKind, Poll, Post};
use crate::demo::{content, ids, store};
use jiff::Timestamp;
use serde_json::{Value, json};

/// The status id of a post.
pub fn status_id(post: &Post) -> String {
    ids::snowflake(post.at, post.key).to_string()
}

/// The id a deleted parent `key` of `post` had (a minute older than the reply).
fn missing_id(post: &Post, key: u32) -> String {
    let at = post.at.checked_sub(jiff::SignedDuration::from_mins(1)).unwrap_or(post.at);
    ids::snowflake(at, key).to_string()
}

/// RFC 3339 with milliseconds and `Z`, as Mastodon formats times.
pub fn time(at: Timestamp) -> String {
    format!("{at:.3}")
}

/// The Status entity of a feed entry (a boost wraps its original in `reblog`).
pub fn status(c: &Content, post: &Post, base: &str, now: Timestamp) -> Value {
    match post.boost_of.and_then(|key| store::find(c, key)) {
        Some(original) => boost(c, post, original, base, now),
        None => own_status(c, post, base, now),
    }
}

/// A boost: the booster's own id, uri and time, with an empty body and the original in `reblog`.
fn boost(c: &Content, post: &Post, original: &Post, base: &str, now: Timestamp) -> Value {
    let mut outer = own_status(c, &Post { boost_of: None, ..post.clone() }, base, now);
    let id = status_id(post);
    outer["uri"] = json!(format!("{}/statuses/{id}/activity", account::actor_uri(&post.author, base)));
    outer["url"] = Value::Null;
    outer["reblog"] = own_status(c, original, base, now);
    outer["tags"] = json!([]);
    outer["language"] = Value::Null;
    outer
}

/// A status that is not a boost.
fn own_status(c: &Content, post: &Post, base: &str, now: Timestamp) -> Value {
    let id = status_id(post);
    let body = html::render(&post.text, c, base);
    let parent = post.reply_to.and_then(|key| store::find(c, key));
    // A fresh post has no replies, boosts or favourites yet; older ones get some from their key.
    let key = if store::fresh(post) { 0 } else { u64::from(post.key) };
    json!({
        "id": id,
        "uri": format!("{}/statuses/{id}", account::actor_uri(&post.author, base)),
        "url": format!("{}/{id}", account::profile_url(&post.author, base)),
        "created_at": time(post.at),
        "edited_at": null,
        "account": account::account(c, &post.author, base),
        "content": body.html + &quote_inline(c, post, base),
        "spoiler_text": post.cw.clone().unwrap_or_default(),
        "sensitive": post.sensitive,
        "visibility": post.visibility,
        "language": post.lang,
        // A deleted parent keeps its id here, as on Mastodon: the client finds nothing behind it.
        "in_reply_to_id": post.reply_to.map(|key| parent.map_or_else(|| missing_id(post, key), status_id)),
        "in_reply_to_account_id": parent.map(|p| account::id(c, &p.author)),
        "reblog": null,
        "quote": quote(c, post, base, now),
        "media_attachments": post.media.iter().enumerate().map(|(i, m)| media(post, i, m)).collect::<Vec<_>>(),
        "card": post.card.as_ref().map(card),
        "poll": post.poll.as_ref().map(|p| poll(post, p, now)),
        "mentions": body.mentions,
        "tags": body.tags,
        "emojis": [],
        "replies_count": key % 5,
        "reblogs_count": acts::count(c, post, Kind::Repost, key * 7 % 23),
        "favourites_count": acts::count(c, post, Kind::Like, key * 13 % 57),
        "favourited": acts::done(c, post, Kind::Like),
        "reblogged": acts::done(c, post, Kind::Repost),
        "bookmarked": acts::done(c, post, Kind::Bookmark),
        "muted": false,
        "pinned": false,
        "filtered": [],
    })
}

/// Mastodon 4.5's `quote`: the quoted status, or a `deleted` state when it is gone.
fn quote(c: &Content, post: &Post, base: &str, now: Timestamp) -> Value {
    let Some(key) = post.quote_of else {
        return Value::Null;
    };
    match store::find(c, key) {
        Some(quoted) => {
            json!({"state": "accepted", "quoted_status": own_status(c, quoted, base, now)})
        }
        None => json!({"state": "deleted", "quoted_status": null}),
    }
}

/// The `RE: <link>` paragraph Mastodon adds for clients that do not show quotes.
fn quote_inline(c: &Content, post: &Post, base: &str) -> String {
    let Some(quoted) = post.quote_of.and_then(|key| store::find(c, key)) else {
        return String::new();
    };
    let url = format!("{}/{}", account::profile_url(&quoted.author, base), status_id(quoted));
    format!(r#"<p class="quote-inline">RE: {}</p>"#, html::link(&url))
}

/// A MediaAttachment entity.
fn media(post: &Post, index: usize, m: &Media) -> Value {
    let kind = match m.kind {
        MediaKind::Image => "image",
        MediaKind::Video => "video",
        MediaKind::Audio => "audio",
    };
    let size = json!({"width": m.width, "height": m.height, "size": format!("{}x{}", m.width, m.height)});
    let preview = format!("{}.small.jpg", m.url.rsplit_once('.').map_or(m.url.as_str(), |(stem, _)| stem));
    json!({
        "id": (ids::snowflake(post.at, post.key) + index as u64).to_string(),
        "type": kind,
        "url": m.url,
        "preview_url": preview,
        "remote_url": null,
        "preview_remote_url": null,
        "text_url": null,
        "meta": {"original": size, "small": size},
        "description": m.alt,
        "blurhash": "UFG[~l_3of~q%MRjWBayt7WBj[ayRjayofay",
    })
}

/// A PreviewCard entity.
fn card(card: &Card) -> Value {
    json!({
        "url": card.url,
        "title": card.title,
        "description": card.description,
        "language": "en",
        "type": "link",
        "author_name": "",
        "author_url": "",
        "provider_name": "",
        "provider_url": "",
        "html": "",
        "width": if card.image.is_some() { 400 } else { 0 },
        "height": if card.image.is_some() { 200 } else { 0 },
        "image": card.image,
        "image_description": "",
        "embed_url": "",
        "blurhash": null,
        "published_at": null,
        "authors": [],
    })
}

/// A Poll entity (`closes_in` minutes from `now`).
fn poll(post: &Post, poll: &Poll, now: Timestamp) -> Value {
    let expires = content::minutes_before(now, -poll.closes_in);
    let votes: u32 = poll.options.iter().map(|(_, n)| n).sum();
    let options: Vec<Value> = poll.options.iter().map(|(title, n)| json!({"title": title, "votes_count": n})).collect();
    json!({
        "id": (u64::from(post.key) + 40_000).to_string(),
        "expires_at": time(expires),
        "expired": poll.closes_in <= 0,
        "multiple": poll.multiple,
        "votes_count": votes,
        "voters_count": if poll.multiple { json!(votes.saturating_sub(2)) } else { Value::Null },
        "options": options,
        "emojis": [],
        "voted": false,
        "own_votes": [],
    })
}
