//! What the reference Bluesky stack's seeded home timeline (alice's) must look like through murre's
//! converter. Shared by the recorded-fixture tests and the live end-to-end tests.

use murre::model::{Embed, Link, Post};

fn find<'a>(posts: &'a [Post], starts: &str) -> &'a Post {
    posts
        .iter()
        .find(|p| p.repost.is_none() && p.text.to_plain().starts_with(starts))
        .unwrap_or_else(|| panic!("no post starting with {starts:?}"))
}

fn links(p: &Post) -> Vec<(String, Link)> {
    p.text.blocks.iter().flat_map(|b| &b.spans).filter_map(|s| s.link.clone().map(|l| (s.text.clone(), l))).collect()
}

/// Facets, reply, quote, image, link card, repost and escape payload of the seeded posts.
pub fn check_bluesky_seed(posts: &[Post]) {
    let cjk = find(posts, "日本語のテキスト");
    let url = "https://example.com/murre/日本";
    assert_eq!(links(cjk), [(url.to_string(), Link::Url { url: url.into() })], "CJK link facet");

    let mention = find(posts, "Mentioning @bob.test");
    let got = links(mention);
    assert!(matches!(&got[..], [(text, Link::Mention { .. })] if text == "@bob.test"), "mention facet: {got:?}");

    let tags: Vec<String> = links(find(posts, "Trying a tag")).into_iter().map(|(t, _)| t).collect();
    assert_eq!(tags, ["#murre", "#テスト"], "tag facets after non-ASCII text");

    let reply = find(posts, "Reply from carol to bob");
    assert!(reply.reply_to.as_ref().and_then(|r| r.handle.as_deref()).is_some_and(|h| h.contains("bob")), "reply");

    let quote = find(posts, "Quoting bob");
    match &quote.embed {
        Some(Embed::Quote(q)) => assert!(q.text.to_plain().starts_with("日本語"), "quoted text"),
        other => panic!("quote embed missing: {other:?}"),
    }

    let image = find(posts, "A post with one image.");
    assert_eq!(
        image.media.first().and_then(|m| m.alt.as_deref()),
        Some("A gradient from black to red, green and teal.")
    );

    let card = find(posts, "A link card:");
    assert!(matches!(&card.embed, Some(Embed::Link(c)) if c.url == "https://example.com/murre"), "{:?}", card.embed);

    let repost = posts.iter().find(|p| p.repost.is_some()).unwrap_or_else(|| panic!("no repost"));
    assert_eq!(repost.repost.as_ref().map(|r| r.by.handle.as_str()), Some("carol.test"));
    assert!(repost.text.to_plain().starts_with("Hello from alice"));

    let escape = find(posts, "Escape test:").text.to_plain();
    assert!(!escape.chars().any(|c| c.is_control() && c != '\n'), "{escape:?}");
    assert!(escape.contains("red") && escape.contains("click"), "{escape:?}");
}
