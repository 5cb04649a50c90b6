//! Shared detection of links, mentions and hashtags in the neutral plain-text content.
//!
//! Pure; no IO. Every demo renderer (Mastodon HTML, Bluesky facets, Tumblr NPF formatting) starts from
//! the same tokens, so the three formats always agree on what is a link, a mention or a tag.

use std::ops::Range;

/// What a marked-up stretch of text is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mark {
    /// An `http://` or `https://` URL (the whole URL).
    Link(String),
    /// A `@name` mention (the name without the `@`).
    Mention(String),
    /// A `#tag` hashtag (the tag without the `#`).
    Tag(String),
}

/// One marked stretch of text: its UTF-8 byte range in the scanned text and its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range of the whole token, including a leading `@` or `#`.
    pub range: Range<usize>,
    /// What the token is.
    pub mark: Mark,
}

/// A piece of text as renderers walk it: either plain text or a token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text with no markup.
    Plain(&'a str),
    /// A marked token and its source text.
    Marked(&'a str, Mark),
}

/// Finds every link, mention and hashtag in `text`, in order, without overlaps.
pub fn scan(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let prev = text[..i].chars().next_back();
        let found = if rest.starts_with("https://") || rest.starts_with("http://") {
            url_at(rest).map(|len| (len, Mark::Link(rest[..len].to_string())))
        } else if rest.starts_with('@') && boundary(prev) {
            word_at(&rest[1..]).map(|len| (len + 1, Mark::Mention(rest[1..=len].to_string())))
        } else if rest.starts_with('#') && boundary(prev) {
            word_at(&rest[1..]).map(|len| (len + 1, Mark::Tag(rest[1..=len].to_string())))
        } else {
            None
        };
        match found {
            Some((len, mark)) => {
                out.push(Token { range: i..i + len, mark });
                i += len;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// Splits `text` into plain and marked pieces, in order (see [`scan`]).
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for token in scan(text) {
        if token.range.start > at {
            out.push(Piece::Plain(&text[at..token.range.start]));
        }
        out.push(Piece::Marked(&text[token.range.clone()], token.mark));
        at = token.range.end;
    }
    if at < text.len() {
        out.push(Piece::Plain(&text[at..]));
    }
    out
}

/// Converts a UTF-8 byte offset in `text` to a Unicode code point offset.
pub fn code_points(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |s| s.chars().count())
}

/// A mention or tag starts after the text start or a character that is not part of a word.
fn boundary(prev: Option<char>) -> bool {
    prev.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '@' || c == '#' || c == '/'))
}

/// Length in bytes of the URL at the start of `s`; trailing punctuation is not part of it.
fn url_at(s: &str) -> Option<usize> {
    let end = s.find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"')).unwrap_or(s.len());
    let url = s[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '。', '、', '！']);
    let scheme = if url.starts_with("https://") { 8 } else { 7 };
    (url.len() > scheme).then_some(url.len())
}

/// Length in bytes of the name or tag at the start of `s` (letters, digits, `_`).
fn word_at(s: &str) -> Option<usize> {
    let len = s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len());
    (len > 0).then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<(&str, Mark)> {
        scan(text).into_iter().map(|t| (&text[t.range.clone()], t.mark)).collect()
    }

    #[test]
    fn finds_links_mentions_and_tags() {
        let found = marks("Hi @alice, see https://a.example/x. #rust!");
        assert_eq!(found[0], ("@alice", Mark::Mention("alice".into())));
        assert_eq!(found[1].0, "https://a.example/x");
        assert_eq!(found[2], ("#rust", Mark::Tag("rust".into())));
    }

    #[test]
    fn cjk_and_emoji_directly_before_tokens() {
        let found = marks("詳しくはこちらhttps://example.com/jp 👋🏽@bob");
        assert_eq!(found[0].0, "https://example.com/jp");
        assert_eq!(found[1].0, "@bob");
    }

    #[test]
    fn email_and_url_fragments_are_not_mentions_or_tags() {
        assert!(marks("mail me at me@host or see a#b").is_empty());
        assert_eq!(marks("https://x.example/#anchor").len(), 1);
    }

    #[test]
    fn pieces_cover_the_whole_text() {
        let text = "a @b c";
        let joined: String = pieces(text)
            .into_iter()
            .map(|p| match p {
                Piece::Plain(s) | Piece::Marked(s, _) => s,
            })
            .collect();
        assert_eq!(joined, text);
        assert_eq!(code_points("é@", "é".len()), 1);
    }
}
