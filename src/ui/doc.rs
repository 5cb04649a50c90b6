//! The detail pane's content before it is drawn: its lines, where image previews go and where
//! links are (line, column, width and real target), so the runtime can make them clickable.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Theme;
use crate::model::RichText;
use crate::text::{width, wrap_plain, wrap_rich};

/// A link in the content: `width` cells from `col` on line `line` open `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub line: usize,
    pub col: u16,
    pub width: u16,
    pub url: String,
}

/// Lines, the image slots among them (first line, rows, address) and the links.
#[derive(Default)]
pub struct Doc {
    pub lines: Vec<Line<'static>>,
    pub images: Vec<(usize, u16, String)>,
    pub links: Vec<Spot>,
}

impl Doc {
    /// Adds lines that hold no link.
    pub fn extend(&mut self, lines: impl IntoIterator<Item = Line<'static>>) {
        self.lines.extend(lines);
    }

    /// Adds `text` wrapped to `cols`, in one style.
    pub fn plain(&mut self, text: &str, cols: usize, style: Style) {
        self.extend(wrap_plain(text, cols).into_iter().map(|l| Line::styled(l, style)));
    }

    /// Adds `prefix` + `url` wrapped to `cols`, all of the address a link to it.
    pub fn url(&mut self, prefix: &str, url: &str, cols: usize, style: Style) {
        for (i, text) in wrap_plain(&format!("{prefix}{url}"), cols).into_iter().enumerate() {
            let skip = if i == 0 { width(prefix) } else { 0 };
            let cells = width(&text).saturating_sub(skip);
            self.link(self.lines.len(), skip, cells, url);
            self.lines.push(Line::styled(text, style));
        }
    }

    /// Adds rich text wrapped to `cols` (after `prefix` on every line), noting where its links are.
    pub fn rich(&mut self, text: &RichText, cols: usize, prefix: Option<Span<'static>>, theme: &Theme) {
        let links = text.links();
        let lead = prefix.as_ref().map_or(0, |p| width(&p.content));
        for line in wrap_rich(text, cols.saturating_sub(lead).max(1)) {
            let mut spans: Vec<Span<'static>> = prefix.iter().cloned().collect();
            let mut col = lead;
            for p in line.pieces {
                let cells = width(&p.text);
                let target = p.link.and_then(|i| links.get(usize::from(i))).and_then(|l| l.target());
                if let Some(url) = target {
                    self.link(self.lines.len(), col, cells, url);
                }
                col += cells;
                spans.push(Span::styled(p.text, super::detail::piece_style(p.style, p.link.is_some(), theme)));
            }
            self.lines.push(Line::from(spans));
        }
    }

    /// Keeps `rows` blank lines for the image at `url`.
    pub fn image(&mut self, url: &str, rows: u16) {
        self.images.push((self.lines.len(), rows, url.to_string()));
        self.lines.extend((0..rows).map(|_| Line::default()));
    }

    fn link(&mut self, line: usize, col: usize, cells: usize, url: &str) {
        let (Ok(col), Ok(width)) = (u16::try_from(col), u16::try_from(cells)) else { return };
        if width > 0 {
            self.links.push(Spot { line, col, width, url: url.to_string() });
        }
    }
}
