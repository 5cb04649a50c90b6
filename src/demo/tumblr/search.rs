//! `GET /v2/tagged?tag=&before=&limit=` on the demo Tumblr server: published posts with the tag,
//! newest first, in the dashboard's NPF post shape; the envelope's `response` is the list itself.
//! OAuth or the app's `api_key` may read it.

use super::{Shared, failure, ok, post, reject};
use crate::demo::content::Net;
use crate::demo::reply::{self, Params};
use crate::demo::{TUMBLR_CLIENT_ID, search};
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::Value;

/// Most posts per answer (Tumblr's own limit).
const MAX_LIMIT: u64 = 20;

/// `GET /v2/tagged`.
pub async fn tagged(State(shared): State<Shared>, headers: HeaderMap, Query(params): Query<Params>) -> Response {
    let ctx = &shared.ctx;
    let by_key = params.get("api_key").is_some_and(|key| key == TUMBLR_CLIENT_ID);
    if !by_key && let Some(response) = reject(ctx, &shared.grants, &headers) {
        return response;
    }
    let tag = params.get("tag").map(|t| t.trim().to_string()).unwrap_or_default();
    if tag.is_empty() {
        return failure(400, 0, "tag is required");
    }
    let (Ok(limit), Ok(before)) = (reply::number(&params, "limit"), reply::number(&params, "before")) else {
        return failure(400, 0, "limit and before must be integers");
    };
    let limit = limit.unwrap_or(MAX_LIMIT).clamp(1, MAX_LIMIT) as usize;
    let posts = ctx.store.with(|c| {
        let tagged = |v: &Value| {
            let tags = v["tags"].as_array().map(Vec::as_slice).unwrap_or_default();
            tags.iter().filter_map(Value::as_str).any(|t| t.to_lowercase() == tag.to_lowercase())
        };
        let rendered = search::posts(c, Net::Tumblr, |_| true).into_iter().map(|p| post::post(c, p, ctx.now));
        let older = |v: &Value| before.is_none_or(|b| v["timestamp"].as_u64().is_some_and(|t| t < b));
        rendered.filter(|v| tagged(v) && older(v)).take(limit).collect::<Vec<Value>>()
    });
    ok(Value::Array(posts))
}
