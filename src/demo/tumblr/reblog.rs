//! Reblogging and deleting on the demo Tumblr server. A reblog is a create on one of the user's
//! blogs (`POST /v2/blog/{blog}/posts`) naming its parent with `parent_tumblelog_uuid`,
//! `parent_post_id` and `reblog_key` (content optional: the reblog's own comment); it shows on the
//! dashboard with the parent in its trail. `POST /v2/blog/{blog}/post/delete {id}` deletes a post of
//! one of the user's blogs (a reblog included).
//!
//! Refusals: a parent that does not exist is 404, a uuid or reblog key that does not match it is 400,
//! another's blog is 403.

use super::blog::{bad, blocks, blog_key, is_own};
use super::{Shared, error, failure, ok, post, reject};
use crate::demo::content::{Net, Nets, Post, Sent};
use crate::demo::faults::Failure;
use crate::demo::reply::{self, Early};
use crate::demo::store::{self, Created};
use crate::demo::{Ctx, ids};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Map, Value, json};

/// A field of a JSON body as text (numbers too: ids may come as either).
fn text(input: &Map<String, Value>, name: &str) -> Option<String> {
    match input.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A reblog onto `author`'s blog (already checked to be the user's).
pub fn create(ctx: &Ctx, author: &str, input: &Map<String, Value>) -> Result<Response, Early> {
    let (Some(parent_id), Some(uuid), Some(key)) =
        (text(input, "parent_post_id"), text(input, "parent_tumblelog_uuid"), text(input, "reblog_key"))
    else {
        return Err(bad("A reblog needs parent_tumblelog_uuid, parent_post_id and reblog_key"));
    };
    let content = match input.get("content") {
        Some(Value::Array(list)) if !list.is_empty() => blocks(input.get("content"))?,
        _ => Vec::new(),
    };
    let parent = ctx.store.with(|c| {
        let p = c.posts.iter().find(|p| p.nets.has(Net::Tumblr) && post::id(p).to_string() == parent_id)?;
        Some((p.key, ids::blog_uuid(&p.author) == uuid, post::reblog_key(p) == key))
    });
    let parent = match parent {
        None => return Err(failure(404, 0, "Post not found").into()),
        Some((_, false, _)) => return Err(bad("parent_tumblelog_uuid is not the blog of that post")),
        Some((_, _, false)) => return Err(bad("The reblog key does not match the post")),
        Some((parent, true, true)) => parent,
    };
    let created = ctx.store.create(None, |_, key, at| {
        let mut reblog = Post { boost_of: Some(parent), ..Post::new(at, key, author, 0, "").on(Nets::T) };
        reblog.sent = Some(Sent::Tumblr { content, layout: Vec::new(), tags: Vec::new(), state: "published".into() });
        Ok::<_, Early>(reblog)
    });
    let (Created::New(key) | Created::Again(key)) = created?;
    if ctx.faults.count_create() {
        return Err(error(Failure::Status(500)).into());
    }
    let id = ctx.store.with(|c| store::find(c, key).map(post::id)).unwrap_or_default().to_string();
    let response = json!({"id": id, "id_string": id, "state": "published", "display_text": "Reblogged"});
    Ok(reply::json(201, &json!({"meta": {"status": 201, "msg": "Created"}, "response": response})))
}

/// `POST /v2/blog/{blog}/post/delete {id}` (JSON or form).
pub async fn delete(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(blog): Path<String>,
    body: Bytes,
) -> Response {
    let ctx = &shared.ctx;
    if let Some(response) = reject(ctx, &shared.grants, &headers) {
        return response;
    }
    let Some(id) = super::user::fields(&body).remove("id") else {
        return *bad("id is required");
    };
    let found = ctx.store.with(|c| {
        let owner = blog_key(c, &blog)?;
        let post =
            c.posts.iter().find(|p| p.author == owner && p.nets.has(Net::Tumblr) && post::id(p).to_string() == id);
        Some((owner, post.map(|p| p.key)))
    });
    match found {
        None => failure(404, 0, "Blog not found"),
        Some((owner, _)) if !is_own(&owner) => failure(403, 0, "You cannot delete posts of this blog"),
        Some((_, None)) => failure(404, 0, "Post not found"),
        Some((_, Some(key))) => {
            ctx.store.remove(key);
            ok(json!({"id": id}))
        }
    }
}
