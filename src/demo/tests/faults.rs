//! Fault injection: every switch, on every network's error shape.

use super::{client, get, network};
use crate::demo::{BLUESKY_ACCESS_JWT, MASTODON_TOKEN, TUMBLR_TOKEN};
use std::time::Duration;

#[tokio::test]
async fn fail_next_uses_each_networks_error_shape_then_recovers() {
    let net = network().await;
    let m = format!("{}/api/v1/timelines/home", net.mastodon.url);
    let b = format!("{}/xrpc/app.bsky.feed.getTimeline", net.bluesky.url);
    let t = format!("{}/v2/user/dashboard", net.tumblr.url);
    net.mastodon.faults.fail_next(2, 503);
    net.bluesky.faults.fail_next(1, 500);
    net.tumblr.faults.fail_next(1, 502);
    let (status, _, body) = get(&m, Some(MASTODON_TOKEN)).await;
    assert_eq!((status, body["error"].is_string()), (503, true));
    assert_eq!(get(&m, Some(MASTODON_TOKEN)).await.0, 503);
    assert_eq!(get(&m, Some(MASTODON_TOKEN)).await.0, 200);
    let (status, _, body) = get(&b, Some(BLUESKY_ACCESS_JWT)).await;
    assert_eq!((status, body["error"].as_str()), (500, Some("InternalServerError")));
    let (status, _, body) = get(&t, Some(TUMBLR_TOKEN)).await;
    assert_eq!((status, body["meta"]["status"].as_u64()), (502, Some(502)));
    assert_eq!(net.mastodon.faults.requests(), 3);
}

#[tokio::test]
async fn rate_limits_send_retry_after_and_reset_headers() {
    let net = network().await;
    net.mastodon.faults.rate_limit_next(1, 7);
    net.bluesky.faults.rate_limit_next(1, 7);
    net.tumblr.faults.rate_limit_next(1, 7);
    let (status, headers, _) = get(&format!("{}/api/v1/timelines/home", net.mastodon.url), None).await;
    assert_eq!((status, headers["retry-after"].to_str().unwrap()), (429, "7"));
    let reset: jiff::Timestamp = headers["x-ratelimit-reset"].to_str().unwrap().parse().unwrap();
    assert!(reset > jiff::Timestamp::now());
    let (status, headers, body) = get(&format!("{}/xrpc/app.bsky.feed.getTimeline", net.bluesky.url), None).await;
    assert_eq!((status, body["error"].as_str()), (429, Some("RateLimitExceeded")));
    assert!(headers.contains_key("ratelimit-reset"));
    let (status, headers, body) = get(&format!("{}/v2/user/dashboard", net.tumblr.url), None).await;
    assert_eq!((status, body["meta"]["msg"].as_str()), (429, Some("Limit Exceeded")));
    assert_eq!(headers["retry-after"], "7");
}

#[tokio::test]
async fn garbage_is_a_200_that_does_not_parse() {
    let net = network().await;
    net.bluesky.faults.garbage_next(1);
    let url = format!("{}/xrpc/app.bsky.feed.getTimeline", net.bluesky.url);
    let response = client().get(&url).bearer_auth(BLUESKY_ACCESS_JWT).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err());
    assert_eq!(get(&url, Some(BLUESKY_ACCESS_JWT)).await.0, 200);
}

#[tokio::test]
async fn hang_never_answers_and_latency_still_answers() {
    let net = network().await;
    let url = format!("{}/v2/user/info", net.tumblr.url);
    net.tumblr.faults.hang_next(1);
    let quick = reqwest::Client::builder().timeout(Duration::from_millis(300)).build().unwrap();
    let err = quick.get(&url).bearer_auth(TUMBLR_TOKEN).send().await.unwrap_err();
    assert!(err.is_timeout());
    net.tumblr.faults.set_latency(Duration::from_millis(20));
    assert_eq!(get(&url, Some(TUMBLR_TOKEN)).await.0, 200);
}

#[tokio::test]
async fn clear_turns_every_switch_off() {
    let net = network().await;
    let faults = &net.mastodon.faults;
    faults.fail_next(5, 500);
    faults.garbage_next(5);
    faults.hang_next(5);
    faults.set_v2_instance(false);
    faults.set_link_host(Some("elsewhere:1".into()));
    faults.clear();
    let (status, headers, _) = get(&format!("{}/api/v1/timelines/home", net.mastodon.url), Some(MASTODON_TOKEN)).await;
    assert_eq!(status, 200);
    assert!(headers["link"].to_str().unwrap().contains(&net.mastodon.url));
    assert_eq!(get(&format!("{}/api/v2/instance", net.mastodon.url), None).await.0, 200);
}

#[tokio::test]
async fn a_failed_request_creates_nothing_and_a_lost_answer_creates_once() {
    let net = network().await;
    let url = format!("{}/api/v1/statuses", net.mastodon.url);
    let post = || client().post(&url).bearer_auth(MASTODON_TOKEN).form(&[("status", "hello")]);
    net.mastodon.faults.fail_next(1, 503);
    assert_eq!(post().send().await.unwrap().status(), 503);
    assert_eq!(net.mastodon.faults.creates(), 0, "a failure before the handler creates nothing");
    net.mastodon.faults.lose_next_create(2);
    assert_eq!(post().send().await.unwrap().status(), 500);
    net.mastodon.faults.clear();
    assert_eq!(post().send().await.unwrap().status(), 200, "clear turns the lost answers off");
    assert_eq!(net.mastodon.faults.creates(), 2, "clear keeps the count");
}
