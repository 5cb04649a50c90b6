//! Paging inside views: when the selection comes near the last row of the top view, its next older
//! page is asked for, where the network gives a cursor (the timeline does the same, in `nav`). One
//! request per view (or per account of a merged view) at a time. Pure.

use super::{Body, answer, feed, search};
use crate::app::{App, Effect};

/// Rows left below the selection at which the next page is asked for (at least a screenful).
const PREFETCH_ROWS: usize = 10;

/// Asks for view `view`'s next page if it is the top view and its selection is near the end.
pub(super) fn more_if_near_end(app: &mut App, view: u64) -> Vec<Effect> {
    let Some(top) = app.views.last().filter(|v| v.id == view) else { return Vec::new() };
    let visible = crate::ui::view_rows(app.size, top).max(1);
    if top.len().saturating_sub(top.selected) > PREFETCH_ROWS.max(visible) {
        return Vec::new();
    }
    match &top.body {
        Body::Feed(_) => feed::more(app, view),
        Body::Search(_) => search::more(app, view),
        Body::Notifications(_) => answer::more_notifications(app, view),
        _ => Vec::new(),
    }
}

/// After a move in the top view: its next page when the selection nears the end.
pub(super) fn after_move(app: &mut App) -> Vec<Effect> {
    match app.views.last().map(|v| v.id) {
        Some(view) => more_if_near_end(app, view),
        None => Vec::new(),
    }
}
