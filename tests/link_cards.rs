//! Link cards for Bluesky posts: the first link's page is read (title, description, image) from a
//! loopback web server; a page that never answers, a page that is not HTML, or one with hostile text never stops the
//! post, and what is shown is cleaned. Against the demo Bluesky server.

mod common;

use std::time::Duration;

use axum::Router;
use axum::http::header;
use axum::routing::get;
use common::demo::setup;
use murre::backend::{Client, Cursor};
use murre::model::{Embed, Post};
use murre::publish::{self, card, prepare};
use murre::store::outbox::Outbox;

const HERON: &[u8] = include_bytes!("fixtures/images/heron.png");

/// A web server with a page that has a card, a slow page, a page that is not HTML, a hostile one.
async fn pages() -> String {
    let page = "<html><head><title>fallback</title>\
        <meta property=\"og:title\" content=\"Herons of the delta 日本語\">\
        <meta property=\"og:description\" content=\"Where they wait, and why.\">\
        <meta property=\"og:image\" content=\"/heron.png\"></head><body>text</body></html>";
    let app = Router::new()
        .route("/page", get(move || async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page) }))
        .route("/heron.png", get(|| async { ([(header::CONTENT_TYPE, "image/png")], HERON) }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(30)).await;
                ([(header::CONTENT_TYPE, "text/html")], "<title>too late</title>")
            }),
        )
        .route("/data.json", get(|| async { ([(header::CONTENT_TYPE, "application/json")], "{\"title\": 1}") }))
        .route(
            "/hostile",
            get(|| async {
                ([(header::CONTENT_TYPE, "text/html")], "<title>\u{1b}]52;c;cHduZWQ=\u{7}Totally \u{202e}safe</title>")
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
    let url = format!("http://{}", listener.local_addr().unwrap_or_else(|e| panic!("{e}")));
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

async fn post_to_bluesky(clients: &[Client], text: &str) -> Post {
    let dir = std::env::temp_dir().join(format!("murre-cards-{}", std::process::id()));
    let req = prepare::Request { text: text.into(), targets: vec![clients[1].account().clone()], ..Default::default() };
    let mut draft = publish::new_draft(&req).unwrap_or_else(|e| panic!("{e}"));
    let out = publish::send(&Outbox::new(&dir), &mut draft, clients).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(out.iter().all(|o| o.error.is_none()), "{out:?}");
    let page = clients[1].home(Cursor::Newest).await.unwrap_or_else(|e| panic!("{e}"));
    page.items.into_iter().find(|p| p.text.to_plain() == text).unwrap_or_else(|| panic!("not posted"))
}

#[tokio::test]
async fn the_first_link_gets_a_card_with_the_pages_title_description_and_image() {
    let (s, web) = (setup(Duration::from_secs(20)).await, pages().await);
    let posted = post_to_bluesky(&s.clients, &format!("Read this {web}/page and {web}/data.json")).await;
    match &posted.embed {
        Some(Embed::Link(c)) => {
            assert_eq!(
                (c.url.as_str(), c.title.as_str()),
                (format!("{web}/page").as_str(), "Herons of the delta 日本語")
            );
            assert_eq!(c.description, "Where they wait, and why.");
            assert!(c.image.as_deref().is_some_and(|i| i.contains("bafkreidemoblob")), "thumb uploaded: {c:?}");
        }
        other => panic!("no card: {other:?}"),
    }
}

#[tokio::test]
async fn a_slow_or_non_html_page_means_no_card_and_the_post_still_goes() {
    let (s, web) = (setup(Duration::from_secs(20)).await, pages().await);
    let slow = post_to_bluesky(&s.clients, &format!("slow {web}/slow")).await;
    assert_eq!(slow.embed, None, "the card gave up; the post went out without one");
    let json = post_to_bluesky(&s.clients, &format!("data {web}/data.json")).await;
    assert_eq!(json.embed, None);
}

#[tokio::test]
async fn hostile_page_text_is_cleaned_before_it_reaches_the_card() {
    let web = pages().await;
    let got = card::fetch(&format!("{web}/hostile")).await.unwrap_or_else(|| panic!("no card"));
    assert!(!got.title.chars().any(|c| c.is_control() || c == '\u{202e}'), "{:?}", got.title);
    assert!(got.title.contains("Totally") && got.title.contains("safe"), "{:?}", got.title);
    assert_eq!(card::fetch("ftp://example.com/x").await, None);
}
