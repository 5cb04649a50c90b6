//! The demo Mastodon server's read markers: `GET /api/v1/markers?timeline[]=home&timeline[]=notifications`
//! and `POST /api/v1/markers` (form or JSON `home[last_read_id]` or `notifications[last_read_id]`),
//! one marker per timeline with Mastodon's `last_read_id`, `version` and `updated_at`. The
//! notifications marker is the notifications' read state ([`super::views`]).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

use super::{Ctx, reject};
use crate::demo::reply;

/// `GET /api/v1/markers`.
pub async fn get(State(ctx): State<Ctx>, headers: HeaderMap) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    let markers = ctx.markers.lock().map(|m| m.clone()).unwrap_or_else(|e| e.into_inner().clone());
    let mut body = markers.unwrap_or_else(|| json!({}));
    if let Some(notifications) = super::views::notifications_marker(&ctx) {
        body["notifications"] = notifications;
    }
    reply::json(200, &body)
}

/// `POST /api/v1/markers`.
pub async fn set(State(ctx): State<Ctx>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    if let Some(response) = reject(&headers) {
        return response;
    }
    if String::from_utf8_lossy(&body).contains("notifications") {
        return super::views::set_markers(State(ctx), headers, body).await;
    }
    let Some(id) = last_read_id(&headers, &body) else {
        return reply::json(422, &json!({"error": "Validation failed: home[last_read_id] is missing"}));
    };
    let mut markers = ctx.markers.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let version = markers.as_ref().and_then(|m| m["home"]["version"].as_u64()).unwrap_or(0) + 1;
    let updated_at = format!("{:.3}", jiff::Timestamp::now());
    let home = json!({"last_read_id": id, "version": version, "updated_at": updated_at});
    *markers = Some(json!({ "home": home.clone() }));
    reply::json(200, &json!({ "home": home }))
}

/// `home[last_read_id]` from a form or a JSON body.
fn last_read_id(headers: &HeaderMap, body: &[u8]) -> Option<String> {
    let json = headers.get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|t| t.contains("json"));
    let id = if json {
        let value: Value = serde_json::from_slice(body).ok()?;
        value.pointer("/home/last_read_id").and_then(Value::as_str).map(str::to_string)
    } else {
        url::form_urlencoded::parse(body).find(|(k, _)| k == "home[last_read_id]").map(|(_, v)| v.into_owned())
    };
    id.filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()))
}
