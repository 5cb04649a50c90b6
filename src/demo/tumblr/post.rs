//! Tumblr post objects (NPF), short blog info and reblog trails, rendered from neutral posts.
//!
//! Pure; no IO. A boost becomes a reblog with empty content and the original in `trail`; a quote
//! becomes a reblog with added content; a quote of a deleted post gets a broken trail item.

use super::npf;
use crate::demo::acts::{self, Kind};
use crate::demo::content::{Content, Net, Post, Sent};
use crate::demo::{ids, store};
use jiff::Timestamp;
use serde_json::{Value, json};

/// The post id (a number beyond JavaScript's safe integers, as on Tumblr).
pub fn id(post: &Post) -> u64 {
    ids::snowflake(post.at, post.key)
}

/// The key a client needs to like or reblog a post.
pub fn reblog_key(post: &Post) -> String {
    ids::base32(&format!("reblog/{}", post.key), 8)
}

/// Tumblr's `date` format: `2024-05-17 10:00:00 GMT`.
pub fn date(at: Timestamp) -> String {
    at.strftime("%Y-%m-%d %H:%M:%S GMT").to_string()
}

/// The blog name of person `key`.
fn blog_name(key: &str) -> String {
    ids::handle(Net::Tumblr, key)
}

/// Short blog info of person `key`.
pub fn blog_info(c: &Content, key: &str) -> Value {
    let person = store::person(c, key);
    let name = blog_name(key);
    json!({
        "name": name,
        "title": person.name,
        "description": person.bio,
        "url": format!("https://{name}.tumblr.com/"),
        "uuid": ids::blog_uuid(key),
        "updated": 1_700_000_000 + ids::hash(key) % 10_000_000,
        "tumblrmart_accessories": {},
        "can_show_badges": false,
    })
}

/// The dashboard post of a feed entry.
pub fn post(c: &Content, entry: &Post, now: Timestamp) -> Value {
    let own = npf_of(c, entry, now);
    let quoted = entry.boost_of.or(entry.quote_of);
    let trail: Vec<Value> = quoted.map(|key| trail_item(c, key, now)).into_iter().collect();
    let mut value = base(c, entry);
    value["content"] = json!(own.content);
    value["layout"] = json!(own.layout);
    value["trail"] = json!(trail);
    value["tags"] = json!(own.tags);
    value["summary"] = json!(summary(entry, c));
    value["original_type"] = json!(original_type(entry));
    if let Some(Sent::Tumblr { state, .. }) = &entry.sent {
        value["state"] = json!(state);
    }
    if let Some(parent) = quoted.and_then(|key| store::find(c, key)) {
        value["reblogged_from_id"] = json!(id(parent).to_string());
        value["reblogged_from_name"] = json!(blog_name(&parent.author));
        value["reblogged_root_id"] = json!(id(parent).to_string());
        value["reblogged_root_name"] = json!(blog_name(&parent.author));
    }
    value
}

/// The fields every post has, whatever its content.
fn base(c: &Content, post: &Post) -> Value {
    let id = id(post);
    let name = blog_name(&post.author);
    let slug = slug(&post.text);
    let key = if store::fresh(post) { 0 } else { u64::from(post.key) };
    json!({
        "object_type": "post",
        "type": "blocks",
        "is_blocks_post_format": true,
        "id": id,
        "id_string": id.to_string(),
        "blog_name": name,
        "blog": blog_info(c, &post.author),
        "post_url": format!("https://www.tumblr.com/{name}/{id}/{slug}"),
        "short_url": format!("https://tmblr.co/Z{}", ids::base32(&id.to_string(), 12)),
        "slug": slug,
        "state": "published",
        "timestamp": post.at.as_second(),
        "date": date(post.at),
        "reblog_key": reblog_key(post),
        "note_count": acts::count(c, post, Kind::Like, key * 17 % 300),
        "liked": acts::done(c, post, Kind::Like),
        "followed": acts::follows(c, &post.author),
        "can_like": true,
        "can_reblog": true,
        "can_reply": true,
        "can_send_in_message": true,
        "interactability_reblog": "everyone",
        "display_avatar": true,
    })
}

/// A trail item for the post with `key` (a broken item when it no longer exists).
fn trail_item(c: &Content, key: u32, now: Timestamp) -> Value {
    let Some(original) = store::find(c, key) else {
        let content = json!([{"type": "text", "text": "This post is no longer available."}]);
        return json!({"broken_blog_name": "deleted-blog", "content": content, "layout": []});
    };
    let npf = npf_of(c, original, now);
    json!({
        "post": {"id": id(original).to_string(), "timestamp": original.at.as_second(), "is_commercial": false},
        "blog": blog_info(c, &original.author),
        "content": npf.content,
        "layout": npf.layout,
    })
}

/// The NPF of a post: as the client sent it, for a post created through the API; else rendered.
fn npf_of(c: &Content, post: &Post, now: Timestamp) -> npf::Npf {
    match &post.sent {
        Some(Sent::Tumblr { content, layout, tags, .. }) => {
            npf::Npf { content: content.clone(), layout: layout.clone(), tags: tags.clone() }
        }
        _ => npf::render(c, post, now),
    }
}

/// The legacy type a post would have had.
fn original_type(post: &Post) -> &'static str {
    use crate::demo::content::MediaKind;
    if let Some(Sent::Tumblr { content, .. }) = &post.sent {
        let first = content.iter().filter_map(|b| b["type"].as_str()).find(|t| *t != "text");
        return match first {
            Some("image") => "photo",
            Some("video") => "video",
            Some("audio") => "audio",
            Some("link") => "link",
            _ => "regular",
        };
    }
    match (post.ask.is_some(), post.media.first().map(|m| m.kind), post.card.is_some()) {
        (true, _, _) => "answer",
        (_, Some(MediaKind::Image), _) => "photo",
        (_, Some(MediaKind::Video), _) => "video",
        (_, Some(MediaKind::Audio), _) => "audio",
        (_, None, true) => "link",
        _ => "regular",
    }
}

/// The post summary: its first line, or the original's for a plain reblog.
fn summary(post: &Post, c: &Content) -> String {
    let text = match post.boost_of.and_then(|key| store::find(c, key)) {
        Some(original) => &original.text,
        None => &post.text,
    };
    text.lines().next().unwrap_or_default().chars().take(200).collect()
}

/// A URL slug: lowercase ASCII words joined by `-`, at most 60 characters.
fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut slug = words.join("-");
    slug.truncate(60);
    slug.trim_end_matches('-').to_string()
}
