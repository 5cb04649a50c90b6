//! Unread notifications across networks, for the status bar: counted at start and on refresh,
//! cleared for an account once its notifications were shown (and marked read where the network
//! allows; where it does not, murre remembers the newest one it showed). Pure.

use jiff::Timestamp;

use super::request::Request;
use crate::app::{App, Effect, ReqId};
use crate::backend::BackendError;
use crate::backend::views::Unread;
use crate::model::AccountId;

/// Unread counts per account and what murre marked read by itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notices {
    /// The last count of each account that answered.
    pub counts: Vec<(AccountId, Unread)>,
    /// Requests on their way.
    pending: Vec<(ReqId, AccountId)>,
    /// The newest notification shown of each account (Tumblr counts only those after it).
    read_here: Vec<(AccountId, Timestamp)>,
}

impl Notices {
    /// The total unread over every account, and whether it is "at least" (a page was full).
    pub fn total(&self) -> (u32, bool) {
        self.counts.iter().fold((0, false), |(n, more), (_, u)| (n.saturating_add(u.count), more || u.more))
    }

    fn set(&mut self, account: &AccountId, unread: Unread) {
        match self.counts.iter_mut().find(|(a, _)| a == account) {
            Some(entry) => entry.1 = unread,
            None => self.counts.push((account.clone(), unread)),
        }
    }
}

/// Asks every connected account how many notifications wait (a newer ask replaces an older one).
pub fn fetch_unread(app: &mut App) -> Vec<Effect> {
    let accounts: Vec<AccountId> = app.accounts().filter(|s| !s.logged_out).map(|s| s.account.clone()).collect();
    let mut effects = Vec::new();
    for account in accounts {
        let req = app.next_req();
        app.notices.pending.retain(|(_, a)| *a != account);
        app.notices.pending.push((req, account.clone()));
        let read_here = read_here(app, &account);
        effects.push(Effect::View(Request::Unread { req, account, read_here }));
    }
    effects
}

/// An account's count arrived; a failure keeps the last count (the status bar shows source errors).
pub(super) fn counted(
    app: &mut App,
    req: ReqId,
    account: &AccountId,
    result: Result<Unread, BackendError>,
) -> Vec<Effect> {
    let Some(i) = app.notices.pending.iter().position(|(r, a)| *r == req && a == account) else { return Vec::new() };
    app.notices.pending.remove(i);
    match result {
        Ok(unread) => app.notices.set(account, unread),
        Err(e) => tracing::debug!(%account, "unread count failed: {e}"),
    }
    Vec::new()
}

/// What murre marked read by itself for `account`.
pub(super) fn read_here(app: &App, account: &AccountId) -> Option<Timestamp> {
    app.notices.read_here.iter().find(|(a, _)| a == account).map(|(_, t)| *t)
}

/// The notifications of `account` up to `at` were shown: nothing of it is unread any more, and a
/// count already on its way (from before) is dropped.
pub(super) fn marked_here(app: &mut App, account: &AccountId, at: Timestamp) {
    let notices = &mut app.notices;
    notices.set(account, Unread::default());
    notices.pending.retain(|(_, a)| a != account);
    match notices.read_here.iter_mut().find(|(a, _)| a == account) {
        Some(entry) => entry.1 = entry.1.max(at),
        None => notices.read_here.push((account.clone(), at)),
    }
}
