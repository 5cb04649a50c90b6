//! Finding the remembered post at start: in the merged pane's rows, else by loading older pages
//! (from the source holding the watermark, or the marker's own account) up to `MAX_PAGES` of them
//! (the usual prefetch of older pages counts too). Pure.

use super::fetch::{load_older, load_older_from};
use super::read::{MAX_PAGES, Phase, Target, settle};
use super::{App, Effect};
use crate::model::PostKey;

/// Where the target is, as far as the loaded rows tell.
enum Spot {
    /// At this row of the merged pane.
    Row(usize),
    /// Not there although the rows reach past its time: deleted. The row where it was, if any.
    Gone(Option<usize>),
    /// Further back: load older pages (from this source, or the one holding the watermark).
    Further(Option<usize>),
}

/// One step of the search; settles when found, gone, or out of pages.
pub(super) fn seek(app: &mut App, target: Target) -> Vec<Effect> {
    match locate(app, &target) {
        Spot::Row(row) => settle(app, Some(row), None),
        Spot::Gone(row) => {
            let why = "the post you were reading is gone; murre opened where it was".to_string();
            settle(app, row, Some(why));
        }
        Spot::Further(source) => {
            if app.reading.pages >= MAX_PAGES {
                let why = format!("where you stopped reading is more than {MAX_PAGES} pages back; showing the newest");
                settle(app, None, Some(why));
                return Vec::new();
            }
            let effects = match source {
                Some(i) => load_older_from(app, i),
                None => load_older(app),
            };
            let waiting = app.sources.iter().any(|s| s.pending_older.is_some());
            if effects.is_empty() && !waiting {
                let why = "murre did not find where you stopped reading; showing the newest".to_string();
                settle(app, None, Some(why));
                return Vec::new();
            }
            app.reading.phase = Phase::Seeking { target };
            return effects;
        }
    }
    Vec::new()
}

fn locate(app: &App, target: &Target) -> Spot {
    let Some(rows) = app.panes.first().map(|p| &p.rows) else { return Spot::Gone(None) };
    let row_of = |slot: u32| rows.iter().position(|&s| s == app.timeline.primary_of(slot));
    match target {
        Target::Item { key, at } => {
            if let Some(slot) = app.timeline.slot_of(key) {
                return row_of(slot).map_or(Spot::Further(None), Spot::Row);
            }
            let time = |s: &u32| app.timeline.post(*s).map(crate::model::Post::feed_time);
            if rows.last().and_then(time).is_some_and(|t| t < *at) {
                return Spot::Gone(rows.iter().position(|s| time(s).is_some_and(|t| t <= *at)));
            }
            Spot::Further(None)
        }
        Target::Status { account, id } => {
            // The home feed's copy (a list may hold the same status as its own copy).
            let found = app.timeline.live().find(|(slot, p)| {
                app.timeline.origin(*slot) == account.0
                    && matches!(&p.id.key, PostKey::Mastodon { id: x, .. } if x == id)
            });
            match found {
                Some((slot, _)) => row_of(slot).map_or(Spot::Further(None), Spot::Row),
                None => Spot::Further(app.sources.iter().position(|s| s.account == *account)),
            }
        }
    }
}
