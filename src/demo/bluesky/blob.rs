//! `com.atproto.repo.uploadBlob` on the demo PDS: the body is the file, its `Content-Type` the
//! declared type; over 1,000,000 bytes is 400 `BlobTooLarge`, as the reference PDS answers for post
//! images. A record's `embed.images[].image.ref.$link` names the blob; [`media`] turns the embed of a
//! created post into the demo's media, so the AppView side shows it back with its alt text.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::Response;
use serde_json::{Value, json};

use super::{Bsky, auth, xrpc_error};
use crate::demo::Ctx;
use crate::demo::content::{Card, Media, MediaKind};
use crate::demo::reply;
use crate::demo::upload::Upload;

/// The largest image blob a post may embed.
pub const MAX_BYTES: usize = 1_000_000;

/// `POST com.atproto.repo.uploadBlob`.
pub async fn upload_blob(State(state): State<Bsky>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(response) = state.sessions.reject(&headers, auth::Kind::Access) {
        return response;
    }
    if body.len() > MAX_BYTES {
        let message = format!("This file is too large. It is {} bytes but the maximum size is 1 MB.", body.len());
        return xrpc_error(400, "BlobTooLarge", &message);
    }
    let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("*/*");
    let mime = crate::demo::upload::image_type(&body).unwrap_or(declared).to_string();
    let upload = Upload { mime: mime.clone(), size: body.len(), alt: None, processing: 0 };
    let link = state.ctx.uploads.add("bafkreidemoblob", upload);
    reply::json(200, &json!({"blob": {"$type": "blob", "ref": {"$link": link}, "mimeType": mime, "size": body.len()}}))
}

/// The images of a record's `app.bsky.embed.images` embed, each naming an uploaded blob; `Err` names
/// what is wrong as the PDS would (a missing blob, a missing `alt`).
pub fn media(ctx: &Ctx, record: &serde_json::Map<String, Value>) -> Result<Vec<Media>, String> {
    let Some(mut embed) = record.get("embed") else { return Ok(Vec::new()) };
    if embed["$type"] == "app.bsky.embed.recordWithMedia" {
        embed = &embed["media"];
    }
    if embed["$type"] != "app.bsky.embed.images" {
        return Ok(Vec::new());
    }
    let images = embed["images"].as_array().cloned().unwrap_or_default();
    if images.len() > 4 {
        return Err("Invalid app.bsky.feed.post record: embed/images must not have more than 4 elements".into());
    }
    images
        .iter()
        .map(|image| {
            let alt = image["alt"]
                .as_str()
                .ok_or("Invalid app.bsky.feed.post record: embed/images/0 must have the property \"alt\"")?;
            let link = image.pointer("/image/ref/$link").and_then(Value::as_str).unwrap_or_default();
            ctx.uploads.get(link).ok_or(format!("Could not find blob: {link}"))?;
            let url = format!("{}/img/feed_fullsize/plain/{link}@jpeg", ctx.url);
            Ok(Media::new(MediaKind::Image, &url, Some(alt).filter(|a| !a.is_empty())))
        })
        .collect()
}

/// The link card of a record's `app.bsky.embed.external` embed (its thumbnail as the CDN would serve
/// the blob).
pub fn card(ctx: &Ctx, record: &serde_json::Map<String, Value>) -> Option<Card> {
    let embed = record.get("embed").filter(|e| e["$type"] == "app.bsky.embed.external")?;
    let external = &embed["external"];
    let thumb = external.pointer("/thumb/ref/$link").and_then(Value::as_str);
    Some(Card {
        url: external["uri"].as_str()?.to_string(),
        title: external["title"].as_str().unwrap_or_default().to_string(),
        description: external["description"].as_str().unwrap_or_default().to_string(),
        image: thumb.map(|link| format!("{}/img/feed_thumbnail/plain/{link}@jpeg", ctx.url)),
    })
}

/// The at-uri a record quotes (`app.bsky.embed.record`, or the record part of `recordWithMedia`).
pub fn quoted(record: &serde_json::Map<String, Value>) -> Option<&str> {
    let embed = record.get("embed")?;
    match embed["$type"].as_str()? {
        "app.bsky.embed.record" => embed.pointer("/record/uri")?.as_str(),
        "app.bsky.embed.recordWithMedia" => embed.pointer("/record/record/uri")?.as_str(),
        _ => None,
    }
}
