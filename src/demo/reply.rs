//! Small HTTP helpers shared by the three demo servers: JSON answers, headers, bearer tokens, query
//! numbers.

use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::collections::HashMap;

/// The query string of a request as a map (last value wins).
pub type Params = HashMap<String, String>;

/// The answer a handler gives early while it checks a request (a refusal, mostly); boxed, since a
/// `Response` is large. `?` boxes a plain `Response` error on the way.
pub type Early = Box<Response>;

/// A JSON answer with `status`.
pub fn json(status: u16, body: &Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = [(header::CONTENT_TYPE, "application/json; charset=utf-8")];
    (status, headers, body.to_string()).into_response()
}

/// Adds a header (ignored when the value is not a valid header value).
pub fn with_header(mut response: Response, name: &'static str, value: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(HeaderName::from_static(name), value);
    }
    response
}

/// The canonical reason phrase of `status` ("Not Found").
pub fn reason(status: u16) -> &'static str {
    StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Error")
}

/// The token of an `Authorization: Bearer …` header.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// A numeric query parameter; `Err` when present but not a number.
pub fn number(params: &Params, name: &str) -> Result<Option<u64>, String> {
    match params.get(name) {
        None => Ok(None),
        Some(text) => text.parse().map(Some).map_err(|_| format!("{name} must be an integer")),
    }
}
