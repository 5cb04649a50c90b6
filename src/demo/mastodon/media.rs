//! Media on the demo Mastodon server: `POST /api/v2/media` (multipart `file` and `description`)
//! answers 202 with `url: null`, as Mastodon does while it processes a file; `GET /api/v1/media/:id`
//! answers 206 once, then 200 with the URL. A file that is not an image is 422.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

use super::reject;
use crate::demo::Ctx;
use crate::demo::reply;
use crate::demo::upload::{self, Upload};

/// Id prefix of uploads, so they never collide with status ids.
const PREFIX: &str = "77";

/// The MediaAttachment entity of upload `id`.
pub fn entity(ctx: &Ctx, id: &str, upload: &Upload, ready: bool) -> Value {
    let url = format!("{}/system/media/{id}", ctx.url);
    json!({
        "id": id,
        "type": "image",
        "url": if ready { Value::String(url.clone()) } else { Value::Null },
        "preview_url": format!("{url}/small"),
        "remote_url": null,
        "description": upload.alt,
        "blurhash": null,
        "meta": {"original": {"width": 640, "height": 480}},
    })
}

/// `POST /api/v2/media`.
pub async fn create(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    let Some(parts) = upload::parts(&headers, body).await else {
        return reply::json(422, &json!({"error": "Validation failed: File can't be blank"}));
    };
    let Some(file) = parts.iter().find(|p| p.name == "file") else {
        return reply::json(422, &json!({"error": "Validation failed: File can't be blank"}));
    };
    let Some(mime) = upload::image_type(&file.data) else {
        return reply::json(
            422,
            &json!({"error": "Validation failed: File has contents that are not what they are reported to be"}),
        );
    };
    let alt = parts.iter().find(|p| p.name == "description").map(|p| String::from_utf8_lossy(&p.data).into_owned());
    let upload = Upload { mime: mime.into(), size: file.data.len(), alt: alt.filter(|a| !a.is_empty()), processing: 1 };
    let id = ctx.uploads.add(PREFIX, upload.clone());
    reply::json(202, &entity(&ctx, &id, &upload, false))
}

/// `GET /api/v1/media/:id`: 206 while processing, then 200.
pub async fn show(State(ctx): State<Ctx>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    match (ctx.uploads.ready(&id), ctx.uploads.get(&id)) {
        (Some(ready), Some(upload)) => reply::json(if ready { 200 } else { 206 }, &entity(&ctx, &id, &upload, ready)),
        _ => reply::json(404, &json!({"error": "Record not found"})),
    }
}
