use super::*;

const FAMILY: &str = "👩\u{200d}👩\u{200d}👧";

/// Each facet as the text it covers and its feature.
fn found(text: &str) -> Vec<(&str, Feature)> {
    detect(text).into_iter().map(|f| (text.get(f.start..f.end).unwrap_or("<bad range>"), f.feature)).collect()
}

/// A link feature.
fn link(uri: &str) -> Feature {
    Feature::Link(uri.to_owned())
}

/// A mention feature.
fn mention(handle: &str) -> Feature {
    Feature::Mention(handle.to_owned())
}

/// A tag feature.
fn tag(name: &str) -> Feature {
    Feature::Tag(name.to_owned())
}

#[test]
fn byte_ranges_after_cjk_and_zwj_emoji() {
    let text = "日本語 👩‍👩‍👧 https://example.com/a?b=c. @bob.test #タグ!";
    let facets = detect(text);
    assert_eq!(facets.len(), 3);
    let slices: Vec<&str> = facets.iter().map(|f| &text[f.start..f.end]).collect();
    assert_eq!(slices, ["https://example.com/a?b=c", "@bob.test", "#タグ"]);
    assert_eq!(facets[0].feature, link("https://example.com/a?b=c"));
    assert_eq!(facets[1].feature, mention("bob.test"));
    assert_eq!(facets[2].feature, tag("タグ"));
    assert_eq!(facets[0].start, "日本語 👩‍👩‍👧 ".len());
}

#[test]
fn bare_domain_in_parentheses() {
    let text = "(see example.com/x)";
    assert_eq!(found(text), [("example.com/x", link("https://example.com/x"))]);
    assert_eq!(found("example.com"), [("example.com", link("https://example.com"))]);
    assert_eq!(found("go to bsky.app."), [("bsky.app", link("https://bsky.app"))]);
    assert_eq!(found("my-site.org/a-b"), [("my-site.org/a-b", link("https://my-site.org/a-b"))]);
}

#[test]
fn urls_in_parentheses_keep_balanced_parens() {
    assert_eq!(found("(https://example.com/a)"), [("https://example.com/a", link("https://example.com/a"))]);
    let wiki = "https://en.wikipedia.org/wiki/Foo_(bar)";
    assert_eq!(found(wiki), [(wiki, link(wiki))]);
    assert_eq!(found(&format!("({wiki})")), [(wiki, link(wiki))]);
    assert_eq!(found(&format!("({wiki}).")), [(wiki, link(wiki))]);
    assert_eq!(found("x(https://a.example/)"), [("https://a.example/", link("https://a.example/"))]);
    assert_eq!(found("see https://a.example/x?!),;:"), [("https://a.example/x", link("https://a.example/x"))]);
}

#[test]
fn words_with_dots_are_not_bare_links() {
    for text in
        ["file.txt", "node.js", "e.g. this", "i.e.", "v1.2.3", "3.14", "a..b", "ex-.com", "https://", "https://."]
    {
        assert_eq!(found(text), [], "{text}");
    }
    let upper = "HTTPS://Example.COM/Path";
    assert_eq!(found(upper), [(upper, link(upper))]);
}

#[test]
fn mentions_need_a_handle_with_a_dot() {
    assert_eq!(found("@bob"), []);
    assert_eq!(found("email a@b.com"), []);
    assert_eq!(found("@bob.test"), [("@bob.test", mention("bob.test"))]);
    assert_eq!(found("hi @bob.test."), [("@bob.test", mention("bob.test"))]);
    assert_eq!(found("(@alice.bsky.social)"), [("@alice.bsky.social", mention("alice.bsky.social"))]);
    assert_eq!(found("@Bob.Example.com"), [("@Bob.Example.com", mention("Bob.Example.com"))]);
    for text in ["@123.456", "@bob.1ab", "@-bob.test", "@bob-.test", "@bob.test_x", "x@bob.test", "@.test"] {
        assert_eq!(found(text), [], "{text}");
    }
}

#[test]
fn hashtags_follow_whitespace_and_are_not_all_digits() {
    assert_eq!(found("#123"), []);
    assert_eq!(found("#1st"), [("#1st", tag("1st"))]);
    assert_eq!(found("a#b"), []);
    assert_eq!(found("#"), []);
    assert_eq!(found("#!?"), []);
    assert_eq!(found("#tag."), [("#tag", tag("tag"))]);
    assert_eq!(found("#タグ、次"), [("#タグ、次", tag("タグ、次"))]);
    assert_eq!(found("#タグ。"), [("#タグ", tag("タグ"))]);
    assert_eq!(found("#c.elegans"), [("#c.elegans", tag("c.elegans"))]);
    assert_eq!(found("＃テスト"), [("＃テスト", tag("テスト"))]);
    assert_eq!(found("#\u{fe0f}\u{20e3}"), []);
    assert_eq!(found("#a\u{200b}b"), [("#a", tag("a"))]);
    assert_eq!(found("x\n#new"), [("#new", tag("new"))]);
}

#[test]
fn hashtag_length_limit() {
    let longest = "a".repeat(64);
    let text = format!("#{longest}");
    assert_eq!(found(&text), [(text.as_str(), tag(&longest))]);
    assert_eq!(found(&format!("#{longest}a")), []);
    let emoji = "🙂".repeat(64);
    assert_eq!(detect(&format!("#{emoji}")).len(), 1);
}

#[test]
fn links_win_over_mentions_and_tags_inside_them() {
    let text = "https://a.example/x(@bob.test) #tag(@bob.test)";
    let expected = [
        ("https://a.example/x(@bob.test)", link("https://a.example/x(@bob.test)")),
        ("#tag(@bob.test", tag("tag(@bob.test")),
    ];
    assert_eq!(found(text), expected);
}

#[test]
fn empty_and_plain_text() {
    assert_eq!(detect(""), []);
    assert_eq!(detect("   \n\t"), []);
    assert_eq!(detect("just words, nothing else."), []);
}

#[test]
fn ten_thousand_char_words() {
    let word = "a".repeat(10_000);
    assert_eq!(detect(&word), []);
    assert_eq!(detect(&format!("#{word}")), []);
    assert_eq!(detect(&format!("@{word}.test")), []);
    assert_eq!(detect(&"(".repeat(10_000)), []);
    let url = format!("https://example.com/{word}");
    assert_eq!(found(&format!("{url}.")), [(url.as_str(), link(&url))]);
}

#[test]
fn combining_marks_and_rtl() {
    let text = "cafe\u{301} https://example.com/e\u{301} #nai\u{308}ve שלום #שלום @bob.test مرحبا";
    assert_eq!(
        found(text),
        [
            ("https://example.com/e\u{301}", link("https://example.com/e\u{301}")),
            ("#nai\u{308}ve", tag("nai\u{308}ve")),
            ("#שלום", tag("שלום")),
            ("@bob.test", mention("bob.test")),
        ]
    );
}

#[test]
fn facets_are_sorted_disjoint_and_on_char_boundaries() {
    let samples = [
        format!("{FAMILY}#{FAMILY} @a.test https://x.example/{FAMILY}) #x"),
        "日本語#タグ @bob.test、 example.com。#テスト".to_owned(),
        "((https://a.example/(b)) #a#b @c.test@d.test".to_owned(),
        "\u{feff}#tag\u{3000}@bob.test\u{a0}bsky.app".to_owned(),
    ];
    for text in &samples {
        let facets = detect(text);
        for pair in facets.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{text:?}: {facets:?}");
        }
        for f in &facets {
            assert!(f.start < f.end && text.get(f.start..f.end).is_some(), "{text:?}: {f:?}");
        }
    }
}
