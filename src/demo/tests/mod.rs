//! Tests that start the demo network and talk to it with plain reqwest, checking each endpoint's
//! documented shape, paging, auth and faults.

mod bluesky;
mod bluesky_write;
mod content;
mod faults;
mod interact;
mod mastodon;
mod mastodon_write;
mod tumblr;
mod tumblr_write;
mod views;

use super::DemoNetwork;
use serde_json::Value;
use std::time::Duration;

/// The fixed clock of every test.
pub fn now() -> jiff::Timestamp {
    "2025-03-01T12:00:00Z".parse().unwrap()
}

/// A started demo network.
pub async fn network() -> DemoNetwork {
    DemoNetwork::start(now()).await.unwrap()
}

/// A reqwest client with a short timeout.
pub fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap()
}

/// Status, headers and JSON body of a GET with an optional bearer token.
pub async fn get(url: &str, token: Option<&str>) -> (u16, reqwest::header::HeaderMap, Value) {
    let mut request = client().get(url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    send(request).await
}

/// Status, headers and JSON body (`Null` when it is not JSON) of any request.
pub async fn send(request: reqwest::RequestBuilder) -> (u16, reqwest::header::HeaderMap, Value) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    (status, headers, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Asserts that `value` has every key in `keys`.
pub fn assert_keys(value: &Value, keys: &[&str]) {
    for key in keys {
        assert!(value.get(key).is_some(), "missing {key:?} in {value}");
    }
}

/// How many feed entries the neutral content puts on `net`.
pub fn expected(net: super::content::Net) -> usize {
    let content = super::content::build(now());
    super::store::feed(&content, net).len()
}
