//! Paging inside views: when the selection comes near the last row of the top view, its next older
//! page is asked for, where the network gives a cursor (the timeline does the same, in `nav`). One
//! request per view (or per account of a merged view) at a time. Pure.

use super::request::Request;
use super::{Body, Load, answer, feed, search};
use crate::app::{App, Effect, ReqId};
use crate::backend::{BackendError, Page};
use crate::model::{Network, Post};

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
            for post in more.items {
                if !page.posts.iter().any(|p| p.id.key.same_post(&post.id.key)) {
                    page.posts.push(post);
                }
            }
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
