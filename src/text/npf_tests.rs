use super::*;

const FAMILY: &str = "👨\u{200d}👩\u{200d}👧\u{200d}👦";

/// A format range.
fn fmt(start: usize, end: usize, kind: NpfFormatKind) -> NpfFormat {
    NpfFormat { start, end, kind }
}

/// A span with a style and link.
fn span(text: &str, style: SpanStyle, link: Option<Link>) -> Span {
    Span { text: text.to_owned(), style, link }
}

const BOLD: SpanStyle = SpanStyle { bold: true, italic: false, strike: false, code: false, small: false };

/// A URL link.
fn url(u: &str) -> Option<Link> {
    Some(Link::Url { url: u.to_owned() })
}

#[test]
fn code_point_offsets_after_emoji() {
    let text = "🙂 bold and link";
    let formats = [fmt(2, 6, NpfFormatKind::Bold), fmt(11, 15, NpfFormatKind::Link("https://a.example/".into()))];
    let block = npf_text_block(text, None, &formats);
    assert_eq!(
        block.spans,
        [
            Span::plain("🙂 "),
            span("bold", BOLD, None),
            Span::plain(" and "),
            span("link", SpanStyle::default(), url("https://a.example/")),
        ]
    );
    let text = format!("{FAMILY} x y");
    assert_eq!(FAMILY.chars().count(), 7);
    let block = npf_text_block(&text, None, &[fmt(8, 9, NpfFormatKind::Italic)]);
    let italic = SpanStyle { italic: true, ..SpanStyle::default() };
    assert_eq!(block.spans, [Span::plain(format!("{FAMILY} ")), span("x", italic, None), Span::plain(" y")]);
}

#[test]
fn overlapping_formats_union_styles_and_last_link_wins() {
    let text = "bold link here";
    let formats = [
        fmt(0, 9, NpfFormatKind::Bold),
        fmt(5, 14, NpfFormatKind::Link("https://a.example/".into())),
        fmt(10, 14, NpfFormatKind::Link("https://b.example/".into())),
        fmt(0, 14, NpfFormatKind::Other),
    ];
    let block = npf_text_block(text, None, &formats);
    assert_eq!(
        block.spans,
        [
            span("bold ", BOLD, None),
            span("link", BOLD, url("https://a.example/")),
            span(" ", SpanStyle::default(), url("https://a.example/")),
            span("here", SpanStyle::default(), url("https://b.example/")),
        ]
    );
}

#[test]
fn bad_ranges_are_clamped_or_ignored() {
    let formats = [
        fmt(5, 100, NpfFormatKind::Bold),
        fmt(2, 100, NpfFormatKind::Strike),
        fmt(4, 1, NpfFormatKind::Small),
        fmt(usize::MAX, usize::MAX, NpfFormatKind::Italic),
    ];
    let strike = SpanStyle { strike: true, ..SpanStyle::default() };
    let block = npf_text_block("short", None, &formats);
    assert_eq!(block.spans, [Span::plain("sh"), span("ort", strike, None)]);
    assert!(npf_text_block("", None, &formats).spans.is_empty());
}

#[test]
fn subtypes_map_to_block_kinds() {
    let cases = [
        (Some("heading1"), BlockKind::Heading),
        (Some("heading2"), BlockKind::Heading),
        (Some("quote"), BlockKind::Quote),
        (Some("indented"), BlockKind::Indented),
        (Some("chat"), BlockKind::Paragraph),
        (Some("ordered-list-item"), BlockKind::ListItem { number: Some(1), depth: 0 }),
        (Some("unordered-list-item"), BlockKind::ListItem { number: None, depth: 0 }),
        (Some("quirky"), BlockKind::Paragraph),
        (None, BlockKind::Paragraph),
    ];
    for (subtype, kind) in cases {
        assert_eq!(npf_text_block("x", subtype, &[]).kind, kind, "{subtype:?}");
    }
}

#[test]
fn mentions_links_and_sanitizing() {
    let text = "hi @staff \x1b[2Jok";
    let mention = NpfFormatKind::Mention { blog: "staff".into(), url: "https://staff.tumblr.com/".into() };
    let formats = [
        fmt(3, 9, mention),
        fmt(10, 15, NpfFormatKind::Link("javascript:alert(1)".into())),
        fmt(10, 17, NpfFormatKind::Bold),
    ];
    let block = npf_text_block(text, None, &formats);
    let m = Link::Mention { handle: "staff".into(), target: "https://staff.tumblr.com/".into() };
    assert_eq!(
        block.spans,
        [
            Span::plain("hi "),
            span("@staff", SpanStyle::default(), Some(m)),
            Span::plain(" "),
            span("[2Jok", BOLD, None)
        ]
    );
    let spoof = NpfFormatKind::Mention { blog: "a\u{202e}b".into(), url: "javascript:x".into() };
    let block = npf_text_block("ab", None, &[fmt(0, 2, spoof)]);
    let m = Link::Mention { handle: "ab".into(), target: String::new() };
    assert_eq!(block.spans, [span("ab", SpanStyle::default(), Some(m))]);
}
