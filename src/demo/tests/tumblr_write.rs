//! Posting on the demo Tumblr server: NPF posts on the user's blogs, tags, states, refusals, lost
//! answers, and a blog's posts.

use super::{client, get, network, send};
use crate::demo::{DemoNetwork, TUMBLR_BLOG, TUMBLR_CLIENT_ID, TUMBLR_SIDE_BLOG, TUMBLR_TOKEN};
use serde_json::{Value, json};

const TOKEN: Option<&str> = Some(TUMBLR_TOKEN);

/// POSTs an NPF post to `blog`.
async fn create(net: &DemoNetwork, blog: &str, body: Value) -> (u16, Value) {
    let url = format!("{}/v2/blog/{blog}/posts", net.tumblr.url);
    let (status, _, body) = send(client().post(url).bearer_auth(TUMBLR_TOKEN).json(&body)).await;
    (status, body)
}

/// A post of one text block.
fn text_post(text: &str) -> Value {
    json!({"content": [{"type": "text", "text": text}]})
}

/// The newest posts of `blog` with `query`.
async fn blog_posts(net: &DemoNetwork, blog: &str, query: &str) -> (u16, Value) {
    let (status, _, body) = get(&format!("{}/v2/blog/{blog}/posts?npf=true&{query}", net.tumblr.url), TOKEN).await;
    (status, body)
}

/// The newest dashboard post.
async fn dashboard_first(net: &DemoNetwork) -> Value {
    let (_, _, body) = get(&format!("{}/v2/user/dashboard?npf=true&limit=1", net.tumblr.url), TOKEN).await;
    body["response"]["posts"][0].clone()
}

#[tokio::test]
async fn a_post_tops_the_dashboard_and_its_blog_with_its_blocks_and_tags() {
    let net = network().await;
    let content = json!([
        {"type": "text", "text": "Hello 👩\u{200d}👩\u{200d}👧\u{200d}👦 world", "formatting": [{"start": 14, "end": 19, "type": "bold"}]},
        {"type": "text", "subtype": "quote", "text": "quoted"},
        {"type": "link", "url": "https://example.com"},
    ]);
    let (status, created) =
        create(&net, TUMBLR_BLOG, json!({"content": content, "tags": "one, two words", "state": "published"})).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["meta"], json!({"status": 201, "msg": "Created"}));
    let id = created["response"]["id"].as_str().unwrap();
    assert_eq!(created["response"]["id_string"], id);
    let first = dashboard_first(&net).await;
    assert_eq!((first["id_string"].as_str(), first["blog_name"].as_str()), (Some(id), Some(TUMBLR_BLOG)));
    assert_eq!(first["content"], content);
    assert_eq!(first["tags"], json!(["one", "two words"]));
    assert_eq!((first["note_count"].as_u64(), first["liked"].as_bool()), (Some(0), Some(false)));
    assert_eq!(first["original_type"], "link");
    let (status, body) = blog_posts(&net, TUMBLR_BLOG, "limit=1").await;
    assert_eq!(status, 200);
    assert_eq!(body["response"]["posts"][0], first, "the blog shows the post as the dashboard does");
    assert_eq!(body["response"]["blog"]["name"], TUMBLR_BLOG);
    let (_, one) = blog_posts(&net, &format!("{TUMBLR_BLOG}.tumblr.com"), &format!("id={id}")).await;
    assert_eq!(one["response"]["posts"].as_array().unwrap().len(), 1);
    assert_eq!(net.tumblr.faults.creates(), 1);
}

#[tokio::test]
async fn tags_as_an_array_drafts_and_the_side_blog() {
    let net = network().await;
    let (_, info) = blog_posts(&net, TUMBLR_SIDE_BLOG, "").await;
    let uuid = info["response"]["blog"]["uuid"].as_str().unwrap().to_string();
    let (_, _, user) = get(&format!("{}/v2/user/info", net.tumblr.url), TOKEN).await;
    assert_eq!(user["response"]["user"]["blogs"][1]["uuid"], uuid.as_str(), "one uuid for the side blog");
    let mut post = text_post("a sketch");
    post["tags"] = json!(["doodle", " ink "]);
    let (status, created) = create(&net, &uuid, post).await;
    assert_eq!(status, 201);
    let first = dashboard_first(&net).await;
    assert_eq!(
        (&first["id_string"], first["blog_name"].as_str()),
        (&created["response"]["id"], Some(TUMBLR_SIDE_BLOG))
    );
    assert_eq!(first["tags"], json!(["doodle", "ink"]));
    let mut draft = text_post("not yet");
    draft["state"] = json!("draft");
    let (status, drafted) = create(&net, TUMBLR_BLOG, draft).await;
    assert_eq!((status, drafted["response"]["state"].as_str()), (201, Some("draft")));
    assert_eq!(dashboard_first(&net).await["id_string"], created["response"]["id"], "a draft is not on the dashboard");
    let (_, mine) = blog_posts(&net, TUMBLR_BLOG, "").await;
    assert!(mine["response"]["posts"].as_array().unwrap().iter().all(|p| p["id_string"] != drafted["response"]["id"]));
    assert_eq!(net.tumblr.faults.creates(), 2);
}

#[tokio::test]
async fn bad_posts_and_other_blogs_are_refused_in_tumblrs_error_shape() {
    let net = network().await;
    let cases = [
        (TUMBLR_BLOG, json!({"content": []}), 400),
        (TUMBLR_BLOG, json!({"tags": "a"}), 400),
        (TUMBLR_BLOG, json!({"content": [{"type": "sticker"}]}), 400),
        (TUMBLR_BLOG, json!({"content": [{"type": "text", "text": "x".repeat(4097)}]}), 400),
        (
            TUMBLR_BLOG,
            json!({"content": [{"type": "text", "text": "👩\u{200d}👩\u{200d}👧\u{200d}👦", "formatting": [{"start": 0, "end": 8, "type": "bold"}]}]}),
            400,
        ),
        (TUMBLR_BLOG, json!({"content": [{"type": "text", "text": "x"}], "state": "later"}), 400),
        (TUMBLR_BLOG, json!({"content": [{"type": "text", "text": "x"}], "tags": 5}), 400),
        ("alice", text_post("x"), 403),
        ("nobody-here", text_post("x"), 404),
    ];
    for (blog, body, want) in cases {
        let (status, answer) = create(&net, blog, body.clone()).await;
        assert_eq!(status, want, "{body}: {answer}");
        assert_eq!(answer["meta"]["status"], want);
        assert!(answer["errors"][0]["detail"].is_string());
    }
    let url = format!("{}/v2/blog/{TUMBLR_BLOG}/posts", net.tumblr.url);
    let (status, _, body) = send(client().post(&url).bearer_auth(TUMBLR_TOKEN).body("content=x")).await;
    assert_eq!((status, body["meta"]["status"].as_u64()), (400, Some(400)));
    let (status, _, body) = send(client().post(&url).json(&text_post("x"))).await;
    assert_eq!((status, body["errors"][0]["code"].as_u64()), (401, Some(1016)));
    assert_eq!(net.tumblr.faults.creates(), 0);
}

#[tokio::test]
async fn a_lost_answer_leaves_the_post_on_the_blog() {
    let net = network().await;
    net.tumblr.faults.lose_next_create(1);
    let (status, body) = create(&net, TUMBLR_BLOG, text_post("did it post?")).await;
    assert_eq!((status, body["meta"]["status"].as_u64()), (500, Some(500)));
    let (_, mine) = blog_posts(&net, TUMBLR_BLOG, "limit=1").await;
    assert_eq!(mine["response"]["posts"][0]["content"][0]["text"], "did it post?");
    assert_eq!(net.tumblr.faults.creates(), 1);
    assert_eq!(create(&net, TUMBLR_BLOG, text_post("and now?")).await.0, 201);
}

#[tokio::test]
async fn a_blogs_posts_page_by_offset_and_open_to_the_api_key() {
    let net = network().await;
    let mut seen = Vec::new();
    let total = loop {
        let (status, body) = blog_posts(&net, "alice", &format!("limit=2&offset={}", seen.len())).await;
        assert_eq!(status, 200);
        let page = body["response"]["posts"].as_array().unwrap();
        assert!(page.iter().all(|p| p["blog_name"] == "alice"));
        seen.extend(page.iter().map(|p| p["id_string"].as_str().unwrap().to_string()));
        if body["response"]["_links"]["next"].is_null() {
            break body["response"]["total_posts"].as_u64().unwrap() as usize;
        }
    };
    assert!(total > 2);
    assert_eq!(seen.len(), total);
    let stamps: Vec<&str> = seen.iter().map(String::as_str).collect();
    assert!(stamps.windows(2).all(|w| w[0].parse::<u64>().unwrap() > w[1].parse::<u64>().unwrap()), "newest first");
    let by_key = format!("{}/v2/blog/alice/posts?npf=true&api_key={TUMBLR_CLIENT_ID}", net.tumblr.url);
    assert_eq!(get(&by_key, None).await.0, 200);
    assert_eq!(get(&format!("{}/v2/blog/alice/posts", net.tumblr.url), None).await.0, 401);
    assert_eq!(blog_posts(&net, "nobody-here", "").await.0, 404);
    assert_eq!(blog_posts(&net, "alice", "id=1").await.0, 404);
}
