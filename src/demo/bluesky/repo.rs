//! The repository side of the demo Bluesky server (what a PDS answers): `com.atproto.repo.createRecord`,
//! `getRecord` and `deleteRecord` for `app.bsky.feed.post`, and `com.atproto.identity.resolveHandle`.
//!
//! As on the reference PDS: the record is stored as sent (facet ranges are not checked), an rkey must be
//! a TID (else 400 `InvalidRequest`), a create under an rkey that exists answers 500
//! `InternalServerError` (not a clear "exists"), a missing record is 400 `RecordNotFound`, and deleting
//! a record that is not there succeeds. Likes, reposts and follows are handed to [`records`].
//!
//! [`records`]: super::records

use super::{Bsky, auth, error, post, xrpc_error};
use crate::demo::content::{Content, Net, Nets, Post, Sent};
use crate::demo::faults::Failure;
use crate::demo::ids;
use crate::demo::reply::{self, Early, Params};
use crate::demo::store::{self, Created};
use axum::body::Bytes;
use axum::extract::{Query, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Map, Value, json};
use unicode_segmentation::UnicodeSegmentation;

/// The only collection the demo stores.
const POST: &str = "app.bsky.feed.post";
/// The lexicon's limits on a post's `text`.
const MAX_GRAPHEMES: usize = 300;
const MAX_BYTES: usize = 3000;

/// Whether `rkey` is a TID: 13 sortable base32 characters, the top bit clear.
pub fn is_tid(rkey: &str) -> bool {
    const ALPHABET: &str = "234567abcdefghijklmnopqrstuvwxyz";
    rkey.len() == 13
        && rkey.starts_with(|c: char| "234567abcdefghij".contains(c))
        && rkey.chars().all(|c| ALPHABET.contains(c))
}

/// The person whose repo `repo` (a DID or a handle) names.
fn owner(c: &Content, repo: &str) -> Option<String> {
    c.people
        .iter()
        .find(|p| ids::did(&p.key) == repo || ids::handle(Net::Bluesky, &p.key).eq_ignore_ascii_case(repo))
        .map(|p| p.key.clone())
}

/// The post record of `owner` under `rkey`.
fn by_rkey<'a>(c: &'a Content, owner: &str, rkey: &str) -> Option<&'a Post> {
    c.posts
        .iter()
        .find(|p| p.author == owner && p.nets.has(Net::Bluesky) && p.boost_of.is_none() && post::rkey(p) == rkey)
}

/// The post an at-uri names.
pub(super) fn by_uri<'a>(c: &'a Content, uri: &str) -> Option<&'a Post> {
    c.posts.iter().find(|p| p.nets.has(Net::Bluesky) && p.boost_of.is_none() && post::uri(p) == uri)
}

/// A JSON object body, or the XRPC error to answer instead.
pub(super) fn object(body: &[u8]) -> Result<Map<String, Value>, Early> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(object)) => Ok(object),
        _ => Err(xrpc_error(400, "InvalidRequest", "Input must be a JSON object").into()),
    }
}

/// A required string property of an input or of the query.
fn required<'a>(value: Option<&'a str>, what: &str, name: &str) -> Result<&'a str, Early> {
    value.ok_or_else(|| xrpc_error(400, "InvalidRequest", &format!("{what} must have the property \"{name}\"")).into())
}

/// Checks that `repo` is the signed-in demo account's own: unknown is 400, someone else's 401.
pub(super) fn own_repo(state: &Bsky, repo: &str) -> Result<(), Early> {
    match state.ctx.store.with(|c| owner(c, repo)) {
        None => Err(xrpc_error(400, "InvalidRequest", &format!("Could not find repo: {repo}")).into()),
        Some(key) if key != store::ME => {
            Err(xrpc_error(401, "AuthenticationRequired", "Authentication Required").into())
        }
        Some(_) => Ok(()),
    }
}

/// Validates a post record the way the lexicon does, adding the `$type` when it is left out.
fn post_record(record: Option<&Value>) -> Result<Map<String, Value>, Early> {
    let bad = |why: &str| Err(xrpc_error(400, "InvalidRequest", &format!("Invalid {POST} record: {why}")).into());
    let Some(Value::Object(record)) = record else {
        return Err(xrpc_error(400, "InvalidRequest", "Input/record must be an object").into());
    };
    let mut record = record.clone();
    match record.get("$type") {
        None => {
            record.insert("$type".into(), json!(POST));
        }
        Some(t) if t == POST => {}
        Some(other) => return bad(&format!("Invalid $type: expected {POST}, got {other}")),
    }
    let Some(text) = record.get("text").and_then(Value::as_str) else {
        return bad("Record must have the property \"text\"");
    };
    if text.graphemes(true).count() > MAX_GRAPHEMES {
        return bad(&format!("Record/text must not be longer than {MAX_GRAPHEMES} graphemes"));
    }
    if text.len() > MAX_BYTES {
        return bad(&format!("Record/text must not be longer than {MAX_BYTES} characters"));
    }
    match record.get("createdAt").and_then(Value::as_str) {
        None => return bad("Record must have the property \"createdAt\""),
        Some(at) if at.parse::<jiff::Timestamp>().is_err() => {
            return bad("Record/createdAt must be an valid atproto datetime (both RFC-3339 and ISO-8601)");
        }
        Some(_) => {}
    }
    Ok(record)
}

/// A commit meta (`{cid, rev}`) for a change made at `at`.
pub(super) fn commit(seed: &str, at: jiff::Timestamp) -> Value {
    json!({"cid": ids::cid(&format!("commit/{seed}")), "rev": ids::tid(at, 0)})
}

/// `POST com.atproto.repo.createRecord {repo, collection, rkey?, record}`.
pub async fn create_record(State(state): State<Bsky>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    match create(&state, &body) {
        Ok(response) => response,
        Err(response) => *response,
    }
}

/// The body of [`create_record`] after the token check.
fn create(state: &Bsky, body: &[u8]) -> Result<Response, Early> {
    let input = object(body)?;
    let field = |name: &str| required(input.get(name).and_then(Value::as_str), "Input", name);
    own_repo(state, field("repo")?)?;
    let collection = field("collection")?;
    if collection != POST {
        return super::records::create(state, &input, collection);
    }
    let rkey = match input.get("rkey") {
        None | Some(Value::Null) => None,
        Some(Value::String(rkey)) if is_tid(rkey) => Some(rkey.clone()),
        Some(_) => return Err(xrpc_error(400, "InvalidRequest", &format!("Invalid {POST} rkey: must be a TID")).into()),
    };
    let record = post_record(input.get("record"))?;
    let media = super::blob::media(&state.ctx, &record).map_err(|m| xrpc_error(400, "InvalidRequest", &m))?;
    let card = super::blob::card(&state.ctx, &record);
    let created = state.ctx.store.create(None, |c, key, at| {
        let rkey = rkey.unwrap_or_else(|| ids::tid(at, key));
        if by_rkey(c, store::ME, &rkey).is_some() {
            // The reference PDS fails on the repo's unique key rather than saying "exists".
            return Err(Early::new(error(Failure::Status(500))));
        }
        let text = record.get("text").and_then(Value::as_str).unwrap_or_default();
        let lang = record.get("langs").and_then(|l| l.get(0)).and_then(Value::as_str).unwrap_or("en");
        let mut new = Post::new(at, key, store::ME, 0, text).on(Nets::B).lang(lang);
        let parent = record.get("reply").and_then(|r| r["parent"]["uri"].as_str());
        new.reply_to = parent.and_then(|uri| by_uri(c, uri)).map(|p| p.key);
        new.media = media.clone();
        new.card = card.clone();
        new.quote_of = super::blob::quoted(&record).and_then(|uri| by_uri(c, uri)).map(|p| p.key);
        new.sent = Some(Sent::Bluesky { rkey, record: Value::Object(record) });
        Ok(new)
    });
    let (Created::New(key) | Created::Again(key)) = created?;
    if state.ctx.faults.count_create() {
        return Err(error(Failure::Status(500)).into());
    }
    let answer = state.ctx.store.with(|c| {
        store::find(c, key).map(|p| {
            json!({
                "uri": post::uri(p),
                "cid": post::cid(p),
                "commit": commit(&post::cid(p), p.at),
                "validationStatus": "valid",
            })
        })
    });
    answer.map(|a| reply::json(200, &a)).ok_or_else(|| error(Failure::Status(500)).into())
}

/// `GET com.atproto.repo.getRecord?repo=&collection=&rkey=&cid=` (no token needed).
pub async fn get_record(State(state): State<Bsky>, Query(params): Query<Params>) -> Response {
    let param = |name: &str| required(params.get(name).map(String::as_str), "Params", name);
    let (repo, collection, rkey) = match (param("repo"), param("collection"), param("rkey")) {
        (Ok(repo), Ok(collection), Ok(rkey)) => (repo, collection, rkey),
        (Err(response), ..) | (_, Err(response), _) | (.., Err(response)) => return *response,
    };
    let found = state.ctx.store.with(|c| {
        let owner = owner(c, repo)?;
        let post = by_rkey(c, &owner, rkey).filter(|_| collection == POST)?;
        let cid = post::cid(post);
        let wanted = params.get("cid").is_none_or(|want| *want == cid);
        wanted.then(|| json!({"uri": post::uri(post), "cid": cid, "value": post::record(c, post)}))
    });
    match found {
        Some(answer) => reply::json(200, &answer),
        None if state.ctx.store.with(|c| owner(c, repo)).is_none() => {
            xrpc_error(400, "InvalidRequest", &format!("Could not find repo: {repo}"))
        }
        None => xrpc_error(400, "RecordNotFound", &format!("Could not locate record: at://{repo}/{collection}/{rkey}")),
    }
}

/// `POST com.atproto.repo.deleteRecord {repo, collection, rkey}`: a record that is not there is no error.
pub async fn delete_record(State(state): State<Bsky>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    match delete(&state, &body) {
        Err(response) => *response,
        Ok(None) => reply::json(200, &json!({})),
        Ok(Some(post)) => reply::json(200, &json!({"commit": commit(&format!("delete/{}", post.key), post.at)})),
    }
}

/// The body of [`delete_record`] after the token check: the removed post, if there was one.
fn delete(state: &Bsky, body: &[u8]) -> Result<Option<Post>, Early> {
    let input = object(body)?;
    let field = |name: &str| required(input.get(name).and_then(Value::as_str), "Input", name);
    let (repo, collection, rkey) = (field("repo")?, field("collection")?, field("rkey")?);
    own_repo(state, repo)?;
    if collection != POST {
        return super::records::delete(state, collection, rkey).map(|()| None);
    }
    let key = state.ctx.store.with(|c| by_rkey(c, store::ME, rkey).filter(|_| collection == POST).map(|p| p.key));
    Ok(key.and_then(|key| state.ctx.store.remove(key)))
}

/// `GET com.atproto.identity.resolveHandle?handle=`: the DIDs of the demo's people, by handle.
pub async fn resolve_handle(State(state): State<Bsky>, Query(params): Query<Params>) -> Response {
    let handle = match required(params.get("handle").map(String::as_str), "Params", "handle") {
        Ok(handle) => handle.trim_start_matches('@'),
        Err(response) => return *response,
    };
    let did = state.ctx.store.with(|c| {
        c.people
            .iter()
            .find(|p| ids::handle(Net::Bluesky, &p.key).eq_ignore_ascii_case(handle))
            .map(|p| ids::did(&p.key))
    });
    match did {
        Some(did) => reply::json(200, &json!({"did": did})),
        None => xrpc_error(400, "InvalidRequest", "Unable to resolve handle"),
    }
}

/// `GET app.bsky.feed.getPosts?uris=..&uris=..` (at most 25): the views of the posts that exist, in
/// the order asked.
pub async fn get_posts(State(state): State<Bsky>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let query = query.unwrap_or_default();
    let uris: Vec<String> = url::form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k == "uris")
        .map(|(_, v)| v.into_owned())
        .collect();
    if uris.len() > 25 {
        return xrpc_error(400, "InvalidRequest", "uris must not have more than 25 elements");
    }
    let posts: Vec<Value> = state
        .ctx
        .store
        .with(|c| uris.iter().filter_map(|u| by_uri(c, u).map(|p| post::post_view(c, p, true))).collect());
    reply::json(200, &json!({"posts": posts}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tids_are_13_base32_characters_with_the_top_bit_clear() {
        assert!(is_tid(&ids::tid(jiff::Timestamp::now(), 3)));
        assert!(is_tid("3jzfcijpj2z2a"));
        for bad in ["3jzfcijpj2z2", "3jzfcijpj2z2aa", "zjzfcijpj2z2a", "3jzfcijpj2z2A", "3jzfcijpj2z21", "self"] {
            assert!(!is_tid(bad), "{bad}");
        }
    }

    #[test]
    fn records_get_their_type_and_are_checked_against_the_lexicon() {
        let ok = post_record(Some(&json!({"text": "hi", "createdAt": "2025-01-01T00:00:00Z"}))).unwrap();
        assert_eq!(ok["$type"], POST);
        assert!(post_record(Some(&json!({"text": "hi"}))).is_err());
        assert!(post_record(Some(&json!({"text": "x".repeat(301), "createdAt": "2025-01-01T00:00:00Z"}))).is_err());
        let family = "👩\u{200d}👩\u{200d}👧\u{200d}👦".repeat(100);
        assert!(post_record(Some(&json!({"text": family, "createdAt": "2025-01-01T00:00:00Z"}))).is_ok());
        let typed = json!({"$type": "app.bsky.feed.like", "text": "hi", "createdAt": "2025-01-01T00:00:00Z"});
        assert!(post_record(Some(&typed)).is_err());
    }
}
