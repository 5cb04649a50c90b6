//! Keeping the timeline to `[timeline] max_posts` rows around the reader (the rule is in
//! `model::timeline_evict`): after new rows arrive, rows far from the reader are dropped, and
//! scrolling back to them fetches them again. What the reader reads stays where it is. Pure.

use super::place::Place;
use super::{App, Confirm, Effect, FetchKind, nav};
use crate::backend::{Cursor, Page};
use crate::model::{Eviction, PageTag, Post};

/// Rows from the top at which pages dropped above are fetched again.
const REFETCH_ROWS: usize = 10;

/// Drops rows beyond the bound, if any, and follows the renumbered slots everywhere.
pub(super) fn bound(app: &mut App) {
    let before: Vec<(Option<u32>, usize, usize)> =
        app.panes.iter().map(|p| (p.selected_slot(), p.selected, p.offset)).collect();
    let anchor = app.pane().selected_slot();
    let Some(ev) = app.timeline.evict(anchor) else { return };
    for (key, older) in &ev.older {
        if let Some(i) = app.source_of(key) {
            app.sources[i].older.clone_from(older);
            app.sources[i].pending_older = None; // asked with a cursor that no longer fits
        }
    }
    for s in &mut app.sources {
        s.pending_above = None; // the pages above may have changed
    }
    follow_slots(app, &ev);
    nav::rebuild_rows(app);
    for (pane, (slot, selected, offset)) in app.panes.iter_mut().zip(before) {
        if let Some(i) = slot.and_then(|s| ev.slot(s)).and_then(|s| pane.rows.iter().position(|&r| r == s)) {
            pane.selected = i;
        }
        // Rows that left from above the selection move the view up with it.
        let moved = isize::try_from(pane.selected).unwrap_or(0) - isize::try_from(selected).unwrap_or(0);
        pane.offset = offset.saturating_add_signed(moved);
        pane.fresh = pane.fresh.min(pane.offset);
    }
}

/// Everything that names a timeline slot follows the renumbering.
fn follow_slots(app: &mut App, ev: &Eviction) {
    let to = |place: Place| match place {
        Place::Timeline(slot) => ev.slot(slot).map(Place::Timeline),
        other => Some(other),
    };
    app.revealed = app.revealed.iter().filter_map(|&s| ev.slot(s)).collect();
    for cached in &mut app.cached {
        cached.slots = cached.slots.iter().filter_map(|&s| ev.slot(s)).collect();
    }
    for pending in &mut app.interactions {
        pending.move_places(to);
    }
    if let Some(Confirm::Delete(place)) = app.confirm {
        app.confirm = to(place).map(Confirm::Delete);
    }
    for pane in &mut app.panes {
        pane.rows.clear(); // rebuilt by the caller
    }
}

/// Fetches again the nearest page dropped above, when the reader is near the top of the rows.
pub(super) fn maybe_load_above(app: &mut App) -> Vec<Effect> {
    let scope = app.pane().scope();
    if !app.views.is_empty() || app.pane().selected >= REFETCH_ROWS || !app.timeline.has_above_in(scope) {
        return Vec::new();
    }
    let above = app.timeline.page_above_in(scope).map(|(k, c)| (k.to_string(), c.map(str::to_string)));
    let Some((key, cursor)) = above else { return Vec::new() };
    let Some(i) = app.source_of(&key) else { return Vec::new() };
    if app.sources[i].pending_above.is_some() {
        return Vec::new();
    }
    let req = app.next_req();
    app.sources[i].pending_above = Some(req);
    let at = cursor.map_or(Cursor::Newest, Cursor::Older);
    vec![super::fetch::fetch_effect(app, req, i, at, FetchKind::Above)]
}

/// A page fetched again above arrived: its rows come back above the reader, who stays put.
pub(super) fn above_loaded(app: &mut App, i: usize, page: Page<Post>) -> Vec<Effect> {
    let key = app.sources[i].key().into_owned();
    let Some(fetched_with) = app.timeline.page_above_of(&key).map(|c| c.map(str::to_string)) else {
        return Vec::new();
    };
    if fetched_with.is_none() && page.newer.is_some() {
        app.sources[i].newer.clone_from(&page.newer);
    }
    let newest = page.items.iter().map(Post::feed_time).max();
    let tag = PageTag { fetched_with, next: page.older };
    app.timeline.merge_page(&key, page.items, tag);
    app.timeline.above_loaded(&key, newest);
    nav::rebuild_keeping_view(app);
    maybe_load_above(app)
}
