//! A draft as Tumblr NPF text blocks, and its hashtags as Tumblr tags.
//!
//! Contract: pure; no IO; never panics. Paragraphs are separated by one or more blank lines
//! (lines of only whitespace); single line breaks stay inside a block. A paragraph longer than
//! 4096 code points is split between words into several blocks. Links found by
//! `facets::detect` become `link` formatting ranges, in code points (end exclusive). Mentions
//! and hashtags stay plain text: a Bluesky handle is not a Tumblr blog, and the caller sends
//! the hashtags as the post's `tags`.

use serde_json::{Value, json};

use crate::compose::facets::{Feature, detect};
use crate::compose::length::TUMBLR_CODE_POINTS;
use crate::compose::split::chunks;

/// The text blocks of an NPF post's `content`, one or more per paragraph.
pub fn text_blocks(text: &str) -> Vec<Value> {
    paragraphs(text)
        .iter()
        .flat_map(|paragraph| chunks(paragraph, |piece| piece.chars().count() <= TUMBLR_CODE_POINTS))
        .map(text_block)
        .collect()
}

/// The draft's hashtags as Tumblr tags, without `#`, in order, each once (ignoring case).
///
/// Tumblr separates tags with commas, so a tag ends at its first comma.
pub fn tags(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for facet in detect(text) {
        let Feature::Tag(tag) = facet.feature else { continue };
        let tag = tag.split(',').next().unwrap_or_default();
        let lower = tag.to_lowercase();
        if !tag.is_empty() && !out.iter().any(|seen| seen.to_lowercase() == lower) {
            out.push(tag.to_owned());
        }
    }
    out
}

/// The paragraphs of `text`: runs of non-blank lines joined by `\n`.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

/// One NPF text block, with link formatting when the text has links.
fn text_block(text: &str) -> Value {
    let formatting = link_ranges(text);
    if formatting.is_empty() {
        json!({ "type": "text", "text": text })
    } else {
        json!({ "type": "text", "text": text, "formatting": formatting })
    }
}

/// The `link` formatting entries of `text`, with code point offsets.
fn link_ranges(text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let (mut byte, mut point) = (0, 0);
    let mut to_points = |at: usize| {
        point += text.get(byte..at).map_or(0, |gap| gap.chars().count());
        byte = at;
        point
    };
    for facet in detect(text) {
        let Feature::Link(url) = facet.feature else { continue };
        let start = to_points(facet.start);
        let end = to_points(facet.end);
        out.push(json!({ "start": start, "end": end, "type": "link", "url": url }));
    }
    out
}

#[cfg(test)]
#[path = "npf_tests.rs"]
mod tests;
