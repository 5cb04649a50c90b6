//! The first-run screen, shown when no account is configured.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Theme, centered};

/// Explains how to add an account or try the demo.
pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines = vec![
        Line::styled("Welcome to murre", theme.accent.add_modifier(Modifier::BOLD)),
        Line::default(),
        Line::styled("One timeline for Mastodon, Bluesky and Tumblr.", theme.text),
        Line::styled("No account is set up yet. Press L to log in here", theme.text),
        Line::styled("(murre asks which network), or quit (q) and run one of:", theme.text),
        Line::default(),
        Line::styled("  murre login mastodon https://your.server", theme.accent),
        Line::styled("  murre login bluesky you.bsky.social", theme.accent),
        Line::styled("  murre login tumblr", theme.accent),
        Line::default(),
        Line::styled("Or try it without an account:", theme.text),
        Line::styled("  murre --demo", theme.accent),
        Line::default(),
        Line::styled("L logs in · q quits · ? lists the keys", theme.muted),
    ];
    let rect = centered(area, 60, 16);
    let block = Block::default().borders(Borders::ALL).border_style(theme.accent);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), rect);
}
