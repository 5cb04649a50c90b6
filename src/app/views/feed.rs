//! A list or custom feed opened from the picker (`f`): its posts in the feed's own order, read
//! page by page as the selection nears the end. A feed that cannot be read (deleted, its
//! generator down, private) shows why in the view; the rest of murre goes on. Pure.

use super::request::Request;
use super::{Body, push};
use crate::app::{App, Effect, ReqId};
use crate::backend::{BackendError, Page};
use crate::model::{AccountId, Network, Post};
use crate::model::{Feed, FeedKind};

/// A feed view.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedView {
    /// The account whose list or saved feed it is (and that acts on its posts).
    pub account: AccountId,
    pub feed: Feed,
    /// The posts read so far, in the feed's order, each once.
    pub posts: Vec<Post>,
    /// The page asked for and not answered yet.
    pub req: Option<ReqId>,
    /// Cursor of the next older page; `None` at the end.
    pub older: Option<String>,
    /// Whether a first page came.
    pub loaded: bool,
    /// Why the feed (or its next page) could not be read.
    pub note: Option<String>,
}

/// Opens `feed` of `account` as a view and asks for its first page.
pub fn open(app: &mut App, account: AccountId, feed: Feed) -> Vec<Effect> {
    let body =
        Body::Feed(FeedView { account, feed, posts: Vec::new(), req: None, older: None, loaded: false, note: None });
    let Some(view) = push(app, body) else { return Vec::new() };
    request(app, view, None)
}

/// Asks for the page at `cursor` (`None`: the newest).
pub(super) fn request(app: &mut App, view: u64, cursor: Option<String>) -> Vec<Effect> {
    let req = app.next_req();
    let Some(Body::Feed(f)) = app.view_mut(view).map(|v| &mut v.body) else { return Vec::new() };
    f.req = Some(req);
    vec![Effect::View(Request::Feed { req, view, account: f.account.clone(), feed: f.feed.clone(), cursor })]
}

/// Asks for the next older page when none is in flight and the feed has one.
pub(super) fn more(app: &mut App, view: u64) -> Vec<Effect> {
    let Some(Body::Feed(f)) = app.view(view).map(|v| &v.body) else { return Vec::new() };
    match (&f.req, &f.older) {
        (None, Some(cursor)) => {
            let cursor = cursor.clone();
            request(app, view, Some(cursor))
        }
        _ => Vec::new(),
    }
}

/// A page came (or did not): its posts are added after those already shown.
pub(super) fn answered(app: &mut App, view: u64, req: ReqId, result: Result<Page<Post>, BackendError>) -> Vec<Effect> {
    let Some(Body::Feed(f)) = app.view_mut(view).map(|v| &mut v.body) else { return Vec::new() };
    if f.req != Some(req) {
        return Vec::new(); // stale: the view was read again since
    }
    f.req = None;
    match result {
        Ok(page) => {
            f.loaded = true;
            f.note = None;
            f.older = page.older.filter(|_| !page.items.is_empty());
            super::paging::append_new(&mut f.posts, page.items);
        }
        Err(e) => {
            let net = f.account.network().unwrap_or(Network::Mastodon);
            f.note = Some(describe(&e, f.feed.kind, net));
            // Not asked again at once: the next move (or R) tries again.
            return Vec::new();
        }
    }
    super::paging::more_if_near_end(app, view)
}

/// What went wrong, in words a reader can act on.
pub fn describe(e: &BackendError, kind: FeedKind, net: Network) -> String {
    let what = match kind {
        FeedKind::List => "this list",
        FeedKind::Custom => "this feed",
    };
    match e {
        BackendError::Server { status: 404, message } => {
            format!("{what} was not found: it may have been deleted ({message})")
        }
        BackendError::Server { status: 400, message } if is_missing(message) => {
            format!("{what} was not found: it may have been deleted ({message})")
        }
        BackendError::Server { status: 400 | 403, message } if is_blocked(message) || message.contains("private") => {
            format!("{what} is private or its owner blocks you ({message})")
        }
        BackendError::Server { status: 403, message } => format!("{what} is private ({message})"),
        BackendError::Server { status: 502..=504, message } if kind == FeedKind::Custom => {
            format!("this feed's generator is not answering ({message}); R tries again later")
        }
        BackendError::Server { status: 502..=504, message } => {
            format!("the server could not read {what} now ({message}); R tries again later")
        }
        _ => format!("{}; R tries again", e.user_message(net)),
    }
}

fn is_missing(message: &str) -> bool {
    let m = message.to_lowercase();
    m.contains("not found") || m.contains("unknown feed") || m.contains("could not locate")
}

fn is_blocked(message: &str) -> bool {
    message.to_lowercase().contains("block")
}
