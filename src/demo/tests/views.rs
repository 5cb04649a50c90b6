//! The views' endpoints on the demo servers over plain HTTP: the shapes murre's clients do not show
//! directly (a deleted parent's id kept, markers, isRead and seenAt, Tumblr's unread flags that no
//! call moves) and the refusals (unknown posts, deleted accounts, the blocker).

use super::{client, get, network, send};
use crate::demo::{BLUESKY_ACCESS_JWT, MASTODON_TOKEN, TUMBLR_BLOG, TUMBLR_TOKEN};
use serde_json::{Value, json};

/// The first home status whose text contains `needle`.
async fn mastodon_status(base: &str, needle: &str) -> Value {
    let mut url = format!("{base}/api/v1/timelines/home?limit=40");
    for _ in 0..10 {
        let (_, headers, page) = get(&url, Some(MASTODON_TOKEN)).await;
        if let Some(found) =
            page.as_array().and_then(|a| a.iter().find(|s| s["content"].as_str().is_some_and(|c| c.contains(needle))))
        {
            return found.clone();
        }
        let link = headers.get("link").and_then(|l| l.to_str().ok()).unwrap_or_default().to_string();
        let next = link.split(',').find(|l| l.contains("rel=\"next\"")).and_then(|l| l.split(['<', '>']).nth(1));
        url = next.unwrap_or_else(|| panic!("{needle:?} not in the home timeline")).to_string();
    }
    panic!("{needle:?} not found")
}

#[tokio::test]
async fn mastodon_context_keeps_a_deleted_parents_id_and_markers_move() {
    let net = network().await;
    let base = &net.mastodon.url;
    let orphan = mastodon_status(base, "Replying to a post that its author deleted").await;
    assert!(orphan["in_reply_to_id"].is_string(), "the deleted parent's id stays");
    let id = orphan["id"].as_str().unwrap();
    let (code, _, context) = get(&format!("{base}/api/v1/statuses/{id}/context"), Some(MASTODON_TOKEN)).await;
    assert_eq!((code, context["ancestors"].as_array().map(Vec::len)), (200, Some(0)));
    assert_eq!(get(&format!("{base}/api/v1/statuses/1/context"), None).await.0, 404);
    let (_, _, list) = get(&format!("{base}/api/v1/notifications?limit=80"), Some(MASTODON_TOKEN)).await;
    let list = list.as_array().unwrap();
    let types: Vec<&str> = list.iter().filter_map(|n| n["type"].as_str()).collect();
    for kind in ["favourite", "reblog", "follow", "mention", "quote"] {
        assert!(types.contains(&kind), "{kind} in {types:?}");
    }
    let (_, _, markers) = get(&format!("{base}/api/v1/markers?timeline[]=notifications"), Some(MASTODON_TOKEN)).await;
    let marker = markers["notifications"]["last_read_id"].as_str().unwrap();
    let at = list.iter().position(|n| n["id"] == marker).unwrap();
    assert_eq!(at, 11, "eleven notifications came after the marker");
    let newest = list[0]["id"].as_str().unwrap();
    let post = client().post(format!("{base}/api/v1/markers")).bearer_auth(MASTODON_TOKEN);
    let (code, _, set) = send(post.form(&[("notifications[last_read_id]", newest)])).await;
    assert_eq!((code, set["notifications"]["last_read_id"].as_str()), (200, Some(newest)));
    let (_, _, markers) = get(&format!("{base}/api/v1/markers?timeline[]=notifications"), Some(MASTODON_TOKEN)).await;
    assert_eq!(markers["notifications"]["last_read_id"], newest);
}

async fn xrpc(base: &str, query: &str) -> (u16, Value) {
    let (code, _, body) = get(&format!("{base}/xrpc/{query}"), Some(BLUESKY_ACCESS_JWT)).await;
    (code, body)
}

#[tokio::test]
async fn bluesky_thread_notes_read_state_and_refused_profiles() {
    let net = network().await;
    let base = &net.bluesky.url;
    let (_, feed) = xrpc(base, "app.bsky.feed.getTimeline?limit=100").await;
    let orphan = feed["feed"].as_array().unwrap().iter().find(|i| {
        i["post"]["record"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Replying to a post that its author deleted"))
    });
    let uri = orphan.unwrap()["post"]["uri"].as_str().unwrap().to_string();
    let (code, thread) = xrpc(base, &format!("app.bsky.feed.getPostThread?uri={uri}")).await;
    assert_eq!((code, thread["thread"]["parent"]["$type"].as_str()), (200, Some("app.bsky.feed.defs#notFoundPost")));
    let (code, missing) = xrpc(base, "app.bsky.feed.getPostThread?uri=at://nobody/app.bsky.feed.post/x").await;
    assert_eq!((code, missing["error"].as_str()), (400, Some("NotFound")));
    let (_, list) = xrpc(base, "app.bsky.notification.listNotifications?limit=50").await;
    let unread = list["notifications"].as_array().unwrap().iter().filter(|n| n["isRead"] == false).count();
    assert_eq!((unread, xrpc(base, "app.bsky.notification.getUnreadCount").await.1["count"].as_u64()), (11, Some(11)));
    let seen = list["notifications"][0]["indexedAt"].clone();
    let post = client().post(format!("{base}/xrpc/app.bsky.notification.updateSeen")).bearer_auth(BLUESKY_ACCESS_JWT);
    assert_eq!(send(post.json(&json!({"seenAt": seen}))).await.0, 200);
    assert_eq!(xrpc(base, "app.bsky.notification.getUnreadCount").await.1["count"], 0);
    let (code, gone) = xrpc(base, "app.bsky.actor.getProfile?actor=ghost.bsky.example").await;
    assert_eq!((code, gone["message"].as_str()), (400, Some("Profile not found")));
    let (_, blocker) = xrpc(base, "app.bsky.actor.getProfile?actor=blocker.bsky.example").await;
    assert_eq!(blocker["viewer"]["blockedBy"], true);
    let (code, feed) = xrpc(base, "app.bsky.feed.getAuthorFeed?actor=blocker.bsky.example").await;
    assert_eq!((code, feed["error"].as_str()), (400, Some("BlockedByActor")));
}

#[tokio::test]
async fn tumblr_activity_keeps_its_own_unread_flags_and_notes_hold_replies() {
    let net = network().await;
    let base = &net.tumblr.url;
    let token = Some(TUMBLR_TOKEN);
    let (code, _, activity) = get(&format!("{base}/v2/blog/{TUMBLR_BLOG}/notifications"), token).await;
    let items = activity["response"]["notifications"].as_array().unwrap().clone();
    assert_eq!((code, items.iter().filter(|i| i["unread"] == true).count()), (200, 11));
    assert!(items.iter().any(|i| i["type"] == "reply" && i["reply_text"].is_string()));
    assert_eq!(get(&format!("{base}/v2/blog/alice/notifications"), token).await.0, 403, "only one's own blogs");
    let target = items.iter().find_map(|i| i["target_post_id"].as_str()).unwrap();
    let (code, _, notes) = get(&format!("{base}/v2/blog/{TUMBLR_BLOG}/notes?id={target}&mode=all"), token).await;
    let kinds: Vec<&str> =
        notes["response"]["notes"].as_array().unwrap().iter().filter_map(|n| n["type"].as_str()).collect();
    assert!(code == 200 && kinds.contains(&"like") && kinds.contains(&"reblog"), "{kinds:?}");
    assert_eq!(get(&format!("{base}/v2/blog/ghost/info"), token).await.0, 404);
    let (code, _, info) = get(&format!("{base}/v2/blog/alice/info"), token).await;
    assert_eq!((code, info["response"]["blog"]["followed"].as_bool()), (200, Some(true)));
}
