//! Display-width wrapping of rich and plain text into terminal lines.
//!
//! Contract: pure; no IO. No produced line is wider than the requested width (0 counts as 1).
//! Lines break at whitespace; a word wider than the line (or any run of CJK) breaks between
//! grapheme clusters; `\n` is a hard break; trailing spaces at a break are dropped. Blocks are
//! separated by one empty line, except consecutive list items. List items get `• ` or `N. `
//! (indented 2 per depth) with aligned continuation lines, quotes get `│ ` on every line,
//! indented blocks two spaces; code blocks keep their spaces and break only by width.

use crate::model::{Block, BlockKind, Link, RichText, SpanStyle};
use crate::text::width::{grapheme_width, prefix_within, width};
use unicode_segmentation::UnicodeSegmentation;

/// A run of wrapped text with one style and at most one link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub style: SpanStyle,
    /// Index into `RichText::links()` order.
    pub link: Option<u16>,
}

/// One terminal line of a wrapped block; an empty `pieces` is a blank line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    pub kind: BlockKind,
    pub pieces: Vec<Piece>,
}

/// Style and link shared by a fragment of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Attr {
    style: SpanStyle,
    link: Option<u16>,
}

/// A fragment of a span's text with its attributes.
type Frag<'a> = (&'a str, Attr);

/// A unit of layout: a word, a run of spaces, or a hard break.
enum Token<'a> {
    Word(Vec<Frag<'a>>),
    Space(Vec<Frag<'a>>),
    Break,
}

/// True for whitespace where a line may break (not the no-break spaces).
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// True for scripts written without spaces, which may break between any two characters.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Appends `text` to the token list, extending the last token when it is of the same kind.
fn push_run<'a>(tokens: &mut Vec<Token<'a>>, text: &'a str, attr: Attr, space: bool) {
    match (tokens.last_mut(), space) {
        (Some(Token::Space(frags)), true) | (Some(Token::Word(frags)), false) => {
            frags.push((text, attr))
        }
        (_, true) => tokens.push(Token::Space(vec![(text, attr)])),
        (_, false) => tokens.push(Token::Word(vec![(text, attr)])),
    }
}

/// Splits one span's text into words, spaces and breaks; in code, spaces belong to words.
fn tokenize_span<'a>(tokens: &mut Vec<Token<'a>>, text: &'a str, attr: Attr, code: bool) {
    let mut start = 0;
    let mut run_space = None;
    for (i, c) in text.char_indices() {
        let space = !code && is_break_space(c) && c != '\n';
        if c == '\n' || run_space.is_some_and(|s| s != space) {
            if let Some(s) = run_space.filter(|_| i > start) {
                push_run(tokens, &text[start..i], attr, s);
            }
            start = i;
        }
        if c == '\n' {
            tokens.push(Token::Break);
            start = i + 1;
            run_space = None;
        } else {
            run_space = Some(space);
        }
    }
    if let Some(s) = run_space.filter(|_| start < text.len()) {
        push_run(tokens, &text[start..], attr, s);
    }
}

/// Fills lines of at most `avail` columns from tokens.
struct Filler<'a> {
    avail: usize,
    code: bool,
    lines: Vec<Vec<Piece>>,
    cur: Vec<Piece>,
    cur_w: usize,
    pending: Vec<Frag<'a>>,
    pending_w: usize,
    soft_start: bool,
}

impl<'a> Filler<'a> {
    /// A filler for lines of `avail` columns.
    fn new(avail: usize, code: bool) -> Self {
        Filler {
            avail: avail.max(1),
            code,
            lines: Vec::new(),
            cur: Vec::new(),
            cur_w: 0,
            pending: Vec::new(),
            pending_w: 0,
            soft_start: true,
        }
    }

    /// Appends text to the current line, merging with the last piece when attributes match.
    fn emit(&mut self, text: &str, attr: Attr) {
        self.cur_w += width(text);
        match self.cur.last_mut() {
            Some(p) if p.style == attr.style && p.link == attr.link => p.text.push_str(text),
            _ => self.cur.push(Piece {
                text: text.to_owned(),
                style: attr.style,
                link: attr.link,
            }),
        }
    }

    /// Ends the current line, dropping trailing spaces (outside code) and pending spaces.
    fn flush(&mut self, soft: bool) {
        if !self.code {
            trim_trailing_spaces(&mut self.cur);
        }
        self.lines.push(std::mem::take(&mut self.cur));
        self.cur_w = 0;
        self.pending.clear();
        self.pending_w = 0;
        self.soft_start = soft;
    }

    /// Emits the spaces waiting before the next word.
    fn emit_pending(&mut self) {
        for (text, attr) in std::mem::take(&mut self.pending) {
            self.emit(text, attr);
        }
        self.pending_w = 0;
    }

    /// Queues spaces; they are shown only if a word follows on the same line.
    fn space(&mut self, frags: Vec<Frag<'a>>) {
        if self.cur.is_empty() && self.soft_start {
            return;
        }
        self.pending_w += frags.iter().map(|(t, _)| width(t)).sum::<usize>();
        self.pending.extend(frags);
    }

    /// Places a word: on this line, on the next one, or broken across lines.
    fn word(&mut self, frags: Vec<Frag<'a>>) {
        let w: usize = frags.iter().map(|(t, _)| width(t)).sum();
        let breakable = self.code || frags.iter().any(|(t, _)| t.chars().any(is_cjk));
        if self.cur_w + self.pending_w + w <= self.avail {
            self.emit_pending();
        } else if w <= self.avail && !breakable {
            self.next_line();
        } else {
            return self.fill(frags);
        }
        for (text, attr) in frags {
            self.emit(text, attr);
        }
    }

    /// Moves to a fresh line for a word that does not fit after what is already there.
    fn next_line(&mut self) {
        if self.cur.is_empty() {
            self.pending.clear();
            self.pending_w = 0;
        } else {
            self.flush(true);
        }
    }

    /// Breaks a word between graphemes, filling the current line first.
    fn fill(&mut self, frags: Vec<Frag<'a>>) {
        if self.cur_w + self.pending_w < self.avail {
            self.emit_pending();
        }
        for (text, attr) in frags {
            for g in text.graphemes(true) {
                // A wide grapheme on a one-column line cannot fit: show a narrow mark instead.
                let (shown, sw) = match grapheme_width(g) {
                    gw if gw > self.avail => ("…", 1),
                    gw => (g, gw),
                };
                if self.cur_w + sw > self.avail && self.cur_w > 0 {
                    self.flush(true);
                }
                self.emit(shown, attr);
            }
        }
    }

    /// Lays out all tokens and returns the content lines, without trailing blank lines.
    fn run(mut self, tokens: Vec<Token<'a>>) -> Vec<Vec<Piece>> {
        for token in tokens {
            match token {
                Token::Word(frags) => self.word(frags),
                Token::Space(frags) => self.space(frags),
                Token::Break => self.flush(false),
            }
        }
        if !self.cur.is_empty() {
            self.flush(true);
        }
        while self
            .lines
            .last()
            .is_some_and(|l| l.iter().all(|p| p.text.is_empty()))
        {
            self.lines.pop();
        }
        self.lines
    }
}

/// Drops trailing whitespace and emptied pieces from a line.
fn trim_trailing_spaces(pieces: &mut Vec<Piece>) {
    while let Some(last) = pieces.last_mut() {
        let kept = last.text.trim_end_matches(is_break_space).len();
        last.text.truncate(kept);
        if !last.text.is_empty() {
            break;
        }
        pieces.pop();
    }
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
        let attr = Attr {
            style: span.style,
            link: link_index(links, span.link.as_ref()),
        };
        tokenize_span(&mut tokens, &span.text, attr, code);
    }
    let (first, rest) = prefixes(block.kind, width);
    let avail = width - crate::text::width(&first);
    let lines = Filler::new(avail, code).run(tokens);
    let plain = Attr {
        style: SpanStyle::default(),
        link: None,
    };
    let mut out = Vec::with_capacity(lines.len());
    for (i, content) in lines.into_iter().enumerate() {
        let prefix = if i == 0 { &first } else { &rest };
        let prefix = if content.is_empty() {
            prefix.trim_end()
        } else {
            prefix.as_str()
        };
        let mut pieces = Vec::with_capacity(content.len() + 1);
        if !prefix.is_empty() {
            pieces.push(Piece {
                text: prefix.to_owned(),
                style: plain.style,
                link: plain.link,
            });
        }
        pieces.extend(content);
        out.push(WrappedLine {
            kind: block.kind,
            pieces,
        });
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
            out.push(WrappedLine {
                kind: BlockKind::Paragraph,
                pieces: Vec::new(),
            });
        }
        prev = Some(block.kind);
        out.extend(lines);
    }
    out
}

/// Wraps plain text into lines of at most `width` columns; `\n` is a hard break.
pub fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let block = Block {
        kind: BlockKind::Paragraph,
        spans: vec![crate::model::Span::plain(text)],
    };
    let rich = RichText {
        blocks: vec![block],
    };
    wrap_rich(&rich, width)
        .into_iter()
        .map(|line| line.pieces.into_iter().map(|p| p.text).collect())
        .collect()
}

#[cfg(test)]
#[path = "wrap_tests.rs"]
mod tests;
