//! Writing on the demo Mastodon server: `POST /api/v1/statuses` (form or JSON, under an optional
//! `Idempotency-Key`), `GET`/`DELETE /api/v1/statuses/:id` and `GET /api/v1/accounts/:id/statuses`.
//!
//! A created status is the demo account's post at the top of the home timeline. Mastodon's own rules:
//! a blank status or one over 500 characters is 422 with `{"error": "Validation failed: ..."}`; a
//! content warning makes the status sensitive; the same `Idempotency-Key` from the same account
//! answers the status it first created (unless [`Faults::ignore_idempotency`] is on); a reply to a
//! status that does not exist is 404; only one's own status can be deleted (else 403).
//!
//! [`Faults::ignore_idempotency`]: crate::demo::Faults::ignore_idempotency

use super::{account, error, link_header, reject, select, status};
use crate::demo::content::{Content, Media, MediaKind, Net, Nets, Post};
use crate::demo::faults::Failure;
use crate::demo::markup::{self, Mark, Piece};
use crate::demo::reply::{self, Early, Params};
use crate::demo::store::{self, Created};
use crate::demo::{Ctx, MASTODON_USER};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use serde_json::{Value, json};
use unicode_segmentation::UnicodeSegmentation;

/// How many characters any URL counts for (`characters_reserved_per_url`).
const PER_URL: usize = 23;
/// Default and maximum page sizes of an account's statuses.
const DEFAULT_LIMIT: u64 = 20;
const MAX_LIMIT: u64 = 40;

/// A 404 as Mastodon words it.
pub(super) fn not_found() -> Response {
    reply::json(404, &json!({"error": "Record not found"}))
}

/// A 422 validation failure.
fn invalid(message: &str) -> Response {
    reply::json(422, &json!({"error": format!("Validation failed: {message}")}))
}

/// The fields of a create request, from a form or a JSON body (JSON scalars read as their text).
fn fields(headers: &HeaderMap, body: &[u8]) -> Result<Params, Early> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/json"));
    if !is_json {
        return Ok(url::form_urlencoded::parse(body).into_owned().collect());
    }
    let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(body) else {
        return Err(reply::json(400, &json!({"error": "Error occurred while parsing request parameters"})).into());
    };
    let text = |v: Value| match v {
        Value::String(s) => Some(s),
        Value::Bool(_) | Value::Number(_) => Some(v.to_string()),
        _ => None,
    };
    Ok(object.into_iter().filter_map(|(k, v)| text(v).map(|v| (k, v))).collect())
}

/// Rails' reading of a boolean parameter.
fn truthy(value: Option<&String>) -> bool {
    value.is_some_and(|v| matches!(v.as_str(), "true" | "1" | "on" | "t" | "True" | "TRUE"))
}

/// The visibility as the entity names it; `Err` for a name Mastodon does not know.
fn visibility(value: Option<&String>) -> Result<&'static str, String> {
    match value.map(String::as_str).filter(|v| !v.is_empty()) {
        None | Some("public") => Ok("public"),
        Some("unlisted") => Ok("unlisted"),
        Some("private") => Ok("private"),
        Some("direct") => Ok("direct"),
        Some(other) => Err(format!("'{other}' is not a valid visibility")),
    }
}

/// Mastodon's length of a status: grapheme clusters of its content warning and text, where each URL
/// counts as [`PER_URL`] and a remote mention `@user@domain` as `@user`.
pub fn length(text: &str, cw: &str) -> usize {
    let mut countable = String::from(cw);
    let mut after_mention = false;
    for piece in markup::pieces(text) {
        match piece {
            Piece::Marked(_, Mark::Link(_)) => countable.push_str(&"x".repeat(PER_URL)),
            Piece::Marked(s, mark) => {
                countable.push_str(s);
                after_mention = matches!(mark, Mark::Mention(_));
                continue;
            }
            Piece::Plain(s) if after_mention => countable.push_str(&s[remote_domain(s)..]),
            Piece::Plain(s) => countable.push_str(s),
        }
        after_mention = false;
    }
    countable.graphemes(true).count()
}

/// The byte length of the `@domain.tld` that makes a mention remote, at the start of `s` (0 if none).
fn remote_domain(s: &str) -> usize {
    let Some(rest) = s.strip_prefix('@') else {
        return 0;
    };
    let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-')).unwrap_or(rest.len());
    let domain = rest[..len].trim_end_matches('.');
    if domain.contains('.') { 1 + domain.len() } else { 0 }
}

/// The post a Mastodon status id names (any post on this server, in the feed or not).
pub(super) fn by_id<'a>(c: &'a Content, id: &str) -> Option<&'a Post> {
    c.posts.iter().find(|p| p.nets.has(Net::Mastodon) && status::status_id(p) == id)
}

/// `POST /api/v1/statuses`.
pub async fn create(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    let form = match fields(&headers, &body) {
        Ok(form) => form,
        Err(response) => return *response,
    };
    let text = form.get("status").cloned().unwrap_or_default();
    let cw = form.get("spoiler_text").cloned().unwrap_or_default();
    let media = match attached(&ctx, &body) {
        Ok(media) => media,
        Err(response) => return *response,
    };
    if text.trim().is_empty() && media.is_empty() {
        return invalid("Text can't be blank");
    }
    let max = ctx.faults.max_characters();
    if length(&text, &cw) > max {
        return invalid(&format!("Text character limit of {max} exceeded"));
    }
    let visibility = match visibility(form.get("visibility")) {
        Ok(v) => v,
        Err(message) => return reply::json(422, &json!({"error": message})),
    };
    let sensitive = truthy(form.get("sensitive")) || !cw.trim().is_empty();
    let lang = form.get("language").filter(|l| !l.is_empty()).cloned().unwrap_or_else(|| "en".to_string());
    let parent = form.get("in_reply_to_id").filter(|id| !id.is_empty());
    // The key is kept per account, as Mastodon keeps it per account and key.
    let once = match headers.get("idempotency-key").and_then(|v| v.to_str().ok()) {
        Some(key) if !ctx.faults.idempotency_ignored() => Some(format!("{MASTODON_USER}/{key}")),
        _ => None,
    };
    let created = ctx.store.create(once.as_deref(), |c, key, at| -> Result<Post, Early> {
        let reply_to = match parent {
            None => None,
            Some(id) => Some(by_id(c, id).ok_or_else(|| Early::new(not_found()))?.key),
        };
        let mut post = Post::new(at, key, store::ME, 0, &text).on(Nets::M).lang(&lang);
        post.cw = Some(cw.clone()).filter(|cw| !cw.is_empty());
        post.sensitive = sensitive;
        post.visibility = visibility;
        post.reply_to = reply_to;
        post.media = media.clone();
        Ok(post)
    });
    let key = match created {
        Ok(Created::New(key)) => {
            if ctx.faults.count_create() {
                return error(Failure::Status(500));
            }
            key
        }
        Ok(Created::Again(key)) => key,
        Err(response) => return *response,
    };
    render(&ctx, key).unwrap_or_else(not_found)
}

/// The uploads a form's `media_ids[]` name, in order (at most 4, each processed): Mastodon's 422s.
fn attached(ctx: &Ctx, body: &[u8]) -> Result<Vec<Media>, Early> {
    let ids: Vec<String> =
        url::form_urlencoded::parse(body).filter(|(k, _)| k == "media_ids[]").map(|(_, v)| v.into_owned()).collect();
    if ids.len() > 4 {
        return Err(invalid("You can't attach more than 4 files").into());
    }
    ids.iter()
        .map(|id| match ctx.uploads.get(id) {
            Some(u) if u.processing == 0 => {
                let url = format!("{}/system/media/{id}", ctx.url);
                Ok(Media::new(MediaKind::Image, &url, u.alt.as_deref()))
            }
            Some(_) => {
                Err(invalid("Cannot attach files that have not finished processing. Try again in a moment!").into())
            }
            None => Err(invalid("Media attachments are invalid").into()),
        })
        .collect()
}

/// The status JSON of the post with `key`.
pub(super) fn render(ctx: &Ctx, key: u32) -> Option<Response> {
    let body = ctx.store.with(|c| store::find(c, key).map(|p| status::status(c, p, &ctx.url, ctx.now)))?;
    Some(reply::json(200, &body))
}

/// `GET /api/v1/statuses/:id` (a token is optional, but a wrong one is refused).
pub async fn show(State(ctx): State<Ctx>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Some(response) = headers.contains_key(header::AUTHORIZATION).then(|| reject(&headers)).flatten() {
        return response;
    }
    let key = ctx.store.with(|c| by_id(c, &id).map(|p| p.key));
    key.and_then(|key| render(&ctx, key)).unwrap_or_else(not_found)
}

/// `DELETE /api/v1/statuses/:id`: answers the deleted status with its source `text`, as Mastodon
/// does so that a client can "delete and redraft".
pub async fn delete(State(ctx): State<Ctx>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    let found = ctx.store.with(|c| {
        by_id(c, &id).map(|p| {
            let mut body = status::status(c, p, &ctx.url, ctx.now);
            body["text"] = json!(p.text);
            (p.key, p.author == store::ME, body)
        })
    });
    match found {
        None => not_found(),
        Some((_, false, _)) => reply::json(403, &json!({"error": "This action is not allowed"})),
        Some((key, true, body)) => {
            ctx.store.remove(key);
            reply::json(200, &body)
        }
    }
}

/// `GET /api/v1/accounts/:id/statuses?limit=&max_id=&since_id=&min_id=&exclude_reblogs=&exclude_replies=
/// &only_media=&pinned=`: the account's statuses, newest first, with Link paging.
pub async fn account_statuses(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    if let Some(response) = headers.contains_key(header::AUTHORIZATION).then(|| reject(&headers)).flatten() {
        return response;
    }
    let limit = match reply::number(&params, "limit") {
        Ok(limit) => limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize,
        Err(message) => return reply::json(400, &json!({"error": message})),
    };
    let flag = |name: &str| truthy(params.get(name));
    let found = ctx.store.with(|c| {
        let person = c.people.iter().find(|p| account::id(c, &p.key) == id)?;
        let mut posts: Vec<&Post> = c
            .posts
            .iter()
            .filter(|p| p.author == person.key && p.nets.has(Net::Mastodon))
            .filter(|p| !(flag("exclude_reblogs") && p.boost_of.is_some()))
            .filter(|p| !(flag("exclude_replies") && p.reply_to.is_some()))
            .filter(|p| !(flag("only_media") && p.media.is_empty()))
            .filter(|_| !flag("pinned"))
            .collect();
        posts.sort_by_key(|p| std::cmp::Reverse((p.at, p.key)));
        let page = select(&posts, &params, limit);
        let ids: Vec<u64> = page.iter().map(|p| crate::demo::ids::snowflake(p.at, p.key)).collect();
        let statuses: Vec<Value> = page.iter().map(|p| status::status(c, p, &ctx.url, ctx.now)).collect();
        Some((ids, statuses))
    });
    let Some((ids, statuses)) = found else {
        return not_found();
    };
    let response = reply::json(200, &Value::Array(statuses));
    let path = format!("/api/v1/accounts/{id}/statuses");
    match link_header(&ctx, &path, &params, &ids, limit) {
        Some(link) => reply::with_header(response, "link", &link),
        None => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_count_23_and_remote_mentions_their_local_part() {
        assert_eq!(length("abc", ""), 3);
        assert_eq!(length("see https://example.com/a/very/long/path/indeed/yes", ""), 4 + PER_URL);
        assert_eq!(length("hi @alice@social.example", ""), "hi @alice".len());
        assert_eq!(length("mail a@b.example", ""), "mail a@b.example".len(), "an address is not a mention");
        assert_eq!(length("👩\u{200d}👩\u{200d}👧\u{200d}👦", "cw"), 3, "a ZWJ family is one character");
    }

    #[test]
    fn visibility_names() {
        assert_eq!(visibility(None), Ok("public"));
        assert_eq!(visibility(Some(&"direct".to_string())), Ok("direct"));
        assert!(visibility(Some(&"friends".to_string())).is_err());
    }
}
