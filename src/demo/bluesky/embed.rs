//! Bluesky embeds: the record side (`app.bsky.embed.images`, `.video`, `.external`, `.record`,
//! `.recordWithMedia`) and the matching `#view` side that a postView carries.
//!
//! Pure; no IO. Bluesky has no audio embed and no polls: those parts of a neutral post are dropped.
//! An image without alt text gets `alt: ""` (the field is required).

use super::post;
use crate::demo::content::{Card, Content, Media, MediaKind, Post};
use crate::demo::{ids, store};
use serde_json::{Value, json};

/// The images, video and card of a post, in Bluesky's order of preference.
fn media(post: &Post) -> (Vec<&Media>, Option<&Media>) {
    let images = post.media.iter().filter(|m| m.kind == MediaKind::Image).take(4).collect();
    let video = post.media.iter().find(|m| m.kind == MediaKind::Video);
    (images, video)
}

/// The `embed` of the post record, if any.
pub fn record(c: &Content, post: &Post) -> Option<Value> {
    let media = media_record(post);
    let quoted = post.quote_of.map(|key| match store::find(c, key) {
        Some(quoted) => post::strong_ref(quoted),
        None => json!({"uri": post::missing_uri(key), "cid": ids::cid("gone")}),
    });
    match (quoted, media) {
        (Some(quoted), Some(media)) => Some(json!({
            "$type": "app.bsky.embed.recordWithMedia",
            "record": {"$type": "app.bsky.embed.record", "record": quoted},
            "media": media,
        })),
        (Some(quoted), None) => Some(json!({"$type": "app.bsky.embed.record", "record": quoted})),
        (None, media) => media,
    }
}

/// The media part of the record embed (images, else video, else external card).
fn media_record(post: &Post) -> Option<Value> {
    let (images, video) = media(post);
    if !images.is_empty() {
        let images: Vec<Value> = images
            .iter()
            .map(|m| json!({"alt": alt(m), "image": blob(m, "image/jpeg"), "aspectRatio": ratio(m)}))
            .collect();
        return Some(json!({"$type": "app.bsky.embed.images", "images": images}));
    }
    if let Some(m) = video {
        return Some(
            json!({"$type": "app.bsky.embed.video", "video": blob(m, "video/mp4"), "alt": alt(m), "aspectRatio": ratio(m)}),
        );
    }
    post.card.as_ref().map(|card| json!({"$type": "app.bsky.embed.external", "external": external(card)}))
}

/// The `embed` view of a postView (`with_quote`: false inside a quote, to stop the recursion).
pub fn view(c: &Content, post: &Post, with_quote: bool) -> Option<Value> {
    let media = media_view(post);
    let quoted = match post.quote_of {
        Some(key) if with_quote => Some(quote_view(c, key)),
        _ => None,
    };
    match (quoted, media) {
        (Some(record), Some(media)) => Some(json!({
            "$type": "app.bsky.embed.recordWithMedia#view",
            "record": {"$type": "app.bsky.embed.record#view", "record": record},
            "media": media,
        })),
        (Some(record), None) => Some(json!({"$type": "app.bsky.embed.record#view", "record": record})),
        (None, media) => media,
    }
}

/// `#viewRecord` of the quoted post, or `#viewNotFound` when it is gone.
fn quote_view(c: &Content, key: u32) -> Value {
    let Some(quoted) = store::find(c, key) else {
        return json!({"$type": "app.bsky.embed.record#viewNotFound", "uri": post::missing_uri(key), "notFound": true});
    };
    let inner = post::post_view(c, quoted, false);
    json!({
        "$type": "app.bsky.embed.record#viewRecord",
        "uri": inner["uri"],
        "cid": inner["cid"],
        "author": inner["author"],
        "value": inner["record"],
        "labels": [],
        "replyCount": inner["replyCount"],
        "repostCount": inner["repostCount"],
        "likeCount": inner["likeCount"],
        "quoteCount": inner["quoteCount"],
        "indexedAt": inner["indexedAt"],
        "embeds": view(c, quoted, false).map_or_else(Vec::new, |e| vec![e]),
    })
}

/// The media part of the view (images, else video, else external card).
fn media_view(post: &Post) -> Option<Value> {
    let did = ids::did(&post.author);
    let (images, video) = media(post);
    if !images.is_empty() {
        let images: Vec<Value> = images
            .iter()
            .map(|m| {
                let cid = blob_cid(m);
                // The demo's own files are served by the demo server itself, not by a CDN.
                let (thumb, fullsize) = if m.url.contains(crate::demo::media::PATH) {
                    (m.url.clone(), m.url.clone())
                } else {
                    (
                        format!("https://cdn.bsky.app/img/feed_thumbnail/plain/{did}/{cid}@jpeg"),
                        format!("https://cdn.bsky.app/img/feed_fullsize/plain/{did}/{cid}@jpeg"),
                    )
                };
                json!({
                    "thumb": thumb,
                    "fullsize": fullsize,
                    "alt": alt(m),
                    "aspectRatio": ratio(m),
                })
            })
            .collect();
        return Some(json!({"$type": "app.bsky.embed.images#view", "images": images}));
    }
    if let Some(m) = video {
        let cid = blob_cid(m);
        return Some(json!({
            "$type": "app.bsky.embed.video#view",
            "cid": cid,
            "playlist": format!("https://video.bsky.app/watch/{did}/{cid}/playlist.m3u8"),
            "thumbnail": format!("https://video.bsky.app/watch/{did}/{cid}/thumbnail.jpg"),
            "alt": alt(m),
            "aspectRatio": ratio(m),
        }));
    }
    post.card.as_ref().map(|card| {
        let mut external = external(card);
        if let Some(image) = &card.image {
            external["thumb"] = json!(image);
        }
        json!({"$type": "app.bsky.embed.external#view", "external": external})
    })
}

/// The external card fields shared by record and view (the record's thumb blob is left out).
fn external(card: &Card) -> Value {
    json!({"uri": card.url, "title": card.title, "description": card.description})
}

/// Alt text; Bluesky requires the field, so missing alt text is an empty string.
fn alt(m: &Media) -> &str {
    m.alt.as_deref().unwrap_or("")
}

/// The blob CID of a media file.
fn blob_cid(m: &Media) -> String {
    format!("bafkrei{}", ids::base32(&m.url, 52))
}

/// A blob reference as it appears in a record.
fn blob(m: &Media, mime: &str) -> Value {
    json!({"$type": "blob", "ref": {"$link": blob_cid(m)}, "mimeType": mime, "size": 200_000 + ids::hash(&m.url) % 700_000})
}

/// `aspectRatio` of a media file.
fn ratio(m: &Media) -> Value {
    json!({"width": m.width, "height": m.height})
}
