//! The demo Mastodon server: home timeline with Link-header paging, instance (v1 and v2) and
//! `verify_credentials`, posting, reading and deleting statuses and an account's statuses ([`write`]),
//! favourites, boosts, bookmarks, follows and relationships ([`interact`]), threads, notifications
//! and accounts ([`views`]), read markers for home and notifications ([`markers`]), the user stream
//! over a WebSocket ([`streaming`]), tag timelines and search ([`search`]) and lists ([`lists`]), with Mastodon's own
//! error shapes (`{"error": "..."}`).

mod account;
mod html;
mod instance;
mod interact;
mod lists;
mod markers;
mod media;
mod search;
mod status;
mod streaming;
mod views;
mod write;

use super::faults::Failure;
use super::reply::{self, Params};
use super::{Ctx, MASTODON_TOKEN, content::Net, store};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};

/// Default and maximum page sizes of the home timeline.
const DEFAULT_LIMIT: u64 = 20;
const MAX_LIMIT: u64 = 40;

/// The Mastodon routes.
pub fn router(ctx: Ctx) -> Router {
    Router::new()
        .route("/api/v1/timelines/home", get(home))
        .route("/api/v2/instance", get(instance_v2))
        .route("/api/v1/instance", get(instance_v1))
        .route("/api/v1/accounts/verify_credentials", get(verify_credentials))
        .route("/api/v1/statuses", post(write::create))
        .route("/api/v1/statuses/{id}", get(write::show).delete(write::delete))
        .route("/api/v1/accounts/{id}/statuses", get(write::account_statuses))
        .route("/api/v2/media", post(media::create))
        .route("/api/v1/media/{id}", get(media::show))
        .route("/api/v1/statuses/{id}/{verb}", post(interact::status))
        .route("/api/v1/accounts/{id}/follow", post(interact::follow))
        .route("/api/v1/accounts/{id}/unfollow", post(interact::unfollow))
        .route("/api/v1/accounts/relationships", get(interact::relationships))
        .route("/api/v1/statuses/{id}/context", get(views::context))
        .route("/api/v1/notifications", get(views::notifications))
        .route("/api/v1/markers", get(markers::get).post(markers::set))
        .route("/api/v1/accounts/lookup", get(views::lookup))
        .route("/api/v1/accounts/{id}", get(views::show_account))
        .route("/api/v1/streaming", get(streaming::streaming))
        .route("/api/v1/timelines/tag/{tag}", get(search::tag))
        .route("/api/v2/search", get(search::search))
        .route("/api/v1/lists", get(lists::lists))
        .route("/api/v1/timelines/list/{id}", get(lists::timeline))
        .fallback(|| async { reply::json(404, &json!({"error": "Record not found"})) })
        .with_state(ctx)
}

/// Renders a failure as Mastodon does; 429 also carries the `X-RateLimit-*` headers.
pub fn error(failure: Failure) -> Response {
    match failure {
        Failure::Status(status) => reply::json(status, &json!({"error": reply::reason(status)})),
        Failure::RateLimited(secs) => {
            let reset = Timestamp::now() + SignedDuration::from_secs(i64::try_from(secs).unwrap_or(i64::MAX / 2));
            let response = reply::json(429, &json!({"error": "Too many requests"}));
            let response = reply::with_header(response, "retry-after", &secs.to_string());
            let response = reply::with_header(response, "x-ratelimit-limit", "300");
            let response = reply::with_header(response, "x-ratelimit-remaining", "0");
            reply::with_header(response, "x-ratelimit-reset", &format!("{reset:.3}"))
        }
    }
}

/// Checks the bearer token: `Some` is Mastodon's 401 answer to send instead.
fn reject(headers: &HeaderMap) -> Option<Response> {
    match reply::bearer(headers) {
        Some(MASTODON_TOKEN) => None,
        Some(_) => Some(unauthorized("The access token is invalid")),
        None => Some(unauthorized("This method requires an authenticated user")),
    }
}

/// A 401 with Doorkeeper's `WWW-Authenticate` header.
fn unauthorized(message: &str) -> Response {
    let challenge = format!(r#"Bearer realm="Doorkeeper", error="invalid_token", error_description="{message}""#);
    reply::with_header(reply::json(401, &json!({"error": message})), "www-authenticate", &challenge)
}

/// `GET /api/v1/timelines/home`.
async fn home(State(ctx): State<Ctx>, headers: HeaderMap, Query(params): Query<Params>) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    let limit = match reply::number(&params, "limit") {
        Ok(limit) => limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize,
        Err(message) => return reply::json(400, &json!({"error": message})),
    };
    let (ids, statuses) = ctx.store.with(|c| {
        let feed = store::feed(c, Net::Mastodon);
        let page = select(&feed, &params, limit);
        let ids: Vec<u64> = page.iter().map(|p| super::ids::snowflake(p.at, p.key)).collect();
        let statuses: Vec<Value> = page.iter().map(|p| status::status(c, p, &ctx.url, ctx.now)).collect();
        (ids, statuses)
    });
    let response = reply::json(200, &Value::Array(statuses));
    match link_header(&ctx, "/api/v1/timelines/home", &params, &ids, limit) {
        Some(link) => reply::with_header(response, "link", &link),
        None => response,
    }
}

/// The page of `feed` (newest first) that `max_id`, `since_id`, `min_id` and `limit` select.
fn select<'a>(feed: &[&'a super::content::Post], params: &Params, limit: usize) -> Vec<&'a super::content::Post> {
    let id_param = |name: &str| params.get(name).and_then(|v| v.parse::<u64>().ok());
    let (max, since, min) = (id_param("max_id"), id_param("since_id"), id_param("min_id"));
    let mut page: Vec<&super::content::Post> = feed
        .iter()
        .copied()
        .filter(|p| {
            let id = super::ids::snowflake(p.at, p.key);
            max.is_none_or(|m| id < m) && since.is_none_or(|s| id > s) && min.is_none_or(|m| id > m)
        })
        .collect();
    if min.is_some() {
        // min_id pages are the `limit` statuses just above min_id, still sent newest first.
        let skip = page.len().saturating_sub(limit);
        page.drain(..skip);
    }
    page.truncate(limit);
    page
}

/// The `Link` header of a page of `path`: `next` (older, only after a full page) and `prev` (newer),
/// on the Link host.
fn link_header(ctx: &Ctx, path: &str, params: &Params, ids: &[u64], limit: usize) -> Option<String> {
    let (first, last) = (ids.first()?, ids.last()?);
    let origin = match ctx.faults.link_host() {
        Some(host) if host.contains("://") => host,
        Some(host) => format!("http://{host}"),
        None => ctx.url.clone(),
    };
    let limit_param = if params.contains_key("limit") { format!("limit={limit}&") } else { String::new() };
    let url = format!("{origin}{path}?{limit_param}");
    let prev = format!(r#"<{url}min_id={first}>; rel="prev""#);
    if ids.len() < limit {
        return Some(prev);
    }
    Some(format!(r#"<{url}max_id={last}>; rel="next", {prev}"#))
}

/// `GET /api/v2/instance` (404 when switched off, as on servers older than 4.0).
async fn instance_v2(State(ctx): State<Ctx>) -> Response {
    if !ctx.faults.v2_instance() {
        return reply::json(404, &json!({"error": "Record not found"}));
    }
    reply::json(200, &ctx.store.with(|c| instance::v2(c, &ctx.url, ctx.faults.max_characters())))
}

/// `GET /api/v1/instance`.
async fn instance_v1(State(ctx): State<Ctx>) -> Response {
    reply::json(200, &ctx.store.with(|c| instance::v1(c, &ctx.url, ctx.faults.max_characters())))
}

/// `GET /api/v1/accounts/verify_credentials`.
async fn verify_credentials(State(ctx): State<Ctx>, headers: HeaderMap) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    reply::json(200, &ctx.store.with(|c| account::credential_account(c, &ctx.url)))
}
