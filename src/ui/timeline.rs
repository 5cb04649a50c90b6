//! The timeline list: two lines per row, only the visible rows are laid out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{ROW_HEIGHT, Theme, relative};
use crate::app::{App, Focus};
use crate::model::{MediaKind, Post};
use crate::text::{truncate, width};

/// Draws list pane `index` around its selection.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, index: usize, theme: &Theme) {
    let Some(pane) = app.panes.get(index) else { return };
    let focused = app.focus == Focus::Timeline && app.pane == index;
    let border = if focused { theme.accent } else { theme.muted };
    let title = format!(" {} ", truncate(&pane.title(), usize::from(area.width.saturating_sub(4))));
    let mut block = Block::default().borders(Borders::ALL).border_style(border).title(title);
    if pane.fresh > 0 {
        // On the top border: new posts never take a row from what the reader reads.
        let marker = format!(" ↑ {} · g ", super::status::new_posts(pane.fresh));
        block = block
            .title_top(Line::from(Span::styled(marker, theme.accent.add_modifier(Modifier::BOLD))).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if pane.rows.is_empty() {
        let text = if app.loading() { "Loading…" } else { "Nothing here yet. R refreshes." };
        frame.render_widget(Paragraph::new(text).style(theme.muted), inner);
        return;
    }
    let visible = usize::from((inner.height / ROW_HEIGHT).max(1));
    let offset = pane.view_offset(visible);
    let mut lines = Vec::with_capacity(visible * usize::from(ROW_HEIGHT));
    for (i, &slot) in pane.rows.iter().enumerate().skip(offset).take(visible) {
        let Some(post) = app.timeline.post(slot) else { continue };
        let selected = i == pane.selected;
        let mut row = row_lines(app, slot, post, inner.width, theme);
        if selected {
            for line in &mut row {
                line.style = theme.selection;
            }
        }
        lines.extend(row);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row_lines(app: &App, slot: u32, post: &Post, width_cols: u16, theme: &Theme) -> Vec<Line<'static>> {
    let cols = usize::from(width_cols);
    let mut head: Vec<Span<'static>> = Vec::new();
    for net in app.timeline.row_networks(slot) {
        head.push(Span::styled(format!("{} ", net.badge()), theme.network(net)));
    }
    let time = relative(post.feed_time(), app.now);
    let mut who = post.author.shown_name().to_string();
    if let Some(r) = &post.repost {
        who = format!("{} ↻ {}", r.by.shown_name(), who);
    }
    let marks = marks(app, post, theme);
    let used = head.iter().chain(&marks).map(|s| width(&s.content)).sum::<usize>() + width(&time) + 1;
    let name = truncate(&who, cols.saturating_sub(used + 1));
    let handle = truncate(&format!(" @{}", post.author.handle), cols.saturating_sub(used + width(&name)));
    let pad = cols.saturating_sub(used + width(&name) + width(&handle));
    head.push(Span::styled(name, theme.text.add_modifier(Modifier::BOLD)));
    head.push(Span::styled(handle, theme.muted));
    head.push(Span::raw(" ".repeat(pad + 1)));
    head.extend(marks);
    head.push(Span::styled(time, theme.muted));
    vec![Line::from(head), preview(app, slot, post, cols, theme)]
}

/// The account's own marks on the post, before the time: ♥ liked, ↻ boosted, ⚑ bookmarked, or
/// "deleting…" while a delete is on its way.
pub(super) fn marks(app: &App, post: &Post, theme: &Theme) -> Vec<Span<'static>> {
    if crate::app::deleting(app, post) {
        return vec![Span::styled("deleting… ", theme.warn)];
    }
    let v = &post.viewer;
    let on: String = [(v.liked, '♥'), (v.reposted, '↻'), (v.bookmarked, '⚑')]
        .iter()
        .filter_map(|(on, mark)| on.then_some(*mark))
        .collect();
    if on.is_empty() { Vec::new() } else { vec![Span::styled(format!("{on} "), theme.accent)] }
}

fn preview(app: &App, slot: u32, post: &Post, cols: usize, theme: &Theme) -> Line<'static> {
    let room = cols.saturating_sub(2);
    let (text, style): (String, Style) = match &post.cw {
        Some(cw) if !app.is_revealed(slot) => (format!("CW: {cw}"), theme.warn),
        _ => body_preview(post, theme),
    };
    let marker = if post.reply_to.is_some() { "↳ " } else { "  " };
    Line::from(vec![Span::styled(marker, theme.muted), Span::styled(truncate(&text, room), style)])
}

fn body_preview(post: &Post, theme: &Theme) -> (String, Style) {
    let plain = post.text.to_plain();
    let first = plain.split('\n').map(str::trim).find(|l| !l.is_empty());
    if let Some(line) = first {
        return (line.to_string(), theme.text);
    }
    if let Some(m) = post.media.first() {
        let kind = if m.kind == MediaKind::Image { "image" } else { "media" };
        return (format!("[{kind}: {}]", m.alt.as_deref().unwrap_or("no description")), theme.muted);
    }
    if let Some(t) = post.trail.last() {
        return (format!("reblogged from {}", t.author.handle), theme.muted);
    }
    ("(no text)".to_string(), theme.muted)
}
