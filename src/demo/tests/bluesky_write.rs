//! The repo side of the demo Bluesky server: createRecord under a chosen or generated rkey, getRecord,
//! deleteRecord, resolveHandle, and created posts on the timeline exactly as sent.

use super::{client, get, network, send};
use crate::demo::bluesky::repo::is_tid;
use crate::demo::{BLUESKY_ACCESS_JWT, BLUESKY_DID, BLUESKY_HANDLE, DemoNetwork};
use serde_json::{Value, json};

const TOKEN: Option<&str> = Some(BLUESKY_ACCESS_JWT);
const POST: &str = "app.bsky.feed.post";

/// POSTs an XRPC procedure with the demo token.
async fn call(net: &DemoNetwork, nsid: &str, body: Value) -> (u16, Value) {
    let url = format!("{}/xrpc/{nsid}", net.bluesky.url);
    let (status, _, body) = send(client().post(url).bearer_auth(BLUESKY_ACCESS_JWT).json(&body)).await;
    (status, body)
}

/// A post record with `text` (and facets, when given).
fn record(text: &str, facets: Value) -> Value {
    let mut record = json!({"$type": POST, "text": text, "createdAt": "2025-03-01T12:00:00.000Z", "langs": ["en"]});
    if !facets.is_null() {
        record["facets"] = facets;
    }
    record
}

/// Creates a post under `rkey` (`None`: the server picks one).
async fn create(net: &DemoNetwork, rkey: Option<&str>, record: Value) -> (u16, Value) {
    let mut body = json!({"repo": BLUESKY_DID, "collection": POST, "record": record});
    if let Some(rkey) = rkey {
        body["rkey"] = json!(rkey);
    }
    call(net, "com.atproto.repo.createRecord", body).await
}

/// getRecord of the demo account's post under `rkey`.
async fn get_record(net: &DemoNetwork, repo: &str, rkey: &str) -> (u16, Value) {
    let url = format!("{}/xrpc/com.atproto.repo.getRecord?repo={repo}&collection={POST}&rkey={rkey}", net.bluesky.url);
    let (status, _, body) = get(&url, None).await;
    (status, body)
}

/// The newest timeline item.
async fn first_item(net: &DemoNetwork) -> Value {
    let (_, _, body) = get(&format!("{}/xrpc/app.bsky.feed.getTimeline?limit=1", net.bluesky.url), TOKEN).await;
    body["feed"][0].clone()
}

#[tokio::test]
async fn a_created_post_is_found_by_its_rkey_and_tops_the_timeline_as_sent() {
    let net = network().await;
    let text = "日本 👩\u{200d}👩\u{200d}👧\u{200d}👦 https://example.com #tag";
    // Facets are stored as sent, even a wrong one (the PDS does not check ranges).
    let facets = json!([
        {"index": {"byteStart": 33, "byteEnd": 52}, "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://example.com"}]},
        {"index": {"byteStart": 53, "byteEnd": 57}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "tag"}]},
        {"index": {"byteStart": 90, "byteEnd": 99}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "past"}]},
    ]);
    let sent = record(text, facets);
    let rkey = "3lbcdefghij22";
    let (status, created) = create(&net, Some(rkey), sent.clone()).await;
    assert_eq!(status, 200, "{created}");
    assert_eq!(created["uri"], format!("at://{BLUESKY_DID}/{POST}/{rkey}"));
    assert!(created["cid"].as_str().unwrap().starts_with("bafyrei"));
    assert!(created["commit"]["rev"].is_string());
    let (status, found) = get_record(&net, BLUESKY_DID, rkey).await;
    assert_eq!((status, &found["uri"], &found["cid"]), (200, &created["uri"], &created["cid"]));
    assert_eq!(found["value"], sent);
    assert_eq!(get_record(&net, BLUESKY_HANDLE, rkey).await.1["uri"], created["uri"], "a handle names the repo too");
    let item = first_item(&net).await;
    assert_eq!((&item["post"]["uri"], &item["post"]["cid"]), (&created["uri"], &created["cid"]));
    assert_eq!(item["post"]["record"], sent);
    assert_eq!(item["post"]["author"]["handle"], BLUESKY_HANDLE);
    assert_eq!((item["post"]["likeCount"].as_u64(), item["post"]["viewer"]["like"].as_str()), (Some(0), None));
    assert_eq!(net.bluesky.faults.creates(), 1);
}

#[tokio::test]
async fn rkeys_must_be_new_tids_and_records_must_fit_the_lexicon() {
    let net = network().await;
    for bad in ["self", "3lbcdefghij2", "zlbcdefghij22", "3LBCDEFGHIJ22"] {
        let (status, body) = create(&net, Some(bad), record("x", Value::Null)).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("InvalidRequest")), "{bad}");
    }
    let rkey = "3lbcdefghij23";
    assert_eq!(create(&net, Some(rkey), record("first", Value::Null)).await.0, 200);
    let (status, body) = create(&net, Some(rkey), record("second", Value::Null)).await;
    assert_eq!((status, body["error"].as_str()), (500, Some("InternalServerError")));
    assert_eq!(get_record(&net, BLUESKY_DID, rkey).await.1["value"]["text"], "first");
    let (status, generated) = create(&net, None, record("server picks", Value::Null)).await;
    assert_eq!(status, 200);
    assert!(is_tid(generated["uri"].as_str().unwrap().rsplit('/').next().unwrap()));
    let no_time = json!({"text": "when?"});
    assert_eq!(create(&net, None, no_time).await.1["error"], "InvalidRequest");
    assert_eq!(create(&net, None, record(&"x".repeat(301), Value::Null)).await.0, 400);
    let untyped = json!({"text": "typed by the server", "createdAt": "2025-03-01T12:00:00Z"});
    let (_, created) = create(&net, None, untyped).await;
    let rkey = created["uri"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
    assert_eq!(get_record(&net, BLUESKY_DID, &rkey).await.1["value"]["$type"], POST);
    let body = |repo: &str| json!({"repo": repo, "collection": POST, "record": record("x", Value::Null)});
    let (status, body_) = call(&net, "com.atproto.repo.createRecord", body("did:plc:nobody")).await;
    assert_eq!((status, body_["error"].as_str()), (400, Some("InvalidRequest")));
    assert_eq!(call(&net, "com.atproto.repo.createRecord", body("alice.bsky.example")).await.0, 401);
    let url = format!("{}/xrpc/com.atproto.repo.createRecord", net.bluesky.url);
    assert_eq!(send(client().post(url).json(&body(BLUESKY_DID))).await.0, 401);
    assert_eq!(net.bluesky.faults.creates(), 3);
}

#[tokio::test]
async fn get_record_reads_any_repo_and_names_missing_records() {
    let net = network().await;
    let item = first_item(&net).await;
    let uri = item["post"]["uri"].as_str().unwrap();
    let parts: Vec<&str> = uri.trim_start_matches("at://").split('/').collect();
    let (status, found) = get_record(&net, parts[0], parts[2]).await;
    assert_eq!((status, &found["value"]), (200, &item["post"]["record"]));
    let (status, body) = get_record(&net, BLUESKY_DID, "3lbcdefghij99").await;
    assert_eq!((status, body["error"].as_str()), (400, Some("RecordNotFound")));
    let (status, body) = get_record(&net, "did:plc:nobody", "3lbcdefghij99").await;
    assert_eq!((status, body["error"].as_str()), (400, Some("InvalidRequest")));
    let url = format!("{}/xrpc/com.atproto.repo.getRecord?repo={BLUESKY_DID}", net.bluesky.url);
    assert_eq!(get(&url, None).await.0, 400);
}

#[tokio::test]
async fn a_deleted_record_is_gone_and_deleting_again_is_fine() {
    let net = network().await;
    let rkey = "3lbcdefghij24";
    create(&net, Some(rkey), record("going soon", Value::Null)).await;
    let delete = json!({"repo": BLUESKY_DID, "collection": POST, "rkey": rkey});
    let (status, body) = call(&net, "com.atproto.repo.deleteRecord", delete.clone()).await;
    assert_eq!((status, body["commit"]["rev"].is_string()), (200, true));
    assert_eq!(get_record(&net, BLUESKY_DID, rkey).await.1["error"], "RecordNotFound");
    assert_ne!(first_item(&net).await["post"]["record"]["text"], "going soon");
    assert_eq!(call(&net, "com.atproto.repo.deleteRecord", delete).await, (200, json!({})));
    let theirs = json!({"repo": "alice.bsky.example", "collection": POST, "rkey": rkey});
    assert_eq!(call(&net, "com.atproto.repo.deleteRecord", theirs).await.0, 401);
}

#[tokio::test]
async fn a_reply_shows_its_parent_on_the_timeline() {
    let net = network().await;
    let parent = first_item(&net).await["post"].clone();
    let strong = json!({"uri": parent["uri"], "cid": parent["cid"]});
    let mut reply = record("answering", Value::Null);
    reply["reply"] = json!({"root": strong, "parent": strong});
    create(&net, Some("3lbcdefghij25"), reply).await;
    let item = first_item(&net).await;
    assert_eq!(item["reply"]["parent"]["uri"], parent["uri"]);
    assert_eq!(item["post"]["record"]["reply"]["parent"]["cid"], parent["cid"]);
}

#[tokio::test]
async fn a_lost_answer_leaves_a_record_that_get_record_finds() {
    let net = network().await;
    net.bluesky.faults.lose_next_create(1);
    let (status, _) = create(&net, Some("bad"), record("refused", Value::Null)).await;
    assert_eq!(status, 400, "a refused create does not use up the lost answer");
    let (status, body) = create(&net, Some("3lbcdefghij26"), record("lost answer", Value::Null)).await;
    assert_eq!((status, body["error"].as_str()), (500, Some("InternalServerError")));
    assert_eq!(get_record(&net, BLUESKY_DID, "3lbcdefghij26").await.1["value"]["text"], "lost answer");
    assert_eq!(net.bluesky.faults.creates(), 1);
}

#[tokio::test]
async fn resolve_handle_knows_the_cast() {
    let net = network().await;
    let resolve = |handle: &str| format!("{}/xrpc/com.atproto.identity.resolveHandle?handle={handle}", net.bluesky.url);
    assert_eq!(get(&resolve(BLUESKY_HANDLE), None).await.2, json!({"did": BLUESKY_DID}));
    let (status, _, alice) = get(&resolve("Alice.bsky.example"), None).await;
    assert_eq!(status, 200);
    assert!(alice["did"].as_str().unwrap().starts_with("did:plc:"));
    let (status, _, body) = get(&resolve("nobody.example"), None).await;
    assert_eq!(
        (status, body["error"].as_str(), body["message"].as_str()),
        (400, Some("InvalidRequest"), Some("Unable to resolve handle"))
    );
    let url = format!("{}/xrpc/com.atproto.identity.resolveHandle", net.bluesky.url);
    assert_eq!(get(&url, None).await.0, 400);
}
