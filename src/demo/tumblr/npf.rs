//! Neutral posts to NPF content blocks and layouts: text blocks with subtypes and code-point
//! formatting ranges, image, video, audio, link and poll blocks, `ask` and `condensed` layouts.
//!
//! Pure; no IO. A paragraph (text split at blank lines) is one text block; `> ` starts a quote and
//! `# ` a heading1 (the markers are dropped on Tumblr, kept verbatim elsewhere).

use super::post::blog_info;
use crate::demo::content::{Content, Media, MediaKind, Post};
use crate::demo::ids;
use crate::demo::markup::{self, Mark};
use serde_json::{Value, json};

/// The `content` blocks, `layout` and `tags` of a post (not counting its trail).
pub struct Npf {
    /// Content blocks.
    pub content: Vec<Value>,
    /// Layout blocks.
    pub layout: Vec<Value>,
    /// Hashtags found in the text.
    pub tags: Vec<String>,
}

/// Renders the post's own content.
pub fn render(c: &Content, post: &Post, now: jiff::Timestamp) -> Npf {
    let mut npf = Npf { content: Vec::new(), layout: Vec::new(), tags: Vec::new() };
    if let Some(ask) = &post.ask {
        npf.content.push(text_block(c, &ask.question, &[], &mut npf.tags));
        let mut layout = json!({"type": "ask", "blocks": [0]});
        if let Some(from) = &ask.from {
            let blog = blog_info(c, from);
            layout["attribution"] = json!({"type": "blog", "url": blog["url"], "blog": blog});
        }
        npf.layout.push(layout);
    }
    let first_text = npf.content.len();
    for paragraph in post.text.split("\n\n").filter(|p| !p.is_empty()) {
        npf.content.push(text_block(c, paragraph, &post.styles, &mut npf.tags));
    }
    if let Some(shown) = post.read_more_after.filter(|n| *n > 0) {
        let last = first_text + shown - 1;
        npf.layout.push(json!({"type": "condensed", "truncate_after": last, "blocks": (0..=last).collect::<Vec<_>>()}));
    }
    npf.content.extend(post.media.iter().map(media_block));
    if let Some(card) = &post.card {
        let mut block = json!({"type": "link", "url": card.url, "title": card.title, "description": card.description,
            "display_url": card.url, "site_name": card.url.split('/').nth(2).unwrap_or_default()});
        if let Some(image) = &card.image {
            block["poster"] = json!([{"url": image, "type": "image/png", "width": 400, "height": 200}]);
        }
        npf.content.push(block);
    }
    if let Some(poll) = &post.poll {
        npf.content.push(poll_block(post, poll, now));
    }
    npf
}

/// One text block: subtype from its marker, formatting from links, mentions, tags and styles.
fn text_block(c: &Content, paragraph: &str, styles: &[(String, &str)], tags: &mut Vec<String>) -> Value {
    let (subtype, text) = match paragraph {
        p if p.starts_with("> ") => (Some("quote"), &p[2..]),
        p if p.starts_with("# ") => (Some("heading1"), &p[2..]),
        p => (None, p),
    };
    let cp = |byte: usize| markup::code_points(text, byte);
    let mut formatting: Vec<Value> = Vec::new();
    for token in markup::scan(text) {
        let (start, end) = (cp(token.range.start), cp(token.range.end));
        let range = match token.mark {
            Mark::Link(url) => json!({"start": start, "end": end, "type": "link", "url": url}),
            Mark::Tag(tag) => {
                let url = format!("https://www.tumblr.com/tagged/{tag}");
                tags.push(tag);
                json!({"start": start, "end": end, "type": "link", "url": url})
            }
            Mark::Mention(name) if c.people.iter().any(|p| p.key == name) => {
                let blog = blog_info(c, &name);
                json!({"start": start, "end": end, "type": "mention",
                    "blog": {"uuid": blog["uuid"], "name": blog["name"], "url": blog["url"]}})
            }
            Mark::Mention(_) => continue,
        };
        formatting.push(range);
    }
    for (needle, kind) in styles {
        if let Some(at) = text.find(needle.as_str()) {
            formatting.push(json!({"start": cp(at), "end": cp(at + needle.len()), "type": kind}));
        }
    }
    let mut block = json!({"type": "text", "text": text});
    if let Some(subtype) = subtype {
        block["subtype"] = json!(subtype);
    }
    if !formatting.is_empty() {
        block["formatting"] = Value::Array(formatting);
    }
    block
}

/// An image, video or audio block.
fn media_block(m: &Media) -> Value {
    let mut block = match m.kind {
        MediaKind::Image => json!({"type": "image", "media": [{"url": m.url, "type": "image/jpeg",
            "width": m.width, "height": m.height, "has_original_dimensions": true}]}),
        MediaKind::Video => json!({"type": "video", "provider": "tumblr", "url": m.url,
            "media": {"url": m.url, "type": "video/mp4", "width": m.width, "height": m.height},
            "poster": [{"url": format!("{}.jpg", m.url), "type": "image/jpeg", "width": m.width, "height": m.height}]}),
        MediaKind::Audio => json!({"type": "audio", "provider": "tumblr", "url": m.url,
            "media": {"url": m.url, "type": "audio/mpeg"}, "title": "Episode", "artist": "Demo podcast"}),
    };
    if let Some(alt) = &m.alt {
        block["alt_text"] = json!(alt);
    }
    block
}

/// A poll block; the question is the post's first paragraph.
fn poll_block(post: &Post, poll: &crate::demo::content::Poll, now: jiff::Timestamp) -> Value {
    let question = post.text.split("\n\n").next().unwrap_or_default();
    let id = |i: usize| format!("{}-{}", ids::base32(&format!("poll/{}", post.key), 8), i);
    let answers: Vec<Value> =
        poll.options.iter().enumerate().map(|(i, (t, _))| json!({"client_id": id(i + 1), "answer_text": t})).collect();
    let open_secs = (now.as_second() - post.at.as_second()) + poll.closes_in * 60;
    json!({
        "type": "poll",
        "client_id": id(0),
        "question": question,
        "answers": answers,
        "settings": {"multiple_choice": poll.multiple, "close_status": "closed-after", "expire_after": open_secs.max(0)},
        "created_at": super::post::date(post.at),
        "timestamp": post.at.as_second(),
    })
}
