//! Uploaded images on the demo servers: multipart bodies read with axum's own extractor, and a
//! registry of what was uploaded (by id), so a post can refer to an upload as each network does
//! (Mastodon `media_ids[]`, a Bluesky blob's `ref`, a Tumblr NPF `identifier`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{HeaderMap, header};

/// One part of a multipart body.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub data: Bytes,
}

/// Whether the request body is `multipart/form-data`.
pub fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"))
}

/// The parts of a multipart body; `None` when it is not a readable one.
pub async fn parts(headers: &HeaderMap, body: Bytes) -> Option<Vec<Part>> {
    let mut request = Request::new(Body::from(body));
    *request.headers_mut() = headers.clone();
    let mut multipart = Multipart::from_request(request, &()).await.ok()?;
    let mut out = Vec::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        let data = field.bytes().await.ok()?;
        out.push(Part { name, data });
    }
    Some(out)
}

/// An uploaded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub mime: String,
    pub size: usize,
    pub alt: Option<String>,
    /// How many more times a status check answers "still processing".
    pub processing: u32,
}

/// What one demo server was sent, by id.
#[derive(Clone, Default)]
pub struct Uploads {
    inner: Arc<Mutex<HashMap<String, Upload>>>,
}

impl Uploads {
    /// Keeps `upload` under a fresh id, which it returns (`prefix` + a counter).
    pub fn add(&self, prefix: &str, upload: Upload) -> String {
        let mut map = self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let id = format!("{prefix}{}", 1000 + map.len());
        map.insert(id.clone(), upload);
        id
    }

    /// The upload with `id`.
    pub fn get(&self, id: &str) -> Option<Upload> {
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(id).cloned()
    }

    /// Asks whether `id` is processed: `Some(false)` (and one step closer) while it is not.
    pub fn ready(&self, id: &str) -> Option<bool> {
        let mut map = self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let upload = map.get_mut(id)?;
        if upload.processing == 0 {
            return Some(true);
        }
        upload.processing -= 1;
        Some(false)
    }
}

/// The media type of an image from its first bytes (as servers check it, never by its name).
pub fn image_type(data: &[u8]) -> Option<&'static str> {
    crate::store::attachment::sniff(data)
}
