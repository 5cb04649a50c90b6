//! `GET app.bsky.feed.searchPosts?q=&limit=&sort=&cursor=` on the demo Bluesky server:
//! `{posts: [postView], cursor}`, newest first, 25 at most a page. As on the AppView, `#word` in the query matches a tag and the other words match text.

use super::{Bsky, auth, post, xrpc_error};
use crate::demo::content::Net;
use crate::demo::reply::{self, Params};
use crate::demo::search;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

/// Most posts on one page.
const PAGE: usize = 25;

/// `app.bsky.feed.searchPosts`.
pub async fn search_posts(State(state): State<Bsky>, headers: HeaderMap, Query(params): Query<Params>) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let query = params.get("q").map(|q| q.trim().to_string()).unwrap_or_default();
    if query.is_empty() {
        return xrpc_error(400, "InvalidRequest", "Error: Params must have the property \"q\"");
    }
    let limit = match reply::number(&params, "limit") {
        Ok(None) => 25,
        Ok(Some(n)) if (1..=100).contains(&n) => n as usize,
        _ => return xrpc_error(400, "InvalidRequest", "limit must be an integer from 1 to 100"),
    };
    // The cursor is an offset; a page holds at most 25 posts, whatever the limit (as the AppView may).
    let Some(offset) = params.get("cursor").map_or(Some(0), |c| c.parse::<usize>().ok()) else {
        return xrpc_error(400, "InvalidRequest", "Malformed cursor");
    };
    let limit = limit.min(PAGE);
    let (posts, more) = state.ctx.store.with(|c| {
        let found = search::posts(c, Net::Bluesky, |p| search::matches(&p.text, &query));
        let page = found.iter().skip(offset).take(limit).map(|p| post::post_view(c, p, true)).collect::<Vec<Value>>();
        (page, found.len() > offset + limit)
    });
    let mut body = json!({"posts": posts});
    if more {
        body["cursor"] = json!((offset + limit).to_string());
    }
    reply::json(200, &body)
}
