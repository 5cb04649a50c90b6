//! Deterministic fuzzing of every converter: hostile input never panics, never leaves a
//! control character, and always wraps within the width.

use super::*;
use crate::model::{Link, RichText};
use crate::testing::Lcg;

/// Fragments that stress the converters when glued together at random.
const PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<br>",
    "<a href=\"https://x.example/\">",
    "<a class=\"mention\" href=\"https://m.example/@a\">",
    "<a rel=\"tag\">",
    "</a>",
    "<span class=\"invisible\">",
    "<span class=\"ellipsis\">",
    "</span>",
    "<ul>",
    "<ol start=\"9\">",
    "<li>",
    "</li>",
    "</ul>",
    "</ol>",
    "<blockquote>",
    "</blockquote>",
    "<pre>",
    "</pre>",
    "<b>",
    "</b>",
    "<h1>",
    "&#27;[2J",
    "&amp;",
    "&#x202e;",
    "\x1b]52;c;x\x07",
    "\u{9b}",
    "🙂",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "e\u{301}",
    "日本語",
    "مرحبا",
    " ",
    "  ",
    "\n",
    "\n\n",
    "word",
    "@alice",
    "#tag",
    "https://long.example/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "<",
    "&",
    "\"",
    "\r\n",
    "\t",
];

/// Checks that no string of `rich` holds a control character other than `\n`.
fn assert_clean(rich: &RichText, input: &str) {
    for span in rich.blocks.iter().flat_map(|b| &b.spans) {
        let mut all = span.text.clone();
        match &span.link {
            Some(Link::Url { url }) => all.push_str(url),
            Some(Link::Mention { handle, target }) => all.push_str(&format!("{handle}{target}")),
            Some(Link::Tag { tag }) => all.push_str(tag),
            None => {}
        }
        assert!(!all.chars().any(|c| c.is_control() && c != '\n'), "{input:?} -> {all:?}");
        assert!(!all.contains('\u{202e}'), "{input:?}");
    }
}

/// Checks that `rich` wraps within every width from 1 to 30.
fn assert_wraps(rich: &RichText, input: &str) {
    for w in 1..=30 {
        for line in wrap_rich(rich, w) {
            let text: String = line.pieces.iter().map(|p| p.text.as_str()).collect();
            assert!(width(&text) <= w, "{input:?} at {w}: {text:?}");
            assert!(!text.contains('\n'), "{input:?}: {text:?}");
        }
    }
}

#[test]
fn random_html_is_safe() {
    let mut rng = Lcg(7);
    for _ in 0..150 {
        let html = rng.text(PIECES, 40);
        let rich = html_to_rich(&html);
        assert_clean(&rich, &html);
        assert_wraps(&rich, &html);
    }
}

#[test]
fn random_facets_and_npf_are_safe() {
    let mut rng = Lcg(11);
    for _ in 0..150 {
        let text = rng.text(PIECES, 40);
        let len = text.len() + 4;
        let facets: Vec<Facet> = (0..rng.below(6))
            .map(|i| {
                let feature = match i % 3 {
                    0 => FacetFeature::Link("https://x.example/\x1b".into()),
                    1 => FacetFeature::Mention("did:plc:x".into()),
                    _ => FacetFeature::Tag("t".into()),
                };
                Facet { start: rng.below(len), end: rng.below(len), features: vec![feature] }
            })
            .collect();
        let rich = facets_to_rich(&text, &facets);
        assert_clean(&rich, &text);
        assert_wraps(&rich, &text);
        let count = text.chars().count() + 4;
        let formats: Vec<NpfFormat> = (0..rng.below(6))
            .map(|i| {
                let kind = match i % 3 {
                    0 => NpfFormatKind::Bold,
                    1 => NpfFormatKind::Link("https://x.example/".into()),
                    _ => NpfFormatKind::Mention { blog: "b\x07".into(), url: "https://b.example/".into() },
                };
                NpfFormat { start: rng.below(count), end: rng.below(count), kind }
            })
            .collect();
        let block = npf_text_block(&text, Some("quote"), &formats);
        let rich = RichText { blocks: vec![block] };
        assert_clean(&rich, &text);
        assert_wraps(&rich, &text);
    }
}
