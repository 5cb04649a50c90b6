//! The account switcher: which accounts feed the merged timeline, and which one posts on each network.
//! Every change is applied at once and saved (as an effect) so it survives a restart.

use super::{AccountChoice, Action, App, Effect, Overlay, nav};

/// Opens the switcher on the first account.
pub(super) fn open(app: &mut App) -> Vec<Effect> {
    if !app.sources.is_empty() {
        app.overlay = Some(Overlay::Accounts { selected: 0 });
    }
    Vec::new()
}

/// Keys while the switcher is open.
pub(super) fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Accounts { selected }) = app.overlay else { return Vec::new() };
    let last = app.sources.len().saturating_sub(1);
    match action {
        Action::SelectNext => app.overlay = Some(Overlay::Accounts { selected: (selected + 1).min(last) }),
        Action::SelectPrev => app.overlay = Some(Overlay::Accounts { selected: selected.saturating_sub(1) }),
        Action::ToggleIncluded => return toggle_included(app, selected),
        Action::SetPosting | Action::Open => return set_posting(app, selected),
        Action::Back | Action::Quit | Action::Accounts => app.overlay = None,
        _ => {}
    }
    Vec::new()
}

fn toggle_included(app: &mut App, index: usize) -> Vec<Effect> {
    let Some(source) = app.sources.get_mut(index) else { return Vec::new() };
    source.included = !source.included;
    let (key, excluded) = (source.account.0.clone(), !source.included);
    app.timeline.set_excluded(&key, excluded);
    nav::rebuild_rows(app);
    vec![save(app)]
}

fn set_posting(app: &mut App, index: usize) -> Vec<Effect> {
    let Some(network) = app.sources.get(index).map(|s| s.network) else { return Vec::new() };
    for (i, s) in app.sources.iter_mut().enumerate() {
        if s.network == network {
            s.posting = i == index;
        }
    }
    vec![save(app)]
}

fn save(app: &App) -> Effect {
    Effect::SaveAccountChoices(
        app.sources
            .iter()
            .map(|s| AccountChoice { account: s.account.clone(), included: s.included, posting: s.posting })
            .collect(),
    )
}
