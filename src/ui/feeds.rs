//! The picker of lists and custom feeds (`f`): every account's, grouped under the account, with
//! what a network says instead when it has none. Names arrive sanitized from the backends.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, centered};
use crate::app::App;
use crate::app::views::picker::Picker;
use crate::model::FeedKind;
use crate::model::{AccountId, Network};
use crate::text::truncate;

/// Draws the picker over the panes.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, picker: &Picker, theme: &Theme) {
    let width = area.width.saturating_sub(8).clamp(20, 90);
    let cols = usize::from(width.saturating_sub(2));
    let (lines, at) = lines(app, picker, cols, theme);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).min(area.height.saturating_sub(4));
    let rect = centered(area, width, height);
    let visible = usize::from(rect.height.saturating_sub(2)).max(1);
    // The selected row stays in view (with its account's line above it when it fits).
    let top = at.saturating_sub(visible.saturating_sub(2).min(visible / 2));
    let top = top.min(lines.len().saturating_sub(visible));
    let shown: Vec<Line<'static>> = lines.into_iter().skip(top).take(visible).collect();
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.accent)
        .title(" Lists and feeds (Enter: open · space: timeline · s: own pane · a: this pane) ");
    frame.render_widget(Paragraph::new(shown).block(block), rect);
}

/// The picker's lines and the index of the selected row among them.
fn lines(app: &App, picker: &Picker, cols: usize, theme: &Theme) -> (Vec<Line<'static>>, usize) {
    let mut lines = Vec::new();
    let mut at = 0;
    let accounts = app.accounts().filter(|s| !s.logged_out).map(|s| &s.account);
    for account in accounts {
        lines.push(account_line(account, cols, theme));
        let before = lines.len();
        for (i, (_, feed)) in picker.entries.iter().enumerate().filter(|(_, (a, _))| a == account) {
            let chosen = i == picker.selected;
            if chosen {
                at = lines.len();
            }
            let kind = match feed.kind {
                FeedKind::List => "list",
                FeedKind::Custom => "feed",
            };
            let pin = if feed.pinned { " ★" } else { "" };
            let (included, panes) = crate::app::feeds::placed(app, account, feed);
            let shown = if included { "[x]" } else { "[ ]" };
            let pane = match panes.first() {
                None => String::new(),
                Some(&name) if name == feed.name => " ▣ pane".to_string(),
                Some(name) => format!(" ▣ in {name}"),
            };
            let text = format!("  {} {shown} {kind:<4} {}{pin}{pane}", if chosen { "›" } else { " " }, feed.name);
            lines.push(Line::styled(truncate(&text, cols), if chosen { theme.selection } else { theme.text }));
        }
        for (_, note) in picker.notes.iter().filter(|(a, _)| a == account) {
            lines.push(Line::styled(truncate(&format!("    {note}"), cols), theme.muted));
        }
        if picker.waiting.iter().any(|(_, a)| a == account) {
            lines.push(Line::styled("    Loading…", theme.muted));
        } else if lines.len() == before {
            lines.push(Line::styled("    no lists or feeds", theme.muted));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled("No accounts.", theme.muted));
    }
    (lines, at)
}

fn account_line(account: &AccountId, cols: usize, theme: &Theme) -> Line<'static> {
    let net = account.network().unwrap_or(Network::Mastodon);
    Line::from(vec![
        Span::styled(format!("{} ", net.badge()), theme.network(net)),
        Span::styled(truncate(&account.0, cols.saturating_sub(2)), theme.accent),
    ])
}
