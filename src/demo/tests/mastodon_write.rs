//! Posting on the demo Mastodon server: statuses from forms and JSON, validation, Idempotency-Key,
//! lost answers, the account's statuses, reading and deleting.

use super::{client, get, network, send};
use crate::demo::{DemoNetwork, MASTODON_TOKEN, MASTODON_USER};
use serde_json::{Value, json};

const TOKEN: Option<&str> = Some(MASTODON_TOKEN);

/// POSTs a status form under an optional Idempotency-Key.
async fn post_form(net: &DemoNetwork, form: &[(&str, &str)], key: Option<&str>) -> (u16, Value) {
    let mut request = client().post(format!("{}/api/v1/statuses", net.mastodon.url)).bearer_auth(MASTODON_TOKEN);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    let (status, _, body) = send(request.form(form)).await;
    (status, body)
}

/// The demo account's id.
async fn my_id(net: &DemoNetwork) -> String {
    let (_, _, me) = get(&format!("{}/api/v1/accounts/verify_credentials", net.mastodon.url), TOKEN).await;
    me["id"].as_str().unwrap().to_string()
}

/// The ids of an account's statuses with `query`.
async fn statuses_of(net: &DemoNetwork, id: &str, query: &str) -> Vec<Value> {
    let (status, _, body) = get(&format!("{}/api/v1/accounts/{id}/statuses?{query}", net.mastodon.url), TOKEN).await;
    assert_eq!(status, 200, "{body}");
    body.as_array().unwrap().clone()
}

/// The id of the newest status on the home timeline.
async fn home_first(net: &DemoNetwork) -> Value {
    let (_, _, body) = get(&format!("{}/api/v1/timelines/home?limit=1", net.mastodon.url), TOKEN).await;
    body[0].clone()
}

#[tokio::test]
async fn a_status_tops_home_and_the_accounts_statuses_with_its_cw_and_visibility() {
    let net = network().await;
    let form = [("status", "Hello <world> @alice #rust"), ("spoiler_text", "greetings"), ("visibility", "unlisted")];
    let (status, created) = post_form(&net, &form, None).await;
    assert_eq!(status, 200, "{created}");
    assert_eq!(created["account"]["acct"], MASTODON_USER);
    assert_eq!(
        (created["spoiler_text"].as_str(), created["visibility"].as_str()),
        (Some("greetings"), Some("unlisted"))
    );
    assert_eq!(created["sensitive"], true, "a content warning makes the status sensitive");
    let html = created["content"].as_str().unwrap();
    assert!(html.starts_with("<p>Hello &lt;world&gt; <span class=\"h-card\""), "{html}");
    assert_eq!(
        (created["mentions"][0]["acct"].as_str(), created["tags"][0]["name"].as_str()),
        (Some("alice@social.example"), Some("rust"))
    );
    let zeros = ["replies_count", "reblogs_count", "favourites_count"].map(|k| created[k].as_u64());
    assert_eq!(zeros, [Some(0); 3], "a new status has no replies, boosts or favourites");
    assert_eq!((created["favourited"].as_bool(), created["reblogged"].as_bool()), (Some(false), Some(false)));
    assert_eq!(home_first(&net).await["id"], created["id"]);
    let mine = statuses_of(&net, &my_id(&net).await, "limit=5&exclude_reblogs=true").await;
    assert_eq!(mine[0]["id"], created["id"]);
    let id = created["id"].as_str().unwrap();
    let (status, _, shown) = get(&format!("{}/api/v1/statuses/{id}", net.mastodon.url), None).await;
    assert_eq!((status, shown["id"].as_str()), (200, Some(id)));
    assert_eq!(net.mastodon.faults.creates(), 1);
}

#[tokio::test]
async fn json_bodies_replies_and_a_missing_parent() {
    let net = network().await;
    let parent = home_first(&net).await;
    let url = format!("{}/api/v1/statuses", net.mastodon.url);
    let body = json!({"status": "A reply", "in_reply_to_id": parent["id"], "sensitive": true, "language": "de"});
    let (status, _, reply) = send(client().post(&url).bearer_auth(MASTODON_TOKEN).json(&body)).await;
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["in_reply_to_id"], parent["id"]);
    assert_eq!(reply["in_reply_to_account_id"], parent["account"]["id"]);
    assert_eq!((reply["sensitive"].as_bool(), reply["spoiler_text"].as_str()), (Some(true), Some("")));
    assert_eq!(reply["language"], "de");
    let (status, body) = post_form(&net, &[("status", "orphan"), ("in_reply_to_id", "1")], None).await;
    assert_eq!((status, body["error"].as_str()), (404, Some("Record not found")));
    let (status, _, _) =
        send(client().post(&url).bearer_auth(MASTODON_TOKEN).header("content-type", "application/json").body("{"))
            .await;
    assert_eq!(status, 400);
    assert_eq!(net.mastodon.faults.creates(), 1);
}

#[tokio::test]
async fn blank_overlong_and_unauthorized_statuses_are_refused() {
    let net = network().await;
    for text in ["", "  \n "] {
        let (status, body) = post_form(&net, &[("status", text)], None).await;
        assert_eq!((status, body["error"].as_str()), (422, Some("Validation failed: Text can't be blank")));
    }
    let (status, body) = post_form(&net, &[("status", &"a".repeat(501))], None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (422, Some("Validation failed: Text character limit of 500 exceeded"))
    );
    let (status, _) = post_form(&net, &[("status", &"a".repeat(490)), ("spoiler_text", "eleven char")], None).await;
    assert_eq!(status, 422, "the content warning counts too");
    let family = "👩\u{200d}👩\u{200d}👧\u{200d}👦".repeat(500);
    assert_eq!(post_form(&net, &[("status", &family)], None).await.0, 200, "500 graphemes fit");
    let long_url = format!("{} https://example.com/{}", "a".repeat(450), "p".repeat(200));
    assert_eq!(post_form(&net, &[("status", &long_url)], None).await.0, 200, "a URL counts as 23");
    let (status, _) = post_form(&net, &[("status", "x"), ("visibility", "friends")], None).await;
    assert_eq!(status, 422);
    let (status, _, body) =
        send(client().post(format!("{}/api/v1/statuses", net.mastodon.url)).form(&[("status", "x")])).await;
    assert_eq!((status, body["error"].is_string()), (401, true));
    assert_eq!(net.mastodon.faults.creates(), 2);
}

#[tokio::test]
async fn the_same_idempotency_key_answers_the_first_status() {
    let net = network().await;
    let faults = &net.mastodon.faults;
    let (_, first) = post_form(&net, &[("status", "once")], Some("key-1")).await;
    let (status, again) = post_form(&net, &[("status", "once")], Some("key-1")).await;
    assert_eq!((status, &again["id"]), (200, &first["id"]));
    assert_eq!(faults.creates(), 1);
    let (_, other) = post_form(&net, &[("status", "once")], Some("key-2")).await;
    assert_ne!(other["id"], first["id"]);
    faults.ignore_idempotency(true);
    let (_, twice) = post_form(&net, &[("status", "once")], Some("key-1")).await;
    assert_ne!(twice["id"], first["id"], "a server that ignores the key makes a second status");
    assert_eq!(faults.creates(), 3);
    faults.clear();
    assert_eq!(post_form(&net, &[("status", "once")], Some("key-1")).await.1["id"], first["id"]);
    assert_eq!(faults.creates(), 3, "clear keeps the count");
}

#[tokio::test]
async fn a_lost_answer_leaves_a_status_that_the_key_and_the_account_find() {
    let net = network().await;
    let faults = &net.mastodon.faults;
    faults.lose_next_create(1);
    let (status, _) = post_form(&net, &[("status", "")], Some("lost")).await;
    assert_eq!(status, 422, "a refused create does not use up the lost answer");
    let (status, body) = post_form(&net, &[("status", "did it work?")], Some("lost")).await;
    assert_eq!((status, body["error"].as_str()), (500, Some("Internal Server Error")));
    assert_eq!(faults.creates(), 1);
    let mine = statuses_of(&net, &my_id(&net).await, "limit=1").await;
    assert_eq!(mine[0]["content"], "<p>did it work?</p>");
    let (status, again) = post_form(&net, &[("status", "did it work?")], Some("lost")).await;
    assert_eq!((status, &again["id"]), (200, &mine[0]["id"]), "the retry under the same key finds it");
    assert_eq!(faults.creates(), 1);
}

#[tokio::test]
async fn only_ones_own_status_can_be_deleted() {
    let net = network().await;
    let others = home_first(&net).await;
    let (_, created) = post_form(&net, &[("status", "short-lived")], None).await;
    let id = created["id"].as_str().unwrap();
    let url = |id: &str| format!("{}/api/v1/statuses/{id}", net.mastodon.url);
    let (status, _, deleted) = send(client().delete(url(id)).bearer_auth(MASTODON_TOKEN)).await;
    assert_eq!((status, deleted["text"].as_str(), deleted["id"].as_str()), (200, Some("short-lived"), Some(id)));
    assert_eq!(get(&url(id), TOKEN).await.0, 404);
    assert_ne!(home_first(&net).await["id"], created["id"]);
    assert_eq!(send(client().delete(url(id)).bearer_auth(MASTODON_TOKEN)).await.0, 404);
    let (status, _, body) =
        send(client().delete(url(others["id"].as_str().unwrap())).bearer_auth(MASTODON_TOKEN)).await;
    assert_eq!((status, body["error"].as_str()), (403, Some("This action is not allowed")));
    assert_eq!(send(client().delete(url(id))).await.0, 401);
}

#[tokio::test]
async fn account_statuses_filter_boosts_and_page_by_link() {
    let net = network().await;
    let (_, _, home) = get(&format!("{}/api/v1/timelines/home?limit=40", net.mastodon.url), TOKEN).await;
    let booster = home.as_array().unwrap().iter().find(|s| !s["reblog"].is_null()).unwrap()["account"]["id"].clone();
    let booster = booster.as_str().unwrap();
    let all = statuses_of(&net, booster, "limit=40").await;
    assert!(all.iter().any(|s| !s["reblog"].is_null()));
    assert!(all.iter().all(|s| s["account"]["id"] == booster));
    let own = statuses_of(&net, booster, "limit=40&exclude_reblogs=true").await;
    assert!(own.iter().all(|s| s["reblog"].is_null()) && own.len() < all.len());
    let (_, headers, page) =
        get(&format!("{}/api/v1/accounts/{booster}/statuses?limit=1", net.mastodon.url), TOKEN).await;
    let link = headers["link"].to_str().unwrap();
    let next = format!("/api/v1/accounts/{booster}/statuses?limit=1&max_id={}", page[0]["id"].as_str().unwrap());
    assert!(link.contains(&next), "{link}");
    let (status, _, body) = get(&format!("{}/api/v1/accounts/42/statuses", net.mastodon.url), TOKEN).await;
    assert_eq!((status, body["error"].as_str()), (404, Some("Record not found")));
    assert!(statuses_of(&net, booster, "pinned=true").await.is_empty());
}
