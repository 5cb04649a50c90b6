//! The link picker: every link of the post with its real target.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, centered};
use crate::text::truncate;

/// Draws the picker over the panes.
pub fn draw(frame: &mut Frame, area: Rect, links: &[(String, String)], selected: usize, theme: &Theme) {
    let rect =
        centered(area, area.width.saturating_sub(8).max(20), u16::try_from(links.len() * 2 + 2).unwrap_or(u16::MAX));
    let cols = usize::from(rect.width.saturating_sub(4));
    let mut lines = Vec::new();
    for (i, (label, url)) in links.iter().enumerate() {
        let style = if i == selected { theme.selection } else { theme.text };
        lines.push(Line::styled(truncate(&format!("{} {label}", if i == selected { "›" } else { " " }), cols), style));
        lines.push(Line::styled(truncate(&format!("  → {url}"), cols), theme.link));
    }
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.accent)
        .title(" Open link (Enter opens, Esc closes) ");
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
