//! Hostile posts: terminal escape sequences, control characters and bidi overrides in text, display
//! names, alt text, card titles and content warnings.
//!
//! Pure data. Keys 100-149. A client must show these as inert text.

use super::{Card, Post};
use jiff::Timestamp;

/// Posts that try to take over the reader's terminal.
pub fn posts(now: Timestamp) -> Vec<Post> {
    let p = |key, min, text: &str| Post::new(now, key, "mallory", min, text);
    vec![
        p(100, 200, "Clear screen: \u{1b}[2J\u{1b}[H gotcha"),
        p(101, 205, "Title change: \u{1b}]0;You have been pwned\u{7} and OSC 2: \u{1b}]2;evil title\u{1b}\\ done"),
        p(
            102,
            210,
            "Click \u{1b}]8;;https://evil.example/steal\u{1b}\\https://good.example/safe\u{1b}]8;;\u{1b}\\ to continue",
        ),
        p(103, 215, "Clipboard: \u{1b}]52;c;cm0gLXJmIH4=\u{7} (OSC 52 write)"),
        p(104, 220, "DCS: \u{1b}P1$r0m\u{1b}\\ and 8-bit CSI: \u{9b}31mred\u{9b}0m"),
        p(105, 225, "Bidi: \u{202e}txt.exe\u{202c} NUL:\u{0} DEL:\u{7f} bell:\u{7}"),
        p(106, 230, "Innocent picture")
            .image("https://media.example/mallory/cat.jpg", Some("\u{1b}]0;alt pwned\u{7}\u{1b}[2J a cat")),
        Post { card: Some(card()), ..p(107, 235, "Check this link https://evil.example/card") },
        p(108, 240, "Hidden behind a hostile CW.").cw("\u{1b}[5mblink\u{1b}[0m \u{9b}2J", true),
        Post::boost(now, 109, "mallory", 1, 1),
    ]
}

/// A link card whose title and description carry escape sequences.
fn card() -> Card {
    Card {
        url: "https://evil.example/card".to_string(),
        title: "\u{1b}]8;;https://evil.example/\u{1b}\\Totally safe\u{1b}]8;;\u{1b}\\".to_string(),
        description: "\u{9b}2J\u{1b}]52;c;ZXZpbA==\u{7}".to_string(),
        image: None,
    }
}
