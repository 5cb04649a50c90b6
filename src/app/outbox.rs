//! The outbox overlay (`O`): drafts not yet published everywhere, each target's state (sent, not
//! confirmed, refused, waiting). `r` sends the selected draft again (only where it is missing; a target
//! whose answer was lost is looked up first), `X X` discards it. At start murre says when drafts wait.

use super::{Action, App, Effect, Overlay, update::toast};
use crate::store::outbox::Draft;

/// The outbox changed (read at start, after every send, retry or discard).
pub(super) fn loaded(app: &mut App, drafts: Vec<Draft>) -> Vec<Effect> {
    let first = !app.outbox_seen;
    app.outbox_seen = true;
    if first && !drafts.is_empty() {
        toast(app, format!("{} unfinished draft(s) wait in the outbox: press O", drafts.len()), true);
    }
    app.outbox = drafts;
    if let Some(Overlay::Outbox { selected, .. }) = app.overlay {
        if app.outbox.is_empty() {
            app.overlay = None;
        } else {
            app.overlay = Some(Overlay::Outbox { selected: selected.min(app.outbox.len() - 1), confirm: false });
        }
    }
    Vec::new()
}

/// `O`: opens the overlay (or says that nothing waits).
pub(super) fn open(app: &mut App) -> Vec<Effect> {
    if app.outbox.is_empty() {
        toast(app, "the outbox is empty: every draft went out".into(), false);
    } else {
        app.overlay = Some(Overlay::Outbox { selected: 0, confirm: false });
    }
    Vec::new()
}

/// Keys while the overlay is open.
pub(super) fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Outbox { selected, confirm }) = app.overlay else { return Vec::new() };
    let last = app.outbox.len().saturating_sub(1);
    let at = |selected: usize, confirm: bool| Some(Overlay::Outbox { selected, confirm });
    app.overlay = at(selected, false);
    let id = app.outbox.get(selected).map(|d| d.id.clone());
    match (action, id) {
        (Action::SelectNext, _) => app.overlay = at((selected + 1).min(last), false),
        (Action::SelectPrev, _) => app.overlay = at(selected.saturating_sub(1), false),
        (Action::RetryDraft, Some(id)) => {
            toast(app, "sending the draft again where it is missing…".into(), false);
            return vec![Effect::Retry(id)];
        }
        (Action::DiscardDraft, Some(_)) if !confirm => {
            app.overlay = at(selected, true);
            toast(app, "press X again to discard this draft for good".into(), true);
        }
        (Action::DiscardDraft, Some(id)) => {
            app.outbox.retain(|d| d.id != id);
            app.overlay =
                (!app.outbox.is_empty()).then(|| Overlay::Outbox { selected: selected.min(last), confirm: false });
            return vec![Effect::Discard(id)];
        }
        (Action::Back | Action::Quit | Action::Outbox, _) => app.overlay = None,
        _ => {}
    }
    Vec::new()
}
