//! `f`: the picker of lists and custom feeds. Every connected account is asked for its lists and
//! saved feeds; they show grouped per account as they arrive (a network without any, or one that
//! failed, leaves a note). Enter opens the chosen one as a view. Pure.

use super::request::Request;
use crate::app::{Action, App, Effect, Overlay, ReqId};
use crate::backend::BackendError;
use crate::backend::feeds::{Feed, Feeds};
use crate::model::{AccountId, Network};

/// The picker's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Picker {
    /// Accounts not answered yet, with their requests.
    pub waiting: Vec<(ReqId, AccountId)>,
    /// Every account's lists and feeds, grouped by account in the accounts' order.
    pub entries: Vec<(AccountId, Feed)>,
    /// Per account: why it lists nothing (an error, a network without lists).
    pub notes: Vec<(AccountId, String)>,
    pub selected: usize,
}

/// `f`: opens the picker and asks every connected account (`f` again closes it).
pub fn open(app: &mut App) -> Vec<Effect> {
    let accounts: Vec<AccountId> = app.accounts().filter(|s| !s.logged_out).map(|s| s.account.clone()).collect();
    let waiting: Vec<(ReqId, AccountId)> = accounts.into_iter().map(|a| (app.next_req(), a)).collect();
    let effects = waiting
        .iter()
        .map(|(req, account)| Effect::View(Request::Feeds { req: *req, account: account.clone() }))
        .collect();
    app.overlay = Some(Overlay::Feeds(Picker { waiting, ..Picker::default() }));
    effects
}

/// A key while the picker is open.
pub fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Feeds(picker)) = &mut app.overlay else { return Vec::new() };
    match action {
        Action::SelectNext => picker.selected = (picker.selected + 1).min(picker.entries.len().saturating_sub(1)),
        Action::SelectPrev => picker.selected = picker.selected.saturating_sub(1),
        Action::SelectFirst => picker.selected = 0,
        Action::SelectLast => picker.selected = picker.entries.len().saturating_sub(1),
        Action::Open => {
            let chosen = picker.entries.get(picker.selected).cloned();
            app.overlay = None;
            return chosen.map(|(account, feed)| super::feed::open(app, account, feed)).unwrap_or_default();
        }
        Action::ToggleIncluded | Action::TogglePane | Action::AddToPane => {
            let Some((account, feed)) = picker.entries.get(picker.selected).cloned() else { return Vec::new() };
            return match action {
                Action::TogglePane => crate::app::feeds::toggle_pane(app, &account, feed),
                Action::AddToPane => crate::app::feeds::toggle_in_pane(app, &account, feed),
                _ => crate::app::feeds::toggle_included(app, &account, feed),
            };
        }
        Action::Back | Action::Quit | Action::Feeds => app.overlay = None,
        _ => {}
    }
    Vec::new()
}

/// One account's lists and feeds: put in its place among the others.
pub fn answered(app: &mut App, req: ReqId, account: &AccountId, result: Result<Feeds, BackendError>) -> Vec<Effect> {
    let order: Vec<AccountId> = app.accounts().map(|s| s.account.clone()).collect();
    let Some(Overlay::Feeds(picker)) = &mut app.overlay else { return Vec::new() };
    let Some(i) = picker.waiting.iter().position(|(r, a)| *r == req && a == account) else { return Vec::new() };
    picker.waiting.remove(i);
    let net = account.network().unwrap_or(Network::Mastodon);
    match result {
        Ok(found) => {
            if found.feeds.is_empty() {
                let note = found.note.unwrap_or_else(|| "no lists or saved feeds".to_string());
                picker.notes.push((account.clone(), note));
            }
            let selected = picker.entries.get(picker.selected).cloned();
            picker.entries.extend(found.feeds.into_iter().map(|f| (account.clone(), f)));
            let rank = |a: &AccountId| order.iter().position(|o| o == a).unwrap_or(usize::MAX);
            // Stable: each account's feeds keep the order its server gave.
            picker.entries.sort_by_key(|(a, _)| rank(a));
            picker.selected = selected.and_then(|s| picker.entries.iter().position(|e| *e == s)).unwrap_or(0);
        }
        Err(e) => picker.notes.push((account.clone(), e.user_message(net))),
    }
    Vec::new()
}
