//! Display width of text in terminal columns, measured per grapheme cluster.
//!
//! Contract: pure; no IO. A grapheme cluster is never split: a ZWJ family emoji or an emoji
//! with a skin tone counts 2 columns, a base letter with combining marks counts as its base,
//! control characters count 0. Expects sanitized text (see `text::sanitize`).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The ellipsis appended by `truncate`.
const ELLIPSIS: &str = "…";

/// Display width of one grapheme cluster: 0, 1 or 2 columns.
pub(crate) fn grapheme_width(g: &str) -> usize {
    match g.chars().next() {
        None => 0,
        Some(c) if c.is_control() => 0,
        Some(_) => g.width().min(2),
    }
}

/// Display width of `s` in terminal columns, summed over its grapheme clusters.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// The longest prefix of `s` (whole graphemes) whose width is at most `max`, and its width.
pub(crate) fn prefix_within(s: &str, max: usize) -> (&str, usize) {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > max {
            return (&s[..i], used);
        }
        used += w;
    }
    (s, used)
}

/// `s` cut at a grapheme boundary so its width is at most `max`, ending in `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let (head, _) = prefix_within(s, max - 1);
    let mut out = String::with_capacity(head.len() + ELLIPSIS.len());
    out.push_str(head);
    out.push_str(ELLIPSIS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAMILY: &str = "👨\u{200d}👩\u{200d}👧\u{200d}👦";

    #[test]
    fn widths_per_grapheme() {
        assert_eq!(width(""), 0);
        assert_eq!(width("hello"), 5);
        assert_eq!(width("日本語"), 6);
        assert_eq!(width(FAMILY), 2);
        assert_eq!(width("👍🏽"), 2);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("a\u{308}\u{301}b"), 2);
        assert_eq!(width("🏳\u{fe0f}\u{200d}🌈"), 2);
        assert_eq!(width("مرحبا"), 5);
        assert_eq!(width("a\nb"), 2);
    }

    #[test]
    fn truncate_fits_and_marks_the_cut() {
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("hello", 4), "hel…");
        assert_eq!(truncate("hello", 1), "…");
        assert_eq!(truncate("hello", 0), "");
        assert_eq!(truncate("", 0), "");
        assert_eq!(truncate("日本語", 5), "日本…");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("日本語", 2), "…");
    }

    #[test]
    fn truncate_never_splits_a_grapheme() {
        let s = format!("ab{FAMILY}cd");
        assert_eq!(truncate(&s, 4), "ab…");
        assert_eq!(truncate(&s, 5), format!("ab{FAMILY}…"));
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(truncate("👍🏽👍🏽", 3), "👍🏽…");
    }

    #[test]
    fn truncate_result_width_is_bounded() {
        let samples = ["日本語テキスト", FAMILY, "e\u{301}xyz", "שלום עולם", "plain text"];
        for s in samples {
            for max in 0..12 {
                assert!(width(&truncate(s, max)) <= max, "{s:?} at {max}");
            }
        }
    }
}
