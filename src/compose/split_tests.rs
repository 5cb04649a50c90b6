use unicode_segmentation::UnicodeSegmentation;

use super::*;

const FAMILY: &str = "👨\u{200d}👩\u{200d}👧\u{200d}👦";

/// A `fits` that allows at most `max` graphemes.
fn within(max: usize) -> impl Fn(&str) -> bool {
    move |s: &str| s.graphemes(true).count() <= max
}

/// The part without its ` k/n` suffix, checking the suffix numbers.
fn body(part: &str, k: usize, n: usize) -> &str {
    let suffix = format!(" {k}/{n}");
    part.strip_suffix(&suffix).unwrap_or_else(|| panic!("{part:?} lacks {suffix:?}"))
}

/// Splits, checks every part fits and is numbered, and returns the bodies.
fn bodies(text: &str, max: usize) -> Vec<String> {
    let parts = split(text, within(max));
    assert!(parts.len() > 1, "{text:?} should need several parts");
    for part in &parts {
        assert!(within(max)(part), "{part:?} is over {max}");
    }
    parts.iter().enumerate().map(|(i, p)| body(p, i + 1, parts.len()).to_owned()).collect()
}

#[test]
fn text_that_fits_is_returned_whole() {
    assert_eq!(split("short", within(300)), ["short"]);
    assert_eq!(split("", within(300)), [""]);
    assert_eq!(split(FAMILY, within(1)), [FAMILY]);
}

#[test]
fn words_are_kept_whole_and_in_order() {
    let text = "one two three four five six seven eight nine ten eleven twelve thirteen";
    let parts = bodies(text, 20);
    assert_eq!(parts.join(" "), text);
    assert_eq!(split(text, within(20))[0], "one two three 1/5");
}

#[test]
fn prefers_a_sentence_end_in_the_second_half() {
    let text = "This is the first sentence. And then a second one follows here";
    let parts = bodies(text, 40);
    assert_eq!(parts[0], "This is the first sentence.");
    let text = "Hi. This is a long first sentence that goes on and on";
    assert_ne!(bodies(text, 30)[0], "Hi.", "a sentence end in the first half is not worth it");
}

#[test]
fn prefers_a_line_break() {
    let text = "a list of things to say\nthen some more words after that";
    assert_eq!(bodies(text, 32)[0], "a list of things to say");
}

#[test]
fn urls_are_never_cut() {
    let url = "https://example.com/a/fairly/long/path?with=query";
    let text = format!("read {url} and also {url} then {url} ok");
    for part in bodies(&text, 70) {
        for word in part.split_whitespace() {
            assert!(!word.starts_with("https://") || word == url, "{word:?} was cut");
        }
    }
}

#[test]
fn long_words_are_cut_between_graphemes() {
    let word = format!("{FAMILY}e\u{301}👍🏽🇯🇵").repeat(20);
    let parts = bodies(&word, 12);
    assert_eq!(parts.concat(), word);
    for part in &parts {
        assert!(!part.starts_with('\u{301}') && !part.starts_with('\u{200d}') && !part.starts_with('🏽'));
    }
    let text = format!("start {} end", "x".repeat(50));
    let parts = bodies(&text, 20);
    assert_eq!(parts[0], "start");
    let words: String = parts.iter().flat_map(|p| p.split_whitespace()).collect();
    assert_eq!(words, format!("start{}end", "x".repeat(50)));
}

#[test]
fn numbering_width_grows_past_nine_parts() {
    let text = "word ".repeat(60);
    let parts = split(&text, within(12));
    assert!(parts.len() >= 10, "{parts:?}");
    let n = parts.len();
    for (i, part) in parts.iter().enumerate() {
        assert!(within(12)(part), "{part:?}");
        body(part, i + 1, n);
    }
}

#[test]
fn bytes_limit_with_cjk_and_emoji() {
    let text = format!("日本語のテキスト {FAMILY} と絵文字 ").repeat(30);
    let fits = |s: &str| s.len() <= 100;
    let parts = split(&text, fits);
    assert!(parts.len() > 1);
    assert!(parts.iter().all(|p| fits(p)));
    let words: Vec<&str> = text.split_whitespace().collect();
    let rejoined: Vec<String> = parts.iter().enumerate().map(|(i, p)| body(p, i + 1, parts.len()).to_owned()).collect();
    assert_eq!(rejoined.join(" ").split_whitespace().collect::<Vec<_>>(), words);
}

#[test]
fn whitespace_is_dropped_at_breaks() {
    let parts = bodies("  alpha   beta\n\n\ngamma  delta  ", 12);
    assert_eq!(parts, ["alpha", "beta", "gamma", "delta"]);
    assert_eq!(split(&" ".repeat(50), within(10)), Vec::<String>::new());
}

#[test]
fn impossible_fits_still_ends() {
    let parts = split("ab cd", |_| false);
    assert_eq!(parts, ["a 1/4", "b 2/4", "c 3/4", "d 4/4"]);
    // 295 graphemes and " k/34" per part.
    assert_eq!(split(&"x".repeat(10_000), within(300)).len(), 34);
}

#[test]
fn chunks_are_unnumbered() {
    assert_eq!(chunks("one two three", |s| s.len() <= 7), ["one two", "three"]);
    assert_eq!(chunks("", |s| s.len() <= 7), Vec::<&str>::new());
}
