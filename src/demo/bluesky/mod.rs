//! The demo Bluesky server (PDS and AppView in one): sessions, `app.bsky.feed.getTimeline`, the
//! repo writes and reads of [`repo`], and likes, reposts, follows and bookmarks ([`records`]) over
//! XRPC, threads, notifications and profiles ([`views`]), custom feeds and lists ([`feeds`]), with XRPC error shapes
//! (`{"error": "...", "message": "..."}`).

mod auth;
mod blob;
mod embed;
mod facets;
pub(super) mod feeds;
mod post;
mod records;
pub(super) mod repo;
mod search;
mod views;

use super::faults::Failure;
use super::reply::{self, Params};
use super::{Ctx, content::Net, store};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post as post_route};
use serde_json::{Value, json};

/// Default and maximum page sizes of getTimeline.
const DEFAULT_LIMIT: u64 = 50;
const MAX_LIMIT: u64 = 100;

/// The Bluesky server state: the shared context plus issued sessions.
#[derive(Clone)]
pub struct Bsky {
    ctx: Ctx,
    sessions: auth::Sessions,
}

/// The XRPC routes.
pub fn router(ctx: Ctx) -> Router {
    let state = Bsky { ctx, sessions: auth::Sessions::default() };
    Router::new()
        .route("/xrpc/app.bsky.feed.getTimeline", get(get_timeline))
        .route("/xrpc/com.atproto.server.createSession", post_route(auth::create_session))
        .route("/xrpc/com.atproto.server.refreshSession", post_route(auth::refresh_session))
        .route("/xrpc/com.atproto.server.getSession", get(auth::get_session))
        .route("/xrpc/com.atproto.repo.createRecord", post_route(repo::create_record))
        .route("/xrpc/com.atproto.repo.getRecord", get(repo::get_record))
        .route("/xrpc/com.atproto.repo.uploadBlob", post_route(blob::upload_blob))
        .route("/xrpc/app.bsky.feed.getPosts", get(repo::get_posts))
        .route("/xrpc/com.atproto.repo.deleteRecord", post_route(repo::delete_record))
        .route("/xrpc/com.atproto.identity.resolveHandle", get(repo::resolve_handle))
        .route("/xrpc/app.bsky.bookmark.createBookmark", post_route(records::create_bookmark))
        .route("/xrpc/app.bsky.bookmark.deleteBookmark", post_route(records::delete_bookmark))
        .route("/xrpc/app.bsky.feed.getPostThread", get(views::get_post_thread))
        .route("/xrpc/app.bsky.notification.listNotifications", get(views::list_notifications))
        .route("/xrpc/app.bsky.notification.getUnreadCount", get(views::get_unread_count))
        .route("/xrpc/app.bsky.notification.updateSeen", post_route(views::update_seen))
        .route("/xrpc/app.bsky.actor.getProfile", get(views::get_profile))
        .route("/xrpc/app.bsky.feed.getAuthorFeed", get(views::get_author_feed))
        .route("/xrpc/app.bsky.feed.searchPosts", get(search::search_posts))
        .route("/xrpc/app.bsky.actor.getPreferences", get(feeds::get_preferences))
        .route("/xrpc/app.bsky.feed.getFeedGenerators", get(feeds::get_feed_generators))
        .route("/xrpc/app.bsky.graph.getLists", get(feeds::get_lists))
        .route("/xrpc/app.bsky.graph.getList", get(feeds::get_list))
        .route("/xrpc/app.bsky.feed.getFeed", get(feeds::get_feed))
        .route("/xrpc/app.bsky.feed.getListFeed", get(feeds::get_list_feed))
        .fallback(|| async { xrpc_error(501, "MethodNotImplemented", "Method Not Implemented") })
        .with_state(state)
}

/// An XRPC error answer.
pub fn xrpc_error(status: u16, error: &str, message: &str) -> Response {
    reply::json(status, &json!({"error": error, "message": message}))
}

/// Renders a failure as the PDS does; 429 carries `RateLimit-*` headers and `Retry-After`.
pub fn error(failure: Failure) -> Response {
    match failure {
        Failure::Status(status) => {
            let name = match status {
                400 => "InvalidRequest",
                401 => "AuthenticationRequired",
                403 => "Forbidden",
                404 => "NotFound",
                502 => "UpstreamFailure",
                503 => "NotEnoughResources",
                _ => "InternalServerError",
            };
            xrpc_error(status, name, reply::reason(status))
        }
        Failure::RateLimited(secs) => {
            let reset = jiff::Timestamp::now().as_second().saturating_add_unsigned(secs);
            let response = xrpc_error(429, "RateLimitExceeded", "Rate Limit Exceeded");
            let response = reply::with_header(response, "retry-after", &secs.to_string());
            let response = reply::with_header(response, "ratelimit-limit", "3000");
            let response = reply::with_header(response, "ratelimit-remaining", "0");
            let response = reply::with_header(response, "ratelimit-reset", &reset.to_string());
            reply::with_header(response, "ratelimit-policy", "3000;w=300")
        }
    }
}

/// `GET app.bsky.feed.getTimeline?limit=&cursor=`.
async fn get_timeline(State(state): State<Bsky>, headers: HeaderMap, Query(params): Query<Params>) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let limit = match reply::number(&params, "limit") {
        Ok(None) => DEFAULT_LIMIT,
        Ok(Some(n)) if (1..=MAX_LIMIT).contains(&n) => n,
        _ => {
            return xrpc_error(400, "InvalidRequest", "limit must be an integer from 1 to 100");
        }
    };
    let after = match params.get("cursor").filter(|c| !c.is_empty()).map(|c| parse_cursor(c)) {
        None => None,
        Some(Some(position)) => Some(position),
        Some(None) => return xrpc_error(400, "InvalidRequest", "Malformed cursor"),
    };
    let body = state.ctx.store.with(|c| page(c, after, limit as usize));
    reply::json(200, &body)
}

/// One page of the timeline after `after` (a (milliseconds, key) position), with its cursor.
fn page(c: &super::content::Content, after: Option<(i64, u32)>, limit: usize) -> Value {
    let position = |p: &super::content::Post| (p.at.as_millisecond(), p.key);
    let rest: Vec<_> =
        store::feed(c, Net::Bluesky).into_iter().filter(|p| after.is_none_or(|a| position(p) < a)).collect();
    let items = &rest[..limit.min(rest.len())];
    let feed: Vec<Value> = items.iter().map(|p| post::feed_view_post(c, p)).collect();
    let mut body = json!({"feed": feed});
    if let (true, Some(last)) = (rest.len() > limit, items.last()) {
        let (ms, key) = position(last);
        body["cursor"] = json!(format!("{ms}::{key}"));
    }
    body
}

/// Parses a cursor made by [`page`].
fn parse_cursor(cursor: &str) -> Option<(i64, u32)> {
    let (ms, key) = cursor.split_once("::")?;
    Some((ms.parse().ok()?, key.parse().ok()?))
}
