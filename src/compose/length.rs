//! How long a draft is, in each network's own unit.
//!
//! Contract: pure; no IO; never panics.
//!
//! - Mastodon counts grapheme clusters of the content warning plus the text; every URL typed
//!   with `http://` or `https://` counts as the instance's `characters_reserved_per_url`
//!   whatever its length, and a remote mention `@user@domain` counts as `@user`.
//! - Bluesky allows 300 grapheme clusters and 3000 UTF-8 bytes.
//! - Tumblr allows 4096 code points per text block. `tumblr` counts the whole text, the
//!   strictest reading; `npf::text_blocks` splits longer text into several blocks anyway.

use unicode_segmentation::UnicodeSegmentation;

use crate::compose::chars::char_before;
use crate::compose::facets::{Feature, detect};
use crate::text::is_web_url;

/// Most grapheme clusters in a Bluesky post.
pub const BLUESKY_GRAPHEMES: usize = 300;

/// Most UTF-8 bytes in a Bluesky post.
pub const BLUESKY_BYTES: usize = 3000;

/// Most code points in a Tumblr NPF text block.
pub const TUMBLR_CODE_POINTS: usize = 4096;

/// The unit a count is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// User-perceived characters: a ZWJ family emoji is one.
    Graphemes,
    /// Unicode scalar values: a ZWJ family emoji of four people is seven.
    CodePoints,
}

impl Unit {
    /// The unit's name for the UI, plural: "graphemes" or "code points".
    pub fn name(self) -> &'static str {
        match self {
            Unit::Graphemes => "graphemes",
            Unit::CodePoints => "code points",
        }
    }
}

/// A draft's length against a network's limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// Length of the draft, in `unit`.
    pub used: usize,
    /// The most the network accepts, in `unit`.
    pub limit: usize,
    /// UTF-8 bytes used and allowed, for a network that also limits bytes (Bluesky).
    pub bytes: Option<(usize, usize)>,
    /// What `used` and `limit` count.
    pub unit: Unit,
}

impl Count {
    /// True when the draft is too long in `unit` or in bytes.
    pub fn over(&self) -> bool {
        self.used > self.limit || self.bytes.is_some_and(|(used, limit)| used > limit)
    }

    /// Units left before the limit; negative when over. Ignores the byte limit.
    pub fn remaining(&self) -> i64 {
        let signed = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        signed(self.limit).saturating_sub(signed(self.used))
    }

    /// The unit's name for the UI: "graphemes" or "code points".
    pub fn unit_name(&self) -> &'static str {
        self.unit.name()
    }
}

/// Number of grapheme clusters in `s`.
fn graphemes(s: &str) -> usize {
    s.graphemes(true).count()
}

/// A Mastodon draft's length: content warning `cw` plus `text`, URLs as `chars_per_url`.
pub fn mastodon(text: &str, cw: &str, limit: usize, chars_per_url: usize) -> Count {
    let mut used = graphemes(cw);
    let mut cursor = 0;
    for facet in detect(text) {
        let Some(slice) = text.get(facet.start..facet.end) else { continue };
        if matches!(facet.feature, Feature::Link(_)) && is_web_url(slice) {
            used += remote_mentions_local(text.get(cursor..facet.start).unwrap_or_default()) + chars_per_url;
            cursor = facet.end;
        }
    }
    used += remote_mentions_local(text.get(cursor..).unwrap_or_default());
    Count { used, limit, bytes: None, unit: Unit::Graphemes }
}

/// Graphemes of `s` once every remote mention `@user@domain` is shortened to `@user`.
fn remote_mentions_local(s: &str) -> usize {
    let mut total = 0;
    let mut cursor = 0;
    for (at, c) in s.char_indices() {
        if c != '@' || at < cursor || !starts_mention(s, at) {
            continue;
        }
        let Some((domain_start, domain_end)) = remote_domain(s, at) else { continue };
        total += graphemes(s.get(cursor..domain_start).unwrap_or_default());
        cursor = domain_end;
    }
    total + graphemes(s.get(cursor..).unwrap_or_default())
}

/// True when the `@` at byte `at` can start a Mastodon mention: not after a word char, `/` or `=`.
fn starts_mention(s: &str, at: usize) -> bool {
    char_before(s, at).is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '/' || c == '='))
}

/// The byte range of `@domain` in a remote mention `@user@domain` whose first `@` is at `at`.
fn remote_domain(s: &str, at: usize) -> Option<(usize, usize)> {
    let rest = s.get(at + 1..)?;
    let user_run = rest.find(|c: char| !(c.is_ascii_alphanumeric() || "_.-".contains(c))).unwrap_or(rest.len());
    let user = rest.get(..user_run)?.trim_end_matches(['.', '-']);
    let domain_at = at + 1 + user.len();
    if user.is_empty() || !s.get(domain_at..)?.starts_with('@') {
        return None;
    }
    let after = s.get(domain_at + 1..)?;
    let domain_run = after.find(|c: char| !(c.is_alphanumeric() || "_.-".contains(c))).unwrap_or(after.len());
    let domain = after.get(..domain_run)?.trim_end_matches(['.', '-']);
    (!domain.is_empty()).then_some((domain_at, domain_at + 1 + domain.len()))
}

/// A Bluesky draft's length: graphemes against 300, bytes against 3000.
pub fn bluesky(text: &str) -> Count {
    let bytes = Some((text.len(), BLUESKY_BYTES));
    Count { used: graphemes(text), limit: BLUESKY_GRAPHEMES, bytes, unit: Unit::Graphemes }
}

/// A Tumblr draft's length: code points against 4096.
pub fn tumblr(text: &str) -> Count {
    Count { used: text.chars().count(), limit: TUMBLR_CODE_POINTS, bytes: None, unit: Unit::CodePoints }
}

#[cfg(test)]
#[path = "length_tests.rs"]
mod tests;
