//! A list or custom feed view's title and header: the feed's name and account, and why it could not
//! be read (deleted, its generator down, private). The posts are rows below.

use ratatui::text::Line;

use crate::app::views::feed::FeedView;
use crate::model::FeedKind;
use crate::text::truncate;
use crate::ui::Theme;

/// The view's title.
pub fn title(f: &FeedView) -> String {
    let kind = match f.feed.kind {
        FeedKind::List => "List",
        FeedKind::Custom => "Feed",
    };
    let state = if f.req.is_some() && f.loaded { " (loading more)" } else { "" };
    format!("{kind} “{}” of {}{state}", f.feed.name, f.account)
}

/// Lines above the rows: the note, when there is one.
pub fn header_height(f: &FeedView) -> u16 {
    u16::from(f.note.is_some())
}

/// The note line.
pub fn header(f: &FeedView, cols: u16, theme: &Theme) -> Vec<Line<'static>> {
    f.note.iter().map(|n| Line::styled(truncate(n, usize::from(cols)), theme.error)).collect()
}

/// What shows without rows.
pub fn empty_text(f: &FeedView) -> &'static str {
    match (f.loaded, f.req.is_some()) {
        (false, true) => "Loading…",
        (true, _) => "No posts.",
        (false, false) => "",
    }
}
