//! Bluesky and Tumblr conversion on documented wire shapes: facets on multibyte text, NPF
//! formatting on emoji, reblog trails, polls, and hostile payloads that must never reach the screen.

use murre::backend::{bluesky, tumblr};
use murre::model::{AccountId, Embed, Link, Post};

const ESC: &str = "\\u001b[31mred\\u001b[0m\\u001b]8;;http://evil.test\\u0007x\\u001b]8;;\\u0007\\u202e";

fn sky(feed: &str) -> Vec<Post> {
    let body = format!(r#"{{"feed":[{feed}],"cursor":"c1"}}"#);
    let page = bluesky::decode_timeline(body.as_bytes(), &AccountId("bluesky:me.test".into()));
    page.unwrap_or_else(|e| panic!("{e}")).items
}

fn sky_post(text: &str, facets: &str, extra: &str) -> String {
    format!(
        r#"{{"post":{{"uri":"at://did:plc:a/app.bsky.feed.post/1","cid":"bafy1",
        "author":{{"did":"did:plc:a","handle":"ada.test","displayName":"Ada {ESC}"}},
        "record":{{"$type":"app.bsky.feed.post","text":"{text}","createdAt":"2026-11-26T10:00:00.000Z","facets":[{facets}]}},
        "indexedAt":"2026-11-26T10:00:01.000Z"{extra}}}}}"#
    )
}

fn tumblr(posts: &str) -> Vec<Post> {
    let body = format!(r#"{{"meta":{{"status":200,"msg":"OK"}},"response":{{"posts":[{posts}]}}}}"#);
    let page = tumblr::decode_dashboard(body.as_bytes(), &AccountId("tumblr:me".into()));
    page.unwrap_or_else(|e| panic!("{e}")).0
}

fn npf(content: &str, trail: &str) -> String {
    format!(
        r#"{{"id_string":"7001","blog_name":"ada","blog":{{"name":"ada","title":"Ada","uuid":"t:ada"}},
        "post_url":"https://ada.tumblr.com/post/7001","timestamp":1795000000,"reblog_key":"rk","tags":["rust"],
        "content":[{content}],"layout":[],"trail":[{trail}],"note_count":3}}"#
    )
}

fn link_texts(p: &Post) -> Vec<(String, Link)> {
    p.text.blocks.iter().flat_map(|b| &b.spans).filter_map(|s| s.link.clone().map(|l| (s.text.clone(), l))).collect()
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c))
}

#[test]
fn bluesky_facets_index_bytes_not_characters() {
    // "日本語 👩‍👩‍👧 " is 9 + 1 + 18 + 1 = 29 bytes; the link is the next 11 bytes, then " @bob.test #タグ".
    let text = "日本語 👩‍👩‍👧 example.com @bob.test #タグ";
    let facets = r#"{"index":{"byteStart":29,"byteEnd":40},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://example.com/real"}]},
        {"index":{"byteStart":41,"byteEnd":50},"features":[{"$type":"app.bsky.richtext.facet#mention","did":"did:plc:bob"}]},
        {"index":{"byteStart":51,"byteEnd":58},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"タグ"}]}"#;
    let posts = sky(&sky_post(text, facets, ""));
    let links = link_texts(&posts[0]);
    assert_eq!(links.len(), 3, "{links:?}");
    assert_eq!(links[0], ("example.com".into(), Link::Url { url: "https://example.com/real".into() }));
    assert_eq!(links[1].0, "@bob.test");
    assert_eq!(links[2], ("#タグ".into(), Link::Tag { tag: "タグ".into() }));
    assert_eq!(posts[0].text.to_plain(), text);
}

#[test]
fn bluesky_facets_out_of_range_or_inside_a_character_are_ignored_not_fatal() {
    let facets = r#"{"index":{"byteStart":1,"byteEnd":2},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://a.test"}]},
        {"index":{"byteStart":3,"byteEnd":999},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://b.test"}]}"#;
    let posts = sky(&sky_post("日本", facets, ""));
    assert_eq!(posts[0].text.to_plain(), "日本");
    assert!(link_texts(&posts[0]).is_empty());
}

#[test]
fn bluesky_hostile_text_is_sanitized_everywhere() {
    let embed = format!(
        r#","embed":{{"$type":"app.bsky.embed.images#view","images":[{{"thumb":"https://cdn.test/t","fullsize":"https://cdn.test/f","alt":"alt {ESC}"}}]}}"#
    );
    let posts = sky(&sky_post(&format!("hi {ESC}"), "", &embed));
    let p = &posts[0];
    assert!(!has_control(&p.text.to_plain()), "{:?}", p.text.to_plain());
    assert!(!has_control(&p.author.name), "{:?}", p.author.name);
    let alt = p.media.first().and_then(|m| m.alt.clone()).unwrap_or_default();
    assert!(alt.starts_with("alt") && !has_control(&alt), "{alt:?}");
}

#[test]
fn npf_formatting_counts_code_points_through_emoji() {
    // "👩‍💻 bold link": the ZWJ sequence is 3 code points, so "bold" is 4..8 and "link" 9..13.
    let content = r#"{"type":"text","text":"👩‍💻 bold link","formatting":[
        {"start":4,"end":8,"type":"bold"},{"start":9,"end":13,"type":"link","url":"https://example.com/x"}]}"#;
    let posts = tumblr(&npf(content, ""));
    let spans = &posts[0].text.blocks[0].spans;
    let bold: Vec<&str> = spans.iter().filter(|s| s.style.bold).map(|s| s.text.as_str()).collect();
    assert_eq!(bold, ["bold"]);
    assert_eq!(link_texts(&posts[0]), [("link".into(), Link::Url { url: "https://example.com/x".into() })]);
    assert_eq!(posts[0].tags, ["rust"]);
}

#[test]
fn a_reblog_keeps_its_trail_in_order_with_authors() {
    let trail = r#"{"blog":{"name":"grace","title":"Grace"},"content":[{"type":"text","text":"original words"}]},
        {"blog":{"name":"ken","title":"Ken"},"content":[{"type":"text","text":"a comment on them"}]}"#;
    let posts = tumblr(&npf(r#"{"type":"text","text":"my addition"}"#, trail));
    let p = &posts[0];
    let trail: Vec<(String, String)> = p.trail.iter().map(|t| (t.author.handle.clone(), t.text.to_plain())).collect();
    assert_eq!(trail.len(), 2, "{trail:?}");
    assert!(trail[0].0.contains("grace") && trail[0].1 == "original words", "{trail:?}");
    assert!(trail[1].0.contains("ken"), "{trail:?}");
    assert_eq!(p.text.to_plain(), "my addition");
}

#[test]
fn a_poll_question_repeated_as_text_is_shown_once() {
    let content = r#"{"type":"text","text":"Tabs or spaces?"},
        {"type":"poll","question":"Tabs or spaces?","answers":[{"answer_text":"Tabs"},{"answer_text":"Spaces"}]}"#;
    let posts = tumblr(&npf(content, ""));
    assert_eq!(posts[0].text.to_plain(), "Tabs or spaces?");
    let options: Vec<&str> = posts[0].poll.iter().flat_map(|p| &p.options).map(|o| o.title.as_str()).collect();
    assert_eq!(options, ["Tabs", "Spaces"]);
    let alone = tumblr(&npf(r#"{"type":"poll","question":"Cats?","answers":[{"answer_text":"Yes"}]}"#, ""));
    assert_eq!(alone[0].text.to_plain(), "Cats?");
}

#[test]
fn tumblr_hostile_payloads_are_sanitized_and_unknown_blocks_skipped() {
    let content = format!(
        r#"{{"type":"text","text":"t {ESC}"}},{{"type":"image","media":[{{"url":"https://img.test/1.png"}}],"alt_text":"a {ESC}"}},
        {{"type":"link","url":"https://real.test/","title":"title {ESC}","description":"d {ESC}"}},{{"type":"paywall","x":1}}"#
    );
    let posts = tumblr(&npf(&content, ""));
    let p = &posts[0];
    assert!(!has_control(&p.text.to_plain()));
    assert!(p.media.iter().all(|m| !has_control(m.alt.as_deref().unwrap_or(""))));
    match &p.embed {
        Some(Embed::Link(card)) => {
            assert_eq!(card.url, "https://real.test/");
            assert!(!has_control(&card.title) && !has_control(&card.description));
        }
        other => panic!("expected a link card, got {other:?}"),
    }
}

#[test]
fn garbage_pages_are_decode_errors_not_panics() {
    let account = AccountId("x".into());
    for body in ["", "{", r#"{"feed":"nope"}"#, "\u{0}\u{1}"] {
        assert!(bluesky::decode_timeline(body.as_bytes(), &account).is_err(), "{body:?}");
    }
    for body in ["", r#"{"response":{"posts":[{"timestamp":"x"}]}}"#, "null"] {
        assert!(tumblr::decode_dashboard(body.as_bytes(), &account).is_err(), "{body:?}");
    }
}
