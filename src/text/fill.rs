//! Line filling for `text::wrap`: splits span text into words, spaces and hard breaks, and
//! fills lines of a fixed number of columns with them.
//!
//! Contract: pure; no IO. No filled line is wider than its column count; a word too wide for
//! a line, or a run of CJK, breaks between grapheme clusters; outside code, spaces at a
//! break are dropped.

use crate::model::SpanStyle;
use crate::text::width::{grapheme_width, width};
use crate::text::wrap::Piece;
use unicode_segmentation::UnicodeSegmentation;

/// Style and link shared by a fragment of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attr {
    pub(crate) style: SpanStyle,
    pub(crate) link: Option<u16>,
}

/// A fragment of a span's text with its attributes.
type Frag<'a> = (&'a str, Attr);

/// A unit of layout: a word, a run of spaces, or a hard break.
pub(crate) enum Token<'a> {
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
        (Some(Token::Space(frags)), true) | (Some(Token::Word(frags)), false) => frags.push((text, attr)),
        (_, true) => tokens.push(Token::Space(vec![(text, attr)])),
        (_, false) => tokens.push(Token::Word(vec![(text, attr)])),
    }
}

/// Splits one span's text into words, spaces and breaks; in code, spaces belong to words.
pub(crate) fn tokenize_span<'a>(tokens: &mut Vec<Token<'a>>, text: &'a str, attr: Attr, code: bool) {
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
pub(crate) struct Filler<'a> {
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
    pub(crate) fn new(avail: usize, code: bool) -> Self {
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
            _ => self.cur.push(Piece { text: text.to_owned(), style: attr.style, link: attr.link }),
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
    pub(crate) fn run(mut self, tokens: Vec<Token<'a>>) -> Vec<Vec<Piece>> {
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
        while self.lines.last().is_some_and(|l| l.iter().all(|p| p.text.is_empty())) {
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
