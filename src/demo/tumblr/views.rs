//! The views on the demo Tumblr server: `GET /v2/blog/{blog}/info`, a blog's activity feed
//! (`GET /v2/blog/{blog}/notifications`, the user's own blogs only) and a post's notes
//! (`GET /v2/blog/{blog}/notes?id=&mode=`: replies and reblogs, with `conversation` keeping replies
//! and reblogs with added text). Tumblr keeps its read position to itself: the activity says
//! `unread` from it, and no call moves it. A deleted blog is 404.

use super::blog::{blog_key, is_own};
use super::{Shared, failure, ok, post, reject};
use crate::demo::acts;
use crate::demo::content::{Content, GHOST, Net, Notice, NoticeKind, Post};
use crate::demo::reply::{self, Params};
use crate::demo::{ids, store};
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

/// A private blog: its info is refused to everyone but its members.
pub const PRIVATE: &str = "private-diary";

/// `GET /v2/blog/{blog}/info`.
pub async fn info(State(shared): State<Shared>, headers: HeaderMap, Path(blog): Path<String>) -> Response {
    if let Some(response) = reject(&shared.ctx, &shared.grants, &headers) {
        return response;
    }
    if blog == PRIVATE {
        // As Tumblr answers for a blog only its members may read, whatever the token.
        return failure(401, 0, "Unauthorized");
    }
    let body = shared.ctx.store.with(|c| {
        let key = blog_key(c, &blog).filter(|k| k != GHOST)?;
        let mut info = post::blog_info(c, &key);
        info["posts"] = json!(c.posts.iter().filter(|p| p.author == key && p.nets.has(Net::Tumblr)).count());
        info["followed"] = json!(acts::follows(c, &key));
        info["ask"] = json!(true);
        info["likes"] = json!(ids::hash(&key) % 900);
        Some(json!({"blog": info}))
    });
    body.map_or_else(|| failure(404, 0, "Blog not found"), ok)
}

/// `GET /v2/blog/{blog}/notifications?before=`: newest first (before a Unix time, when given).
pub async fn notifications(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(blog): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    if let Some(response) = reject(&shared.ctx, &shared.grants, &headers) {
        return response;
    }
    let Ok(before) = reply::number(&params, "before") else { return failure(400, 0, "before must be an integer") };
    let body = shared.ctx.store.with(|c| {
        let key = blog_key(c, &blog)?;
        if !is_own(&key) {
            return Some(Err(()));
        }
        let earlier = |n: &&Notice| before.is_none_or(|b| n.at.as_second() < i64::try_from(b).unwrap_or(i64::MAX));
        let mut list: Vec<&Notice> = c.notices.iter().filter(|n| n.nets.has(Net::Tumblr)).filter(earlier).collect();
        list.sort_by_key(|n| std::cmp::Reverse(n.at));
        Some(Ok(json!({"notifications": list.into_iter().map(|n| activity(c, n)).collect::<Vec<_>>()})))
    });
    match body {
        Some(Ok(body)) => ok(body),
        Some(Err(())) => failure(403, 0, "You can only see the activity of your own blogs"),
        None => failure(404, 0, "Blog not found"),
    }
}

fn activity(c: &Content, n: &Notice) -> Value {
    let kind = match n.kind {
        NoticeKind::Like => "like",
        NoticeKind::Repost => "reblog_naked",
        NoticeKind::Follow => "follow",
        NoticeKind::Mention => "mention_in_post",
        NoticeKind::Reply => "reply",
        NoticeKind::Quote => "reblog_with_content",
    };
    let mut item = json!({
        "id": ids::base32(&format!("activity/{}", n.key), 16),
        "type": kind,
        "timestamp": n.at.as_second(),
        "unread": n.at > c.read.seen,
        "from_tumblelog_name": ids::handle(Net::Tumblr, &n.from),
        "from_tumblelog_uuid": ids::blog_uuid(&n.from),
    });
    if let Some(target) = n.target.and_then(|k| store::find(c, k)) {
        item["target_post_id"] = json!(post::id(target).to_string());
        item["target_tumblelog_name"] = json!(ids::handle(Net::Tumblr, &target.author));
    }
    if let Some(own) = n.post.and_then(|k| store::find(c, k)) {
        item["post_id"] = json!(post::id(own).to_string());
        if n.kind == NoticeKind::Quote {
            item["added_text"] = json!(own.text);
        }
    }
    if let Some(text) = &n.text {
        item["reply_text"] = json!(text);
    }
    item
}

/// `GET /v2/blog/{blog}/notes?id=&mode=`: newest first.
pub async fn notes(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(blog): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    if let Some(response) = reject(&shared.ctx, &shared.grants, &headers) {
        return response;
    }
    let Ok(Some(id)) = reply::number(&params, "id") else {
        return failure(400, 0, "id is required and must be an integer");
    };
    let conversation = params.get("mode").is_some_and(|m| m == "conversation");
    let body = shared.ctx.store.with(|c| {
        let key = blog_key(c, &blog)?;
        let target = c.posts.iter().find(|p| p.author == key && p.nets.has(Net::Tumblr) && post::id(p) == id)?;
        let mut list: Vec<(jiff::Timestamp, Value)> = replies(c, target);
        if !conversation {
            list.extend(likes(c, target));
        }
        list.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
        let total = list.len();
        Some(json!({"notes": list.into_iter().map(|(_, v)| v).collect::<Vec<_>>(), "total_notes": total}))
    });
    body.map_or_else(|| failure(404, 0, "Post not found"), ok)
}

/// A note's blog fields.
fn from(key: &str, at: jiff::Timestamp) -> Value {
    let name = ids::handle(Net::Tumblr, key);
    json!({
        "timestamp": at.as_second(),
        "blog_name": name,
        "blog_uuid": ids::blog_uuid(key),
        "blog_url": format!("https://{name}.tumblr.com/"),
        "followed": false,
        "avatar_shape": "square",
    })
}

/// Replies (any post answering the target, on any network: Tumblr shows them as reply notes) and
/// reblogs with added text (quotes of it).
fn replies(c: &Content, target: &Post) -> Vec<(jiff::Timestamp, Value)> {
    let mut out = Vec::new();
    for p in c.posts.iter().filter(|p| p.reply_to == Some(target.key) || p.quote_of == Some(target.key)) {
        let mut note = from(&p.author, p.at);
        if p.reply_to == Some(target.key) {
            note["type"] = json!("reply");
            note["reply_text"] = json!(p.text);
        } else {
            note["type"] = json!("reblog");
            note["added_text"] = json!(p.text);
            note["post_id"] = json!(post::id(p).to_string());
        }
        out.push((p.at, note));
    }
    out
}

/// Likes and plain reblogs, from the notifications about the target.
fn likes(c: &Content, target: &Post) -> Vec<(jiff::Timestamp, Value)> {
    let about = c.notices.iter().filter(|n| n.target == Some(target.key) && n.post.is_none());
    about
        .filter_map(|n| {
            let kind = match n.kind {
                NoticeKind::Like => "like",
                NoticeKind::Repost => "reblog",
                _ => return None,
            };
            let mut note = from(&n.from, n.at);
            note["type"] = json!(kind);
            Some((n.at, note))
        })
        .collect()
}
