//! Splitting an over-long draft into a numbered thread.
//!
//! Contract: pure; no IO; never panics. Each part ends with its number as a suffix, a space
//! then `k/n` (`"… end of the first part 1/3"`), so every post opens with its own words in a
//! timeline and facets found in a part keep their offsets. A text that already fits is
//! returned whole, without a number; a text of only whitespace that does not fit gives no
//! parts.
//!
//! Parts break between words (at whitespace, which never occurs inside a URL or a grapheme
//! cluster) and drop the whitespace at the break. A part prefers to end a sentence (after
//! `.`, `!`, `?`, `…`, their CJK forms, or at a line break) when that keeps at least half of
//! the longest part that would fit. A single word longer than a part (a URL too) is cut
//! between grapheme clusters. `fits` is assumed to accept shorter text when it accepts
//! longer; if it accepts not even one grapheme plus its number, that part gets one grapheme.

use unicode_segmentation::UnicodeSegmentation;

use crate::compose::chars::is_space;

/// Chars that end a sentence.
const SENTENCE_ENDS: &[char] = &['.', '!', '?', '…', '。', '！', '？'];

/// Closing quotes and brackets that may follow a sentence end.
const CLOSERS: &[char] = &['"', '\'', ')', ']', '»', '”', '’', '」', '』', '）'];

/// How many times to re-pack when the number of parts changes the width of the numbers.
const ROUNDS: usize = 8;

/// A place to end a part: the part ends at `end`, the next one starts at `next`.
#[derive(Debug, Clone, Copy)]
struct Break {
    end: usize,
    next: usize,
    sentence: bool,
}

/// Splits `text` into numbered parts that each satisfy `fits`, or returns it whole if it fits.
pub fn split(text: &str, fits: impl Fn(&str) -> bool) -> Vec<String> {
    if fits(text) {
        return vec![text.to_owned()];
    }
    let breaks = breaks(text);
    let mut total = 2;
    let mut parts = Vec::new();
    for _ in 0..ROUNDS {
        parts = pack(text, &breaks, |part, index| fits(&numbered(part, index, total)));
        if parts.len() == total {
            break;
        }
        // Fewer parts than guessed: shorter or equal numbers, so they should still fit.
        let labelled = number_all(&parts);
        if parts.len() < total && labelled.iter().all(|part| fits(part)) {
            return labelled;
        }
        total = parts.len();
    }
    number_all(&parts)
}

/// Splits `text` between words into unnumbered pieces that each satisfy `fits`.
pub(crate) fn chunks(text: &str, fits: impl Fn(&str) -> bool) -> Vec<&str> {
    pack(text, &breaks(text), |part, _| fits(part))
}

/// `part` with the suffix for 0-based `index` of `total`.
fn numbered(part: &str, index: usize, total: usize) -> String {
    format!("{part} {}/{total}", index + 1)
}

/// Every part with its number.
fn number_all(parts: &[&str]) -> Vec<String> {
    parts.iter().enumerate().map(|(index, part)| numbered(part, index, parts.len())).collect()
}

/// True when the grapheme cluster `g` is whitespace.
fn is_space_grapheme(g: &str) -> bool {
    g.chars().all(is_space)
}

/// Every place a part can end, in order; the last one is the end of the text.
fn breaks(text: &str) -> Vec<Break> {
    let mut out = Vec::new();
    let mut open: Option<Break> = None;
    let mut seen_word = false;
    for (at, g) in text.grapheme_indices(true) {
        match (is_space_grapheme(g), open.as_mut()) {
            (true, Some(gap)) => gap.sentence |= g.contains('\n'),
            (true, None) if seen_word => {
                let sentence = text.get(..at).unwrap_or_default().trim_end_matches(CLOSERS).ends_with(SENTENCE_ENDS);
                open = Some(Break { end: at, next: at, sentence: sentence || g.contains('\n') });
            }
            (true, None) => {}
            (false, gap) => {
                if let Some(gap) = gap {
                    out.push(Break { next: at, ..*gap });
                }
                open = None;
                seen_word = true;
            }
        }
    }
    match open {
        Some(gap) => out.push(Break { next: text.len(), ..gap }),
        None if seen_word => out.push(Break { end: text.len(), next: text.len(), sentence: true }),
        None => {}
    }
    out
}

/// Greedily packs `text` into parts; `fits(part, index)` judges the part at 0-based `index`.
fn pack<'a>(text: &'a str, breaks: &[Break], fits: impl Fn(&str, usize) -> bool) -> Vec<&'a str> {
    let mut parts = Vec::new();
    let mut start = text.grapheme_indices(true).find(|(_, g)| !is_space_grapheme(g)).map_or(text.len(), |(at, _)| at);
    while start < text.len() {
        let index = parts.len();
        let ok = |end: usize| text.get(start..end).is_some_and(|part| fits(part, index));
        let candidates = breaks.get(breaks.partition_point(|b| b.end <= start)..).unwrap_or_default();
        let (end, next) = match best_break(candidates, start, &ok) {
            Some(b) => (b.end, b.next),
            None => cut_first_word(text, start, candidates, &ok),
        };
        let Some(part) = text.get(start..end) else { break };
        parts.push(part);
        start = next;
    }
    parts
}

/// The break to end a part at, or `None` when not even the first word fits.
fn best_break<'b>(candidates: &'b [Break], start: usize, ok: &impl Fn(usize) -> bool) -> Option<&'b Break> {
    if !ok(candidates.first()?.end) {
        return None;
    }
    let (mut lo, mut hi) = (0, candidates.len());
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if candidates.get(mid).is_some_and(|b| ok(b.end)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let best = candidates.get(lo)?;
    if best.sentence {
        return Some(best);
    }
    let half = start + (best.end - start) / 2;
    let earlier = candidates.get(..lo).unwrap_or_default().iter().rev().take_while(|b| b.end >= half);
    earlier.filter(|b| b.sentence).find(|b| ok(b.end)).or(Some(best))
}

/// Where to end a part whose first word is too long, and where the next part starts.
fn cut_first_word(text: &str, start: usize, candidates: &[Break], ok: &impl Fn(usize) -> bool) -> (usize, usize) {
    let word_end = candidates.first().map_or(text.len(), |b| b.end);
    let cut = cut_word(text, start, word_end, ok);
    candidates.first().filter(|b| b.end == cut).map_or((cut, cut), |b| (b.end, b.next))
}

/// Where to cut the word `start..word_end` between grapheme clusters: the longest prefix that
/// fits, or one grapheme when none does.
fn cut_word(text: &str, start: usize, word_end: usize, ok: &impl Fn(usize) -> bool) -> usize {
    let word = text.get(start..word_end).unwrap_or_default();
    let ends: Vec<usize> = word.grapheme_indices(true).map(|(at, g)| start + at + g.len()).collect();
    let Some(&first) = ends.first() else { return word_end.max(start + 1).min(text.len()) };
    if !ok(first) {
        return first;
    }
    let (mut lo, mut hi) = (0, ends.len());
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if ends.get(mid).is_some_and(|&end| ok(end)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    ends.get(lo).copied().unwrap_or(first)
}

#[cfg(test)]
#[path = "split_tests.rs"]
mod tests;
