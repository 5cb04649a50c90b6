//! Paging inside views: when the selection comes near the last row of the top view, its next older
//! page is asked for, where the network gives a cursor (the timeline does the same, in `nav`). One
//! request per view (or per account of a merged view) at a time. Pure.

use super::request::Request;
use super::{Body, Load, answer, feed, search};
use crate::app::{App, Effect, ReqId};
use crate::backend::{BackendError, Page};
use crate::model::{AccountId, Network, Post};

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
        Body::Profile { .. } => more_profile(app, view),
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

/// A loaded profile's next page of posts, unless one is asked already or it has no more.
fn more_profile(app: &mut App, view: u64) -> Vec<Effect> {
    let req = app.next_req();
    let Some(Body::Profile { account, person, req: asked, load: Load::Ready(page) }) =
        app.view_mut(view).map(|v| &mut v.body)
    else {
        return Vec::new();
    };
    let Some(cursor) = page.older.clone().filter(|_| asked.is_none()) else { return Vec::new() };
    *asked = Some(req);
    let (account, person) = (account.clone(), person.clone());
    vec![Effect::View(Request::ProfilePosts { req, view, account, person, cursor })]
}

/// A profile's older posts came (or did not): added under the others, each once.
pub(super) fn profile_posts(
    app: &mut App,
    view: u64,
    req: ReqId,
    result: Result<Page<Post>, BackendError>,
) -> Vec<Effect> {
    let Some(Body::Profile { account, req: asked, load: Load::Ready(page), .. }) =
        app.view_mut(view).map(|v| &mut v.body)
    else {
        return Vec::new();
    };
    if *asked != Some(req) {
        return Vec::new(); // stale: the view was read again since
    }
    *asked = None;
    match result {
        Ok(more) => {
            page.older = more.older.filter(|_| !more.items.is_empty());
            append_new(&mut page.posts, more.items);
            more_if_near_end(app, view)
        }
        Err(e) => {
            // The posts shown stay; the next move asks again.
            let net = account.network().unwrap_or(Network::Mastodon);
            let text = format!("could not read more posts: {}", e.user_message(net));
            crate::app::update::toast(app, text, true);
            Vec::new()
        }
    }
}

/// The paging of a view merged from every account (notifications, a search): whose first page is
/// awaited, each account's next older page, and the older pages asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pages {
    /// Accounts whose first page is awaited, with their requests.
    pub waiting: Vec<(ReqId, AccountId)>,
    /// Per account, the cursor of its next older page (accounts at their end have none).
    pub older: Vec<(AccountId, String)>,
    /// Older pages asked for and not answered yet, with the cursor each was asked at.
    pub asked: Vec<(ReqId, AccountId, String)>,
}

/// What an answer was to.
pub(super) enum Asked {
    First,
    /// An older page, asked at this cursor.
    Older(String),
}

impl Pages {
    /// Takes `account`'s answer to `req` off the lists; `None`: not this view's (stale).
    pub(super) fn answered(&mut self, req: ReqId, account: &AccountId) -> Option<Asked> {
        if let Some(i) = self.waiting.iter().position(|(r, a)| *r == req && a == account) {
            self.waiting.remove(i);
            return Some(Asked::First);
        }
        let i = self.asked.iter().position(|(r, a, _)| *r == req && a == account)?;
        Some(Asked::Older(self.asked.remove(i).2))
    }

    /// After `account`'s answer: its next older page (when the page had something), or, when an
    /// older page failed, that page again at the next move.
    pub(super) fn next(&mut self, account: &AccountId, asked: &Asked, next: Result<Option<String>, ()>) {
        let cursor = match (next, asked) {
            (Ok(next), _) => next,
            (Err(()), Asked::Older(cursor)) => Some(cursor.clone()),
            (Err(()), Asked::First) => None,
        };
        self.older.extend(cursor.map(|c| (account.clone(), c)));
    }
}

/// Asks for the next older page of every account of view `view` that has one and is not asked
/// already: (request, account, cursor) for each, to make the requests from.
pub(super) fn ask_older(app: &mut App, view: u64) -> Vec<(ReqId, AccountId, String)> {
    let due = app.view_mut(view).and_then(|v| pages(&mut v.body)).map_or(0, |p| p.older.len());
    let reqs: Vec<ReqId> = (0..due).map(|_| app.next_req()).collect();
    let Some(p) = app.view_mut(view).and_then(|v| pages(&mut v.body)) else { return Vec::new() };
    let asked: Vec<(ReqId, AccountId, String)> =
        reqs.into_iter().zip(p.older.drain(..)).map(|(req, (account, cursor))| (req, account, cursor)).collect();
    p.asked.extend(asked.iter().cloned());
    asked
}

/// The per-account paging of a merged view's body.
fn pages(body: &mut Body) -> Option<&mut Pages> {
    match body {
        Body::Notifications(inbox) => Some(&mut inbox.pages),
        Body::Search(r) => Some(&mut r.pages),
        _ => None,
    }
}

/// Adds `more` after `posts`, each post once (a later page may repeat one).
pub(super) fn append_new(posts: &mut Vec<Post>, more: Vec<Post>) {
    for post in more {
        if !posts.iter().any(|p| p.id.key.same_post(&post.id.key)) {
            posts.push(post);
        }
    }
}

/// Adds `note` to a view's notes unless it says so already.
pub(super) fn note(notes: &mut Vec<String>, note: String) {
    if !notes.contains(&note) {
        notes.push(note);
    }
}
