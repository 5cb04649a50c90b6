//! A thread: one row per post (a head line and two lines of text), indented by depth with guides,
//! the post the thread was opened on marked. Deep replies stop indenting at a cap and show their
//! depth instead, so the text keeps room on narrow screens.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::rows::{head, rich_lines, text_lines};
use crate::app::views::View;
use crate::app::{App, Place};
use crate::model::{Thread, ThreadItem};
use crate::text::{truncate, width, wrap_plain};
use crate::ui::{Theme, relative};

/// Levels drawn as guides; deeper rows show their depth.
const MAX_INDENT: usize = 8;
/// Lines of text under each head line.
const TEXT_LINES: usize = 2;

/// The note on top: what the network shows of a conversation.
pub fn header(thread: &Thread, cols: u16, theme: &crate::ui::Theme) -> Vec<Line<'static>> {
    let lines = thread.note.iter().flat_map(|n| wrap_plain(n, usize::from(cols)));
    lines.map(|l| Line::styled(l, theme.muted)).collect()
}

/// The guides for `depth`, at most a third of the width: a space (off the pane's border), then `│ `
/// per level, `┆N ` past the cap.
fn guides(depth: usize, cols: usize) -> String {
    let cap = MAX_INDENT.min(cols / 6);
    if depth <= cap {
        return format!(" {}", "│ ".repeat(depth));
    }
    let mark = format!("┆{depth} ");
    let room = (cap * 2).saturating_sub(width(&mark)) / 2;
    format!(" {}{mark}", "│ ".repeat(room))
}

/// Row `row` of a thread view.
pub fn row(app: &App, view: &View, thread: &Thread, row: usize, cols: u16, theme: &Theme) -> Vec<Line<'static>> {
    let Some(node) = thread.nodes.get(row) else { return Vec::new() };
    let cols = usize::from(cols);
    let guide = guides(node.depth, cols);
    let anchor = row == thread.anchor;
    let marker = match (&node.item, anchor) {
        (_, true) => Span::styled("▶ ", theme.accent.add_modifier(Modifier::BOLD)),
        (ThreadItem::Post(_), _) => Span::styled("● ", theme.muted),
        (ThreadItem::Comment { .. }, _) => Span::styled("○ ", theme.muted),
        (ThreadItem::Gone { .. }, _) => Span::styled("✕ ", theme.muted),
    };
    let lead = vec![Span::styled(guide.clone(), theme.muted), marker];
    let text_cols = cols.saturating_sub(width(&guide) + 2).max(1);
    let indent = || Span::styled(format!("{guide}  "), theme.muted);
    let mut lines: Vec<Line<'static>> = match &node.item {
        ThreadItem::Post(post) => {
            let head = head(app, lead, post, cols, theme);
            let revealed = app.is_revealed_at(Place::View { view: view.id, row });
            let text = text_lines(post, revealed, text_cols, TEXT_LINES, theme);
            std::iter::once(head)
                .chain(text.into_iter().map(|(t, style)| Line::from(vec![indent(), Span::styled(t, style)])))
                .collect()
        }
        ThreadItem::Comment { author, text, at } => {
            let mut spans = lead;
            let time = at.map(|t| relative(t, app.now)).unwrap_or_default();
            let name = truncate(
                &format!("{} @{}", author.shown_name(), author.handle),
                text_cols.saturating_sub(width(&time) + 1),
            );
            let pad = text_cols.saturating_sub(width(&name) + width(&time));
            spans.extend([Span::styled(name, theme.text), Span::raw(" ".repeat(pad)), Span::styled(time, theme.muted)]);
            let body = rich_lines(text, text_cols, TEXT_LINES);
            std::iter::once(Line::from(spans))
                .chain(body.into_iter().map(|t| Line::from(vec![indent(), Span::styled(t, theme.text)])))
                .collect()
        }
        ThreadItem::Gone { why } => {
            let style = theme.muted.add_modifier(Modifier::ITALIC);
            let mut words = wrap_plain(why, text_cols).into_iter().take(usize::from(super::THREAD_ROW));
            let mut spans = lead;
            spans.push(Span::styled(words.next().unwrap_or_default(), style));
            std::iter::once(Line::from(spans))
                .chain(words.map(|w| Line::from(vec![indent(), Span::styled(w, style)])))
                .collect()
        }
    };
    while lines.len() < usize::from(super::THREAD_ROW) {
        lines.push(Line::from(vec![indent()]));
    }
    lines
}
