//! The user's likes and follows on the demo Tumblr server: `POST /v2/user/like` and `/v2/user/unlike`
//! with `{id, reblog_key}`, `POST /v2/user/follow` and `/v2/user/unfollow` with `{url}` (a blog name,
//! `name.tumblr.com`, its URL or its uuid). Bodies are JSON or a form. The dashboard shows them back
//! as `liked`, `note_count` and `followed`.
//!
//! Refusals: an unknown post or blog is 404, a reblog key that does not match the post is 400, and
//! the user's own blogs cannot be followed (400).

use super::blog::{bad, blog_key, is_own};
use super::{Shared, failure, ok, post, reject};
use crate::demo::acts::{self, Kind};
use crate::demo::content::Net;
use crate::demo::reply::Params;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

/// The fields of a body: a JSON object (scalars as text) or a form.
pub fn fields(body: &[u8]) -> Params {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(object)) => object
            .into_iter()
            .filter_map(|(k, v)| match v {
                Value::String(s) => Some((k, s)),
                Value::Number(n) => Some((k, n.to_string())),
                _ => None,
            })
            .collect(),
        _ => url::form_urlencoded::parse(body).into_owned().collect(),
    }
}

/// `POST /v2/user/like`.
pub async fn like(state: State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    like_or_not(state, headers, body, true)
}

/// `POST /v2/user/unlike`.
pub async fn unlike(state: State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    like_or_not(state, headers, body, false)
}

fn like_or_not(State(shared): State<Shared>, headers: HeaderMap, body: Bytes, on: bool) -> Response {
    let ctx = &shared.ctx;
    if let Some(response) = reject(ctx, &shared.grants, &headers) {
        return response;
    }
    let form = fields(&body);
    let (Some(id), Some(reblog_key)) = (form.get("id"), form.get("reblog_key")) else {
        return *bad("id and reblog_key are required");
    };
    let found = ctx.store.with(|c| {
        let p = c.posts.iter().find(|p| p.nets.has(Net::Tumblr) && post::id(p).to_string() == *id)?;
        Some((p.key, post::reblog_key(p) == *reblog_key))
    });
    match found {
        None => failure(404, 0, "Post not found"),
        Some((_, false)) => *bad("The reblog key does not match the post"),
        Some((key, true)) => {
            ctx.store.update(|c| acts::set(c, key, Kind::Like, on.then(String::new)));
            ok(json!([]))
        }
    }
}

/// `POST /v2/user/follow`.
pub async fn follow(state: State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    follow_or_not(state, headers, body, true)
}

/// `POST /v2/user/unfollow`.
pub async fn unfollow(state: State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    follow_or_not(state, headers, body, false)
}

fn follow_or_not(State(shared): State<Shared>, headers: HeaderMap, body: Bytes, on: bool) -> Response {
    let ctx = &shared.ctx;
    if let Some(response) = reject(ctx, &shared.grants, &headers) {
        return response;
    }
    let form = fields(&body);
    let Some(url) = form.get("url").or_else(|| form.get("blog")) else {
        return *bad("url is required");
    };
    let Some(key) = ctx.store.with(|c| blog_key(c, url)) else {
        return failure(404, 0, "Blog not found");
    };
    if is_own(&key) {
        return *bad("You cannot follow your own blog");
    }
    let blog = ctx.store.update(|c| {
        c.acts.follows.insert(key.clone(), on.then(String::new));
        post::blog_info(c, &key)
    });
    if on { ok(json!({"blog": blog})) } else { ok(json!([])) }
}
