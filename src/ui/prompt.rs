//! The one-line prompt of `/` and `#`, drawn over the status bar: what is asked, the text typed so
//! far (its end kept in view) and what Enter and Esc do. Pure.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::Theme;
use crate::backend::search::SearchKind;
use crate::text::width;

/// What the prompt says after the text.
const HINT: &str = "  Enter opens · Esc cancels";

/// Draws the prompt in `area` (one line).
pub fn draw(frame: &mut Frame, area: Rect, kind: SearchKind, text: &str, theme: &Theme) {
    let label = match kind {
        SearchKind::Tag => "Tag: #",
        SearchKind::Posts => "Search: ",
    };
    let cols = usize::from(area.width);
    let room = cols.saturating_sub(width(label) + width(HINT) + 1).max(1);
    let shown = tail(text, room);
    let mut spans =
        vec![Span::styled(label, theme.accent.add_modifier(Modifier::BOLD)), Span::styled(shown.clone(), theme.text)];
    let cursor_x = width(label) + width(&shown);
    if cursor_x + width(HINT) < cols {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(HINT, theme.muted));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    let x = area.x.saturating_add(u16::try_from(cursor_x).unwrap_or(u16::MAX)).min(area.right().saturating_sub(1));
    frame.set_cursor_position(Position::new(x, area.y));
}

/// The end of `text` that fits in `cols` columns (whole characters; wide ones count two).
fn tail(text: &str, cols: usize) -> String {
    let mut used = 0;
    let mut kept: Vec<char> = Vec::new();
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > cols {
            break;
        }
        used += w;
        kept.push(c);
    }
    kept.into_iter().rev().collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_end_of_long_text_stays_in_view() {
        assert_eq!(super::tail("abcdef", 3), "def");
        assert_eq!(super::tail("日本語", 5), "本語");
        assert_eq!(super::tail("", 3), "");
    }
}
