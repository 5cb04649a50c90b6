//! Image previews against the demo servers, through murre's real clients and the runtime's fetch:
//! each network's copy of the sunset post names an image the demo serves (decoded with the
//! `images` feature), the duck's image is gone (404) and Hà Nội's second image is past the cap.

mod common;

use std::time::Duration;

use common::demo::{all_pages, setup};
use murre::app::images::wanted;
use murre::app::{Msg, ReqId};
use murre::model::Post;
use murre::runtime::images;

/// The preview address of the image whose alt text starts with `alt` (or of the post that says
/// `text` when the image has none), on every network.
fn addresses(posts: &[Vec<Post>], find: impl Fn(&Post) -> Option<usize>) -> Vec<String> {
    posts
        .iter()
        .map(|ps| {
            ps.iter()
                .find_map(|p| find(p).and_then(|i| wanted(p).get(i).map(|u| u.to_string())))
                .unwrap_or_else(|| panic!("the demo post is missing"))
        })
        .collect()
}

fn by_alt(alt: &'static str) -> impl Fn(&Post) -> Option<usize> {
    move |p| p.media.iter().position(|m| m.alt.as_deref().is_some_and(|a| a.starts_with(alt)))
}

/// What the runtime answers for `url` (the effect `FetchImage`, as the event loop runs it).
async fn fetch(url: &str) -> Result<murre::app::images::Preview, String> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    images::spawn_fetch(ReqId(7), url.to_string(), tx);
    match tokio::time::timeout(Duration::from_secs(30), rx.recv()).await {
        Ok(Some(Msg::ImageFetched { req, url: u, result })) if req == ReqId(7) && u == url => result,
        other => panic!("no answer for {url}: {other:?}"),
    }
}

#[tokio::test]
async fn previews_of_the_demo_posts_on_every_network() {
    let s = setup(Duration::from_secs(20)).await;
    let mut posts = Vec::new();
    for client in &s.clients {
        posts.push(all_pages(client).await);
    }
    for url in addresses(&posts, by_alt("A red sunset")) {
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        let bytes = images::download(&url, images::MAX_BYTES).await.unwrap_or_else(|e| panic!("{url}: {e}"));
        assert!(bytes.starts_with(b"\x89PNG"));
        let result = fetch(&url).await;
        #[cfg(feature = "images")]
        assert!(result.is_ok_and(|p| (p.width, p.height) == (160, 96)), "{url}");
        #[cfg(not(feature = "images"))]
        assert!(result.is_err_and(|e| e.contains("without image previews")));
    }
    let duck = addresses(&posts, |p| (p.text.to_plain().contains("Look at this duck")).then_some(0));
    for url in duck {
        let why = fetch(&url).await.err().unwrap_or_default();
        assert_eq!(why, "the server answered 404 Not Found", "{url}");
    }
    for url in addresses(&posts, by_alt("Hồ Hoàn Kiếm")) {
        let why = fetch(&url).await.err().unwrap_or_default();
        assert_eq!(why, "too large (12.0 MB; previews stop at 8 MB)", "{url}");
    }
}

#[tokio::test]
async fn a_body_past_the_cap_is_refused_and_a_file_that_is_not_an_image_is_a_note() {
    let s = setup(Duration::from_secs(20)).await;
    let huge = format!("{}/demo-media/huge.png", s.net.tumblr.url);
    let small_cap = images::download(&huge, 1024).await;
    assert!(small_cap.is_err_and(|e| e.starts_with("too large")));
    let sunset = format!("{}/demo-media/sunset.png", s.net.mastodon.url);
    assert!(images::download(&sunset, 100).await.is_err_and(|e| e.starts_with("too large")));
    assert!(images::download("http://192.0.2.1/x.png", 100).await.is_err_and(|e| e == "not an https address"));
    let not_image = images::decode(b"<html>not an image</html>");
    assert!(not_image.is_err());
    #[cfg(feature = "images")]
    assert_eq!(not_image.err().unwrap_or_default(), "not an image");
}
