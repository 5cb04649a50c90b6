//! Deterministic fuzzing of the compose helpers: random drafts never panic, facets always
//! slice the text they name, thread parts always fit and keep every non-space character, and
//! NPF ranges stay inside their block.

use crate::testing::Lcg;
use unicode_segmentation::UnicodeSegmentation;

use super::chars::is_space;
use super::facets::{Feature, detect};
use super::{length, npf, split};

/// Fragments that stress the detectors when glued together at random.
const PIECES: &[&str] = &[
    "https://example.com/a",
    "http://",
    "example.com",
    "file.txt",
    "(",
    ")",
    ".",
    ",",
    "!",
    "@bob.test",
    "@a@b.example",
    "@",
    "#tag",
    "#123",
    "＃タグ",
    "#",
    "日本語",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "e\u{301}",
    "\u{301}",
    "👍🏽",
    "🇯🇵",
    "שלום",
    "مرحبا",
    "\u{200d}",
    "\u{fe0f}",
    "\u{feff}",
    "\u{3000}",
    "_",
    "-",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "word",
    "x",
];

/// Checks that every facet of `text` is sorted, disjoint and slices to what it names.
fn assert_facets(text: &str) {
    let facets = detect(text);
    for pair in facets.windows(2) {
        assert!(pair[0].end <= pair[1].start, "{text:?}: {facets:?}");
    }
    for facet in &facets {
        let slice = text.get(facet.start..facet.end).unwrap_or_else(|| panic!("{text:?}: {facet:?}"));
        let named = match &facet.feature {
            Feature::Link(uri) => uri == slice || *uri == format!("https://{slice}"),
            Feature::Mention(handle) => slice == format!("@{handle}"),
            Feature::Tag(tag) => slice == format!("#{tag}") || slice == format!("＃{tag}"),
        };
        assert!(named, "{text:?}: {facet:?} over {slice:?}");
    }
}

/// Checks that `text` split for `max` graphemes fits and keeps every non-space char.
fn assert_split(text: &str, max: usize) {
    let fits = |s: &str| s.graphemes(true).count() <= max;
    let parts = split::split(text, fits);
    assert!(parts.iter().all(|p| fits(p)), "{text:?} at {max}: {parts:?}");
    let n = parts.len();
    let bodies: String = if n == 1 && parts[0] == text {
        text.to_owned()
    } else {
        parts.iter().enumerate().map(|(i, p)| p.strip_suffix(&format!(" {}/{n}", i + 1)).unwrap_or("!")).collect()
    };
    let kept: String = bodies.chars().filter(|&c| !is_space(c)).collect();
    let wanted: String = text.chars().filter(|&c| !is_space(c)).collect();
    assert_eq!(kept, wanted, "{text:?} at {max}: {parts:?}");
}

/// Checks that every NPF link range lies inside its block.
fn assert_npf(text: &str) {
    for block in npf::text_blocks(text) {
        let points = block["text"].as_str().map_or(0, |t| t.chars().count());
        assert!(points <= length::TUMBLR_CODE_POINTS);
        for range in block["formatting"].as_array().into_iter().flatten() {
            let (start, end) = (range["start"].as_u64().unwrap_or(0), range["end"].as_u64().unwrap_or(0));
            assert!(start < end && end <= points as u64, "{text:?}: {block}");
        }
    }
}

#[test]
fn random_drafts_are_safe() {
    let mut rng = Lcg(23);
    for _ in 0..300 {
        let text = rng.text(PIECES, 60);
        assert_facets(&text);
        for max in [12, 30, 80] {
            assert_split(&text, max);
        }
        assert_npf(&text);
        let _ = npf::tags(&text);
        assert_eq!(length::bluesky(&text).bytes, Some((text.len(), length::BLUESKY_BYTES)));
        let graphemes = text.graphemes(true).count();
        assert!(length::mastodon(&text, "cw", 500, 0).used <= graphemes + 2, "{text:?}");
        assert_eq!(length::tumblr(&text).used, text.chars().count());
    }
}
