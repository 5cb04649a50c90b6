//! The runtime's answers for the views: a thread, one account's notifications, a profile, an unread
//! count, a read marker set. An answer for a view that was closed or read again since is dropped.
//! Pure.

use super::paging::{Asked, note};
use super::request::{Answer, Request};
use super::{Body, Load, unread};
use crate::app::update::toast;
use crate::app::{App, Effect, ReqId};
use crate::backend::BackendError;
use crate::backend::views::{Notifications, ReadMark};
use crate::model::notification::group;
use crate::model::{AccountId, Network};

/// Applies an answer.
pub fn answered(app: &mut App, answer: Answer) -> Vec<Effect> {
    match answer {
        Answer::Thread { req, view, result } => {
            let net = net_of_req(app, view);
            let Some(Body::Thread { req: asked, load, .. }) = body_mut(app, view) else { return Vec::new() };
            if *asked != Some(req) {
                return Vec::new();
            }
            *asked = None;
            let anchor = result.as_ref().map_or(0, |t| t.anchor);
            *load = loaded(result, net);
            select(app, view, anchor);
            Vec::new()
        }
        Answer::Profile { req, view, result } => {
            let net = net_of_req(app, view);
            let Some(Body::Profile { req: asked, load, .. }) = body_mut(app, view) else { return Vec::new() };
            if *asked != Some(req) {
                return Vec::new();
            }
            *asked = None;
            *load = loaded(result, net);
            super::paging::more_if_near_end(app, view)
        }
        Answer::Notifications { req, view, account, result } => notifications(app, view, req, &account, result),
        Answer::Unread { req, account, result } => unread::counted(app, req, &account, result),
        Answer::Search { req, view, account, result } => super::search::answered(app, view, req, &account, result),
        Answer::Posts { req, view, result } => match body_mut(app, view) {
            Some(Body::Feed(_)) => super::feed::answered(app, view, req, result),
            Some(Body::Profile { .. }) => super::paging::profile_posts(app, view, req, result),
            _ => Vec::new(),
        },
        Answer::Feeds { req, account, result } => super::picker::answered(app, req, &account, result),
        Answer::MarkedRead { account, result: Err(e) } => {
            let net = account.network().unwrap_or(Network::Mastodon);
            toast(app, format!("could not mark {account}'s notifications read: {}", e.user_message(net)), true);
            Vec::new()
        }
        Answer::MarkedRead { .. } => Vec::new(),
    }
}

fn body_mut(app: &mut App, view: u64) -> Option<&mut Body> {
    app.view_mut(view).map(|v| &mut v.body)
}

/// The network of the account a thread or profile view reads through.
fn net_of_req(app: &App, view: u64) -> Network {
    let account = match app.view(view).map(|v| &v.body) {
        Some(Body::Thread { post, .. }) => Some(&post.id.account),
        Some(Body::Profile { account, .. }) => Some(account),
        _ => None,
    };
    account.and_then(AccountId::network).unwrap_or(Network::Mastodon)
}

fn loaded<T>(result: Result<T, BackendError>, network: Network) -> Load<T> {
    match result {
        Ok(value) => Load::Ready(value),
        Err(e) => Load::Failed(e.user_message(network)),
    }
}

fn select(app: &mut App, view: u64, row: usize) {
    if let Some(v) = app.view_mut(view) {
        v.selected = row.min(v.len().saturating_sub(1));
    }
}

/// One account's notifications (its newest page or an older one): merged and grouped with the
/// others by time, then marked read where they came from (only what was unread, up to the newest
/// one seen).
fn notifications(
    app: &mut App,
    view: u64,
    req: ReqId,
    account: &AccountId,
    result: Result<Notifications, BackendError>,
) -> Vec<Effect> {
    let read_here = unread::read_here(app, account);
    let Some(Body::Notifications(inbox)) = body_mut(app, view) else { return Vec::new() };
    let Some(asked) = inbox.pages.answered(req, account) else { return Vec::new() }; // stale
    let net = account.network().unwrap_or(Network::Mastodon);
    let page = match result {
        Ok(page) => page,
        Err(e) => {
            note(&mut inbox.notes, format!("{account}: {}", e.user_message(net)));
            inbox.pages.next(account, &asked, Err(()));
            return Vec::new();
        }
    };
    if let Some(n) = page.note {
        note(&mut inbox.notes, n);
    }
    inbox.pages.next(account, &asked, Ok(page.older.filter(|_| !page.items.is_empty())));
    let older_page = matches!(asked, Asked::Older(_));
    let mut items = page.items;
    items.retain(|n| !inbox.items.iter().any(|m| m.account == n.account && m.id == n.id));
    for n in &mut items {
        n.unread &= read_here.is_none_or(|t| n.at > t);
    }
    let any_unread = items.iter().any(|n| n.unread);
    let newest = items.iter().max_by_key(|n| n.at).map(|n| ReadMark { id: n.id.clone(), at: n.at });
    inbox.items.extend(items);
    // An older page can slip rows in above the selection: it stays on its row. (First pages
    // arriving keep the selection where it is, at the top unless the reader moved.)
    let selected = if older_page { select_key(app, view) } else { None };
    regroup(app, view, selected);
    let mut effects = super::paging::more_if_near_end(app, view);
    let Some(mark) = newest.filter(|_| any_unread && !older_page) else { return effects };
    unread::marked_here(app, account, mark.at);
    effects.push(Effect::View(Request::MarkRead { account: account.clone(), mark }));
    effects
}

/// What the selected notification row is about: (account, first notification id).
fn select_key(app: &App, view: u64) -> Option<(AccountId, String)> {
    let v = app.view(view)?;
    let Body::Notifications(inbox) = &v.body else { return None };
    let g = inbox.groups.get(v.selected)?;
    Some((g.account.clone(), g.ids.first()?.clone()))
}

/// Groups the notifications again (merged by time), the selection kept on its row.
fn regroup(app: &mut App, view: u64, selected: Option<(AccountId, String)>) {
    let Some(v) = app.view_mut(view) else { return };
    let Body::Notifications(inbox) = &mut v.body else { return };
    inbox.groups = group(inbox.items.clone());
    let found = selected.and_then(|(a, id)| inbox.groups.iter().position(|g| g.account == a && g.ids.contains(&id)));
    v.selected = found.unwrap_or(v.selected).min(v.len().saturating_sub(1));
}

/// The next older page of every account that has one and is not asked already.
pub(super) fn more_notifications(app: &mut App, view: u64) -> Vec<Effect> {
    let asked = super::paging::ask_older(app, view);
    let ask =
        |(req, account, cursor)| Effect::View(Request::Notifications { req, view, account, cursor: Some(cursor) });
    asked.into_iter().map(ask).collect()
}
