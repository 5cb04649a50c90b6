//! The demo Mastodon server: shapes, Link paging, instance, auth, push.

use super::{assert_keys, expected, get, network, now};
use crate::demo::content::Net;
use crate::demo::{MASTODON_TOKEN, MASTODON_USER};
use serde_json::Value;
use std::collections::HashSet;

const TOKEN: Option<&str> = Some(MASTODON_TOKEN);

/// The `rel` URL of a Link header.
fn link(headers: &reqwest::header::HeaderMap, rel: &str) -> Option<String> {
    let header = headers.get("link")?.to_str().ok()?;
    header
        .split(", ")
        .find(|part| part.ends_with(&format!("rel=\"{rel}\"")))
        .map(|part| part.trim_start_matches('<').split('>').next().unwrap_or_default().to_string())
}

#[tokio::test]
async fn home_statuses_have_the_documented_keys() {
    let net = network().await;
    let (status, _, body) = get(&format!("{}/api/v1/timelines/home?limit=40", net.mastodon.url), TOKEN).await;
    assert_eq!(status, 200);
    let statuses = body.as_array().unwrap();
    assert_eq!(statuses.len(), 40);
    let keys = [
        "id",
        "uri",
        "url",
        "created_at",
        "account",
        "content",
        "spoiler_text",
        "sensitive",
        "visibility",
        "reblog",
        "in_reply_to_id",
        "in_reply_to_account_id",
        "media_attachments",
        "card",
        "poll",
        "replies_count",
        "reblogs_count",
        "favourites_count",
        "favourited",
        "reblogged",
        "bookmarked",
        "tags",
        "mentions",
        "emojis",
        "language",
    ];
    for s in statuses {
        assert_keys(s, &keys);
        assert_keys(&s["account"], &["id", "username", "acct", "display_name", "url", "avatar"]);
        let created = s["created_at"].as_str().unwrap();
        assert!(created.ends_with('Z') && created.len() == 24, "{created}");
    }
    let boost = statuses.iter().find(|s| s["reblog"].is_object()).unwrap();
    assert!(boost["created_at"].as_str() > boost["reblog"]["created_at"].as_str());
    assert_ne!(boost["id"], boost["reblog"]["id"]);
}

#[tokio::test]
async fn paging_with_link_next_visits_every_status_once() {
    let net = network().await;
    let mut url = format!("{}/api/v1/timelines/home", net.mastodon.url);
    let mut seen = Vec::new();
    loop {
        let (status, headers, body) = get(&url, TOKEN).await;
        assert_eq!(status, 200);
        seen.extend(body.as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string()));
        match link(&headers, "next") {
            Some(next) => url = next,
            None => break,
        }
    }
    let unique: HashSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len());
    assert_eq!(seen.len(), expected(Net::Mastodon));
    let numbers: Vec<u64> = seen.iter().map(|id| id.parse().unwrap()).collect();
    assert!(numbers.windows(2).all(|w| w[0] > w[1]), "newest first, largest id first");
}

#[tokio::test]
async fn link_header_names_max_id_and_min_id_and_honours_the_link_host() {
    let net = network().await;
    let (_, headers, body) = get(&format!("{}/api/v1/timelines/home?limit=5", net.mastodon.url), TOKEN).await;
    let ids: Vec<&str> = body.as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    let next = link(&headers, "next").unwrap();
    let prev = link(&headers, "prev").unwrap();
    assert!(next.starts_with(&net.mastodon.url) && next.ends_with(&format!("max_id={}", ids[4])), "{next}");
    assert!(prev.ends_with(&format!("min_id={}", ids[0])) && prev.contains("limit=5"), "{prev}");

    let (_, _, newer) =
        get(&format!("{}/api/v1/timelines/home?limit=2&min_id={}", net.mastodon.url, ids[4]), TOKEN).await;
    let newer: Vec<&str> = newer.as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(newer, vec![ids[2], ids[3]], "min_id gives the adjacent newer page");
    let (_, _, since) = get(&format!("{}/api/v1/timelines/home?since_id={}", net.mastodon.url, ids[2]), TOKEN).await;
    assert_eq!(since.as_array().unwrap().len(), 2);

    net.mastodon.faults.set_link_host(Some("gts.example:8443".into()));
    let (_, headers, _) = get(&format!("{}/api/v1/timelines/home", net.mastodon.url), TOKEN).await;
    assert!(link(&headers, "next").unwrap().starts_with("http://gts.example:8443/api/v1/timelines/home?max_id="));
}

#[tokio::test]
async fn instance_v2_v1_and_verify_credentials() {
    let net = network().await;
    let (status, _, v2) = get(&format!("{}/api/v2/instance", net.mastodon.url), None).await;
    assert_eq!(status, 200);
    let config = &v2["configuration"];
    assert_eq!(config["statuses"]["max_characters"], 500);
    assert_eq!(config["statuses"]["characters_reserved_per_url"], 23);
    assert_eq!(config["statuses"]["max_media_attachments"], 4);
    assert_eq!(config["media_attachments"]["description_limit"], 1500);
    assert!(config["urls"]["streaming"].as_str().unwrap().starts_with("ws://127.0.0.1:"));
    net.mastodon.faults.set_v2_instance(false);
    let (status, _, body) = get(&format!("{}/api/v2/instance", net.mastodon.url), None).await;
    assert_eq!((status, body["error"].is_string()), (404, true));
    let (_, _, v1) = get(&format!("{}/api/v1/instance", net.mastodon.url), None).await;
    assert_eq!(v1["max_toot_chars"], 500);
    let (_, _, me) = get(&format!("{}/api/v1/accounts/verify_credentials", net.mastodon.url), TOKEN).await;
    assert_eq!(me["acct"], MASTODON_USER);
    assert_keys(&me, &["id", "username", "display_name", "source", "avatar"]);
}

#[tokio::test]
async fn a_wrong_or_missing_token_gets_mastodons_401() {
    let net = network().await;
    let url = format!("{}/api/v1/timelines/home", net.mastodon.url);
    for token in [None, Some("nope")] {
        let (status, headers, body) = get(&url, token).await;
        assert_eq!(status, 401);
        assert!(body["error"].is_string());
        assert!(headers.contains_key("www-authenticate"));
    }
}

#[tokio::test]
async fn pushed_post_comes_first_and_content_has_the_markup() {
    let net = network().await;
    net.mastodon.push_post("alice@social.example", "Fresh <news> from @bob", now());
    let (_, _, body) = get(&format!("{}/api/v1/timelines/home?limit=40", net.mastodon.url), TOKEN).await;
    let first = &body[0];
    assert_eq!(first["account"]["acct"], "alice@social.example");
    let html = first["content"].as_str().unwrap();
    assert!(html.starts_with("<p>Fresh &lt;news&gt; from <span class=\"h-card\""), "{html}");
    assert_eq!(first["mentions"][0]["acct"], "bob@social.example");
    let all: Vec<&Value> = body.as_array().unwrap().iter().collect();
    let tagged = all.iter().find(|s| s["content"].as_str().unwrap().contains("class=\"mention hashtag\"")).unwrap();
    assert!(tagged["tags"][0]["name"].is_string());
    let cw = all.iter().find(|s| s["spoiler_text"] == "mild food opinions").unwrap();
    assert_eq!(cw["sensitive"], false);
}
