//! The account switcher: which accounts feed the merged timeline, and which one posts on each network.
//! Every change is applied at once and saved (as an effect) so it survives a restart.

use super::{AccountChoice, Action, App, Effect, Overlay, nav};

/// Opens the switcher on the first account.
pub(super) fn open(app: &mut App) -> Vec<Effect> {
    if !app.sources.is_empty() {
        app.overlay = Some(Overlay::Accounts { selected: 0, confirm: false });
    }
    Vec::new()
}

/// Keys while the switcher is open.
pub(super) fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Accounts { selected, confirm }) = app.overlay else { return Vec::new() };
    let last = app.accounts().count().saturating_sub(1);
    // Any other key cancels a pending logout.
    app.overlay = Some(Overlay::Accounts { selected, confirm: false });
    match action {
        Action::SelectNext => {
            app.overlay = Some(Overlay::Accounts { selected: (selected + 1).min(last), confirm: false })
        }
        Action::SelectPrev => {
            app.overlay = Some(Overlay::Accounts { selected: selected.saturating_sub(1), confirm: false })
        }
        Action::Logout => return logout(app, selected, confirm),
        Action::ToggleIncluded => return toggle_included(app, selected),
        Action::TogglePane => return toggle_pane(app, selected),
        Action::SetPosting | Action::Open => return set_posting(app, selected),
        Action::Login => {
            let account = app.sources.get(selected).map(|s| s.account.clone());
            app.overlay = None;
            return vec![Effect::Login { account }];
        }
        Action::AddAccount => {
            app.overlay = None;
            return vec![Effect::Login { account: None }];
        }
        Action::Back | Action::Quit | Action::Accounts => app.overlay = None,
        _ => {}
    }
    Vec::new()
}

/// A login finished: a known account is reloaded, a new one joins the sources and loads.
pub(super) fn ready(app: &mut App, mut fresh: super::Source) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut moved = Vec::new();
    let index = match app.sources.iter().position(|s| s.account == fresh.account) {
        Some(i) => {
            let s = &mut app.sources[i];
            (s.error, s.needs_login) = (None, false);
            i
        }
        None => {
            fresh.posting = !app.sources.iter().any(|s| s.network == fresh.network && s.posting);
            // Accounts come before the lists and feeds (the switcher and the clients count on it).
            let at = app.accounts().count();
            // The lists after it move one place on. The runtime names streams by place, so theirs
            // close at the old place and open again at the new one.
            for j in at..app.sources.len() {
                if app.sources[j].live.stream_req().is_some() {
                    effects.push(Effect::CloseStream { source: j });
                    moved.push(j + 1);
                }
            }
            app.sources.insert(at, fresh);
            at
        }
    };
    let account = app.sources[index].account.clone();
    super::update::toast(app, format!("Logged in as {account}."), false);
    // The client is new (a fresh token): its stream starts again with it, and its lists load again.
    effects.extend(super::fetch::fetch_newest(app, index));
    effects.extend(super::live::start_source(app, index));
    for j in moved {
        effects.extend(super::live::start_source(app, j));
    }
    for i in 0..app.sources.len() {
        if !app.sources[i].is_home() && !app.idle(i) && app.sources[i].account == account {
            let s = &mut app.sources[i];
            (s.error, s.needs_login) = (None, false);
            effects.extend(super::fetch::fetch_newest(app, i));
        }
    }
    effects
}

/// X once asks, X again on the same account logs out.
fn logout(app: &mut App, index: usize, confirmed: bool) -> Vec<Effect> {
    let Some(source) = app.sources.get(index).filter(|s| !s.logged_out) else { return Vec::new() };
    let account = source.account.clone();
    if !confirmed {
        app.overlay = Some(Overlay::Accounts { selected: index, confirm: true });
        return Vec::new();
    }
    app.overlay = None;
    vec![Effect::Logout { account }]
}

/// A logout finished: the account leaves the timeline and its pane now, and the list at restart.
pub(super) fn logged_out(app: &mut App, account: &crate::model::AccountId) -> Vec<Effect> {
    let mut effects = Vec::new();
    for (i, s) in app.sources.iter_mut().enumerate().filter(|(_, s)| &s.account == account) {
        (s.logged_out, s.included, s.posting, s.needs_login) = (true, false, false, false);
        s.error = Some("logged out".into());
        s.live = super::live::Live::default();
        if s.is_home() {
            effects.push(Effect::CloseStream { source: i });
        }
    }
    let gone: Vec<String> =
        app.sources.iter().filter(|s| &s.account == account).map(|s| s.key().into_owned()).collect();
    for key in &gone {
        app.timeline.set_excluded(key, true);
    }
    app.panes.retain(|p| p.account.as_ref() != Some(account));
    // A pane of lists and feeds keeps the others; one left with none goes.
    for pane in app.panes.iter_mut().filter(|p| p.name.is_some()) {
        pane.sources.retain(|k| !gone.contains(k));
    }
    app.panes.retain(|p| p.name.is_none() || !p.sources.is_empty());
    if gone.len() > 1 {
        // Its lists and feeds leave config.toml with it.
        effects.push(super::feeds::save(app));
    }
    app.pane = app.pane.min(app.panes.len().saturating_sub(1));
    nav::rebuild_rows(app);
    super::update::toast(app, format!("Logged out of {account}."), false);
    effects
}

fn toggle_included(app: &mut App, index: usize) -> Vec<Effect> {
    let Some(source) = app.sources.get_mut(index) else { return Vec::new() };
    source.included = !source.included;
    let (key, excluded) = (source.account.0.clone(), !source.included);
    app.timeline.set_excluded(&key, excluded);
    nav::rebuild_rows(app);
    vec![save(app)]
}

fn toggle_pane(app: &mut App, index: usize) -> Vec<Effect> {
    let Some(account) = app.sources.get(index).map(|s| s.account.clone()) else { return Vec::new() };
    match app.panes.iter().position(|p| p.account.as_ref() == Some(&account)) {
        Some(i) => {
            app.panes.remove(i);
            if app.pane >= i {
                app.pane = app.pane.saturating_sub(1);
            }
        }
        None => app.panes.push(super::Pane::of(account)),
    }
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
        app.accounts()
            .map(|s| AccountChoice {
                account: s.account.clone(),
                included: s.included,
                posting: s.posting,
                pane: app.panes.iter().any(|p| p.account.as_ref() == Some(&s.account)),
            })
            .collect(),
    )
}
