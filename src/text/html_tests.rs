use super::*;

const STATUS: &str = concat!(
    r#"<p>Hello <span class="h-card"><a href="https://example.social/@alice" class="u-url mention">@<span>alice</span></a></span> "#,
    r#"see <a href="https://example.com/a/very/long/path" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="ellipsis">example.com/a/very/lo</span><span class="invisible">ng/path</span></a> "#,
    r##"<a href="https://example.social/tags/rust" class="mention hashtag" rel="tag">#<span>rust</span></a></p>"##,
    r#"<p>line1<br />line2 &amp; &lt;tag&gt; &#x1F600;</p>"#,
);

/// A span with a style and link.
fn span(text: &str, style: SpanStyle, link: Option<Link>) -> Span {
    Span { text: text.to_owned(), style, link }
}

/// A block of `kind` with `spans`.
fn block(kind: BlockKind, spans: Vec<Span>) -> Block {
    Block { kind, spans }
}

/// A plain paragraph.
fn para(text: &str) -> Block {
    block(BlockKind::Paragraph, vec![Span::plain(text)])
}

#[test]
fn mastodon_status() {
    let plain = SpanStyle::default();
    let mention = Link::Mention { handle: "alice".into(), target: "https://example.social/@alice".into() };
    let url = Link::Url { url: "https://example.com/a/very/long/path".into() };
    let tag = Link::Tag { tag: "rust".into() };
    let expected = RichText {
        blocks: vec![
            block(
                BlockKind::Paragraph,
                vec![
                    Span::plain("Hello "),
                    span("@alice", plain, Some(mention)),
                    Span::plain(" see "),
                    span("example.com/a/very/lo…", plain, Some(url)),
                    Span::plain(" "),
                    span("#rust", plain, Some(tag)),
                ],
            ),
            para("line1\nline2 & <tag> 😀"),
        ],
    };
    assert_eq!(html_to_rich(STATUS), expected);
}

#[test]
fn escapes_never_survive() {
    assert_eq!(html_to_rich("<p>&#27;[31mred&#x1b;[0m</p>").blocks, [para("[31mred[0m")]);
    assert_eq!(html_to_rich("<p>\x1b]52;c;YQ==\x07x</p>").blocks, [para("]52;c;YQ==x")]);
    let rich = html_to_rich(r#"<a href="https://x.example/&#27;]8;;">t&#x202e;xt</a>"#);
    let link = Link::Url { url: "https://x.example/]8;;".into() };
    assert_eq!(rich.blocks, [block(BlockKind::Paragraph, vec![span("txt", SpanStyle::default(), Some(link))])]);
}

#[test]
fn only_web_links_become_links() {
    let rich =
        html_to_rich(r#"<p><a href="javascript:alert(1)">click</a> <a href="data:x" class="mention">@bob</a></p>"#);
    assert_eq!(rich.blocks, [para("click @bob")]);
    assert!(rich.links().is_empty());
    let rich = html_to_rich(r#"<p><a href="HTTPS://X.example/">x</a></p>"#);
    assert_eq!(rich.links(), [&Link::Url { url: "HTTPS://X.example/".into() }]);
}

#[test]
fn nested_and_numbered_lists() {
    let html = r#"<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul><ol start="3"><li>x</li><li>y</ol>"#;
    let item = |number, depth, text: &str| block(BlockKind::ListItem { number, depth }, vec![Span::plain(text)]);
    assert_eq!(
        html_to_rich(html).blocks,
        [
            item(None, 0, "a"),
            item(None, 1, "b"),
            item(None, 1, "c"),
            item(None, 0, "d"),
            item(Some(3), 0, "x"),
            item(Some(4), 0, "y")
        ]
    );
}

#[test]
fn block_kinds_and_styles() {
    let html = "<h2>Title</h2><blockquote><p>quoted <em>it</em></p></blockquote>\
        <pre>  code\n    more\n</pre><p><del>x</del> <code>y</code> <strong>z</strong></p>";
    let italic = SpanStyle { italic: true, ..SpanStyle::default() };
    let strike = SpanStyle { strike: true, ..SpanStyle::default() };
    let code = SpanStyle { code: true, ..SpanStyle::default() };
    let bold = SpanStyle { bold: true, ..SpanStyle::default() };
    assert_eq!(
        html_to_rich(html).blocks,
        [
            block(BlockKind::Heading, vec![Span::plain("Title")]),
            block(BlockKind::Quote, vec![Span::plain("quoted "), span("it", italic, None)]),
            block(BlockKind::Code, vec![Span::plain("  code\n    more")]),
            block(
                BlockKind::Paragraph,
                vec![
                    span("x", strike, None),
                    Span::plain(" "),
                    span("y", code, None),
                    Span::plain(" "),
                    span("z", bold, None),
                ],
            ),
        ]
    );
}

#[test]
fn whitespace_collapses_and_loose_text_is_a_paragraph() {
    let html = "  loose <b>text</b>\n<p>  a \n\n  b  </p>\n\n<p>c<br>\n  d<br></p><unknown>kept</unknown>";
    let bold = SpanStyle { bold: true, ..SpanStyle::default() };
    assert_eq!(
        html_to_rich(html).blocks,
        [
            block(BlockKind::Paragraph, vec![Span::plain("loose "), span("text", bold, None)]),
            para("a b"),
            para("c\nd"),
            para("kept"),
        ]
    );
}

#[test]
fn unclosed_tags_are_tolerated() {
    let html = r#"<p>one <b>two<p>three</i> <a href="https://x.example/">link"#;
    let bold = SpanStyle { bold: true, ..SpanStyle::default() };
    let link = Link::Url { url: "https://x.example/".into() };
    assert_eq!(
        html_to_rich(html).blocks,
        [
            block(BlockKind::Paragraph, vec![Span::plain("one "), span("two", bold, None)]),
            block(BlockKind::Paragraph, vec![span("three ", bold, None), span("link", bold, Some(link))]),
        ]
    );
    assert_eq!(html_to_rich(r#"<p>a<span class="invisible">hidden</p><p>b</p>"#).blocks, [para("a"), para("b")]);
    assert_eq!(html_to_rich("<p>a<script>alert(1)</script>b</p>").blocks, [para("ab")]);
}

#[test]
fn garbage_never_panics_and_stays_clean() {
    let samples = [
        "",
        "<",
        "<a href=",
        "<<<>>>",
        "</p></p></li></ul></a></span>",
        "<ul><li><ol><li>x",
        "&#xFFFFFFFF;&#0;&#x80;&#x9b;",
        "<a><a><a>x",
        "<pre>\x1b[2J</pre>",
        "<p \x00>\x7f</p>",
        "<li>orphan</li>",
        "<ol start=-5><li>x</ol>",
        "<img alt=\"\x1b[31m\">",
    ];
    for s in samples {
        let rich = html_to_rich(s);
        let all = all_strings(&rich);
        assert!(!all.chars().any(|c| c.is_control() && c != '\n'), "{s:?} -> {all:?}");
    }
    assert!(html_to_rich("").blocks.is_empty());
    assert!(html_to_rich("<p> </p><p></p>").blocks.is_empty());
}

/// Every string of `rich`: span texts and link fields.
fn all_strings(rich: &RichText) -> String {
    let mut out = String::new();
    for span in rich.blocks.iter().flat_map(|b| &b.spans) {
        out.push_str(&span.text);
        match &span.link {
            Some(Link::Url { url }) => out.push_str(url),
            Some(Link::Mention { handle, target }) => out.push_str(&(handle.clone() + target)),
            Some(Link::Tag { tag }) => out.push_str(tag),
            None => {}
        }
    }
    out
}
