//! The help overlay, generated from the keymap (never written by hand). When the keys do not fit
//! the screen's height in one column, they go in two.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Keymap, Theme, centered};
use crate::app::{Action, Mode};
use crate::text::{truncate, width};

/// Width of the overlay with one column.
const ONE_COLUMN: u16 = 64;

/// Draws the list of keys of the normal mode.
pub fn draw(frame: &mut Frame, area: Rect, keymap: &Keymap, theme: &Theme) {
    let entries = keymap.describe(Mode::Normal);
    let keys_w = entries.iter().map(|(k, _)| width(k)).max().unwrap_or(0).min(24);
    let room = usize::from(area.height.saturating_sub(2)).max(1);
    let columns = entries.len().div_ceil(room).clamp(1, 2);
    let per_column = entries.len().div_ceil(columns).max(1);
    let overlay_w = if columns == 1 { ONE_COLUMN } else { area.width.min(2 * ONE_COLUMN) };
    let column_w = usize::from(overlay_w.saturating_sub(2)) / columns;
    let lines: Vec<Line> = (0..per_column)
        .map(|row| {
            let cells = entries.iter().skip(row).step_by(per_column);
            Line::from(
                cells.flat_map(|(keys, action)| cell(keys, *action, keys_w, column_w, theme)).collect::<Vec<_>>(),
            )
        })
        .collect();
    let height = u16::try_from(per_column + 2).unwrap_or(u16::MAX);
    let rect = centered(area, overlay_w, height);
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).border_style(theme.accent).title(" Keys (? or Esc closes) ");
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// One key and what it does, filling `column_w` cells.
fn cell(keys: &str, action: Action, keys_w: usize, column_w: usize, theme: &Theme) -> [Span<'static>; 3] {
    let keys = truncate(keys, keys_w);
    let pad = " ".repeat(keys_w - width(&keys) + 2);
    let room = column_w.saturating_sub(keys_w + 3);
    let text = truncate(action.describe(), room);
    let fill = " ".repeat(column_w.saturating_sub(keys_w + 2 + width(&text)));
    [Span::styled(keys, theme.accent), Span::raw(pad), Span::styled(format!("{text}{fill}"), theme.text)]
}
