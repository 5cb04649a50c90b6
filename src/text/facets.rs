//! Bluesky rich text (text plus facets) to `RichText`.
//!
//! Contract: pure; no IO; never panics. Facet offsets are UTF-8 byte offsets into the raw
//! text (end exclusive). A facet out of bounds, off a char boundary, empty, without a usable
//! feature, or overlapping an earlier-accepted one (in start order) is ignored and its text
//! stays plain. Text is sliced by the raw offsets first, then every output string is
//! sanitized. Runs of two or more newlines separate paragraphs; a single `\n` is a hard break.

use crate::model::{Block, BlockKind, Link, RichText, Span};
use crate::text::sanitize::is_web_url;
use crate::text::{sanitize, sanitize_line};

/// One feature of a Bluesky facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetFeature {
    /// A link to a URI.
    Link(String),
    /// A mention of the account with this DID.
    Mention(String),
    /// A hashtag, without the `#`.
    Tag(String),
}

/// A Bluesky facet: a byte range of the text and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    /// UTF-8 byte offset of the first byte.
    pub start: usize,
    /// UTF-8 byte offset after the last byte.
    pub end: usize,
    /// What the range means; the first usable feature wins.
    pub features: Vec<FacetFeature>,
}

/// A validated facet range with its link.
type Linked = (usize, usize, Link);

/// Converts a Bluesky post's text and facets into rich text; bad facets are ignored.
pub fn facets_to_rich(text: &str, facets: &[Facet]) -> RichText {
    let linked = accept(text, facets);
    let blocks = paragraphs(text)
        .into_iter()
        .map(|(start, end)| paragraph(text, start, end, &linked))
        .filter(|b| !b.spans.is_empty())
        .collect();
    RichText { blocks }
}

/// The usable facets, sorted by start, without overlaps.
fn accept(text: &str, facets: &[Facet]) -> Vec<Linked> {
    let mut valid: Vec<Linked> = facets
        .iter()
        .filter(|f| f.start < f.end && f.end <= text.len())
        .filter(|f| text.is_char_boundary(f.start) && text.is_char_boundary(f.end))
        .filter_map(|f| Some((f.start, f.end, facet_link(text.get(f.start..f.end)?, f)?)))
        .collect();
    valid.sort_by_key(|(start, end, _)| (*start, *end));
    let mut accepted: Vec<Linked> = Vec::with_capacity(valid.len());
    for facet in valid {
        if accepted.last().is_none_or(|(_, end, _)| facet.0 >= *end) {
            accepted.push(facet);
        }
    }
    accepted
}

/// The link made by a facet's first usable feature, given the facet's visible text.
fn facet_link(visible: &str, facet: &Facet) -> Option<Link> {
    facet.features.iter().find_map(|feature| match feature {
        FacetFeature::Link(uri) => {
            let url = sanitize_line(uri.trim());
            is_web_url(&url).then_some(Link::Url { url })
        }
        FacetFeature::Mention(did) => {
            let handle = sanitize_line(visible.trim().trim_start_matches('@'));
            let target = sanitize_line(did.trim());
            (!handle.is_empty()).then_some(Link::Mention { handle, target })
        }
        FacetFeature::Tag(tag) => {
            let tag = sanitize_line(tag.trim().trim_start_matches('#'));
            (!tag.is_empty()).then_some(Link::Tag { tag })
        }
    })
}

/// Byte ranges of the paragraphs: text between runs of two or more newlines.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\n' {
            i += 1;
            continue;
        }
        let run_end = bytes[i..].iter().position(|&b| b != b'\n').map_or(bytes.len(), |n| i + n);
        if run_end - i >= 2 || i == 0 || run_end == bytes.len() {
            if i > start {
                out.push((start, i));
            }
            start = run_end;
        }
        i = run_end;
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

/// One paragraph block: plain text between facets, linked text inside them (clipped).
fn paragraph(text: &str, start: usize, end: usize, linked: &[Linked]) -> Block {
    let mut spans = Vec::new();
    let mut cursor = start;
    for (fs, fe, link) in linked.iter().filter(|(fs, fe, _)| *fs < end && *fe > start) {
        let (fs, fe) = ((*fs).max(start), (*fe).min(end));
        push_span(&mut spans, text.get(cursor..fs), None);
        push_span(&mut spans, text.get(fs..fe), Some(link));
        cursor = fe;
    }
    push_span(&mut spans, text.get(cursor..end), None);
    if spans.iter().all(|s: &Span| s.text.trim().is_empty()) {
        spans.clear();
    }
    Block { kind: BlockKind::Paragraph, spans }
}

/// Appends a sanitized span unless it is empty.
fn push_span(spans: &mut Vec<Span>, raw: Option<&str>, link: Option<&Link>) {
    let text = sanitize(raw.unwrap_or_default());
    if !text.is_empty() {
        spans.push(Span { link: link.cloned(), ..Span::plain(text) });
    }
}

#[cfg(test)]
#[path = "facets_tests.rs"]
mod tests;
