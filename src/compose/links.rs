//! Finding links in typed text, the way the Bluesky reference client does.
//!
//! Contract: pure; no IO; never panics. A link starts at the start of the text or after
//! whitespace or `(`, and is either `http://`/`https://` followed by non-whitespace, or a bare
//! domain (`example.com`, `example.com/path`) that `domain::is_bare_domain` accepts, whose URI
//! gets `https://` in front. A link runs to the next whitespace, then loses its trailing
//! `.,;:!?` and any `)` that has no matching `(` inside the link, repeatedly, so
//! `(see example.com/x).` links `example.com/x` and `https://w.example/a_(b)` keeps its `)`.

use crate::compose::chars::is_space;
use crate::compose::domain::{domain_len, is_bare_domain};

/// Punctuation that never ends a link.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?'];

/// A link found in the text: its byte range and its URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// The URI, with `https://` added to a bare domain.
    pub uri: String,
}

/// Every link in `text`, in order, never overlapping.
pub(crate) fn find(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(rest) = text.get(at..) {
        let Some(first) = rest.chars().next() else { break };
        if is_space(first) {
            at += first.len_utf8();
            continue;
        }
        let run = rest.find(is_space).unwrap_or(rest.len());
        out.extend(link_in_run(text, at, at + run));
        at += run;
    }
    out
}

/// The first link inside the run of non-whitespace `start..end` (which follows whitespace or
/// the start of the text): at its start, else just after a `(` inside it.
fn link_in_run(text: &str, start: usize, end: usize) -> Option<Found> {
    let run = text.get(start..end)?;
    let after_parens = run.match_indices('(').map(|(i, _)| start + i + 1);
    std::iter::once(start).chain(after_parens).filter(|&at| at < end).find_map(|at| link_at(text, at, end - at))
}

/// The link starting at byte `at` of `text`, whose run of non-whitespace is `run` bytes long.
fn link_at(text: &str, at: usize, run: usize) -> Option<Found> {
    let token = text.get(at..at + run)?;
    let scheme = scheme_len(token);
    if scheme == 0 {
        let domain = token.get(..domain_len(token))?;
        if !domain.starts_with(|c: char| c.is_ascii_alphabetic()) || !is_bare_domain(domain) {
            return None;
        }
    }
    let kept = trim_trailing(token);
    if kept.len() <= scheme {
        return None;
    }
    let uri = if scheme == 0 { format!("https://{kept}") } else { kept.to_owned() };
    Some(Found { start: at, end: at + kept.len(), uri })
}

/// Byte length of a leading `http://` or `https://` (any case), or 0.
fn scheme_len(token: &str) -> usize {
    let head = token.get(..8).unwrap_or(token).to_ascii_lowercase();
    if head.starts_with("https://") {
        8
    } else if head.starts_with("http://") {
        7
    } else {
        0
    }
}

/// `token` without trailing punctuation and unbalanced closing parentheses.
fn trim_trailing(token: &str) -> &str {
    let open = token.matches('(').count();
    let mut close = token.matches(')').count();
    let mut kept = token;
    loop {
        if let Some(shorter) = kept.strip_suffix(TRAILING) {
            kept = shorter;
        } else if let Some(shorter) = kept.strip_suffix(')').filter(|_| close > open) {
            kept = shorter;
            close -= 1;
        } else {
            return kept;
        }
    }
}
