//! Mastodon status HTML to `RichText`, using html5gum's tokenizer.
//!
//! Contract: pure; no IO; never panics, whatever the markup. Entities are decoded and every
//! output string (span text, URL, handle, tag) passes `sanitize`. HTML whitespace collapses
//! to one space except in `pre`. Only `http`/`https` hrefs become links; mentions, hashtags
//! and links carry their real target. Text outside any block still becomes a paragraph.

use crate::model::{Block, BlockKind, Link, RichText, Span, SpanStyle};
use crate::text::sanitize::is_web_url;
use crate::text::{sanitize, sanitize_line};
use html5gum::{HtmlString, StartTag, Token, Tokenizer};
use std::collections::BTreeMap;

/// How a `<span>` affects its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpanRole {
    Plain,
    Invisible,
    Ellipsis,
}

/// What an open `<a>` will link to once its visible text is known.
#[derive(Debug)]
enum AnchorKind {
    Mention(String),
    Tag,
    Url(String),
    Plain,
}

/// An open `<a>`: its kind and where its first span will be.
#[derive(Debug)]
struct Anchor {
    kind: AnchorKind,
    block: usize,
    span: usize,
}

/// Inline style nesting counts.
#[derive(Debug, Default)]
struct Styles {
    bold: u32,
    italic: u32,
    strike: u32,
    code: u32,
    small: u32,
}

impl Styles {
    /// The counter a style tag changes, if it is one.
    fn counter(&mut self, tag: &str) -> Option<&mut u32> {
        match tag {
            "strong" | "b" => Some(&mut self.bold),
            "em" | "i" => Some(&mut self.italic),
            "del" | "s" | "strike" => Some(&mut self.strike),
            "code" | "kbd" | "samp" | "tt" => Some(&mut self.code),
            "small" => Some(&mut self.small),
            _ => None,
        }
    }

    /// The current span style.
    fn style(&self) -> SpanStyle {
        SpanStyle {
            bold: self.bold > 0,
            italic: self.italic > 0,
            strike: self.strike > 0,
            code: self.code > 0,
            small: self.small > 0,
        }
    }
}

/// Converts Mastodon status HTML into rich text; tolerant of broken markup.
pub fn html_to_rich(html: &str) -> RichText {
    let mut b = Builder { last_ws: true, ..Builder::default() };
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => b.start(&tag),
            Token::EndTag(tag) => b.end(&name(&tag.name)),
            Token::String(text) => b.text(&String::from_utf8_lossy(&text.value)),
            _ => {}
        }
    }
    b.finish()
}

/// A tag or attribute name as a string.
fn name(s: &HtmlString) -> String {
    String::from_utf8_lossy(s).to_ascii_lowercase()
}

/// An attribute's value, empty when absent.
fn attr<S: html5gum::SpanBound>(tag: &StartTag<S>, key: &str) -> String {
    let attrs: &BTreeMap<HtmlString, _> = &tag.attributes;
    attrs.get(key.as_bytes()).map(|v| String::from_utf8_lossy(&v.value).into_owned()).unwrap_or_default()
}

/// True when the whitespace-separated `list` contains `word`.
fn has_word(list: &str, word: &str) -> bool {
    list.split_ascii_whitespace().any(|w| w.eq_ignore_ascii_case(word))
}

/// What an `<a>` start tag links to.
fn anchor_kind<S: html5gum::SpanBound>(tag: &StartTag<S>) -> AnchorKind {
    let href = sanitize_line(attr(tag, "href").trim());
    let class = attr(tag, "class");
    if has_word(&class, "hashtag") || has_word(&attr(tag, "rel"), "tag") {
        AnchorKind::Tag
    } else if !is_web_url(&href) {
        AnchorKind::Plain
    } else if has_word(&class, "mention") {
        AnchorKind::Mention(href)
    } else {
        AnchorKind::Url(href)
    }
}

/// The link an anchor makes from its visible text.
fn anchor_link(kind: AnchorKind, text: &str) -> Option<Link> {
    let text = text.trim();
    match kind {
        AnchorKind::Mention(target) => {
            let handle = sanitize_line(text.trim_start_matches('@'));
            (!handle.is_empty()).then_some(Link::Mention { handle, target })
        }
        AnchorKind::Tag => {
            let tag = sanitize_line(text.trim_start_matches('#'));
            (!tag.is_empty()).then_some(Link::Tag { tag })
        }
        AnchorKind::Url(url) => Some(Link::Url { url }),
        AnchorKind::Plain => None,
    }
}

/// True for HTML's whitespace characters.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\n' | '\t' | '\r' | '\x0c')
}

/// Tags whose start and end separate blocks.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "section",
    "article",
    "header",
    "footer",
    "table",
    "tr",
    "figure",
    "figcaption",
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
    "aside",
    "nav",
];

/// Tags whose content is never shown.
const SKIP_TAGS: &[&str] = &["script", "style", "template", "title", "noscript", "rt", "rp"];

/// Open list: whether numbered, and the next number.
#[derive(Debug)]
struct ListCtx {
    ordered: bool,
    next: u32,
}

/// Tokenizer state turned into blocks.
#[derive(Debug, Default)]
struct Builder {
    blocks: Vec<Block>,
    open: bool,
    last_ws: bool,
    split: bool,
    styles: Styles,
    spans: Vec<SpanRole>,
    anchors: Vec<Anchor>,
    lists: Vec<ListCtx>,
    /// Open list items: the list level each belongs to, and its block kind.
    items: Vec<(usize, BlockKind)>,
    quote: u32,
    pre: u32,
    heading: u32,
    skip: u32,
}

/// The role of a `<span>` from its class attribute.
fn span_role(class: &str) -> SpanRole {
    if has_word(class, "invisible") {
        SpanRole::Invisible
    } else if has_word(class, "ellipsis") {
        SpanRole::Ellipsis
    } else {
        SpanRole::Plain
    }
}

/// A new list; `start` is the first number of an ordered list.
fn list_ctx(ordered: bool, start: &str) -> ListCtx {
    ListCtx { ordered, next: start.trim().parse().unwrap_or(1) }
}

/// Trims `chars` from the end of a block's text, and leading newlines, dropping empty spans.
fn trim_block(block: &mut Block, chars: &[char]) {
    while let Some(last) = block.spans.last_mut() {
        let kept = last.text.trim_end_matches(chars).len();
        last.text.truncate(kept);
        if !last.text.is_empty() {
            break;
        }
        block.spans.pop();
    }
    while let Some(first) = block.spans.first_mut() {
        first.text = first.text.trim_start_matches('\n').to_owned();
        if !first.text.is_empty() {
            break;
        }
        block.spans.remove(0);
    }
}

/// Joins neighbouring spans that share style and link.
fn merge_spans(block: &mut Block) {
    let mut merged: Vec<Span> = Vec::with_capacity(block.spans.len());
    for span in block.spans.drain(..) {
        match merged.last_mut() {
            Some(last) if last.style == span.style && last.link == span.link => last.text.push_str(&span.text),
            _ => merged.push(span),
        }
    }
    block.spans = merged;
}

#[path = "html_builder.rs"]
mod builder;

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
