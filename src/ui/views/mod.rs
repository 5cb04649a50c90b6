//! The top view of the stack, drawn where the list panes go: a thread, the notifications, a
//! profile, a search or a list or feed. Rows have a fixed height per kind (so `update` can keep the
//! selection in view), under a header of fixed height. Pure draw functions over `&App`.

mod feed;
mod notifications;
mod profile;
mod rows;
mod search;
mod thread;

pub use notifications::unread_chip;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Theme, layout};
use crate::app::views::{Body, Load, View};
use crate::app::{App, Focus};
use crate::text::truncate;

/// Lines per thread row: a header and two lines of text.
pub const THREAD_ROW: u16 = 3;
/// Lines per notification or profile post row.
pub const LIST_ROW: u16 = 2;
/// Lines of a loaded profile's header.
pub const PROFILE_HEADER: u16 = 6;
/// Lines of a thread's note (what the network shows of a conversation).
const THREAD_NOTE: u16 = 2;
/// Lines of notes above the notifications, at most.
const MAX_NOTES: usize = 3;

/// Lines per row of `view`.
pub fn row_height(view: &View) -> u16 {
    match view.body {
        Body::Thread { .. } => THREAD_ROW,
        _ => LIST_ROW,
    }
}

/// Lines above the rows of `view`.
pub fn header_height(view: &View) -> u16 {
    match &view.body {
        Body::Thread { load: Load::Ready(t), .. } if t.note.is_some() => THREAD_NOTE,
        Body::Notifications(inbox) => u16::try_from(inbox.notes.len().min(MAX_NOTES)).unwrap_or(0),
        Body::Search(r) => u16::try_from(r.notes.len().min(MAX_NOTES)).unwrap_or(0),
        Body::Profile { load: Load::Ready(_), .. } => PROFILE_HEADER,
        Body::Feed(f) => feed::header_height(f),
        _ => 0,
    }
}

/// How many rows of `view` fit on a screen of `size` (width, height).
pub fn view_rows(size: (u16, u16), view: &View) -> usize {
    let area = Rect::new(0, 0, size.0, size.1);
    let list = layout(area, Focus::Timeline, 1, 0).lists.first().map_or(0, |(_, r)| r.height);
    usize::from(list.saturating_sub(2).saturating_sub(header_height(view)) / row_height(view).max(1))
}

/// Draws `view` in `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, view: &View, theme: &Theme) {
    let border = if app.focus == Focus::Timeline { theme.accent } else { theme.muted };
    let depth = if app.views.len() > 1 { format!(" [{}]", app.views.len()) } else { String::new() };
    let title = format!(" {}{depth} · Esc back ", title(view));
    let title = truncate(&title, usize::from(area.width.saturating_sub(4)));
    let block = Block::default().borders(Borders::ALL).border_style(border).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(message) = waiting(view) {
        let style = if message.1 { theme.error } else { theme.muted };
        frame.render_widget(Paragraph::new(message.0).style(style).wrap(ratatui::widgets::Wrap { trim: true }), inner);
        return;
    }
    let header = header_height(view).min(inner.height);
    let mut lines: Vec<Line<'static>> = match &view.body {
        Body::Thread { load: Load::Ready(t), .. } => thread::header(t, inner.width, theme),
        Body::Notifications(inbox) => notifications::header(inbox, MAX_NOTES, inner.width, theme),
        Body::Search(r) => search::header(r, MAX_NOTES, inner.width, theme),
        Body::Feed(f) => feed::header(f, inner.width, theme),
        Body::Profile { load: Load::Ready(p), .. } => profile::header(app, &p.profile, inner.width, theme),
        _ => Vec::new(),
    };
    lines.resize(usize::from(header), Line::default());
    let row_h = row_height(view).max(1);
    let visible = usize::from((inner.height - header) / row_h).max(1);
    let offset = view.view_offset(visible);
    for row in offset..view.len().min(offset + visible) {
        let mut row_lines = match &view.body {
            Body::Thread { load: Load::Ready(t), .. } => thread::row(app, view, t, row, inner.width, theme),
            Body::Notifications(inbox) => notifications::row(app, view, inbox, row, inner.width, theme),
            Body::Profile { .. } | Body::Search(_) | Body::Feed(_) => {
                rows::post_row(app, view, row, inner.width, theme)
            }
            _ => Vec::new(),
        };
        row_lines.resize(usize::from(row_h), Line::default());
        if row == view.selected {
            for line in &mut row_lines {
                line.style = theme.selection;
            }
        }
        lines.extend(row_lines);
    }
    if view.is_empty() {
        lines.push(Line::styled(empty_text(view), theme.muted));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn title(view: &View) -> String {
    match &view.body {
        Body::Thread { post, .. } => format!("Thread of @{}", post.author.handle),
        Body::Notifications(inbox) if !inbox.pages.waiting.is_empty() => {
            format!("Notifications (waiting for {})", inbox.pages.waiting.len())
        }
        Body::Notifications(_) => "Notifications".to_string(),
        Body::Profile { person, .. } => format!("Profile of @{}", person.handle),
        Body::Search(r) => search::title(r),
        Body::Feed(f) => feed::title(f),
    }
}

/// The message instead of rows while loading or after a failure (true: an error).
fn waiting(view: &View) -> Option<(String, bool)> {
    let failed = |e: &String| Some((format!("{e}\n\nR tries again, Esc goes back."), true));
    match &view.body {
        Body::Thread { load: Load::Loading, .. } | Body::Profile { load: Load::Loading, .. } => {
            Some(("Loading…".into(), false))
        }
        Body::Thread { load: Load::Failed(e), .. } | Body::Profile { load: Load::Failed(e), .. } => failed(e),
        Body::Notifications(inbox)
            if inbox.groups.is_empty() && inbox.notes.is_empty() && !inbox.pages.waiting.is_empty() =>
        {
            Some(("Loading…".into(), false))
        }
        Body::Search(r) if r.posts.is_empty() && r.notes.is_empty() && !r.pages.waiting.is_empty() => {
            Some(("Loading…".into(), false))
        }
        _ => None,
    }
}

fn empty_text(view: &View) -> &'static str {
    match &view.body {
        Body::Notifications(inbox) if inbox.pages.waiting.is_empty() => "No notifications.",
        Body::Notifications(_) => "Loading…",
        Body::Profile { load: Load::Ready(p), .. } if p.profile.note.is_some() => "",
        Body::Profile { .. } => "No posts.",
        Body::Search(r) => search::empty_text(r),
        Body::Feed(f) => feed::empty_text(f),
        _ => "",
    }
}
