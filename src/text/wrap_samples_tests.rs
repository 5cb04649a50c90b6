//! Property tests of wrapping over a shared list of tricky strings.

use super::*;
use crate::model::Span;
use crate::text::width;

const FAMILY: &str = "👨\u{200d}👩\u{200d}👧\u{200d}👦";

/// Tricky strings every layout must survive.
fn tricky() -> Vec<String> {
    vec![
        String::new(),
        "日本語のテキストは空白なしで続きます中文也是这样한국어도".to_owned(),
        "مرحبا بالعالم هذا نص عربي طويل نسبيا".to_owned(),
        "שלום עולם זה טקסט בעברית".to_owned(),
        format!("{FAMILY} family 👍🏽👋🏿 🏳\u{fe0f}\u{200d}🌈 {FAMILY}{FAMILY}{FAMILY}"),
        "e\u{301}te\u{301} cafe\u{301} na\u{303}o a\u{308}\u{301}\u{323}".to_owned(),
        "x".repeat(300),
        format!("see https://example.com/{}end ok", "path/".repeat(40)),
        format!("word 日本語 https://x.example/long/url {FAMILY} fin"),
        "  leading and   multiple   spaces  ".to_owned(),
        "line1\nline2\n\nline4\n".to_owned(),
        "\u{a0}no\u{a0}break\u{a0}spaces\u{a0}here\u{a0}".to_owned(),
    ]
}

/// Rich variants of a sample: styled halves, list items, quotes, code.
fn rich_variants(s: &str) -> Vec<RichText> {
    let cut = s.char_indices().nth(s.chars().count() / 2).map_or(0, |(i, _)| i);
    let bold = SpanStyle { bold: true, ..SpanStyle::default() };
    let link = Some(Link::Url { url: "https://example.com/".to_owned() });
    let split = vec![Span::plain(&s[..cut]), Span { text: s[cut..].to_owned(), style: bold, link }];
    let kinds = [
        BlockKind::Paragraph,
        BlockKind::ListItem { number: Some(12), depth: 3 },
        BlockKind::ListItem { number: None, depth: 0 },
        BlockKind::Quote,
        BlockKind::Code,
        BlockKind::Indented,
    ];
    kinds
        .into_iter()
        .map(|kind| RichText {
            blocks: vec![Block { kind, spans: split.clone() }, Block { kind, spans: vec![Span::plain(s)] }],
        })
        .collect()
}

/// `s` without any whitespace.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn no_line_is_ever_wider_than_the_width() {
    for s in tricky() {
        for w in 1..=60 {
            for line in wrap_plain(&s, w) {
                assert!(width(&line) <= w, "{s:?} at {w}: {line:?}");
            }
            for rich in rich_variants(&s) {
                for line in wrap_rich(&rich, w) {
                    assert!(width(&line_text(&line)) <= w, "{s:?} at {w}: {line:?}");
                }
            }
        }
    }
}

#[test]
fn wrapping_loses_no_visible_text() {
    for s in tricky() {
        for w in 2..=60 {
            let joined: String = wrap_plain(&s, w).concat();
            assert_eq!(squeeze(&joined), squeeze(&s), "{s:?} at {w}");
        }
    }
}

/// The text of a line, prefixes included.
fn line_text(line: &WrappedLine) -> String {
    line.pieces.iter().map(|p| p.text.as_str()).collect()
}
