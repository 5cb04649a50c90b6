//! Bluesky wire -> model. Facets become rich text by UTF-8 byte offset; every string passes
//! `text::sanitize`. Pure.

use jiff::Timestamp;
use serde_json::Value;

use super::wire;
use crate::model::{
    AccountId, Author, Counts, Embed, LinkCard, Media, MediaKind, Post, PostId, PostKey, Quoted, ReplyTo, Repost,
    RichText, Viewer, Visibility,
};
use crate::text::{Facet, FacetFeature, facets_to_rich, sanitize, sanitize_line};

/// Converts one feed item; `None` when it lacks what a post needs (skipped, not fatal).
pub(super) fn feed_item(item: wire::FeedViewPost, account: &AccountId) -> Option<Post> {
    let mut post = post_view(&item.post, account)?;
    post.repost = item.reason.as_ref().and_then(repost);
    if let Some(reply) = &item.reply {
        let handle = reply.parent.pointer("/author/handle").and_then(Value::as_str).map(sanitize_line);
        let id = reply.parent.get("uri").and_then(Value::as_str).map(sanitize_line);
        post.reply_to = Some(ReplyTo { handle, id });
    }
    Some(post)
}

pub(super) fn post_view(p: &wire::PostView, account: &AccountId) -> Option<Post> {
    // Sort and show by indexedAt: createdAt is set by the client and can lie.
    let indexed: Timestamp = p.indexed_at.parse().ok()?;
    let record: wire::PostRecord = serde_json::from_value(p.record.clone()).unwrap_or_default();
    let author = author(&p.author);
    let (media, embed) = p.embed.as_ref().map(embed).unwrap_or_default();
    let reply_to = record
        .reply
        .as_ref()
        .map(|r| ReplyTo { handle: None, id: r.pointer("/parent/uri").and_then(Value::as_str).map(sanitize_line) });
    let viewer = p.viewer.as_ref();
    // Labels are judged later, under the account's preferences (`prefs::moderate`).
    let labels: Vec<String> = p.labels.iter().map(|l| sanitize_line(&l.val)).collect();
    Some(Post {
        id: PostId {
            account: account.clone(),
            key: PostKey::Bluesky { uri: sanitize_line(&p.uri), cid: sanitize_line(&p.cid) },
        },
        url: web_url(&author.handle, &p.uri),
        author,
        created_at: indexed,
        text: rich(&record),
        cw: None,
        media,
        embed,
        poll: None,
        reply_to,
        repost: None,
        trail: Vec::new(),
        tags: tags(&record),
        sensitive: !labels.is_empty(),
        labels,
        counts: Counts { replies: p.reply_count, reposts: p.repost_count, likes: p.like_count, quotes: p.quote_count },
        viewer: Viewer {
            liked: viewer.is_some_and(|v| v.like.is_some()),
            reposted: viewer.is_some_and(|v| v.repost.is_some()),
            bookmarked: viewer.and_then(|v| v.bookmarked).unwrap_or(false),
            following: p.author.viewer.as_ref().map(|v| v.following.is_some()),
            like_record: viewer.and_then(|v| v.like.as_deref()).map(sanitize_line),
            repost_record: viewer.and_then(|v| v.repost.as_deref()).map(sanitize_line),
            follow_record: p.author.viewer.as_ref().and_then(|v| v.following.as_deref()).map(sanitize_line),
        },
        visibility: Visibility::Public,
    })
}

pub(super) fn author(p: &wire::Profile) -> Author {
    let handle = sanitize_line(&p.handle);
    Author {
        name: p.display_name.as_deref().map(sanitize_line).unwrap_or_default(),
        url: Some(format!("https://bsky.app/profile/{handle}")),
        handle,
        id: Some(sanitize_line(&p.did)).filter(|d| !d.is_empty()),
    }
}

fn author_value(v: &Value) -> Author {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(sanitize_line).unwrap_or_default();
    let handle = s("handle");
    let id = Some(s("did")).filter(|d| !d.is_empty());
    Author { name: s("displayName"), url: Some(format!("https://bsky.app/profile/{handle}")), handle, id }
}

/// The bsky.app URL of a post: `at://DID/app.bsky.feed.post/RKEY` -> `/profile/HANDLE/post/RKEY`.
fn web_url(handle: &str, uri: &str) -> Option<String> {
    let rkey = uri.strip_prefix("at://")?.rsplit('/').next()?;
    Some(sanitize_line(&format!("https://bsky.app/profile/{handle}/post/{rkey}")))
}

fn rich(record: &wire::PostRecord) -> RichText {
    let facets: Vec<Facet> = record
        .facets
        .iter()
        .map(|f| Facet {
            start: f.index.byte_start,
            end: f.index.byte_end,
            features: f.features.iter().filter_map(feature).collect(),
        })
        .collect();
    facets_to_rich(&record.text, &facets)
}

/// The post's tags: its `#tag` facets and the record's own `tags`.
fn tags(record: &wire::PostRecord) -> Vec<String> {
    let facet_tags = record.facets.iter().flat_map(|f| &f.features).filter_map(|v| match feature(v) {
        Some(FacetFeature::Tag(t)) => Some(t),
        _ => None,
    });
    let record_tags = record.tags.iter().filter_map(Value::as_str).map(str::to_string);
    facet_tags.chain(record_tags).map(|t| sanitize_line(&t)).collect()
}

fn feature(v: &Value) -> Option<FacetFeature> {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    match v.get("$type").and_then(Value::as_str)? {
        "app.bsky.richtext.facet#link" => s("uri").map(FacetFeature::Link),
        "app.bsky.richtext.facet#mention" => s("did").map(FacetFeature::Mention),
        "app.bsky.richtext.facet#tag" => s("tag").map(FacetFeature::Tag),
        _ => None,
    }
}

fn repost(reason: &Value) -> Option<Repost> {
    if reason.get("$type").and_then(Value::as_str) != Some("app.bsky.feed.defs#reasonRepost") {
        return None;
    }
    let at = reason.get("indexedAt").and_then(Value::as_str)?.parse().ok()?;
    Some(Repost { by: author_value(reason.get("by")?), at, id: None })
}

/// Media and embed of a post view's `embed`.
fn embed(v: &Value) -> (Vec<Media>, Option<Embed>) {
    match v.get("$type").and_then(Value::as_str).unwrap_or_default() {
        "app.bsky.embed.images#view" => (images(v), None),
        "app.bsky.embed.video#view" => (video(v).into_iter().collect(), None),
        "app.bsky.embed.external#view" => (Vec::new(), external(v)),
        "app.bsky.embed.record#view" => (Vec::new(), v.get("record").map(quote)),
        "app.bsky.embed.recordWithMedia#view" => {
            let media = v.get("media").map(embed).unwrap_or_default();
            (media.0, v.pointer("/record/record").map(quote).or(media.1))
        }
        _ => (Vec::new(), None),
    }
}

fn images(v: &Value) -> Vec<Media> {
    let list = v.get("images").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    list.iter()
        .filter_map(|img| {
            let url = img.get("fullsize").and_then(Value::as_str)?;
            Some(Media {
                kind: MediaKind::Image,
                url: sanitize_line(url),
                preview_url: img.get("thumb").and_then(Value::as_str).map(sanitize_line),
                alt: img.get("alt").and_then(Value::as_str).map(sanitize).filter(|a| !a.trim().is_empty()),
            })
        })
        .collect()
}

fn video(v: &Value) -> Option<Media> {
    let url = v.get("playlist").and_then(Value::as_str)?;
    Some(Media {
        kind: MediaKind::Video,
        url: sanitize_line(url),
        preview_url: v.get("thumbnail").and_then(Value::as_str).map(sanitize_line),
        alt: v.get("alt").and_then(Value::as_str).map(sanitize).filter(|a| !a.trim().is_empty()),
    })
}

fn external(v: &Value) -> Option<Embed> {
    let e = v.get("external")?;
    let s = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or_default();
    Some(Embed::Link(LinkCard {
        url: sanitize_line(s("uri")),
        title: sanitize_line(s("title")),
        description: sanitize(s("description")),
        image: e.get("thumb").and_then(Value::as_str).map(sanitize_line),
    }))
}

fn quote(r: &Value) -> Embed {
    match r.get("$type").and_then(Value::as_str).unwrap_or_default() {
        "app.bsky.embed.record#viewRecord" => {
            let record: wire::PostRecord =
                r.get("value").cloned().and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
            let author = r.get("author").map(author_value).unwrap_or_default();
            let uri = r.get("uri").and_then(Value::as_str).unwrap_or_default();
            Embed::Quote(Box::new(Quoted {
                url: web_url(&author.handle, uri),
                author,
                text: rich(&record),
                created_at: r.get("indexedAt").and_then(Value::as_str).and_then(|t| t.parse().ok()),
            }))
        }
        "app.bsky.embed.record#viewBlocked" => Embed::Unavailable { reason: "quoted post is blocked".into() },
        "app.bsky.embed.record#viewDetached" => Embed::Unavailable { reason: "quote removed by its author".into() },
        _ => Embed::Unavailable { reason: "quoted post not found".into() },
    }
}
