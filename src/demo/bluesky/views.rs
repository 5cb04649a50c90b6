//! The views on the demo Bluesky server: `app.bsky.feed.getPostThread` (nested `threadViewPost`s;
//! a deleted parent is a `notFoundPost`, the blocker's replies are `blockedPost`s), the
//! notifications (`listNotifications`, `getUnreadCount`, `updateSeen`), and profiles
//! (`app.bsky.actor.getProfile`, `app.bsky.feed.getAuthorFeed`; a deleted account is "Profile not
//! found", the blocker answers `blockedBy` and `BlockedByActor`).

use super::{Bsky, auth, post, repo, xrpc_error};
use crate::demo::content::{BLOCKER, Content, GHOST, Net, Notice, NoticeKind, Post};
use crate::demo::reply::{self, Params};
use crate::demo::{ids, store};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// Most levels of replies and of parents a thread view holds.
const MAX_DEPTH: u64 = 100;

/// `GET app.bsky.feed.getPostThread?uri=&depth=&parentHeight=`.
pub async fn get_post_thread(State(state): State<Bsky>, headers: HeaderMap, Query(params): Query<Params>) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let depth = reply::number(&params, "depth").ok().flatten().unwrap_or(6).min(MAX_DEPTH);
    let height = reply::number(&params, "parentHeight").ok().flatten().unwrap_or(80).min(MAX_DEPTH);
    let uri = params.get("uri").cloned().unwrap_or_default();
    let thread = state.ctx.store.with(|c| {
        let post = repo::by_uri(c, &uri).filter(|p| p.author != BLOCKER)?;
        let mut view = node(c, post);
        if let Some(parent) = parents(c, post, height) {
            view["parent"] = parent;
        }
        view["replies"] = replies(c, post, depth);
        Some(view)
    });
    match thread {
        Some(thread) => reply::json(200, &json!({"thread": thread})),
        None => xrpc_error(400, "NotFound", &format!("Post not found: {uri}")),
    }
}

/// A `threadViewPost` without parent and replies.
fn node(c: &Content, post: &Post) -> Value {
    json!({"$type": "app.bsky.feed.defs#threadViewPost", "post": post::post_view(c, post, true)})
}

fn blocked(post: &Post) -> Value {
    json!({
        "$type": "app.bsky.feed.defs#blockedPost",
        "uri": post::uri(post),
        "blocked": true,
        "author": {"did": ids::did(&post.author), "viewer": {"blockedBy": true}},
    })
}

/// The chain above `post`, `height` levels at most, nested the lexicon's way.
fn parents(c: &Content, post: &Post, height: u64) -> Option<Value> {
    let key = post.reply_to.filter(|_| height > 0)?;
    let Some(parent) = store::find(c, key).filter(|p| p.nets.has(Net::Bluesky)) else {
        return Some(
            json!({"$type": "app.bsky.feed.defs#notFoundPost", "uri": post::missing_uri(key), "notFound": true}),
        );
    };
    if parent.author == BLOCKER {
        return Some(blocked(parent));
    }
    let mut view = node(c, parent);
    if let Some(above) = parents(c, parent, height - 1) {
        view["parent"] = above;
    }
    Some(view)
}

/// The replies below `post`, oldest first, `depth` levels.
fn replies(c: &Content, post: &Post, depth: u64) -> Value {
    if depth == 0 {
        return json!([]);
    }
    let mut children: Vec<&Post> =
        c.posts.iter().filter(|p| p.reply_to == Some(post.key) && p.nets.has(Net::Bluesky)).collect();
    children.sort_by_key(|p| p.at);
    let views = children.into_iter().map(|child| {
        if child.author == BLOCKER {
            return blocked(child);
        }
        let mut view = node(c, child);
        view["replies"] = replies(c, child, depth - 1);
        view
    });
    Value::Array(views.collect())
}

/// The demo account's notifications on Bluesky, newest first.
fn notices(c: &Content) -> Vec<&Notice> {
    let mut list: Vec<&Notice> = c.notices.iter().filter(|n| n.nets.has(Net::Bluesky)).collect();
    list.sort_by_key(|n| std::cmp::Reverse(n.at));
    list
}

/// `GET app.bsky.notification.listNotifications?limit=`.
pub async fn list_notifications(
    State(state): State<Bsky>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let limit = match reply::number(&params, "limit") {
        Ok(n) => n.unwrap_or(50).clamp(1, 100) as usize,
        Err(message) => return xrpc_error(400, "InvalidRequest", &message),
    };
    // The cursor is an offset into the newest-first list.
    let Some(offset) = params.get("cursor").map_or(Some(0), |c| c.parse::<usize>().ok()) else {
        return xrpc_error(400, "InvalidRequest", "Malformed cursor");
    };
    let body = state.ctx.store.with(|c| {
        let all = notices(c);
        let list: Vec<Value> = all.iter().skip(offset).take(limit).map(|n| notification(c, n)).collect();
        let mut body = json!({"notifications": list, "seenAt": post::time(c.read.seen), "priority": false});
        if all.len() > offset + limit {
            body["cursor"] = json!((offset + limit).to_string());
        }
        body
    });
    reply::json(200, &body)
}

fn notification(c: &Content, n: &Notice) -> Value {
    let (reason, collection) = match n.kind {
        NoticeKind::Like => ("like", "app.bsky.feed.like"),
        NoticeKind::Repost => ("repost", "app.bsky.feed.repost"),
        NoticeKind::Follow => ("follow", "app.bsky.graph.follow"),
        NoticeKind::Mention => ("mention", "app.bsky.feed.post"),
        NoticeKind::Reply => ("reply", "app.bsky.feed.post"),
        NoticeKind::Quote => ("quote", "app.bsky.feed.post"),
    };
    let own = n.post.and_then(|k| store::find(c, k));
    let target = n.target.and_then(|k| store::find(c, k));
    let rkey = ids::tid(n.at, 800 + n.key);
    let uri = own.map_or_else(|| format!("at://{}/{collection}/{rkey}", ids::did(&n.from)), post::uri);
    let record = match (own, target) {
        (Some(p), _) => post::record(c, p),
        (None, Some(t)) => json!({"$type": collection, "subject": post::strong_ref(t), "createdAt": post::time(n.at)}),
        (None, None) => {
            json!({"$type": collection, "subject": crate::demo::BLUESKY_DID, "createdAt": post::time(n.at)})
        }
    };
    let mut view = json!({
        "uri": uri,
        "cid": ids::cid(&format!("notice/{}", n.key)),
        "author": post::profile(c, &n.from),
        "reason": reason,
        "record": record,
        "isRead": n.at <= c.read.seen,
        "indexedAt": post::time(n.at),
        "labels": [],
    });
    if let Some(t) = target {
        view["reasonSubject"] = json!(post::uri(t));
    }
    view
}

/// `GET app.bsky.notification.getUnreadCount`.
pub async fn get_unread_count(State(state): State<Bsky>, headers: HeaderMap) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let count = state.ctx.store.with(|c| notices(c).into_iter().filter(|n| n.at > c.read.seen).count());
    reply::json(200, &json!({"count": count}))
}

/// `POST app.bsky.notification.updateSeen {seenAt}`.
pub async fn update_seen(State(state): State<Bsky>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let input = match repo::object(&body) {
        Ok(input) => input,
        Err(response) => return *response,
    };
    let Some(seen) = input.get("seenAt").and_then(Value::as_str).and_then(|t| t.parse::<jiff::Timestamp>().ok()) else {
        return xrpc_error(400, "InvalidRequest", "Input/seenAt must be a valid datetime");
    };
    state.ctx.store.update(|c| c.read.seen = seen);
    axum::http::StatusCode::OK.into_response()
}

/// The person an actor (DID or handle) names, unless their account is gone.
fn actor(c: &Content, actor: &str) -> Option<String> {
    let found = c
        .people
        .iter()
        .find(|p| ids::did(&p.key) == actor || ids::handle(Net::Bluesky, &p.key).eq_ignore_ascii_case(actor));
    found.map(|p| p.key.clone()).filter(|k| k != GHOST)
}

/// `GET app.bsky.actor.getProfile?actor=`.
pub async fn get_profile(State(state): State<Bsky>, headers: HeaderMap, Query(params): Query<Params>) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let wanted = params.get("actor").cloned().unwrap_or_default();
    let body = state.ctx.store.with(|c| {
        let key = actor(c, &wanted)?;
        let person = store::person(c, &key);
        let mut view = post::profile(c, &key);
        let count = |f: &dyn Fn(&Post) -> bool| c.posts.iter().filter(|p| p.nets.has(Net::Bluesky) && f(p)).count();
        view["description"] = json!(person.bio);
        view["postsCount"] = json!(count(&|p| p.author == key));
        view["followersCount"] = json!(ids::hash(&key) % 5000);
        view["followsCount"] = json!(ids::hash(&key) % 700);
        if key == BLOCKER {
            view["viewer"]["blockedBy"] = json!(true);
        }
        Some(view)
    });
    match body {
        Some(body) => reply::json(200, &body),
        None => xrpc_error(400, "InvalidRequest", "Profile not found"),
    }
}

/// `GET app.bsky.feed.getAuthorFeed?actor=&limit=`: the person's posts and reposts, newest first.
pub async fn get_author_feed(State(state): State<Bsky>, headers: HeaderMap, Query(params): Query<Params>) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let wanted = params.get("actor").cloned().unwrap_or_default();
    let limit = reply::number(&params, "limit").ok().flatten().unwrap_or(50).clamp(1, 100) as usize;
    // The cursor is an offset into the newest-first posts.
    let Some(offset) = params.get("cursor").map_or(Some(0), |c| c.parse::<usize>().ok()) else {
        return xrpc_error(400, "InvalidRequest", "Malformed cursor");
    };
    let body = state.ctx.store.with(|c| {
        let key = actor(c, &wanted)?;
        if key == BLOCKER {
            return Some(Err(()));
        }
        let mut posts: Vec<&Post> = c.posts.iter().filter(|p| p.author == key && p.nets.has(Net::Bluesky)).collect();
        posts.sort_by_key(|p| std::cmp::Reverse((p.at, p.key)));
        let more = posts.len() > offset + limit;
        let feed: Vec<Value> = posts.into_iter().skip(offset).take(limit).map(|p| post::feed_view_post(c, p)).collect();
        let mut body = json!({"feed": feed});
        if more {
            body["cursor"] = json!((offset + limit).to_string());
        }
        Some(Ok(body))
    });
    match body {
        Some(Ok(body)) => reply::json(200, &body),
        Some(Err(())) => xrpc_error(400, "BlockedByActor", "Requester is blocked by actor"),
        None => xrpc_error(400, "InvalidRequest", "Profile not found"),
    }
}
