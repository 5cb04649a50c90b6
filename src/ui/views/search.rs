//! A search or tag view's title and header: what was asked, how many networks are still to answer,
//! and the notes (a network that failed, or cannot search). The posts are rows below.

use ratatui::text::Line;

use crate::app::views::search::Results;
use crate::backend::search::SearchKind;
use crate::text::truncate;
use crate::ui::Theme;

/// The view's title.
pub fn title(r: &Results) -> String {
    let what = match r.kind {
        SearchKind::Tag => format!("#{}", r.query),
        SearchKind::Posts => format!("Search “{}”", r.query),
    };
    if !r.pages.waiting.is_empty() {
        format!("{what} (waiting for {})", r.pages.waiting.len())
    } else if !r.pages.asked.is_empty() {
        format!("{what} (loading more)")
    } else {
        what
    }
}

/// The notes, at most `max` lines.
pub fn header(r: &Results, max: usize, cols: u16, theme: &Theme) -> Vec<Line<'static>> {
    r.notes.iter().take(max).map(|n| Line::styled(truncate(n, usize::from(cols)), theme.warn)).collect()
}

/// What shows without rows.
pub fn empty_text(r: &Results) -> &'static str {
    match (r.pages.waiting.is_empty(), r.kind) {
        (false, _) => "Loading…",
        (true, SearchKind::Tag) => "No posts with this tag.",
        (true, SearchKind::Posts) => "Nothing found.",
    }
}
