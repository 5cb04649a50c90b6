//! Interactions on the demo servers over plain HTTP: the wire shapes and refusals murre's clients do
//! not see directly (stale unreblog bodies, relationships, record-key deletes, Tumblr's checks), and
//! fault injection on these endpoints.

use super::{client, get, network, send};
use crate::demo::{BLUESKY_ACCESS_JWT, BLUESKY_DID, DemoNetwork, MASTODON_TOKEN, TUMBLR_BLOG, TUMBLR_TOKEN};
use serde_json::{Value, json};

async fn mastodon_post(net: &DemoNetwork, path: &str) -> (u16, Value) {
    let (status, _, body) =
        send(client().post(format!("{}{path}", net.mastodon.url)).bearer_auth(MASTODON_TOKEN)).await;
    (status, body)
}

/// The newest home status by someone else that is not a boost.
async fn mastodon_first(net: &DemoNetwork) -> Value {
    let (_, _, home) = get(&format!("{}/api/v1/timelines/home?limit=20", net.mastodon.url), Some(MASTODON_TOKEN)).await;
    let theirs = |s: &&Value| s["reblog"].is_null() && s["account"]["acct"].as_str().is_some_and(|a| a.contains('@'));
    home.as_array().and_then(|a| a.iter().find(theirs).cloned()).unwrap_or_default()
}

#[tokio::test]
async fn mastodon_counts_follow_and_unreblog_answers_a_stale_body() {
    let net = network().await;
    let status = mastodon_first(&net).await;
    let id = status["id"].as_str().unwrap();
    let (code, liked) = mastodon_post(&net, &format!("/api/v1/statuses/{id}/favourite")).await;
    assert_eq!((code, liked["favourited"].as_bool()), (200, Some(true)));
    assert_eq!(liked["favourites_count"].as_u64(), status["favourites_count"].as_u64().map(|n| n + 1));
    assert_eq!(
        mastodon_post(&net, &format!("/api/v1/statuses/{id}/favourite")).await.1["favourites_count"],
        liked["favourites_count"],
        "twice is once"
    );
    let (_, boosted) = mastodon_post(&net, &format!("/api/v1/statuses/{id}/reblog")).await;
    assert_eq!(boosted["reblogged"], true);
    let (code, stale) = mastodon_post(&net, &format!("/api/v1/statuses/{id}/unreblog")).await;
    assert_eq!((code, stale["reblogged"].as_bool()), (200, Some(true)), "the body is the status before");
    assert_eq!(mastodon_post(&net, &format!("/api/v1/statuses/{id}/bookmark")).await.1["bookmarked"], true);
    let shown = get(&format!("{}/api/v1/statuses/{id}", net.mastodon.url), Some(MASTODON_TOKEN)).await.2;
    assert_eq!((shown["reblogged"].as_bool(), shown["bookmarked"].as_bool()), (Some(false), Some(true)));
    assert_eq!(mastodon_post(&net, "/api/v1/statuses/1/favourite").await.0, 404);
    assert_eq!(mastodon_post(&net, &format!("/api/v1/statuses/{id}/frobnicate")).await.0, 404);
}

#[tokio::test]
async fn mastodon_relationships_answer_known_ids_and_follow_changes_them() {
    let net = network().await;
    let author = mastodon_first(&net).await["account"]["id"].as_str().unwrap().to_string();
    let url = format!("{}/api/v1/accounts/relationships?id[]={author}&id[]=42", net.mastodon.url);
    let (code, _, rels) = get(&url, Some(MASTODON_TOKEN)).await;
    assert_eq!((code, rels.as_array().map(Vec::len)), (200, Some(1)), "unknown ids are left out");
    assert_eq!((rels[0]["id"].as_str(), rels[0]["following"].as_bool()), (Some(author.as_str()), Some(true)));
    let (code, rel) = mastodon_post(&net, &format!("/api/v1/accounts/{author}/unfollow")).await;
    assert_eq!((code, rel["following"].as_bool()), (200, Some(false)));
    assert_eq!(get(&url, Some(MASTODON_TOKEN)).await.2[0]["following"], false);
    let (_, _, me) =
        get(&format!("{}/api/v1/accounts/verify_credentials", net.mastodon.url), Some(MASTODON_TOKEN)).await;
    let me = me["id"].as_str().unwrap();
    assert_eq!(mastodon_post(&net, &format!("/api/v1/accounts/{me}/follow")).await.0, 403);
    assert_eq!(get(&url, None).await.0, 401);
}

async fn xrpc(net: &DemoNetwork, nsid: &str, body: Value) -> (u16, Value) {
    let url = format!("{}/xrpc/{nsid}", net.bluesky.url);
    let (status, _, body) = send(client().post(url).bearer_auth(BLUESKY_ACCESS_JWT).json(&body)).await;
    (status, body)
}

async fn bluesky_first(net: &DemoNetwork) -> Value {
    let url = format!("{}/xrpc/app.bsky.feed.getTimeline?limit=1", net.bluesky.url);
    get(&url, Some(BLUESKY_ACCESS_JWT)).await.2["feed"][0]["post"].clone()
}

#[tokio::test]
async fn bluesky_likes_are_records_shown_as_viewer_like_and_deleted_by_rkey() {
    let net = network().await;
    let post = bluesky_first(&net).await;
    let like = json!({"$type": "app.bsky.feed.like", "subject": {"uri": post["uri"], "cid": post["cid"]}, "createdAt": "2025-03-01T12:00:00Z"});
    let body = json!({"repo": BLUESKY_DID, "collection": "app.bsky.feed.like", "record": like});
    let (code, made) = xrpc(&net, "com.atproto.repo.createRecord", body).await;
    assert_eq!(code, 200, "{made}");
    let uri = made["uri"].as_str().unwrap();
    let after = bluesky_first(&net).await;
    assert_eq!(after["viewer"]["like"], uri);
    assert_eq!(after["likeCount"].as_u64(), post["likeCount"].as_u64().map(|n| n + 1));
    let rkey = uri.rsplit('/').next().unwrap();
    let delete = json!({"repo": BLUESKY_DID, "collection": "app.bsky.feed.like", "rkey": rkey});
    assert_eq!(xrpc(&net, "com.atproto.repo.deleteRecord", delete).await.0, 200);
    assert!(bluesky_first(&net).await["viewer"]["like"].is_null());
    let strange = json!({"repo": BLUESKY_DID, "collection": "app.bsky.feed.like", "record": {"subject": {"uri": "at://x/y/z", "cid": "c"}, "createdAt": "2025-03-01T12:00:00Z"}});
    assert_eq!(xrpc(&net, "com.atproto.repo.createRecord", strange).await.0, 400);
    let (code, body) =
        xrpc(&net, "app.bsky.bookmark.createBookmark", json!({"uri": post["uri"], "cid": post["cid"]})).await;
    assert_eq!((code, body), (200, Value::Null), "no body, as the AppView answers");
    assert_eq!(bluesky_first(&net).await["viewer"]["bookmarked"], true);
}

async fn tumblr(net: &DemoNetwork, path: &str, body: Value) -> (u16, Value) {
    let url = format!("{}{path}", net.tumblr.url);
    let (status, _, body) = send(client().post(url).bearer_auth(TUMBLR_TOKEN).json(&body)).await;
    (status, body)
}

#[tokio::test]
async fn tumblr_checks_reblog_keys_blogs_and_ownership() {
    let net = network().await;
    let (_, _, dash) = get(&format!("{}/v2/user/dashboard?npf=true&limit=5", net.tumblr.url), Some(TUMBLR_TOKEN)).await;
    let post =
        dash["response"]["posts"].as_array().unwrap().iter().find(|p| p["blog_name"] != TUMBLR_BLOG).unwrap().clone();
    let (id, key) = (post["id_string"].clone(), post["reblog_key"].clone());
    assert_eq!(tumblr(&net, "/v2/user/like", json!({"id": id, "reblog_key": "wrong"})).await.0, 400);
    assert_eq!(tumblr(&net, "/v2/user/like", json!({"id": "1", "reblog_key": key})).await.0, 404);
    assert_eq!(tumblr(&net, "/v2/user/like", json!({"id": id, "reblog_key": key})).await.0, 200);
    let reblog = json!({"parent_tumblelog_uuid": "t:nobody", "parent_post_id": id, "reblog_key": key});
    assert_eq!(tumblr(&net, &format!("/v2/blog/{TUMBLR_BLOG}/posts"), reblog).await.0, 400);
    assert_eq!(tumblr(&net, "/v2/user/follow", json!({"url": format!("{TUMBLR_BLOG}.tumblr.com")})).await.0, 400);
    let (code, followed) = tumblr(&net, "/v2/user/follow", json!({"url": "https://stranger.tumblr.com/"})).await;
    assert_eq!((code, followed["response"]["blog"]["name"].as_str()), (200, Some("stranger")));
    let theirs = format!("/v2/blog/{}/post/delete", post["blog_name"].as_str().unwrap());
    assert_eq!(tumblr(&net, &theirs, json!({"id": id})).await.0, 403);
    assert_eq!(tumblr(&net, &format!("/v2/blog/{TUMBLR_BLOG}/post/delete"), json!({"id": "1"})).await.0, 404);
}

#[tokio::test]
async fn faults_apply_to_interactions_too() {
    let net = network().await;
    let id = mastodon_first(&net).await["id"].as_str().unwrap().to_string();
    net.mastodon.faults.rate_limit_next(1, 30);
    let (code, body) = mastodon_post(&net, &format!("/api/v1/statuses/{id}/favourite")).await;
    assert_eq!((code, body["error"].as_str()), (429, Some("Too many requests")));
    net.mastodon.faults.garbage_next(1);
    assert_eq!(mastodon_post(&net, &format!("/api/v1/statuses/{id}/favourite")).await.1, Value::Null, "not JSON");
    assert_eq!(mastodon_first(&net).await["favourited"], false, "garbage comes instead of the handler");
    net.bluesky.faults.fail_next(1, 500);
    let like = json!({"repo": BLUESKY_DID, "collection": "app.bsky.feed.like", "record": {}});
    assert_eq!(xrpc(&net, "com.atproto.repo.createRecord", like).await.1["error"], "InternalServerError");
}
