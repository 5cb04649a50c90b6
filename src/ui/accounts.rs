//! The account switcher overlay: each account with its network badge, state, whether it feeds the
//! merged timeline, and which one posts on each network.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, centered, relative};
use crate::app::App;
use crate::text::{truncate, width};

/// Draws the switcher over the panes.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, selected: usize, confirm: bool, theme: &Theme) {
    let rows = u16::try_from(app.accounts().count() * 2 + 4).unwrap_or(u16::MAX);
    let rect = centered(area, area.width.saturating_sub(8).clamp(20, 90), rows);
    let cols = usize::from(rect.width.saturating_sub(2));
    let mut lines = Vec::new();
    for (i, s) in app.accounts().enumerate() {
        let pointer = if i == selected { "›" } else { " " };
        let shown = if s.included { "[x]" } else { "[ ]" };
        let posting = if s.posting { "★" } else { " " };
        let (mark, state_style) = super::status::state(s, theme);
        let name_style = if i == selected { theme.selection } else { theme.text };
        let head = format!("{pointer} {shown} {posting} ");
        let name = truncate(s.account.0.as_str(), cols.saturating_sub(width(&head) + 4));
        lines.push(Line::from(vec![
            Span::styled(head, name_style),
            Span::styled(format!("{} ", s.network.badge()), theme.network(s.network)),
            Span::styled(name, name_style),
            Span::styled(format!(" {mark}"), state_style),
        ]));
        let detail = match (&s.error, s.last_refresh) {
            (Some(e), _) => e.clone(),
            (None, Some(at)) => format!("updated {}", relative(at, app.now)),
            (None, None) => "not loaded yet".to_string(),
        };
        lines.push(Line::styled(truncate(&format!("        {detail}"), cols), theme.muted));
    }
    lines.push(Line::raw(""));
    if confirm {
        let account = app.sources.get(selected).map_or("", |s| s.account.0.as_str());
        let ask = format!("Press X again to log out of {account} (murre's access is revoked); any other key keeps it.");
        lines.push(Line::styled(truncate(&ask, cols), theme.error));
    } else {
        let help = "space: in timeline · enter: post as (★) · s: own pane · L: log in · n: add · X: log out";
        lines.push(Line::styled(truncate(help, cols), theme.muted));
    }
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).border_style(theme.accent).title(" Accounts ");
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
