//! The help overlay, generated from the keymap (never written by hand).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Keymap, Theme, centered};
use crate::app::Mode;
use crate::text::{truncate, width};

/// Draws the list of keys of the normal mode.
pub fn draw(frame: &mut Frame, area: Rect, keymap: &Keymap, theme: &Theme) {
    let entries = keymap.describe(Mode::Normal);
    let keys_w = entries.iter().map(|(k, _)| width(k)).max().unwrap_or(0).min(24);
    let lines: Vec<Line> = entries
        .iter()
        .map(|(keys, action)| {
            let keys = truncate(keys, keys_w);
            let pad = " ".repeat(keys_w - width(&keys) + 2);
            Line::from(vec![
                Span::styled(keys, theme.accent),
                Span::raw(pad),
                Span::styled(action.describe(), theme.text),
            ])
        })
        .collect();
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, 64, height);
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).border_style(theme.accent).title(" Keys (? or Esc closes) ");
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
