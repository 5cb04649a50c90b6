//! Tumblr NPF text blocks to `model::Block`.
//!
//! Contract: pure; no IO; never panics. Formatting ranges are Unicode code point offsets
//! (end exclusive); ranges past the end are clamped, empty or inverted ones ignored. Ranges
//! may overlap: the text is split at every boundary and each segment gets the union of the
//! styles covering it and the link of the last covering link or mention. Every output
//! string is sanitized, after slicing by the raw offsets.

use crate::model::{Block, BlockKind, Link, Span, SpanStyle};
use crate::text::sanitize::is_web_url;
use crate::text::{sanitize, sanitize_line};

/// What an NPF formatting range does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NpfFormatKind {
    /// Bold text.
    Bold,
    /// Italic text.
    Italic,
    /// Struck-through text.
    Strike,
    /// Small text.
    Small,
    /// A link to a URL.
    Link(String),
    /// A mention of a blog, with the blog's URL.
    Mention { blog: String, url: String },
    /// Any other formatting (color, …): ignored.
    Other,
}

/// One NPF formatting range, in code points, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpfFormat {
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset after the last character.
    pub end: usize,
    /// What the range does.
    pub kind: NpfFormatKind,
}

/// Converts one NPF text block (text, subtype, formatting) into a block.
pub fn npf_text_block(text: &str, subtype: Option<&str>, formatting: &[NpfFormat]) -> Block {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let count = bounds.len() - 1;
    let ranges: Vec<(usize, usize, &NpfFormatKind)> = formatting
        .iter()
        .map(|f| (f.start.min(count), f.end.min(count), &f.kind))
        .filter(|(start, end, _)| start < end)
        .collect();
    let mut cuts: Vec<usize> = ranges.iter().flat_map(|(s, e, _)| [*s, *e]).collect();
    cuts.extend([0, count]);
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans: Vec<Span> = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let raw = bounds.get(a).zip(bounds.get(b)).and_then(|(x, y)| text.get(*x..*y));
        let covering = ranges.iter().filter(|(s, e, _)| *s <= a && b <= *e).map(|r| r.2);
        push_segment(&mut spans, raw.unwrap_or_default(), covering);
    }
    Block { kind: block_kind(subtype), spans }
}

/// The block kind of an NPF text subtype.
fn block_kind(subtype: Option<&str>) -> BlockKind {
    match subtype {
        Some("heading1" | "heading2") => BlockKind::Heading,
        Some("quote") => BlockKind::Quote,
        Some("indented") => BlockKind::Indented,
        Some("ordered-list-item") => BlockKind::ListItem { number: Some(1), depth: 0 },
        Some("unordered-list-item") => BlockKind::ListItem { number: None, depth: 0 },
        _ => BlockKind::Paragraph,
    }
}

/// Appends one segment with the styles and last link of the formats covering it.
fn push_segment<'a>(spans: &mut Vec<Span>, raw: &str, covering: impl Iterator<Item = &'a NpfFormatKind>) {
    let text = sanitize(raw);
    if text.is_empty() {
        return;
    }
    let mut style = SpanStyle::default();
    let mut link = None;
    for kind in covering {
        apply(kind, &mut style, &mut link);
    }
    match spans.last_mut() {
        Some(last) if last.style == style && last.link == link => last.text.push_str(&text),
        _ => spans.push(Span { text, style, link }),
    }
}

/// Adds one format's effect to a segment's style and link.
fn apply(kind: &NpfFormatKind, style: &mut SpanStyle, link: &mut Option<Link>) {
    match kind {
        NpfFormatKind::Bold => style.bold = true,
        NpfFormatKind::Italic => style.italic = true,
        NpfFormatKind::Strike => style.strike = true,
        NpfFormatKind::Small => style.small = true,
        NpfFormatKind::Link(url) => {
            let url = sanitize_line(url.trim());
            if is_web_url(&url) {
                *link = Some(Link::Url { url });
            }
        }
        NpfFormatKind::Mention { blog, url } => {
            let url = sanitize_line(url.trim());
            let target = if is_web_url(&url) { url } else { String::new() };
            let handle = sanitize_line(blog.trim());
            if !handle.is_empty() {
                *link = Some(Link::Mention { handle, target });
            }
        }
        NpfFormatKind::Other => {}
    }
}

#[cfg(test)]
#[path = "npf_tests.rs"]
mod tests;
