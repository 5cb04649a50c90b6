//! The JSON and text shapes of CLI output (documented in the README; fields are added, never renamed).

use serde::Serialize;

use crate::model::{Post, Timeline};

/// A post as `timeline --json` prints it.
#[derive(Debug, Serialize)]
pub struct JsonPost<'a> {
    pub id: String,
    pub network: &'static str,
    pub account: &'a str,
    pub author: JsonAuthor<'a>,
    pub created_at: String,
    pub text: String,
    pub cw: Option<&'a str>,
    pub url: Option<&'a str>,
    pub reposted_by: Option<JsonAuthor<'a>>,
    pub reply_to: Option<&'a str>,
    pub media: Vec<JsonMedia<'a>>,
    pub also_on: Vec<JsonAlso<'a>>,
    pub tags: &'a [String],
    /// The quoted post, when the post quotes one.
    pub quote: Option<JsonQuote<'a>>,
}

/// A quoted post in JSON.
#[derive(Debug, Serialize)]
pub struct JsonQuote<'a> {
    pub author: JsonAuthor<'a>,
    pub text: String,
    pub url: Option<&'a str>,
}

/// An author in JSON.
#[derive(Debug, Serialize)]
pub struct JsonAuthor<'a> {
    pub name: &'a str,
    pub handle: &'a str,
    pub url: Option<&'a str>,
}

/// An attachment in JSON.
#[derive(Debug, Serialize)]
pub struct JsonMedia<'a> {
    pub kind: crate::model::MediaKind,
    pub url: &'a str,
    pub alt: Option<&'a str>,
}

/// A cross-post of the same row on another network.
#[derive(Debug, Serialize)]
pub struct JsonAlso<'a> {
    pub id: String,
    pub network: &'static str,
    pub account: &'a str,
    pub handle: &'a str,
    pub url: Option<&'a str>,
}

/// The JSON rows for these slots.
pub fn rows<'a>(timeline: &'a Timeline, slots: &[u32]) -> Vec<JsonPost<'a>> {
    slots.iter().filter_map(|&s| Some(post(timeline, s, timeline.post(s)?))).collect()
}

fn author(a: &crate::model::Author) -> JsonAuthor<'_> {
    JsonAuthor { name: &a.name, handle: &a.handle, url: a.url.as_deref() }
}

fn post<'a>(timeline: &'a Timeline, slot: u32, p: &'a Post) -> JsonPost<'a> {
    JsonPost {
        id: p.id.global(),
        network: p.network().as_str(),
        account: &p.id.account.0,
        author: author(&p.author),
        created_at: p.created_at.to_string(),
        text: p.text.to_plain(),
        cw: p.cw.as_deref(),
        url: p.url.as_deref(),
        reposted_by: p.repost.as_ref().map(|r| author(&r.by)),
        reply_to: p.reply_to.as_ref().and_then(|r| r.id.as_deref().or(r.handle.as_deref())),
        media: p.media.iter().map(|m| JsonMedia { kind: m.kind, url: &m.url, alt: m.alt.as_deref() }).collect(),
        also_on: timeline
            .also(slot)
            .iter()
            .filter_map(|&s| timeline.post(s))
            .map(|o| JsonAlso {
                id: o.id.global(),
                network: o.network().as_str(),
                account: &o.id.account.0,
                handle: &o.author.handle,
                url: o.url.as_deref(),
            })
            .collect(),
        tags: &p.tags,
        quote: match &p.embed {
            Some(crate::model::Embed::Quote(q)) => {
                Some(JsonQuote { author: author(&q.author), text: q.text.to_plain(), url: q.url.as_deref() })
            }
            _ => None,
        },
    }
}

/// A post as `timeline` prints it in text: a header line, the text indented, a blank line.
pub fn text_row(timeline: &Timeline, slot: u32, p: &Post) -> String {
    let nets: Vec<&str> = timeline.row_networks(slot).iter().map(|n| n.as_str()).collect();
    let mut out = format!("[{}] {} (@{}) {}", nets.join("+"), p.author.shown_name(), p.author.handle, p.created_at);
    if let Some(r) = &p.repost {
        out.push_str(&format!(" · boosted by @{}", r.by.handle));
    }
    out.push('\n');
    if let Some(cw) = &p.cw {
        out.push_str(&format!("  CW: {cw}\n"));
    }
    for line in p.text.to_plain().lines() {
        out.push_str(&format!("  {line}\n"));
    }
    for m in &p.media {
        let kind = format!("{:?}", m.kind).to_lowercase();
        out.push_str(&format!("  [{kind}] {}\n", m.alt.as_deref().unwrap_or("no description")));
    }
    if let Some(url) = &p.url {
        out.push_str(&format!("  {url}\n"));
    }
    out.push('\n');
    out
}
