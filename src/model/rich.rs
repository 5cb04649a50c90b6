//! Rich text: styled, unwrapped spans grouped in blocks. Built once per post at convert time
//! (from Mastodon HTML, Bluesky facets, Tumblr NPF); wrapped later by `text::wrap`. Pure.

use serde::Serialize;

/// Inline style flags of a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct SpanStyle {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    pub small: bool,
}

/// What a span links to. Links always carry their real target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Link {
    /// A web link; `url` is the real target, whatever the span's text says.
    Url { url: String },
    /// A mention of an account: handle as shown, and its profile URL or DID when known.
    Mention { handle: String, target: String },
    /// A hashtag, without the `#`.
    Tag { tag: String },
}

impl Link {
    /// The target a user would open: the URL, the mention's profile, or None for tags.
    pub fn target(&self) -> Option<&str> {
        match self {
            Link::Url { url } => Some(url),
            Link::Mention { target, .. } if target.starts_with("http") => Some(target),
            _ => None,
        }
    }
}

/// A run of text with one style and at most one link. `\n` inside `text` is a hard line break.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Span {
    pub text: String,
    pub style: SpanStyle,
    pub link: Option<Link>,
}

impl Span {
    /// A plain, unstyled span.
    pub fn plain(text: impl Into<String>) -> Self {
        Span { text: text.into(), style: SpanStyle::default(), link: None }
    }
}

/// How a block is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    #[default]
    Paragraph,
    Heading,
    Quote,
    /// A list item: `Some(n)` numbered, `None` bulleted. `depth` starts at 0.
    ListItem {
        number: Option<u32>,
        depth: u8,
    },
    Code,
    Indented,
}

/// A paragraph-level unit of rich text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub spans: Vec<Span>,
}

impl Block {
    /// The block's text without styling.
    pub fn plain(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// Rich text: blocks separated by a blank line when shown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct RichText {
    pub blocks: Vec<Block>,
}

impl RichText {
    /// Rich text made of one plain paragraph per `\n\n`-separated part of `text`.
    pub fn plain(text: &str) -> Self {
        let blocks = text
            .split("\n\n")
            .filter(|p| !p.is_empty())
            .map(|p| Block { kind: BlockKind::Paragraph, spans: vec![Span::plain(p)] })
            .collect();
        RichText { blocks }
    }

    /// True when there is no visible text.
    pub fn is_empty(&self) -> bool {
        self.blocks.iter().all(|b| b.spans.iter().all(|s| s.text.trim().is_empty()))
    }

    /// The text without styling; blocks joined by a blank line, list items by a newline.
    pub fn to_plain(&self) -> String {
        let mut out = String::new();
        for (i, block) in self.blocks.iter().enumerate() {
            if i > 0 {
                let tight = matches!(block.kind, BlockKind::ListItem { .. })
                    && matches!(self.blocks[i - 1].kind, BlockKind::ListItem { .. });
                out.push_str(if tight { "\n" } else { "\n\n" });
            }
            if let BlockKind::ListItem { number, .. } = block.kind {
                match number {
                    Some(n) => out.push_str(&format!("{n}. ")),
                    None => out.push_str("• "),
                }
            }
            out.push_str(&block.plain());
        }
        out
    }

    /// Every link in order of appearance, without duplicates of the same target.
    pub fn links(&self) -> Vec<&Link> {
        let mut seen: Vec<&Link> = Vec::new();
        for span in self.blocks.iter().flat_map(|b| &b.spans) {
            if let Some(link) = &span.link
                && !seen.contains(&link)
            {
                seen.push(link);
            }
        }
        seen
    }
}
