//! The runtime's answers for the views: a thread, one account's notifications, a profile, an unread
//! count, a read marker set. An answer for a view that was closed or read again since is dropped.
//! Pure.

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
            Vec::new()
        }
        Answer::Notifications { req, view, account, result } => notifications(app, view, req, &account, result),
        Answer::Unread { req, account, result } => unread::counted(app, req, &account, result),
        Answer::Search { req, view, account, result } => super::search::answered(app, view, req, &account, result),
        Answer::Feeds { req, account, result } => super::picker::answered(app, req, &account, result),
        Answer::Feed { req, view, result } => super::feed::answered(app, view, req, result),
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

/// One account's notifications: merged and grouped with the others, then marked read where they
/// came from (only what was unread, up to the newest one seen).
fn notifications(
    app: &mut App,
    view: u64,
    req: ReqId,
    account: &AccountId,
    result: Result<Notifications, BackendError>,
) -> Vec<Effect> {
    let read_here = unread::read_here(app, account);
    let Some(Body::Notifications(inbox)) = body_mut(app, view) else { return Vec::new() };
    let Some(i) = inbox.waiting.iter().position(|(r, a)| *r == req && a == account) else { return Vec::new() };
    inbox.waiting.remove(i);
    let net = account.network().unwrap_or(Network::Mastodon);
    let page = match result {
        Ok(page) => page,
        Err(e) => {
            inbox.notes.push(format!("{account}: {}", e.user_message(net)));
            return Vec::new();
        }
    };
    inbox.notes.extend(page.note.filter(|n| !inbox.notes.contains(n)));
    let mut items = page.items;
    for n in &mut items {
        n.unread &= read_here.is_none_or(|t| n.at > t);
    }
    let any_unread = items.iter().any(|n| n.unread);
    let newest = items.iter().max_by_key(|n| n.at).map(|n| ReadMark { id: n.id.clone(), at: n.at });
    inbox.items.extend(items);
    inbox.groups = group(inbox.items.clone());
    let Some(mark) = newest.filter(|_| any_unread) else { return Vec::new() };
    unread::marked_here(app, account, mark.at);
    vec![Effect::View(Request::MarkRead { account: account.clone(), mark })]
}
