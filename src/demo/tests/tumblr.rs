//! The demo Tumblr server: envelope, NPF shapes, offset paging, code-point formatting, auth.

use super::{assert_keys, client, expected, get, network, now};
use crate::demo::content::Net;
use crate::demo::{
    TUMBLR_BLOG, TUMBLR_CLIENT_ID, TUMBLR_CLIENT_SECRET, TUMBLR_CODE, TUMBLR_REDIRECT, TUMBLR_SIDE_BLOG, TUMBLR_TOKEN,
};
use serde_json::Value;
use std::collections::HashSet;

const TOKEN: Option<&str> = Some(TUMBLR_TOKEN);

/// Every dashboard post, paging by offset.
async fn all_posts(base: &str) -> Vec<Value> {
    let mut posts = Vec::new();
    loop {
        let url = format!("{base}/v2/user/dashboard?npf=true&limit=20&offset={}", posts.len());
        let (status, _, body) = get(&url, TOKEN).await;
        assert_eq!((status, body["meta"]["status"].as_u64()), (200, Some(200)));
        let page = body["response"]["posts"].as_array().unwrap();
        posts.extend(page.iter().cloned());
        if body["response"]["_links"]["next"].is_null() {
            return posts;
        }
    }
}

#[tokio::test]
async fn offset_paging_visits_every_post_once() {
    let net = network().await;
    let posts = all_posts(&net.tumblr.url).await;
    assert_eq!(posts.len(), expected(Net::Tumblr));
    let ids: HashSet<&str> = posts.iter().map(|p| p["id_string"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), posts.len());
    let newest = posts[2]["id_string"].as_str().unwrap();
    let url = format!("{}/v2/user/dashboard?npf=true&since_id={newest}", net.tumblr.url);
    assert_eq!(get(&url, TOKEN).await.2["response"]["posts"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn posts_have_the_npf_shape() {
    let net = network().await;
    let posts = all_posts(&net.tumblr.url).await;
    for p in &posts {
        assert_keys(
            p,
            &[
                "object_type",
                "type",
                "id",
                "id_string",
                "blog_name",
                "blog",
                "post_url",
                "timestamp",
                "date",
                "reblog_key",
                "tags",
                "content",
                "layout",
                "trail",
                "note_count",
                "liked",
                "can_reblog",
                "summary",
            ],
        );
        assert_keys(&p["blog"], &["name", "title", "uuid", "url"]);
        assert_eq!(p["id"].as_u64().unwrap().to_string(), p["id_string"].as_str().unwrap());
        assert!(p["id"].as_u64().unwrap() > 1 << 53);
    }
    let has = |f: &dyn Fn(&Value) -> bool| posts.iter().any(f);
    let layout_type = |p: &Value, t: &str| p["layout"].as_array().unwrap().iter().any(|l| l["type"] == t);
    assert!(has(&|p| layout_type(p, "ask") && p["layout"][0]["attribution"]["blog"]["name"] == "alice"));
    assert!(has(&|p| layout_type(p, "condensed") && p["layout"][0]["truncate_after"] == 0));
    assert!(has(&|p| p["trail"][0]["post"]["id"].is_string() && p["content"].as_array().unwrap().is_empty()));
    assert!(has(&|p| p["trail"][0]["broken_blog_name"].is_string()));
    assert!(has(&|p| p["content"].as_array().unwrap().iter().any(|b| b["type"] == "image" && b["alt_text"].is_null())));
    assert!(has(&|p| p["content"].as_array().unwrap().iter().any(|b| b["type"] == "poll")));
    assert!(has(&|p| p["content"].as_array().unwrap().iter().any(|b| b["subtype"] == "quote")));
}

#[tokio::test]
async fn formatting_ranges_are_code_points() {
    let net = network().await;
    let mut checked = 0;
    for post in all_posts(&net.tumblr.url).await {
        for block in post["content"].as_array().unwrap().iter().filter(|b| b["type"] == "text") {
            let chars: Vec<char> = block["text"].as_str().unwrap().chars().collect();
            for f in block["formatting"].as_array().into_iter().flatten() {
                let (start, end) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
                let slice: String = chars[start..end].iter().collect();
                match f["type"].as_str().unwrap() {
                    "link" if slice.starts_with('#') => {
                        assert!(f["url"].as_str().unwrap().ends_with(&slice[1..]))
                    }
                    "link" => assert_eq!(f["url"], slice.as_str()),
                    "mention" => {
                        assert_eq!(format!("@{}", f["blog"]["name"].as_str().unwrap()), slice)
                    }
                    _ => assert!(!slice.is_empty()),
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 20);
}

#[tokio::test]
async fn user_info_auth_errors_and_push() {
    let net = network().await;
    let (_, _, info) = get(&format!("{}/v2/user/info", net.tumblr.url), TOKEN).await;
    assert_eq!(info["response"]["user"]["name"], TUMBLR_BLOG);
    let (status, _, body) = get(&format!("{}/v2/user/dashboard", net.tumblr.url), Some("bad")).await;
    assert_eq!((status, body["meta"]["status"].as_u64()), (401, Some(401)));
    assert_eq!(body["errors"][0]["code"], 1016);
    assert!(body["response"].as_array().unwrap().is_empty());
    net.tumblr.push_post("murre-demo", "Fresh from the test", now());
    let (_, _, body) = get(&format!("{}/v2/user/dashboard?npf=true&limit=1", net.tumblr.url), TOKEN).await;
    assert_eq!(body["response"]["posts"][0]["content"][0]["text"], "Fresh from the test");
    assert_eq!(body["response"]["posts"][0]["blog_name"], TUMBLR_BLOG);
}

/// Status and JSON answer of the token endpoint.
async fn token(base: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let response = client().post(format!("{base}/v2/oauth2/token")).form(form).send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap_or(Value::Null))
}

fn code_grant(secret: &str, code: &str) -> Vec<(&'static str, String)> {
    vec![
        ("grant_type", "authorization_code".into()),
        ("code", code.into()),
        ("client_id", TUMBLR_CLIENT_ID.into()),
        ("client_secret", secret.into()),
        ("redirect_uri", TUMBLR_REDIRECT.into()),
    ]
}

fn refresh_grant(refresh: &str) -> Vec<(&'static str, String)> {
    vec![
        ("grant_type", "refresh_token".into()),
        ("refresh_token", refresh.into()),
        ("client_id", TUMBLR_CLIENT_ID.into()),
        ("client_secret", TUMBLR_CLIENT_SECRET.into()),
    ]
}

async fn grant(base: &str, form: &[(&'static str, String)]) -> (u16, Value) {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    token(base, &pairs).await
}

#[tokio::test]
async fn the_authorize_page_links_back_to_the_registered_redirect_only() {
    let net = network().await;
    let query = |redirect: &str| {
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("client_id", TUMBLR_CLIENT_ID),
                ("response_type", "code"),
                ("scope", "basic write offline_access"),
                ("state", "s&1"),
                ("redirect_uri", redirect),
            ])
            .finish()
    };
    let url = format!("{}/oauth2/authorize?{}", net.tumblr.url, query(TUMBLR_REDIRECT));
    let page = client().get(url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("{TUMBLR_REDIRECT}?code={TUMBLR_CODE}&amp;state=s%261")), "{page}");
    let url = format!("{}/oauth2/authorize?{}", net.tumblr.url, query("http://127.0.0.1:1/elsewhere"));
    assert_eq!(client().get(url).send().await.unwrap().status().as_u16(), 400);
}

#[tokio::test]
async fn codes_and_refresh_tokens_become_tokens_that_rotate_and_expire() {
    let net = network().await;
    let base = net.tumblr.url.as_str();
    for bad in [code_grant("wrong", TUMBLR_CODE), code_grant(TUMBLR_CLIENT_SECRET, "wrong")] {
        assert_eq!(grant(base, &bad).await, (400, serde_json::json!({"error": "invalid_grant"})));
    }
    let (status, first) = grant(base, &code_grant(TUMBLR_CLIENT_SECRET, TUMBLR_CODE)).await;
    assert_eq!((status, first["expires_in"].as_u64(), first["token_type"].as_str()), (200, Some(2520), Some("bearer")));
    let (access, refresh) = (first["access_token"].as_str().unwrap(), first["refresh_token"].as_str().unwrap());
    let (_, _, info) = get(&format!("{base}/v2/user/info"), Some(access)).await;
    let blogs = info["response"]["user"]["blogs"].as_array().unwrap();
    let names: Vec<(&str, bool)> = blogs.iter().map(|b| (b["name"].as_str().unwrap(), b["primary"] == true)).collect();
    assert_eq!(names, [(TUMBLR_BLOG, true), (TUMBLR_SIDE_BLOG, false)]);
    net.tumblr.faults.expire_tokens();
    for old in [access, TUMBLR_TOKEN] {
        assert_eq!(get(&format!("{base}/v2/user/dashboard"), Some(old)).await.0, 401, "{old} still accepted");
    }
    let (status, second) = grant(base, &refresh_grant(refresh)).await;
    assert_eq!(status, 200);
    assert_ne!(second["refresh_token"], first["refresh_token"], "the refresh token rotates");
    let fresh = second["access_token"].as_str().unwrap();
    assert_eq!(get(&format!("{base}/v2/user/dashboard"), Some(fresh)).await.0, 200);
    assert_eq!(grant(base, &refresh_grant(refresh)).await.0, 400, "a spent refresh token is refused");
    net.tumblr.faults.clear();
    assert_eq!(get(&format!("{base}/v2/user/dashboard"), Some(fresh)).await.0, 200, "clear keeps tokens");
}
