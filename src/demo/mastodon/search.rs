//! Finding posts on the demo Mastodon server: `GET /api/v1/timelines/tag/:hashtag?limit=&max_id=`
//! (public, like Mastodon's; a token, when sent, must be valid; Link-header paging) and
//! `GET /api/v2/search?q=&type=&limit=&offset=` (`{accounts, statuses, hashtags}`; statuses only for
//! a signed-in user, as on Mastodon).

use super::{DEFAULT_LIMIT, MAX_LIMIT, link_header, reject, select, status};
use crate::demo::content::Net;
use crate::demo::reply::{self, Params};
use crate::demo::{Ctx, search};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use serde_json::{Value, json};

/// `GET /api/v1/timelines/tag/:hashtag`.
pub async fn tag(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(tag): Path<String>,
    Query(p): Query<Params>,
) -> Response {
    if let Some(response) = headers.contains_key(header::AUTHORIZATION).then(|| reject(&headers)).flatten() {
        return response;
    }
    let Ok(limit) = reply::number(&p, "limit") else {
        return reply::json(400, &json!({"error": "limit must be an integer"}));
    };
    let limit = limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize;
    let (ids, statuses) = ctx.store.with(|c| {
        let found = search::posts(c, Net::Mastodon, |post| search::has_tag(&post.text, &tag));
        let page = select(&found, &p, limit);
        let ids: Vec<u64> = page.iter().map(|post| crate::demo::ids::snowflake(post.at, post.key)).collect();
        (ids, page.iter().map(|post| status::status(c, post, &ctx.url, ctx.now)).collect::<Vec<Value>>())
    });
    let response = reply::json(200, &Value::Array(statuses));
    let path = format!("/api/v1/timelines/tag/{}", crate::backend::search::path_segment(&tag));
    match link_header(&ctx, &path, &p, &ids, limit) {
        Some(link) => reply::with_header(response, "link", &link),
        None => response,
    }
}

/// `GET /api/v2/search`.
pub async fn search(State(ctx): State<Ctx>, headers: HeaderMap, Query(p): Query<Params>) -> Response {
    let signed_in = headers.contains_key(header::AUTHORIZATION);
    if let Some(response) = signed_in.then(|| reject(&headers)).flatten() {
        return response;
    }
    let query = p.get("q").map(|q| q.trim().to_string()).unwrap_or_default();
    if query.is_empty() {
        return reply::json(400, &json!({"error": "Validation failed: q is missing"}));
    }
    let kind = p.get("type").map_or("", String::as_str);
    if !matches!(kind, "" | "accounts" | "statuses" | "hashtags") {
        return reply::json(400, &json!({"error": "type must be accounts, statuses or hashtags"}));
    }
    let Ok(limit) = reply::number(&p, "limit") else {
        return reply::json(400, &json!({"error": "limit must be an integer"}));
    };
    let limit = limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize;
    let Ok(offset) = reply::number(&p, "offset") else {
        return reply::json(400, &json!({"error": "offset must be an integer"}));
    };
    let offset = offset.unwrap_or(0) as usize;
    let wanted = signed_in && matches!(kind, "" | "statuses");
    let statuses = ctx.store.with(|c| {
        let found = if wanted {
            search::posts(c, Net::Mastodon, |post| search::matches(&post.text, &query))
        } else {
            Vec::new()
        };
        let page = found.iter().skip(offset).take(limit);
        page.map(|post| status::status(c, post, &ctx.url, ctx.now)).collect::<Vec<Value>>()
    });
    reply::json(200, &json!({"accounts": [], "statuses": statuses, "hashtags": []}))
}
