//! The demo Tumblr server: `/v2/user/dashboard` (NPF, offset and `since_id` paging) and
//! `/v2/user/info`, inside Tumblr's `{"meta": .., "response": ..}` envelope, with its error shape;
//! OAuth2 (`/oauth2/authorize`, `/v2/oauth2/token`) in [`oauth`]; posting to and reading a blog
//! (`/v2/blog/{blog}/posts`) in [`blog`]; reblogs and deletes in [`reblog`]; likes and follows in
//! [`user`]; blog info, the activity feed and a post's notes in [`views`].

mod blog;
mod npf;
mod oauth;
mod post;
mod reblog;
mod search;
mod user;
mod views;

use super::content::{Content, Net, Person};
use super::faults::Failure;
use super::reply::{self, Params};
use super::{Ctx, TUMBLR_BLOG, TUMBLR_SIDE_BLOG, store};
use axum::Router;
use axum::extract::{FromRef, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use oauth::Grants;
use serde_json::{Value, json};

/// Default and maximum page size of the dashboard.
const MAX_LIMIT: u64 = 20;

/// What the Tumblr handlers share: the server's context and the tokens it issued.
#[derive(Clone)]
struct Shared {
    ctx: Ctx,
    grants: Grants,
}

impl FromRef<Shared> for Ctx {
    fn from_ref(shared: &Shared) -> Ctx {
        shared.ctx.clone()
    }
}

impl FromRef<Shared> for Grants {
    fn from_ref(shared: &Shared) -> Grants {
        shared.grants.clone()
    }
}

/// The Tumblr routes.
pub fn router(ctx: Ctx) -> Router {
    // The demo user's side blog can be posted to, so it is one of the cast here.
    let (name, bio) = ("Sketches by murre".to_string(), "Drafts and doodles.".to_string());
    ctx.store.add_person(Person { key: TUMBLR_SIDE_BLOG.to_string(), name, bio });
    Router::new()
        .route("/v2/user/dashboard", get(dashboard))
        .route("/v2/user/info", get(user_info))
        .route("/v2/blog/{blog}/posts", get(blog::posts).post(blog::create))
        .route("/v2/blog/{blog}/post/delete", post(reblog::delete))
        .route("/v2/blog/{blog}/info", get(views::info))
        .route("/v2/blog/{blog}/notifications", get(views::notifications))
        .route("/v2/blog/{blog}/notes", get(views::notes))
        .route("/v2/tagged", get(search::tagged))
        .route("/v2/user/like", post(user::like))
        .route("/v2/user/unlike", post(user::unlike))
        .route("/v2/user/follow", post(user::follow))
        .route("/v2/user/unfollow", post(user::unfollow))
        .route("/oauth2/authorize", get(oauth::authorize))
        .route("/v2/oauth2/token", post(oauth::token))
        .fallback(|| async { failure(404, 0, "Not Found") })
        .with_state(Shared { ctx, grants: Grants::default() })
}

/// A successful answer in the envelope.
fn ok(response: Value) -> Response {
    reply::json(200, &json!({"meta": {"status": 200, "msg": "OK"}, "response": response}))
}

/// An error answer in Tumblr's shape.
fn failure(status: u16, code: u32, detail: &str) -> Response {
    let msg = if status == 429 { "Limit Exceeded" } else { reply::reason(status) };
    let body = json!({
        "meta": {"status": status, "msg": msg},
        "response": [],
        "errors": [{"title": msg, "code": code, "detail": detail}],
    });
    reply::json(status, &body)
}

/// Renders a failure as Tumblr does; 429 carries `Retry-After` and the per-hour rate headers.
pub fn error(fault: Failure) -> Response {
    match fault {
        Failure::Status(status) => failure(status, 0, reply::reason(status)),
        Failure::RateLimited(secs) => {
            let response = failure(429, 0, "Rate limit exceeded, try again later.");
            let response = reply::with_header(response, "retry-after", &secs.to_string());
            let response = reply::with_header(response, "x-ratelimit-perhour-limit", "1000");
            let response = reply::with_header(response, "x-ratelimit-perhour-remaining", "0");
            reply::with_header(response, "x-ratelimit-perhour-reset", &secs.to_string())
        }
    }
}

/// Checks the OAuth2 bearer token: `Some` is Tumblr's 401 answer to send instead.
fn reject(ctx: &Ctx, grants: &Grants, headers: &HeaderMap) -> Option<Response> {
    (!oauth::authorized(ctx, grants, headers)).then(|| failure(401, 1016, "Unable to authorize"))
}

/// `GET /v2/user/dashboard?npf=true&limit=&offset=&since_id=` (always answers in NPF).
async fn dashboard(
    State(ctx): State<Ctx>,
    State(grants): State<Grants>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Response {
    if let Some(response) = reject(&ctx, &grants, &headers) {
        return response;
    }
    let numbers =
        (reply::number(&params, "limit"), reply::number(&params, "offset"), reply::number(&params, "since_id"));
    let (Ok(limit), Ok(offset), Ok(since)) = numbers else {
        return failure(400, 0, "limit, offset and since_id must be integers");
    };
    let limit = limit.unwrap_or(MAX_LIMIT).clamp(1, MAX_LIMIT) as usize;
    let offset = offset.unwrap_or(0) as usize;
    let body = ctx.store.with(|c| {
        let feed: Vec<_> =
            store::feed(c, Net::Tumblr).into_iter().filter(|p| since.is_none_or(|s| post::id(p) > s)).collect();
        let page: Vec<Value> = feed.iter().skip(offset).take(limit).map(|p| post::post(c, p, ctx.now)).collect();
        let mut body = json!({"posts": page});
        if offset + limit < feed.len() {
            body["_links"] = next_link(limit, offset + limit);
        }
        body
    });
    ok(body)
}

/// `_links.next` of a dashboard page.
fn next_link(limit: usize, offset: usize) -> Value {
    json!({"next": {
        "href": format!("/v2/user/dashboard?npf=true&limit={limit}&offset={offset}"),
        "method": "GET",
        "query_params": {"npf": "true", "limit": limit.to_string(), "offset": offset.to_string()},
    }})
}

/// `GET /v2/user/info`: the demo user with a primary blog and a side blog.
async fn user_info(State(ctx): State<Ctx>, State(grants): State<Grants>, headers: HeaderMap) -> Response {
    if let Some(response) = reject(&ctx, &grants, &headers) {
        return response;
    }
    let blogs = ctx.store.with(|c| [own_blog(c, store::ME, true, 12), own_blog(c, TUMBLR_SIDE_BLOG, false, 3)]);
    ok(json!({"user": {
        "name": TUMBLR_BLOG,
        "likes": 42,
        "following": 15,
        "default_post_format": "html",
        "blogs": blogs,
    }}))
}

/// One of the demo user's blogs as `/v2/user/info` lists it: the primary blog, or a side blog.
fn own_blog(c: &Content, key: &str, primary: bool, followers: u32) -> Value {
    let mut blog = post::blog_info(c, key);
    blog["primary"] = json!(primary);
    blog["admin"] = json!(true);
    blog["type"] = json!("public");
    blog["followers"] = json!(followers);
    blog["posts"] = json!(c.posts.iter().filter(|p| p.author == key && p.nets.has(Net::Tumblr)).count());
    blog
}
