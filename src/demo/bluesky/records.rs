//! The demo account's other records on the demo Bluesky server: `app.bsky.feed.like` and
//! `app.bsky.feed.repost` (a strong ref `subject` to a post), `app.bsky.graph.follow` (a DID
//! `subject`), made by `createRecord` under a fresh TID and undone by `deleteRecord`; and the
//! AppView's bookmarks (`app.bsky.bookmark.createBookmark` / `deleteBookmark`, which answer no body).
//! The timeline shows them back: `viewer.like`, `viewer.repost`, `viewer.bookmarked`, the author's
//! `viewer.following`, and the counts.
//!
//! The demo keeps likes, reposts and bookmarks of its own posts and follows of its own cast only
//! (400 `InvalidRequest` otherwise); a real PDS stores any well-formed record.

use super::{Bsky, auth, post, repo, xrpc_error};
use crate::demo::acts::{self, Kind};
use crate::demo::content::Content;
use crate::demo::reply::{self, Early};
use crate::demo::{BLUESKY_DID, ids};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

const LIKE: &str = "app.bsky.feed.like";
const REPOST: &str = "app.bsky.feed.repost";
const FOLLOW: &str = "app.bsky.graph.follow";

fn invalid(message: &str) -> Early {
    xrpc_error(400, "InvalidRequest", message).into()
}

/// `createRecord` of a like, repost or follow (the input's repo is already checked).
pub fn create(state: &Bsky, input: &Map<String, Value>, collection: &str) -> Result<Response, Early> {
    let Some(Value::Object(record)) = input.get("record") else {
        return Err(invalid("Input/record must be an object"));
    };
    if record.get("$type").is_some_and(|t| t != collection) {
        return Err(invalid(&format!("Invalid {collection} record: Invalid $type")));
    }
    let created = record.get("createdAt").and_then(Value::as_str).and_then(|t| t.parse::<jiff::Timestamp>().ok());
    if created.is_none() {
        return Err(invalid(&format!("Invalid {collection} record: Record must have the property \"createdAt\"")));
    }
    let subject = record.get("subject").cloned().unwrap_or_default();
    let at = jiff::Timestamp::now();
    let uri = state.ctx.store.update(|c| {
        c.acts.made += 1;
        let uri = format!("at://{BLUESKY_DID}/{collection}/{}", ids::tid(at, c.acts.made));
        remember(c, collection, &subject, &uri).map(|()| uri)
    })?;
    let cid = ids::cid(&format!("record/{uri}"));
    let answer = json!({"uri": uri, "cid": cid, "commit": repo::commit(&cid, at), "validationStatus": "valid"});
    Ok(reply::json(200, &answer))
}

/// Records a new like, repost or follow `uri` of `subject`.
fn remember(c: &mut Content, collection: &str, subject: &Value, uri: &str) -> Result<(), Early> {
    let kind = match collection {
        LIKE => Kind::Like,
        REPOST => Kind::Repost,
        FOLLOW => {
            let did = subject.as_str().ok_or_else(|| invalid("Invalid follow record: subject must be a DID"))?;
            let person = c.people.iter().find(|p| ids::did(&p.key) == did).map(|p| p.key.clone());
            let person = person.ok_or_else(|| invalid("The demo server keeps follows of its own cast only"))?;
            c.acts.follows.insert(person, Some(uri.to_string()));
            return Ok(());
        }
        other => return Err(invalid(&format!("The demo server keeps no {other} records"))),
    };
    let strong = (subject["uri"].as_str(), subject["cid"].as_str());
    let (Some(subject_uri), Some(_)) = strong else {
        return Err(invalid(&format!("Invalid {collection} record: subject must be a strong ref {{uri, cid}}")));
    };
    let key = repo::by_uri(c, subject_uri).map(|p| p.key);
    let key = key.ok_or_else(|| invalid("The demo server keeps likes and reposts of its own posts only"))?;
    acts::set(c, key, kind, Some(uri.to_string()));
    Ok(())
}

/// `deleteRecord` of a like, repost or follow: takes back the one with that record key, if any.
pub fn delete(state: &Bsky, collection: &str, rkey: &str) -> Result<(), Early> {
    if ![LIKE, REPOST, FOLLOW].contains(&collection) {
        return Err(invalid(&format!("The demo server keeps no {collection} records")));
    }
    let uri = format!("at://{BLUESKY_DID}/{collection}/{rkey}");
    state.ctx.store.update(|c| {
        if collection == FOLLOW {
            let person = c.people.iter().find(|p| post::follow_uri(c, &p.key).as_deref() == Some(&uri));
            if let Some(key) = person.map(|p| p.key.clone()) {
                c.acts.follows.insert(key, None);
            }
            return;
        }
        let kind = if collection == LIKE { Kind::Like } else { Kind::Repost };
        let found = c.posts.iter().find(|p| post::record_uri(c, p, kind).as_deref() == Some(&uri)).map(|p| p.key);
        if let Some(key) = found {
            acts::set(c, key, kind, None);
        }
    });
    Ok(())
}

/// `POST app.bsky.bookmark.createBookmark {uri, cid}`.
pub async fn create_bookmark(state: State<Bsky>, headers: HeaderMap, body: Bytes) -> Response {
    bookmark(state, headers, body, true)
}

/// `POST app.bsky.bookmark.deleteBookmark {uri}`.
pub async fn delete_bookmark(state: State<Bsky>, headers: HeaderMap, body: Bytes) -> Response {
    bookmark(state, headers, body, false)
}

fn bookmark(State(state): State<Bsky>, headers: HeaderMap, body: Bytes, on: bool) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    let input = match repo::object(&body) {
        Ok(input) => input,
        Err(response) => return *response,
    };
    let Some(uri) = input.get("uri").and_then(Value::as_str) else {
        return xrpc_error(400, "InvalidRequest", "Input must have the property \"uri\"");
    };
    if on && input.get("cid").and_then(Value::as_str).is_none() {
        return xrpc_error(400, "InvalidRequest", "Input must have the property \"cid\"");
    }
    let done = state.ctx.store.update(|c| {
        let key = repo::by_uri(c, uri).map(|p| p.key)?;
        acts::set(c, key, Kind::Bookmark, on.then(String::new));
        Some(())
    });
    match done {
        Some(()) => StatusCode::OK.into_response(),
        None => xrpc_error(400, "InvalidRequest", "The demo server keeps bookmarks of its own posts only"),
    }
}
