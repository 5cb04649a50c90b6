//! Lists on the demo Mastodon server: `GET /api/v1/lists` and `GET /api/v1/timelines/list/:id`
//! (paged by `max_id` with a Link header, 20 statuses at most a page), over the neutral feeds of
//! [`crate::demo::content::feeds`]. A deleted list answers 404, as Mastodon does.

use super::{link_header, reject, select, status};
use crate::demo::Ctx;
use crate::demo::content::Net;
use crate::demo::content::feeds::{self, Health};
use crate::demo::reply::{self, Params};
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

/// Most statuses on one page of a list.
const LIST_PAGE: usize = 20;

/// `GET /api/v1/lists`.
pub async fn lists(State(_ctx): State<Ctx>, headers: HeaderMap) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    let lists: Vec<Value> = feeds::feeds()
        .into_iter()
        .filter(|f| !f.custom && f.nets.contains(&Net::Mastodon))
        .map(|f| json!({"id": f.id, "title": f.name, "replies_policy": "list", "exclusive": false}))
        .collect();
    reply::json(200, &Value::Array(lists))
}

/// `GET /api/v1/timelines/list/:id`.
pub async fn timeline(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    let feed = feeds::find(Net::Mastodon, &id).filter(|f| !f.custom && f.health == Health::Fine);
    let Some(feed) = feed else { return reply::json(404, &json!({"error": "Record not found"})) };
    let limit = match reply::number(&params, "limit") {
        Ok(limit) => limit.map_or(LIST_PAGE, |n| (n as usize).clamp(1, LIST_PAGE)),
        Err(message) => return reply::json(400, &json!({"error": message})),
    };
    let (ids, statuses) = ctx.store.with(|c| {
        let posts = feeds::posts(c, Net::Mastodon, &feed);
        let page = select(&posts, &params, limit);
        let ids: Vec<u64> = page.iter().map(|p| crate::demo::ids::snowflake(p.at, p.key)).collect();
        let statuses: Vec<Value> = page.iter().map(|p| status::status(c, p, &ctx.url, ctx.now)).collect();
        (ids, statuses)
    });
    let response = reply::json(200, &Value::Array(statuses));
    let mut shown = params.clone();
    shown.insert("limit".into(), limit.to_string());
    match link_header(&ctx, &format!("/api/v1/timelines/list/{id}"), &shown, &ids, limit) {
        Some(link) => reply::with_header(response, "link", &link),
        None => response,
    }
}
