//! Interactions on the demo Mastodon server: `POST /api/v1/statuses/:id/{favourite,unfavourite,
//! reblog,unreblog,bookmark,unbookmark}`, `POST /api/v1/accounts/:id/{follow,unfollow}` and
//! `GET /api/v1/accounts/relationships?id[]=`.
//!
//! As on Mastodon: acting on a boost acts on the boosted status; doing it twice is no error; the
//! answer is the status after the change, except `unreblog`, which answers the status as it was
//! before (a stale body, as some servers send: a client must set the state itself); following
//! oneself is 403; an unknown id is 404; relationships answer the known ids only.

use super::account;
use super::reject;
use super::write::{by_id, not_found, render};
use crate::demo::acts::{self, Kind};
use crate::demo::content::Content;
use crate::demo::{Ctx, reply, store};
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

/// `POST /api/v1/statuses/:id/:verb`.
pub async fn status(State(ctx): State<Ctx>, headers: HeaderMap, Path((id, verb)): Path<(String, String)>) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    let (kind, on) = match verb.as_str() {
        "favourite" => (Kind::Like, true),
        "unfavourite" => (Kind::Like, false),
        "reblog" => (Kind::Repost, true),
        "unreblog" => (Kind::Repost, false),
        "bookmark" => (Kind::Bookmark, true),
        "unbookmark" => (Kind::Bookmark, false),
        _ => return not_found(),
    };
    let Some(key) = ctx.store.with(|c| by_id(c, &id).map(|p| p.boost_of.unwrap_or(p.key))) else {
        return not_found();
    };
    let stale = if verb == "unreblog" { render(&ctx, key) } else { None };
    ctx.store.update(|c| acts::set(c, key, kind, on.then(String::new)));
    stale.or_else(|| render(&ctx, key)).unwrap_or_else(not_found)
}

/// `POST /api/v1/accounts/:id/follow`.
pub async fn follow(state: State<Ctx>, headers: HeaderMap, id: Path<String>) -> Response {
    follow_or_not(state, headers, id, true)
}

/// `POST /api/v1/accounts/:id/unfollow`.
pub async fn unfollow(state: State<Ctx>, headers: HeaderMap, id: Path<String>) -> Response {
    follow_or_not(state, headers, id, false)
}

fn follow_or_not(State(ctx): State<Ctx>, headers: HeaderMap, Path(id): Path<String>, on: bool) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    let Some(person) = ctx.store.with(|c| person_of(c, &id)) else {
        return not_found();
    };
    if person == store::ME {
        return reply::json(403, &json!({"error": "This action is not allowed"}));
    }
    let body = ctx.store.update(|c| {
        c.acts.follows.insert(person.clone(), on.then(String::new));
        relationship(c, &person)
    });
    reply::json(200, &body)
}

/// `GET /api/v1/accounts/relationships?id[]=..&id[]=..`.
pub async fn relationships(State(ctx): State<Ctx>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    let query = query.unwrap_or_default();
    let ids: Vec<String> = url::form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k == "id[]" || k == "id")
        .map(|(_, v)| v.into_owned())
        .collect();
    let body = ctx.store.with(|c| {
        ids.iter().filter_map(|id| person_of(c, id)).map(|person| relationship(c, &person)).collect::<Vec<_>>()
    });
    reply::json(200, &Value::Array(body))
}

/// The person whose account id is `id`.
fn person_of(c: &Content, id: &str) -> Option<String> {
    c.people.iter().find(|p| account::id(c, &p.key) == id).map(|p| p.key.clone())
}

/// The Relationship entity from the demo account to person `key`.
fn relationship(c: &Content, key: &str) -> Value {
    let following = acts::follows(c, key);
    json!({
        "id": account::id(c, key),
        "following": following,
        "showing_reblogs": following,
        "notifying": false,
        "languages": null,
        "followed_by": false,
        "blocking": false,
        "blocked_by": key == crate::demo::content::BLOCKER,
        "muting": false,
        "muting_notifications": false,
        "requested": false,
        "requested_by": false,
        "domain_blocking": false,
        "endorsed": false,
        "note": "",
    })
}
