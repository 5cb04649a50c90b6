use super::*;

const FAMILY: &str = "👨\u{200d}👩\u{200d}👧\u{200d}👦";

/// A facet with one feature.
fn facet(start: usize, end: usize, feature: FacetFeature) -> Facet {
    Facet { start, end, features: vec![feature] }
}

/// A link facet.
fn link(start: usize, end: usize, url: &str) -> Facet {
    facet(start, end, FacetFeature::Link(url.to_owned()))
}

/// A span carrying `link`.
fn linked(text: &str, link: Link) -> Span {
    Span { link: Some(link), ..Span::plain(text) }
}

/// A paragraph of spans.
fn para(spans: Vec<Span>) -> Block {
    Block { kind: BlockKind::Paragraph, spans }
}

/// A URL link.
fn url(u: &str) -> Link {
    Link::Url { url: u.to_owned() }
}

#[test]
fn byte_offsets_after_emoji_and_cjk() {
    let text = "🙂日本 https://example.com end";
    assert_eq!(&text[11..30], "https://example.com");
    let rich = facets_to_rich(text, &[link(11, 30, "https://example.com/full")]);
    let expected = para(vec![
        Span::plain("🙂日本 "),
        linked("https://example.com", url("https://example.com/full")),
        Span::plain(" end"),
    ]);
    assert_eq!(rich.blocks, [expected]);
}

#[test]
fn mention_after_zwj_family() {
    let text = format!("{FAMILY} hi @alice.bsky.social!");
    assert_eq!(FAMILY.len(), 25);
    let rich = facets_to_rich(&text, &[facet(29, 47, FacetFeature::Mention("did:plc:abc".into()))]);
    let mention = Link::Mention { handle: "alice.bsky.social".into(), target: "did:plc:abc".into() };
    let expected =
        para(vec![Span::plain(format!("{FAMILY} hi ")), linked("@alice.bsky.social", mention), Span::plain("!")]);
    assert_eq!(rich.blocks, [expected]);
}

#[test]
fn bad_facets_are_ignored() {
    let text = "🙂 short text";
    let plain = [para(vec![Span::plain(text)])];
    let bad = [
        link(5, 500, "https://a.example/"),
        link(1, 6, "https://a.example/"),
        link(0, 2, "https://a.example/"),
        link(6, 6, "https://a.example/"),
        link(9, 6, "https://a.example/"),
        link(5, 10, "javascript:alert(1)"),
        Facet { start: 5, end: 10, features: vec![] },
        link(usize::MAX - 1, usize::MAX, "https://a.example/"),
    ];
    for f in bad {
        assert_eq!(facets_to_rich(text, std::slice::from_ref(&f)).blocks, plain, "{f:?}");
    }
}

#[test]
fn overlapping_and_unsorted_facets() {
    let text = "one two three four";
    let tag = FacetFeature::Tag("three".into());
    let facets = [facet(8, 13, tag), link(0, 7, "https://a.example/"), link(4, 10, "https://b.example/")];
    let expected = para(vec![
        linked("one two", url("https://a.example/")),
        Span::plain(" "),
        linked("three", Link::Tag { tag: "three".into() }),
        Span::plain(" four"),
    ]);
    assert_eq!(facets_to_rich(text, &facets).blocks, [expected]);
}

#[test]
fn paragraphs_and_hard_breaks() {
    let text = "\npara one\nline two\n\n\npara two #tag\n";
    let start = text.find("#tag").unwrap_or_default();
    let facets = [facet(start, start + 4, FacetFeature::Tag("tag".into()))];
    let rich = facets_to_rich(text, &facets);
    let expected = [
        para(vec![Span::plain("para one\nline two")]),
        para(vec![Span::plain("para two "), linked("#tag", Link::Tag { tag: "tag".into() })]),
    ];
    assert_eq!(rich.blocks, expected);
    let crossing = facets_to_rich("ab\n\ncd", &[link(0, 6, "https://a.example/")]);
    let a = para(vec![linked("ab", url("https://a.example/"))]);
    let c = para(vec![linked("cd", url("https://a.example/"))]);
    assert_eq!(crossing.blocks, [a, c]);
    assert!(facets_to_rich("", &[]).blocks.is_empty());
    assert!(facets_to_rich("\n\n \n\n", &[]).blocks.is_empty());
}

#[test]
fn sanitized_after_slicing() {
    let text = "\x1b[1mhi\x1b[0m https://x.example/ok\x07";
    let start = text.find("https").unwrap_or_default();
    let facets = [link(start, start + 20, "https://x.example/ok\x1b]52;c;x\x07")];
    let expected =
        para(vec![Span::plain("[1mhi[0m "), linked("https://x.example/ok", url("https://x.example/ok]52;c;x"))]);
    assert_eq!(facets_to_rich(text, &facets).blocks, [expected]);
    let mention = [facet(0, 9, FacetFeature::Mention("did:plc:\u{202e}x".into()))];
    let rich = facets_to_rich("@b\u{202e}ob\u{9b}", &mention);
    let m = Link::Mention { handle: "bob".into(), target: "did:plc:x".into() };
    assert_eq!(rich.blocks, [para(vec![linked("@bob", m)])]);
}
