use super::*;
use crate::model::Span;

const FAMILY: &str = "👨\u{200d}👩\u{200d}👧\u{200d}👦";

/// The text of a line, prefixes included.
fn line_text(line: &WrappedLine) -> String {
    line.pieces.iter().map(|p| p.text.as_str()).collect()
}

#[test]
fn breaks_at_whitespace() {
    assert_eq!(wrap_plain("the quick brown fox", 10), ["the quick", "brown fox"]);
    assert_eq!(wrap_plain("aaa    bbb", 5), ["aaa", "bbb"]);
    assert_eq!(wrap_plain("  lead", 10), ["lead"]);
}

#[test]
fn long_words_break_by_grapheme() {
    assert_eq!(wrap_plain("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    assert_eq!(wrap_plain("see https://example.com/abcdef ok", 10), ["see https:", "//example.", "com/abcdef", "ok"]);
    let fam3 = format!("{FAMILY}{FAMILY}{FAMILY}");
    assert_eq!(wrap_plain(&fam3, 5), [format!("{FAMILY}{FAMILY}"), FAMILY.to_owned()]);
    assert_eq!(wrap_plain("e\u{301}e\u{301}e\u{301}", 2), ["e\u{301}e\u{301}", "e\u{301}"]);
}

#[test]
fn cjk_breaks_between_any_two_characters() {
    assert_eq!(wrap_plain("日本語のテキスト", 5), ["日本", "語の", "テキ", "スト"]);
    assert_eq!(wrap_plain("ab 日本語", 5), ["ab 日", "本語"]);
    assert_eq!(wrap_plain("日本", 1), ["…", "…"]);
}

#[test]
fn hard_breaks_and_edge_widths() {
    assert_eq!(wrap_plain("a\nb\n\nc", 10), ["a", "b", "", "c"]);
    assert_eq!(wrap_plain("a\n  indented", 20), ["a", "  indented"]);
    assert_eq!(wrap_plain("ab", 0), ["a", "b"]);
    assert!(wrap_plain("", 10).is_empty());
    assert!(wrap_rich(&RichText::default(), 10).is_empty());
}

#[test]
fn lists_quotes_and_block_separation() {
    let rich = RichText {
        blocks: vec![
            Block { kind: BlockKind::ListItem { number: None, depth: 0 }, spans: vec![Span::plain("one two three")] },
            Block { kind: BlockKind::ListItem { number: Some(2), depth: 1 }, spans: vec![Span::plain("four five")] },
            Block { kind: BlockKind::Quote, spans: vec![Span::plain("hello world")] },
        ],
    };
    let lines: Vec<String> = wrap_rich(&rich, 10).iter().map(line_text).collect();
    assert_eq!(lines, ["• one two", "  three", "  2. four", "     five", "", "│ hello", "│ world"]);
    let blank = &wrap_rich(&rich, 10)[4];
    assert!(blank.pieces.is_empty());
}

#[test]
fn quote_prefix_is_plain_and_blank_lines_keep_the_bar() {
    let bold = SpanStyle { bold: true, ..SpanStyle::default() };
    let span = Span { text: "a\n\nb".to_owned(), style: bold, link: None };
    let rich = RichText { blocks: vec![Block { kind: BlockKind::Quote, spans: vec![span] }] };
    let lines = wrap_rich(&rich, 10);
    assert_eq!(lines.iter().map(line_text).collect::<Vec<_>>(), ["│ a", "│", "│ b"]);
    assert_eq!(lines[0].pieces[0], Piece { text: "│ ".into(), style: SpanStyle::default(), link: None });
    assert_eq!(lines[0].pieces[1].style, bold);
    assert!(lines.iter().all(|l| l.kind == BlockKind::Quote));
}

#[test]
fn style_and_link_survive_the_split() {
    let bold = SpanStyle { bold: true, ..SpanStyle::default() };
    let a = Link::Url { url: "https://a.example/".into() };
    let b = Link::Tag { tag: "rust".into() };
    let span = |t: &str, style, link: &Link| Span { text: t.into(), style, link: Some(link.clone()) };
    let rich = RichText {
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            spans: vec![
                Span::plain("see "),
                span("https://a.example/xyz", bold, &a),
                Span::plain(" "),
                span("#rust", SpanStyle::default(), &b),
                Span::plain(" "),
                span("again", SpanStyle::default(), &a),
            ],
        }],
    };
    let lines = wrap_rich(&rich, 12);
    let got: Vec<Vec<(&str, bool, Option<u16>)>> =
        lines.iter().map(|l| l.pieces.iter().map(|p| (p.text.as_str(), p.style.bold, p.link)).collect()).collect();
    assert_eq!(
        got,
        vec![
            vec![("see ", false, None), ("https://", true, Some(0))],
            vec![("a.example/xy", true, Some(0))],
            vec![("z", true, Some(0)), (" ", false, None), ("#rust", false, Some(1))],
            vec![("again", false, Some(0))],
        ]
    );
}

#[test]
fn code_keeps_its_spaces() {
    let code = Block { kind: BlockKind::Code, spans: vec![Span::plain("  fn main() {\n      x  \n}")] };
    let rich = RichText { blocks: vec![code] };
    let lines: Vec<String> = wrap_rich(&rich, 8).iter().map(line_text).collect();
    assert_eq!(lines, ["  fn mai", "n() {", "      x ", " ", "}"]);
}

#[test]
fn narrow_widths_cut_the_prefix() {
    let item = Block { kind: BlockKind::ListItem { number: Some(10), depth: 2 }, spans: vec![Span::plain("ab")] };
    let rich = RichText { blocks: vec![item] };
    let lines: Vec<String> = wrap_rich(&rich, 3).iter().map(line_text).collect();
    assert_eq!(lines, ["  a", "  b"]);
}
