//! Display-width wrapping of rich and plain text into terminal lines.
//!
//! Contract: pure; no IO. No produced line is wider than the requested width (0 counts as 1).
//! Lines break at whitespace; a word wider than the line (or any run of CJK) breaks between
//! grapheme clusters; `\n` is a hard break; trailing spaces at a break are dropped. Blocks are
//! separated by one empty line, except consecutive list items. List items get `• ` or `N. `
//! (indented 2 per depth) with aligned continuation lines, quotes get `│ ` on every line,
//! indented blocks two spaces; code blocks keep their spaces and break only by width.

use crate::model::{Block, BlockKind, Link, RichText, SpanStyle};
use crate::text::fill::{Attr, Filler, tokenize_span};
use crate::text::width::prefix_within;

/// A run of wrapped text with one style and at most one link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The text, without newlines.
    pub text: String,
    /// The style of the whole piece.
    pub style: SpanStyle,
    /// Index into `RichText::links()` order.
    pub link: Option<u16>,
}

/// One terminal line of a wrapped block; an empty `pieces` is a blank line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    /// The kind of block the line belongs to.
    pub kind: BlockKind,
    /// The line's pieces, prefix first; a blank line has none.
    pub pieces: Vec<Piece>,
}

/// The first-line and continuation prefixes of a block, cut to leave at least one column.
fn prefixes(kind: BlockKind, width: usize) -> (String, String) {
    let first = match kind {
        BlockKind::ListItem { number, depth } => {
            let marker = number.map_or_else(|| "• ".to_owned(), |n| format!("{n}. "));
            format!("{}{marker}", "  ".repeat(usize::from(depth)))
        }
        BlockKind::Quote => "│ ".to_owned(),
        BlockKind::Indented => "  ".to_owned(),
        _ => String::new(),
    };
    let rest = match kind {
        BlockKind::Quote => first.clone(),
        _ => " ".repeat(crate::text::width(&first)),
    };
    let cut = |p: &str| prefix_within(p, width - 1).0.to_owned();
    (cut(&first), cut(&rest))
}

/// Index of `link` in the deduplicated link list.
fn link_index(links: &[&Link], link: Option<&Link>) -> Option<u16> {
    let i = links.iter().position(|l| Some(*l) == link)?;
    u16::try_from(i).ok()
}

/// Wraps one block into lines of at most `width` columns, prefixes included.
fn wrap_block(block: &Block, links: &[&Link], width: usize) -> Vec<WrappedLine> {
    let code = block.kind == BlockKind::Code;
    let mut tokens = Vec::new();
    for span in &block.spans {
        let attr = Attr { style: span.style, link: link_index(links, span.link.as_ref()) };
        tokenize_span(&mut tokens, &span.text, attr, code);
    }
    let (first, rest) = prefixes(block.kind, width);
    let avail = width - crate::text::width(&first);
    let lines = Filler::new(avail, code).run(tokens);
    let plain = Attr { style: SpanStyle::default(), link: None };
    let mut out = Vec::with_capacity(lines.len());
    for (i, content) in lines.into_iter().enumerate() {
        let prefix = if i == 0 { &first } else { &rest };
        let prefix = if content.is_empty() { prefix.trim_end() } else { prefix.as_str() };
        let mut pieces = Vec::with_capacity(content.len() + 1);
        if !prefix.is_empty() {
            pieces.push(Piece { text: prefix.to_owned(), style: plain.style, link: plain.link });
        }
        pieces.extend(content);
        out.push(WrappedLine { kind: block.kind, pieces });
    }
    out
}

/// Wraps rich text into terminal lines of at most `width` columns (0 is treated as 1).
pub fn wrap_rich(text: &RichText, width: usize) -> Vec<WrappedLine> {
    let width = width.max(1);
    let links = text.links();
    let mut out = Vec::new();
    let mut prev: Option<BlockKind> = None;
    for block in &text.blocks {
        let lines = wrap_block(block, &links, width);
        if lines.is_empty() {
            continue;
        }
        let is_item = |k: BlockKind| matches!(k, BlockKind::ListItem { .. });
        if prev.is_some_and(|p| !(is_item(p) && is_item(block.kind))) {
            out.push(WrappedLine { kind: BlockKind::Paragraph, pieces: Vec::new() });
        }
        prev = Some(block.kind);
        out.extend(lines);
    }
    out
}

/// Wraps plain text into lines of at most `width` columns; `\n` is a hard break.
pub fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let block = Block { kind: BlockKind::Paragraph, spans: vec![crate::model::Span::plain(text)] };
    let rich = RichText { blocks: vec![block] };
    wrap_rich(&rich, width).into_iter().map(|line| line.pieces.into_iter().map(|p| p.text).collect()).collect()
}

#[cfg(test)]
#[path = "wrap_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "wrap_samples_tests.rs"]
mod sample_tests;
