//! Sanitizing hostile remote text before it can reach the terminal.
//!
//! Contract: pure; no IO. The output never contains a C0 control other than `\n`, ESC, DEL,
//! a C1 control (U+0080–U+009F) or a bidi override, embedding or isolate, so a post can never
//! emit an escape sequence or reorder the text around it. Tabs become one space, `\r\n`, lone
//! `\r` and U+2028/U+2029 become `\n`. Everything else (CJK, RTL scripts, emoji sequences,
//! combining marks, LRM/RLM) passes unchanged.

/// What to do with one character.
enum Action {
    Keep,
    Drop,
    Replace(char),
    /// A carriage return: a newline, swallowing a directly following `\n`.
    CarriageReturn,
}

/// Classifies one character.
fn classify(c: char) -> Action {
    match c {
        '\n' => Action::Keep,
        '\r' => Action::CarriageReturn,
        '\t' => Action::Replace(' '),
        '\u{2028}' | '\u{2029}' => Action::Replace('\n'),
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Action::Drop,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Action::Drop,
        _ => Action::Keep,
    }
}

/// True when `c` would be changed or removed by `sanitize`.
fn needs_work(c: char) -> bool {
    !matches!(classify(c), Action::Keep)
}

/// Removes control characters and bidi overrides from remote text, keeping `\n` as the only break.
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(needs_work) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match classify(c) {
            Action::Keep => out.push(c),
            Action::Drop => {}
            Action::Replace(r) => out.push(r),
            Action::CarriageReturn => {
                out.push('\n');
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
            }
        }
    }
    out
}

/// Like `sanitize`, then every newline becomes a space: for names, handles, CW lines and titles.
pub fn sanitize_line(s: &str) -> String {
    let clean = sanitize(s);
    if clean.contains('\n') { clean.replace('\n', " ") } else { clean }
}

/// True for an absolute `http`/`https` URL, the only links murre will open.
pub(crate) fn is_web_url(url: &str) -> bool {
    let scheme = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    scheme.starts_with("http://") || scheme.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hostile payloads that try to reach the terminal.
    const PAYLOADS: &[&str] = &[
        "\x1b[2J\x1b[H",
        "\x1b]0;pwned\x07",
        "\x1b]2;title\x1b\\",
        "\x1b]8;;https://evil.example/\x1b\\https://good.example/\x1b]8;;\x1b\\",
        "\x1b]52;c;cm0gLXJmIH4K\x07",
        "\x1bPq#0;2;0;0;0\x1b\\",
        "\u{9b}31m red \u{9b}0m",
        "\u{9d}0;title\u{9c}",
        "abc\u{202e}txt.exe",
        "nul\0byte",
        "del\x7fete",
        "bell\x07",
        "\u{2066}iso\u{2069} \u{202a}emb\u{202c}",
        "\x08\x0b\x0c\x1a\x1c",
    ];

    /// True when `c` must never survive sanitizing.
    fn forbidden(c: char) -> bool {
        (c < ' ' && c != '\n')
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    }

    #[test]
    fn payloads_lose_every_control() {
        for p in PAYLOADS {
            for out in [sanitize(p), sanitize_line(p)] {
                assert!(!out.chars().any(forbidden), "{p:?} -> {out:?}");
            }
        }
    }

    #[test]
    fn payloads_exact_outputs() {
        assert_eq!(sanitize("\x1b[2J"), "[2J");
        assert_eq!(sanitize("\x1b]52;c;aGk=\x07x"), "]52;c;aGk=x");
        assert_eq!(sanitize("\u{9b}31mred"), "31mred");
        assert_eq!(sanitize("abc\u{202e}def"), "abcdef");
        assert_eq!(sanitize("a\0b\x7fc\x07d"), "abcd");
    }

    #[test]
    fn newlines_and_tabs_are_normalized() {
        assert_eq!(sanitize("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(sanitize("a\r\r\nb"), "a\n\nb");
        assert_eq!(sanitize("a\tb"), "a b");
        assert_eq!(sanitize("a\u{2028}b\u{2029}c"), "a\nb\nc");
        assert_eq!(sanitize_line("a\r\nb\u{2028}c\td"), "a b c d");
    }

    #[test]
    fn ordinary_text_passes_unchanged() {
        let samples = [
            "日本語のテキスト、中文，한국어",
            "مرحبا بالعالم",
            "שלום עולם",
            "👨\u{200d}👩\u{200d}👧\u{200d}👦 family",
            "👍🏽 👋🏿",
            "e\u{301} a\u{308} ñ",
            "lrm\u{200e} rlm\u{200f} zwj\u{200d}",
            "🏳\u{fe0f}\u{200d}🌈",
            "",
        ];
        for s in samples {
            assert_eq!(sanitize(s), s);
            assert_eq!(sanitize_line(s), s);
        }
    }
}
