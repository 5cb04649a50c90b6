//! Detecting links, mentions and hashtags in a draft, as Bluesky facets.
//!
//! Contract: pure; no IO; never panics. Offsets are UTF-8 byte offsets into the text (end
//! exclusive), always on char boundaries. The rules follow the Bluesky reference client:
//!
//! - Links: see `compose::links` (`https?://…` or a bare `example.com/path`, trailing
//!   punctuation and unbalanced `)` left out).
//! - Mentions: `@` after the start, whitespace or `(`, then a valid handle (`domain::is_handle`)
//!   with trailing `.`/`-` left out. A handle directly followed by `_` is not a mention, nor is
//!   an email address (`a@b.com`: the `@` follows a letter).
//! - Hashtags: `#` or `＃` after the start or whitespace, then non-whitespace up to the next
//!   whitespace or invisible joiner, with trailing punctuation left out; not starting with
//!   U+FE0F (a keycap), not only digits and punctuation, at most 64 graphemes and 640 bytes.
//!   Punctuation inside a tag stays (`#c.elegans`), as in the reference client.
//!
//! Links win over mentions and hashtags that overlap them; between a mention and a hashtag
//! the earlier one wins.

use unicode_segmentation::UnicodeSegmentation;

use crate::compose::chars::{char_before, ends_tag, is_ascii_word, is_punct, is_space};
use crate::compose::{domain, links};

/// Longest hashtag, in graphemes, without the `#`.
const MAX_TAG_GRAPHEMES: usize = 64;

/// Longest hashtag, in UTF-8 bytes, without the `#`.
const MAX_TAG_BYTES: usize = 640;

/// What a facet points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feature {
    /// A link to this URI (`https://` already added to a bare domain).
    Link(String),
    /// A mention of this handle, without the `@`; the caller resolves it to a DID.
    Mention(String),
    /// A hashtag, without the `#`.
    Tag(String),
}

/// A detected range of the text and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    /// UTF-8 byte offset of the first byte.
    pub start: usize,
    /// UTF-8 byte offset after the last byte.
    pub end: usize,
    /// What the range means.
    pub feature: Feature,
}

/// Every link, mention and hashtag in `text`, sorted by start, never overlapping.
pub fn detect(text: &str) -> Vec<Facet> {
    let links: Vec<Facet> = links::find(text)
        .into_iter()
        .map(|found| Facet { start: found.start, end: found.end, feature: Feature::Link(found.uri) })
        .collect();
    let mut others: Vec<Facet> = mentions(text).into_iter().chain(tags(text)).collect();
    others.sort_by_key(|f| f.start);
    let mut kept: Vec<Facet> = Vec::with_capacity(others.len());
    for facet in others {
        let free = !overlaps_any(&links, &facet) && kept.last().is_none_or(|last| last.end <= facet.start);
        if free {
            kept.push(facet);
        }
    }
    let mut all = links;
    all.extend(kept);
    all.sort_by_key(|f| f.start);
    all
}

/// True when `facet` overlaps one of `sorted` (sorted by start, non-overlapping).
fn overlaps_any(sorted: &[Facet], facet: &Facet) -> bool {
    let first_after = sorted.partition_point(|f| f.end <= facet.start);
    sorted.get(first_after).is_some_and(|f| f.start < facet.end)
}

/// Byte offsets of every `marker` char that follows the start of the text or a char
/// accepted by `after`.
fn markers(text: &str, marker: impl Fn(char) -> bool, after: impl Fn(char) -> bool) -> Vec<usize> {
    text.char_indices()
        .filter(|&(at, c)| marker(c) && char_before(text, at).is_none_or(&after))
        .map(|(at, _)| at)
        .collect()
}

/// Every `@handle` mention, in order.
fn mentions(text: &str) -> Vec<Facet> {
    let after = |c: char| is_space(c) || c == '(';
    markers(text, |c| c == '@', after).into_iter().filter_map(|at| mention_at(text, at)).collect()
}

/// The mention whose `@` is at byte `at`, if a valid handle follows it.
fn mention_at(text: &str, at: usize) -> Option<Facet> {
    let rest = text.get(at + 1..)?;
    let run = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-')).unwrap_or(rest.len());
    if rest.get(run..).and_then(|after| after.chars().next()).is_some_and(is_ascii_word) {
        return None;
    }
    let handle = rest.get(..run)?.trim_end_matches(['.', '-']);
    domain::is_handle(handle).then(|| Facet {
        start: at,
        end: at + 1 + handle.len(),
        feature: Feature::Mention(handle.to_owned()),
    })
}

/// Every `#tag`, in order.
fn tags(text: &str) -> Vec<Facet> {
    markers(text, |c| c == '#' || c == '＃', is_space).into_iter().filter_map(|at| tag_at(text, at)).collect()
}

/// The hashtag whose `#` or `＃` is at byte `at`, if a valid tag follows it.
fn tag_at(text: &str, at: usize) -> Option<Facet> {
    let hash = text.get(at..)?.chars().next()?.len_utf8();
    let rest = text.get(at + hash..)?;
    let run = rest.find(|c: char| is_space(c) || ends_tag(c)).unwrap_or(rest.len());
    let tag = rest.get(..run)?.trim_end_matches(is_punct);
    let valid = !tag.starts_with('\u{fe0f}')
        && tag.chars().any(|c| !c.is_ascii_digit() && !is_punct(c))
        && tag.len() <= MAX_TAG_BYTES
        && tag.graphemes(true).count() <= MAX_TAG_GRAPHEMES;
    valid.then(|| Facet { start: at, end: at + hash + tag.len(), feature: Feature::Tag(tag.to_owned()) })
}

#[cfg(test)]
#[path = "facets_tests.rs"]
mod tests;
