//! A blog's posts on the demo Tumblr server: `POST /v2/blog/{blog}/posts` creates an NPF post on one
//! of the demo user's blogs, `GET /v2/blog/{blog}/posts?npf=true` lists a blog's newest posts in the
//! dashboard's NPF post shape.
//!
//! A blog is named by its name, `name.tumblr.com` or its uuid. A create takes a JSON body
//! `{content: [NPF blocks], layout?, tags: "a,b" | ["a", "b"], state?}`, keeps the blocks as sent and
//! answers 201 `{"id": "...", "id_string": "...", "state": ...}`; only `published` posts (the default)
//! show on the dashboard and the blog. The demo refuses what the NPF spec rules out: no blocks, a
//! block without a known `type`, a text block over 4096 code points, or a formatting range that is
//! empty or runs past its block's text (whether the real server checks the ranges is unverified).
//! With images the body is multipart: the post as the `json` part, each file as a part named by the
//! `identifier` its image block gives.

use super::{Shared, TUMBLR_SIDE_BLOG, error, failure, ok, post, reject};
use crate::demo::content::{Content, Media, MediaKind, Net, Nets, Post, Sent};
use crate::demo::faults::Failure;
use crate::demo::reply::{self, Early, Params};
use crate::demo::store::{self, Created};
use crate::demo::upload::{self, Upload};
use crate::demo::{Ctx, TUMBLR_CLIENT_ID, ids};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Map, Value, json};

/// The most code points one text block may hold.
const MAX_BLOCK: usize = 4096;
/// Default and maximum page size of a blog's posts.
const MAX_LIMIT: u64 = 20;
/// The NPF content block types.
const BLOCK_TYPES: [&str; 7] = ["text", "image", "link", "audio", "video", "poll", "paywall"];
/// The post states a create may ask for.
const STATES: [&str; 4] = ["published", "draft", "queue", "private"];

/// The person key of the blog `identifier` names (a name, `name.tumblr.com`, its URL or a uuid).
pub(super) fn blog_key(c: &Content, identifier: &str) -> Option<String> {
    let host = identifier.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
    let name = host.strip_suffix(".tumblr.com").unwrap_or(host);
    c.people
        .iter()
        .find(|p| ids::handle(Net::Tumblr, &p.key).eq_ignore_ascii_case(name) || ids::blog_uuid(&p.key) == identifier)
        .map(|p| p.key.clone())
}

/// Whether the demo user may post to the blog of person `key` (their primary blog or side blog).
pub(super) fn is_own(key: &str) -> bool {
    key == store::ME || key == TUMBLR_SIDE_BLOG
}

/// Whether a post is public on its blog (drafts, queued and private posts are not).
fn published(post: &Post) -> bool {
    match &post.sent {
        Some(Sent::Tumblr { state, .. }) => state == "published",
        _ => true,
    }
}

/// A 400 in Tumblr's error shape.
pub(super) fn bad(detail: &str) -> Early {
    failure(400, 0, detail).into()
}

/// The content blocks of a create, checked; `Err` is the 400 to answer.
pub(super) fn blocks(content: Option<&Value>) -> Result<Vec<Value>, Early> {
    let Some(Value::Array(blocks)) = content else {
        return Err(bad("content must be an array of NPF content blocks"));
    };
    if blocks.is_empty() {
        return Err(bad("The post has no content"));
    }
    for (i, block) in blocks.iter().enumerate() {
        let kind = block.get("type").and_then(Value::as_str).unwrap_or_default();
        if !BLOCK_TYPES.contains(&kind) {
            return Err(bad(&format!("content[{i}] has no known type")));
        }
        if kind == "text" {
            text_block(block).map_err(|why| bad(&format!("content[{i}]: {why}")))?;
        }
    }
    Ok(blocks.clone())
}

/// Checks one text block: its text and its formatting ranges, in code points.
fn text_block(block: &Value) -> Result<(), String> {
    let text = block.get("text").and_then(Value::as_str).ok_or("a text block needs text")?;
    let len = text.chars().count();
    if len > MAX_BLOCK {
        return Err(format!("a text block holds at most {MAX_BLOCK} characters, not {len}"));
    }
    for range in block.get("formatting").and_then(Value::as_array).into_iter().flatten() {
        let at = |k: &str| range.get(k).and_then(Value::as_u64).map(|n| n as usize);
        match (at("start"), at("end"), range.get("type").and_then(Value::as_str)) {
            (Some(start), Some(end), Some(_)) if start < end && end <= len => {}
            _ => return Err(format!("formatting {range} is not a range inside the {len} characters of the text")),
        }
    }
    Ok(())
}

/// Tags as a comma-separated string or an array of strings, trimmed, without empty ones.
fn tags(tags: Option<&Value>) -> Result<Vec<String>, Early> {
    let clean = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
    match tags {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(list)) => Ok(list.split(',').filter_map(clean).collect()),
        Some(Value::Array(list)) if list.iter().all(Value::is_string) => {
            Ok(list.iter().filter_map(Value::as_str).filter_map(clean).collect())
        }
        Some(_) => Err(bad("tags must be a comma-separated string or an array of strings")),
    }
}

/// `POST /v2/blog/{blog}/posts` with an NPF JSON body.
pub async fn create(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(blog): Path<String>,
    body: Bytes,
) -> Response {
    if let Some(response) = reject(&shared.ctx, &shared.grants, &headers) {
        return response;
    }
    let (body, files) = if upload::is_multipart(&headers) {
        let Some(parts) = upload::parts(&headers, body).await else {
            return *bad("The multipart body is unreadable");
        };
        let json = parts.iter().find(|p| p.name == "json").map(|p| p.data.clone()).unwrap_or_default();
        (json, parts)
    } else {
        (body, Vec::new())
    };
    match create_checked(&shared.ctx, &blog, &body, &files) {
        Ok(response) => response,
        Err(response) => *response,
    }
}

/// The body of [`create`] after the token check.
fn create_checked(ctx: &Ctx, blog: &str, body: &[u8], files: &[upload::Part]) -> Result<Response, Early> {
    let author = match ctx.store.with(|c| blog_key(c, blog)) {
        None => return Err(failure(404, 0, "Blog not found").into()),
        Some(key) if !is_own(&key) => return Err(failure(403, 0, "You cannot post to this blog").into()),
        Some(key) => key,
    };
    let Ok(Value::Object(input)) = serde_json::from_slice::<Value>(body) else {
        return Err(bad("The body must be a JSON object (an NPF post)"));
    };
    let input: Map<String, Value> = input;
    if input.contains_key("parent_post_id") {
        return super::reblog::create(ctx, &author, &input);
    }
    let mut content = blocks(input.get("content"))?;
    let media = images(ctx, &mut content, files)?;
    let layout = match input.get("layout") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(layout)) => layout.clone(),
        Some(_) => return Err(bad("layout must be an array of layout blocks")),
    };
    let tags = tags(input.get("tags"))?;
    let state = match input.get("state") {
        None | Some(Value::Null) => "published",
        Some(Value::String(s)) if STATES.contains(&s.as_str()) => s.as_str(),
        Some(_) => return Err(bad(&format!("state must be one of {}", STATES.join(", ")))),
    };
    let text: Vec<&str> = content.iter().filter(|b| b["type"] == "text").filter_map(|b| b["text"].as_str()).collect();
    let text = text.join("\n\n");
    let created = ctx.store.create(None, |_, key, at| {
        let mut post = Post::new(at, key, &author, 0, &text).on(Nets::T);
        post.in_feed = state == "published";
        post.media = media.clone();
        post.sent = Some(Sent::Tumblr { content, layout, tags, state: state.to_string() });
        Ok::<_, Early>(post)
    });
    let (Created::New(key) | Created::Again(key)) = created?;
    if ctx.faults.count_create() {
        return Err(error(Failure::Status(500)).into());
    }
    let id = ctx.store.with(|c| store::find(c, key).map(post::id)).unwrap_or_default().to_string();
    let response = json!({"id": id, "id_string": id, "state": state, "display_text": format!("Posted to {blog}")});
    Ok(reply::json(201, &json!({"meta": {"status": 201, "msg": "Created"}, "response": response})))
}

/// Image blocks whose media name a multipart part by `identifier` get the uploaded file's URL, as
/// Tumblr stores them; an identifier with no part, or a part that is not an image, is 400.
fn images(ctx: &Ctx, content: &mut [Value], files: &[upload::Part]) -> Result<Vec<Media>, Early> {
    let mut media = Vec::new();
    for block in content.iter_mut().filter(|b| b["type"] == "image") {
        let Some(identifier) = block.pointer("/media/0/identifier").and_then(Value::as_str).map(str::to_string) else {
            continue;
        };
        let file = files.iter().find(|f| f.name == identifier);
        let Some((file, mime)) = file.and_then(|f| upload::image_type(&f.data).map(|m| (f, m))) else {
            return Err(bad(&format!("No image was uploaded for identifier {identifier}")));
        };
        let id = ctx
            .uploads
            .add("tumblr-media-", Upload { mime: mime.into(), size: file.data.len(), alt: None, processing: 0 });
        let url = format!("{}/media/{id}.png", ctx.url);
        block["media"] = json!([{"url": url, "type": mime, "width": 640, "height": 480}]);
        let alt = block["alt_text"].as_str().filter(|a| !a.is_empty());
        media.push(Media::new(MediaKind::Image, &url, alt));
    }
    Ok(media)
}

/// `GET /v2/blog/{blog}/posts?npf=true&limit=&offset=&id=`: the blog's published posts, newest first
/// (its reblogs included). OAuth or the app's `api_key` may read it.
pub async fn posts(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(blog): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    let ctx = &shared.ctx;
    let by_key = params.get("api_key").is_some_and(|key| key == TUMBLR_CLIENT_ID);
    if !by_key && let Some(response) = reject(ctx, &shared.grants, &headers) {
        return response;
    }
    let numbers = (reply::number(&params, "limit"), reply::number(&params, "offset"), reply::number(&params, "id"));
    let (Ok(limit), Ok(offset), Ok(id)) = numbers else {
        return *bad("limit, offset and id must be integers");
    };
    let limit = limit.unwrap_or(MAX_LIMIT).clamp(1, MAX_LIMIT) as usize;
    let offset = offset.unwrap_or(0) as usize;
    let found = ctx.store.with(|c| {
        let key = blog_key(c, &blog)?;
        let mut posts: Vec<&Post> = c
            .posts
            .iter()
            .filter(|p| p.author == key && p.nets.has(Net::Tumblr) && published(p))
            .filter(|p| id.is_none_or(|id| post::id(p) == id))
            .collect();
        posts.sort_by_key(|p| std::cmp::Reverse((p.at, p.key)));
        let page: Vec<Value> = posts.iter().skip(offset).take(limit).map(|p| post::post(c, p, ctx.now)).collect();
        let mut info = post::blog_info(c, &key);
        info["posts"] = json!(posts.len());
        let mut body = json!({"blog": info, "posts": page, "total_posts": posts.len()});
        if offset + limit < posts.len() {
            let (limit, offset) = (limit.to_string(), (offset + limit).to_string());
            body["_links"] = json!({"next": {
                "href": format!("/v2/blog/{}/posts?npf=true&limit={limit}&offset={offset}", ids::handle(Net::Tumblr, &key)),
                "method": "GET",
                "query_params": {"npf": "true", "limit": limit, "offset": offset},
            }});
        }
        Some((body, posts.is_empty()))
    });
    match found {
        None => failure(404, 0, "Blog not found"),
        Some((_, true)) if id.is_some() => failure(404, 0, "Post not found"),
        Some((body, _)) => ok(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_blocks_are_counted_and_their_ranges_checked_in_code_points() {
        let family = "👩\u{200d}👩\u{200d}👧\u{200d}👦";
        let ok = json!({"type": "text", "text": format!("{family} #tag"), "formatting": [{"start": 8, "end": 12, "type": "bold"}]});
        assert_eq!(text_block(&ok), Ok(()));
        let past = json!({"type": "text", "text": family, "formatting": [{"start": 0, "end": 8, "type": "bold"}]});
        assert!(text_block(&past).is_err(), "a family is 7 code points, not 8");
        let long = json!({"type": "text", "text": "x".repeat(MAX_BLOCK + 1)});
        assert!(text_block(&long).is_err());
    }

    #[test]
    fn tags_come_as_a_string_or_an_array() {
        assert_eq!(tags(Some(&json!("a, b,,c"))).ok(), Some(vec!["a".into(), "b".into(), "c".into()]));
        assert_eq!(tags(Some(&json!(["x y", " z "]))).ok(), Some(vec!["x y".into(), "z".into()]));
        assert!(tags(Some(&json!(3))).is_err());
    }
}
