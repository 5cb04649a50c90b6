//! The views on the demo Mastodon server: `GET /api/v1/statuses/:id/context`,
//! `GET /api/v1/notifications`, `GET/POST /api/v1/markers`, `GET /api/v1/accounts/:id` and
//! `GET /api/v1/accounts/lookup?acct=`.
//!
//! As on Mastodon: a context's ancestors stop at a deleted parent and its descendants leave out
//! what hangs under a deleted reply; notifications are newest first with snowflake ids (`mention`
//! also for replies, `quote` as Mastodon 4.5 sends it); the marker names a notification id and
//! starts at the newest read one; a deleted account is 404.

use super::write::{by_id, not_found};
use super::{account, reject, status};
use crate::demo::content::{Content, GHOST, Net, Notice, NoticeKind, Post};
use crate::demo::reply::{self, Params};
use crate::demo::{Ctx, ids, store};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

/// Default and maximum notifications per page.
const DEFAULT_LIMIT: u64 = 40;
const MAX_LIMIT: u64 = 80;

/// `GET /api/v1/statuses/:id/context`.
pub async fn context(State(ctx): State<Ctx>, Path(id): Path<String>) -> Response {
    let body = ctx.store.with(|c| {
        let post = by_id(c, &id)?;
        let post = post.boost_of.and_then(|k| store::find(c, k)).unwrap_or(post);
        let render =
            |list: Vec<&Post>| list.iter().map(|p| status::status(c, p, &ctx.url, ctx.now)).collect::<Vec<_>>();
        Some(json!({"ancestors": render(ancestors(c, post)), "descendants": render(descendants(c, post))}))
    });
    body.map_or_else(not_found, |b| reply::json(200, &b))
}

fn on_mastodon(c: &Content, key: u32) -> Option<&Post> {
    store::find(c, key).filter(|p| p.nets.has(Net::Mastodon))
}

/// The parents of `post`, root first, up to a missing one.
fn ancestors<'a>(c: &'a Content, post: &Post) -> Vec<&'a Post> {
    let mut out = Vec::new();
    let mut at = post.reply_to;
    while let Some(parent) = at.and_then(|k| on_mastodon(c, k)) {
        if out.len() > 200 {
            break;
        }
        out.push(parent);
        at = parent.reply_to;
    }
    out.reverse();
    out
}

/// Everything answering `post`, breadth first, as Mastodon's (and the mock's) search finds it.
fn descendants<'a>(c: &'a Content, post: &Post) -> Vec<&'a Post> {
    let mut out: Vec<&Post> = Vec::new();
    let mut frontier = vec![post.key];
    while let Some(key) = frontier.first().copied() {
        frontier.remove(0);
        let mut children: Vec<&Post> =
            c.posts.iter().filter(|p| p.reply_to == Some(key) && p.nets.has(Net::Mastodon)).collect();
        children.sort_by_key(|p| p.at);
        frontier.extend(children.iter().map(|p| p.key));
        out.extend(children);
    }
    out
}

/// The id of a notification.
fn notice_id(n: &Notice) -> String {
    ids::snowflake(n.at, 40_000 + n.key).to_string()
}

/// The demo account's notifications on Mastodon, newest first.
fn notices(c: &Content) -> Vec<&Notice> {
    let mut list: Vec<&Notice> = c.notices.iter().filter(|n| n.nets.has(Net::Mastodon)).collect();
    list.sort_by_key(|n| std::cmp::Reverse(n.at));
    list
}

/// `GET /api/v1/notifications?limit=&max_id=`.
pub async fn notifications(State(ctx): State<Ctx>, headers: HeaderMap, Query(params): Query<Params>) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    let limit = match reply::number(&params, "limit") {
        Ok(limit) => limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize,
        Err(message) => return reply::json(400, &json!({"error": message})),
    };
    let max = params.get("max_id").and_then(|m| m.parse::<u64>().ok());
    let body = ctx.store.with(|c| {
        let list =
            notices(c).into_iter().filter(|n| max.is_none_or(|m| notice_id(n).parse::<u64>().is_ok_and(|i| i < m)));
        list.take(limit).map(|n| notification(c, n, &ctx)).collect::<Vec<Value>>()
    });
    reply::json(200, &Value::Array(body))
}

fn notification(c: &Content, n: &Notice, ctx: &Ctx) -> Value {
    let kind = match n.kind {
        NoticeKind::Like => "favourite",
        NoticeKind::Repost => "reblog",
        NoticeKind::Follow => "follow",
        NoticeKind::Mention | NoticeKind::Reply => "mention",
        NoticeKind::Quote => "quote",
    };
    let post = n.post.or(n.target).and_then(|k| store::find(c, k));
    json!({
        "id": notice_id(n),
        "type": kind,
        "created_at": status::time(n.at),
        "account": account::account(c, &n.from, &ctx.url),
        "status": post.map(|p| status::status(c, p, &ctx.url, ctx.now)),
        "group_key": format!("ungrouped-{}", notice_id(n)),
    })
}

/// The marker: as last set, else the newest notification already read.
fn marker(c: &Content) -> Option<String> {
    c.read.marker.clone().or_else(|| notices(c).into_iter().find(|n| n.at <= c.read.seen).map(notice_id))
}

/// The notifications marker, when the demo account has read some (for `GET /api/v1/markers`).
pub fn notifications_marker(ctx: &Ctx) -> Option<Value> {
    ctx.store.with(|c| {
        marker(c).map(|id| json!({"last_read_id": id, "version": 1, "updated_at": status::time(c.read.seen)}))
    })
}

/// `POST /api/v1/markers` with `notifications[last_read_id]` (form) or `{"notifications": {...}}`.
pub async fn set_markers(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    let form: Params = url::form_urlencoded::parse(&body).into_owned().collect();
    let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let id = form
        .get("notifications[last_read_id]")
        .cloned()
        .or_else(|| json.pointer("/notifications/last_read_id").and_then(Value::as_str).map(str::to_string));
    let Some(id) = id else { return reply::json(200, &json!({})) };
    let body = ctx.store.update(|c| {
        let at = notices(c).into_iter().find(|n| notice_id(n) == id).map(|n| n.at);
        c.read.seen = at.unwrap_or(c.read.seen).max(c.read.seen);
        c.read.marker = Some(id.clone());
        json!({"notifications": {"last_read_id": id, "version": 2, "updated_at": status::time(c.read.seen)}})
    });
    reply::json(200, &body)
}

/// `GET /api/v1/accounts/:id` (a deleted account is 404).
pub async fn show_account(State(ctx): State<Ctx>, Path(id): Path<String>) -> Response {
    let body = ctx.store.with(|c| {
        let person = c.people.iter().find(|p| account::id(c, &p.key) == id && p.key != GHOST)?;
        Some(account::account(c, &person.key, &ctx.url))
    });
    body.map_or_else(not_found, |b| reply::json(200, &b))
}

/// `GET /api/v1/accounts/lookup?acct=`.
pub async fn lookup(State(ctx): State<Ctx>, Query(params): Query<Params>) -> Response {
    let acct = params.get("acct").map(|a| a.trim_start_matches('@').to_string()).unwrap_or_default();
    let body = ctx.store.with(|c| {
        let person = c.people.iter().find(|p| ids::handle(Net::Mastodon, &p.key) == acct && p.key != GHOST)?;
        Some(account::account(c, &person.key, &ctx.url))
    });
    body.map_or_else(not_found, |b| reply::json(200, &b))
}
