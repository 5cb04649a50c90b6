//! Custom feeds and lists on the demo Bluesky server: `app.bsky.actor.getPreferences` (a
//! `savedFeedsPrefV2`), `app.bsky.feed.getFeedGenerators`, `app.bsky.graph.getLists`,
//! `app.bsky.graph.getList`, `app.bsky.feed.getFeed` and `app.bsky.feed.getListFeed`, over the
//! neutral feeds of [`crate::demo::content::feeds`]. Their posts page 20 at a time, whatever the limit asked.

use super::{Bsky, auth, parse_cursor, post, xrpc_error};
use crate::demo::content::feeds::{self, DemoFeed, Health};
use crate::demo::content::{Content, Net};
use crate::demo::ids;
use crate::demo::reply::{self, Params};
use axum::extract::{Query, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

/// Most posts on one page of a feed or list.
const FEED_PAGE: usize = 20;

/// The at-uri of a demo feed (its generator or list record, made by the demo account).
pub fn feed_uri(feed: &DemoFeed) -> String {
    let collection = if feed.custom { "app.bsky.feed.generator" } else { "app.bsky.graph.list" };
    format!("at://{}/{collection}/{}", ids::did("murre"), feed.id)
}

/// The demo feed an at-uri names.
fn by_uri(uri: &str) -> Option<DemoFeed> {
    feeds::feeds().into_iter().find(|f| f.nets.contains(&Net::Bluesky) && feed_uri(f) == uri)
}

/// `GET app.bsky.actor.getPreferences`: adult content on; saved feeds: the following timeline, every
/// custom feed, and two lists (one of the account's own, one someone else's it may not read).
pub async fn get_preferences(State(state): State<Bsky>, headers: HeaderMap) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let mut items = vec![json!({"type": "timeline", "value": "following", "pinned": true, "id": "t0"})];
    for f in feeds::feeds().iter().filter(|f| f.nets.contains(&Net::Bluesky)) {
        if f.custom || matches!(f.id, "1" | "4") {
            let kind = if f.custom { "feed" } else { "list" };
            items.push(json!({"type": kind, "value": feed_uri(f), "pinned": f.pinned, "id": format!("s{}", f.id)}));
        }
    }
    // The demo account shows adult content behind warnings, as most people who turned it on do.
    let adult = json!({"$type": "app.bsky.actor.defs#adultContentPref", "enabled": true});
    let saved = json!({"$type": "app.bsky.actor.defs#savedFeedsPrefV2", "items": items});
    reply::json(200, &json!({"preferences": [adult, saved]}))
}

/// `GET app.bsky.feed.getFeedGenerators?feeds=..&feeds=..`: the generators it knows.
pub async fn get_feed_generators(State(state): State<Bsky>, headers: HeaderMap, RawQuery(raw): RawQuery) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let asked: Vec<String> = url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .filter(|(k, _)| k == "feeds")
        .map(|(_, v)| v.into_owned())
        .collect();
    let views: Vec<Value> = state.ctx.store.with(|c| {
        asked.iter().filter_map(|uri| by_uri(uri).filter(|f| f.custom)).map(|f| generator_view(c, &f)).collect()
    });
    reply::json(200, &json!({"feeds": views}))
}

fn generator_view(c: &Content, f: &DemoFeed) -> Value {
    json!({
        "uri": feed_uri(f), "cid": ids::cid(f.id), "did": format!("did:web:{}.feeds.example", f.id),
        "creator": post::profile(c, "murre"), "displayName": f.name, "description": "A demo feed.",
        "indexedAt": "2024-05-01T00:00:00.000Z"
    })
}

/// `GET app.bsky.graph.getLists?actor=`: the demo account's own lists (nobody else has any).
pub async fn get_lists(State(state): State<Bsky>, headers: HeaderMap, Query(p): Query<Params>) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let actor = p.get("actor").map_or("", String::as_str);
    if actor.is_empty() {
        return xrpc_error(400, "InvalidRequest", "Error: Params must have the property \"actor\"");
    }
    let mine = actor == ids::did("murre") || actor == ids::handle(Net::Bluesky, "murre");
    let lists: Vec<Value> = state.ctx.store.with(|c| {
        let own = feeds::feeds().into_iter().filter(|f| !f.custom && f.nets.contains(&Net::Bluesky));
        own.filter(|f| mine && f.health != Health::Private)
            .map(|f| {
                json!({"uri": feed_uri(&f), "cid": ids::cid(f.id), "name": f.name,
                   "purpose": "app.bsky.graph.defs#curatelist", "creator": post::profile(c, "murre"),
                   "indexedAt": "2024-05-01T00:00:00.000Z"})
            })
            .collect()
    });
    reply::json(200, &json!({"lists": lists}))
}

/// `GET app.bsky.graph.getList?list=`: the list without its members (a deleted one is not found).
pub async fn get_list(State(state): State<Bsky>, headers: HeaderMap, Query(p): Query<Params>) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let uri = p.get("list").map_or("", String::as_str);
    let Some(f) = by_uri(uri).filter(|f| !f.custom && f.health != Health::Gone) else {
        return xrpc_error(400, "InvalidRequest", "List not found");
    };
    let view = state.ctx.store.with(|c| {
        json!({"uri": feed_uri(&f), "cid": ids::cid(f.id), "name": f.name,
           "purpose": "app.bsky.graph.defs#curatelist", "creator": post::profile(c, "murre"),
           "indexedAt": "2024-05-01T00:00:00.000Z"})
    });
    reply::json(200, &json!({"list": view, "items": []}))
}

/// `GET app.bsky.feed.getFeed?feed=&cursor=`.
pub async fn get_feed(State(state): State<Bsky>, headers: HeaderMap, Query(p): Query<Params>) -> Response {
    serve(&state, &headers, &p, "feed", true)
}

/// `GET app.bsky.feed.getListFeed?list=&cursor=`.
pub async fn get_list_feed(State(state): State<Bsky>, headers: HeaderMap, Query(p): Query<Params>) -> Response {
    serve(&state, &headers, &p, "list", false)
}

fn serve(state: &Bsky, headers: &HeaderMap, p: &Params, param: &str, custom: bool) -> Response {
    if let Some(response) = state.sessions.reject(headers, auth::Kind::Access) {
        return response;
    }
    let uri = p.get(param).map_or("", String::as_str);
    let feed = by_uri(uri).filter(|f| f.custom == custom);
    let Some(feed) = feed.filter(|f| f.health != Health::Gone) else {
        return if custom {
            xrpc_error(400, "UnknownFeed", &format!("Unknown feed: {uri}"))
        } else {
            xrpc_error(400, "InvalidRequest", "List not found")
        };
    };
    match feed.health {
        Health::Down => return xrpc_error(502, "UpstreamFailure", "feed unavailable"),
        Health::Private => return xrpc_error(400, "BlockedActor", "Requester is blocked by the list's owner"),
        _ => {}
    }
    let after = match p.get("cursor").filter(|c| !c.is_empty()).map(|c| parse_cursor(c)) {
        None => None,
        Some(Some(position)) => Some(position),
        Some(None) => return xrpc_error(400, "InvalidRequest", "Malformed cursor"),
    };
    let limit = reply::number(p, "limit").ok().flatten().map_or(FEED_PAGE, |n| (n as usize).clamp(1, FEED_PAGE));
    let body = state.ctx.store.with(|c| page(c, &feed, after, limit));
    reply::json(200, &body)
}

fn page(c: &Content, feed: &DemoFeed, after: Option<(i64, u32)>, limit: usize) -> Value {
    let position = |p: &crate::demo::content::Post| (p.at.as_millisecond(), p.key);
    let rest: Vec<_> =
        feeds::posts(c, Net::Bluesky, feed).into_iter().filter(|p| after.is_none_or(|a| position(p) < a)).collect();
    let items = &rest[..limit.min(rest.len())];
    let views: Vec<Value> = items.iter().map(|p| post::feed_view_post(c, p)).collect();
    let mut body = json!({"feed": views});
    if let (true, Some(last)) = (rest.len() > limit, items.last()) {
        let (ms, key) = position(last);
        body["cursor"] = json!(format!("{ms}::{key}"));
    }
    body
}
