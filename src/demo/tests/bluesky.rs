//! The demo Bluesky server: sessions, getTimeline shape and cursor paging, facets, repost reasons.

use super::{assert_keys, client, expected, get, network, now};
use crate::demo::content::Net;
use crate::demo::{BLUESKY_ACCESS_JWT, BLUESKY_DID, BLUESKY_HANDLE, BLUESKY_PASSWORD, BLUESKY_REFRESH_JWT};
use serde_json::{Value, json};
use std::collections::HashSet;

const TOKEN: Option<&str> = Some(BLUESKY_ACCESS_JWT);

/// POSTs JSON to an XRPC method with an optional bearer token.
async fn post(url: &str, token: Option<&str>, body: Value) -> (u16, Value) {
    let mut request = client().post(url).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap_or(Value::Null))
}

/// Every feed item, following the cursor with pages of `limit`.
async fn all_items(base: &str, limit: usize) -> Vec<Value> {
    let mut items = Vec::new();
    let mut cursor = String::new();
    loop {
        let url = format!("{base}/xrpc/app.bsky.feed.getTimeline?limit={limit}&cursor={cursor}");
        let (status, _, body) = get(&url, TOKEN).await;
        assert_eq!(status, 200, "{body}");
        items.extend(body["feed"].as_array().unwrap().iter().cloned());
        match body["cursor"].as_str() {
            Some(next) => cursor = next.to_string(),
            None => return items,
        }
    }
}

#[tokio::test]
async fn sessions_create_refresh_get_and_reject_bad_passwords() {
    let net = network().await;
    let base = format!("{}/xrpc/com.atproto.server.", net.bluesky.url);
    let (status, body) =
        post(&format!("{base}createSession"), None, json!({"identifier": BLUESKY_HANDLE, "password": "wrong"})).await;
    assert_eq!((status, body["error"].as_str()), (401, Some("AuthenticationRequired")));
    assert_eq!(body["message"], "Invalid identifier or password");
    let login = json!({"identifier": BLUESKY_HANDLE, "password": BLUESKY_PASSWORD});
    let (status, session) = post(&format!("{base}createSession"), None, login).await;
    assert_eq!(status, 200);
    assert_keys(&session, &["accessJwt", "refreshJwt", "handle", "did", "active"]);
    assert_eq!(session["did"], BLUESKY_DID);
    let access = session["accessJwt"].as_str().unwrap();
    let refresh = session["refreshJwt"].as_str().unwrap();
    let (status, _, me) = get(&format!("{base}getSession"), Some(access)).await;
    assert_eq!((status, me["handle"].as_str()), (200, Some(BLUESKY_HANDLE)));
    let (status, renewed) = post(&format!("{base}refreshSession"), Some(refresh), Value::Null).await;
    assert_eq!(status, 200);
    assert_ne!(renewed["accessJwt"].as_str(), Some(access));
    let (status, _) = post(&format!("{base}refreshSession"), Some(BLUESKY_REFRESH_JWT), Value::Null).await;
    assert_eq!(status, 200);
    let timeline = format!("{}/xrpc/app.bsky.feed.getTimeline", net.bluesky.url);
    assert_eq!(get(&timeline, renewed["accessJwt"].as_str()).await.0, 200);
    let (status, _, body) = get(&timeline, Some(refresh)).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("InvalidToken")));
    let (status, _, body) = get(&timeline, Some("forged")).await;
    assert_eq!((status, body["error"].is_string(), body["message"].is_string()), (401, true, true));
}

#[tokio::test]
async fn cursor_paging_visits_every_item_once_and_ends_without_a_cursor() {
    let net = network().await;
    let items = all_items(&net.bluesky.url, 7).await;
    assert_eq!(items.len(), expected(Net::Bluesky));
    let keys: HashSet<String> = items.iter().map(|i| format!("{}|{}", i["post"]["uri"], i["reason"]["uri"])).collect();
    assert_eq!(keys.len(), items.len());
    let times: Vec<&str> =
        items.iter().map(|i| i["reason"]["indexedAt"].as_str().or(i["post"]["indexedAt"].as_str()).unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "sorted by indexedAt or the repost's indexedAt");
    let (status, _, body) = get(&format!("{}/xrpc/app.bsky.feed.getTimeline?limit=101", net.bluesky.url), TOKEN).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("InvalidRequest")));
}

#[tokio::test]
async fn feed_view_posts_have_the_lexicon_shapes() {
    let net = network().await;
    let items = all_items(&net.bluesky.url, 100).await;
    for item in &items {
        let post = &item["post"];
        assert_keys(
            post,
            &[
                "uri",
                "cid",
                "author",
                "record",
                "replyCount",
                "repostCount",
                "likeCount",
                "quoteCount",
                "indexedAt",
                "viewer",
                "labels",
            ],
        );
        assert_keys(&post["author"], &["did", "handle", "displayName", "avatar"]);
        assert_eq!(post["record"]["$type"], "app.bsky.feed.post");
        assert!(post["uri"].as_str().unwrap().starts_with("at://did:plc:"));
    }
    let has = |f: &dyn Fn(&Value) -> bool| items.iter().any(f);
    assert!(has(&|i| i["reason"]["$type"] == "app.bsky.feed.defs#reasonRepost"
        && i["reason"]["indexedAt"].as_str() > i["post"]["indexedAt"].as_str()));
    assert!(has(
        &|i| i["reply"]["root"]["uri"].is_string() && i["post"]["record"]["reply"]["parent"]["cid"].is_string()
    ));
    assert!(has(&|i| i["post"]["embed"]["$type"] == "app.bsky.embed.images#view"
        && i["post"]["embed"]["images"][0]["alt"] == ""));
    assert!(has(&|i| i["post"]["embed"]["$type"] == "app.bsky.embed.external#view"));
    assert!(has(&|i| i["post"]["embed"]["record"]["$type"] == "app.bsky.embed.record#viewRecord"));
    assert!(has(&|i| i["post"]["embed"]["record"]["$type"] == "app.bsky.embed.record#viewNotFound"));
    assert!(has(&|i| i["post"]["record"]["createdAt"].as_str().unwrap().starts_with("2099")));
}

#[tokio::test]
async fn facet_byte_offsets_point_at_the_right_substrings() {
    let net = network().await;
    let mut checked = 0;
    for item in all_items(&net.bluesky.url, 100).await {
        let record = &item["post"]["record"];
        let text = record["text"].as_str().unwrap().as_bytes();
        for facet in record["facets"].as_array().into_iter().flatten() {
            let start = facet["index"]["byteStart"].as_u64().unwrap() as usize;
            let end = facet["index"]["byteEnd"].as_u64().unwrap() as usize;
            let slice = std::str::from_utf8(&text[start..end]).expect("offsets on char boundaries");
            let feature = &facet["features"][0];
            match feature["$type"].as_str().unwrap() {
                "app.bsky.richtext.facet#link" => assert_eq!(feature["uri"], slice),
                "app.bsky.richtext.facet#tag" => {
                    assert_eq!(format!("#{}", feature["tag"].as_str().unwrap()), slice)
                }
                "app.bsky.richtext.facet#mention" => {
                    assert!(slice.starts_with('@') && slice.ends_with(".bsky.example"))
                }
                other => panic!("unexpected facet {other}"),
            }
            checked += 1;
        }
    }
    assert!(checked > 20);
}

#[tokio::test]
async fn pushed_post_comes_first() {
    let net = network().await;
    net.bluesky.push_post("carol.bsky.example", "Fresh from the test", now());
    let (_, _, body) = get(&format!("{}/xrpc/app.bsky.feed.getTimeline?limit=1", net.bluesky.url), TOKEN).await;
    assert_eq!(body["feed"][0]["post"]["record"]["text"], "Fresh from the test");
    assert_eq!(body["feed"][0]["post"]["author"]["handle"], "carol.bsky.example");
}
