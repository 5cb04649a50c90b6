//! Neutral text to a Bluesky post's `text` and `facets` (`app.bsky.richtext.facet`).
//!
//! Pure; no IO. Mentions of known people are rewritten to their full handle (`@alice` becomes
//! `@alice.bsky.example`), so the offsets are computed while the text is built, in UTF-8 bytes
//! (`byteStart` inclusive, `byteEnd` exclusive).

use crate::demo::content::{Content, Net};
use crate::demo::ids;
use crate::demo::markup::{self, Mark, Piece};
use serde_json::{Value, json};

/// The post text as Bluesky stores it, and its facets.
pub fn render(text: &str, content: &Content) -> (String, Vec<Value>) {
    let mut out = String::with_capacity(text.len());
    let mut facets = Vec::new();
    for piece in markup::pieces(text) {
        let start = out.len();
        let feature = match piece {
            Piece::Plain(s) => {
                out.push_str(s);
                continue;
            }
            Piece::Marked(s, Mark::Mention(name)) => {
                if !content.people.iter().any(|p| p.key == name) {
                    out.push_str(s);
                    continue;
                }
                out.push('@');
                out.push_str(&ids::handle(Net::Bluesky, &name));
                json!({"$type": "app.bsky.richtext.facet#mention", "did": ids::did(&name)})
            }
            Piece::Marked(s, Mark::Link(url)) => {
                out.push_str(s);
                json!({"$type": "app.bsky.richtext.facet#link", "uri": url})
            }
            Piece::Marked(s, Mark::Tag(tag)) => {
                out.push_str(s);
                json!({"$type": "app.bsky.richtext.facet#tag", "tag": tag})
            }
        };
        facets.push(json!({
            "$type": "app.bsky.richtext.facet",
            "index": {"byteStart": start, "byteEnd": out.len()},
            "features": [feature],
        }));
    }
    (out, facets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_bytes_after_the_handle_rewrite() {
        let content = crate::demo::content::build(jiff::Timestamp::UNIX_EPOCH);
        let (text, facets) = render("👩\u{200d}👩\u{200d}👧\u{200d}👦@alice 日本https://x.example", &content);
        let span = |i: usize| {
            let index = &facets[i]["index"];
            let (a, b) = (index["byteStart"].as_u64().unwrap() as usize, index["byteEnd"].as_u64().unwrap() as usize);
            text[a..b].to_string()
        };
        assert_eq!(span(0), "@alice.bsky.example");
        assert_eq!(span(1), "https://x.example");
        assert_eq!(facets[0]["index"]["byteStart"], 25, "a ZWJ family is 25 bytes");
    }
}
