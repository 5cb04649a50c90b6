//! The top tab line (network filter) and the bottom status bar (each source, errors, toasts).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, relative};
use crate::app::App;
use crate::model::Network;
use crate::text::{truncate, width};

/// The filter tabs: `1 Mastodon  2 Bluesky  3 Tumblr  0 All`, the active one highlighted.
pub fn draw_tabs(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = vec![Span::styled(" murre ", theme.accent.add_modifier(Modifier::BOLD))];
    let tabs = Network::ALL.iter().enumerate().map(|(i, n)| (format!("{} {}", i + 1, n.title()), Some(*n)));
    for (label, net) in tabs.chain(std::iter::once(("0 All".to_string(), None))) {
        let style = match net {
            Some(n) if app.pane().filter == net => theme.network(n).add_modifier(Modifier::REVERSED),
            None if app.pane().filter.is_none() => theme.accent.add_modifier(Modifier::REVERSED),
            Some(n) => theme.network(n),
            None => theme.muted,
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {label} "), style));
    }
    let count = format!("{} posts ", app.pane().rows.len());
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    spans.push(Span::raw(" ".repeat(usize::from(area.width).saturating_sub(used + width(&count)))));
    spans.push(Span::styled(count, theme.muted));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The status bar: one chip per source, then the newest toast or error, then the help hint.
/// A source's state as a mark and its style: loading, failed, loaded, not yet asked.
pub(super) fn state(s: &crate::app::Source, theme: &Theme) -> (&'static str, ratatui::style::Style) {
    if s.loading() {
        ("⟳", theme.accent)
    } else if s.error.is_some() {
        ("✗", theme.error)
    } else if s.last_refresh.is_some() {
        ("✓", theme.muted)
    } else {
        ("·", theme.muted)
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    // Narrow screens get compact chips (badge and state only) so errors and the hint still fit.
    let compact = area.width < 100;
    for s in app.sources.iter().enumerate().filter(|(i, _)| !app.idle(*i)).map(|(_, s)| s) {
        let (mark, style) = state(s, theme);
        spans.push(Span::styled(format!("{} ", s.network.badge()), theme.network(s.network)));
        let name = s.feed.as_ref().map_or_else(|| s.account.handle().to_string(), |f| truncate(&f.name, 16));
        let label = if compact { mark.to_string() } else { format!("{name} {mark}") };
        spans.push(Span::styled(label, style));
        if !compact {
            spans.push(Span::styled(updated(s, app.now), theme.muted));
        }
        spans.push(Span::raw(if compact { " " } else { "  " }));
    }
    let question = app.confirm.map(|_| ("Delete this post? d = yes, any other key = no".to_string(), true));
    let message = question.or_else(|| app.toasts.last().map(|t| (t.text.clone(), t.error)));
    let message = message.or_else(|| app.sources.iter().find_map(|s| s.error.clone()).map(|e| (e, true)));
    spans.extend(super::views::unread_chip(app, compact, theme));
    let message = message.or_else(|| live_note(app).map(|n| (n, false)));
    let seeking = matches!(app.reading.phase, crate::app::read::Phase::Seeking { .. });
    let message = message.or_else(|| seeking.then(|| ("finding where you stopped reading…".to_string(), false)));
    let fresh = app.pane().fresh;
    let hint = if fresh > 0 { format!("↑ {}  ? help", new_posts(fresh)) } else { "? help".to_string() };
    let hint = hint.as_str();
    let used: usize = spans.iter().map(|s| width(&s.content)).sum::<usize>() + width(hint) + 1;
    let room = usize::from(area.width).saturating_sub(used);
    let (text, error) = message.unwrap_or_default();
    let text = truncate(&text, room);
    let pad = room.saturating_sub(width(&text));
    spans.push(Span::styled(text, if error { theme.error } else { theme.text }));
    spans.push(Span::raw(" ".repeat(pad + 1)));
    spans.push(Span::styled(hint, theme.muted));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// How long ago the source last said what is new (" 5s"), or " live" while its stream is open.
fn updated(s: &crate::app::Source, now: jiff::Timestamp) -> String {
    match s.last_refresh {
        _ if s.live.streaming() => " live".to_string(),
        Some(at) => format!(" {}", relative(at, now)),
        None => String::new(),
    }
}

/// "stream lost, polling" for the first source whose stream is down.
fn live_note(app: &App) -> Option<String> {
    app.sources.iter().find_map(|s| crate::app::live::note(s).map(|n| format!("{}: {n}", s.network.title())))
}

/// "1 new post", "3 new posts".
pub(super) fn new_posts(n: usize) -> String {
    if n == 1 { "1 new post".to_string() } else { format!("{n} new posts") }
}
