//! Mastodon conversion on JSON fixtures in documented shapes (a GoToSocial-style boost with ULIDs,
//! a poll, a CW with `sensitive: false`, a reply with a mention, a status with a broken time).

use murre::backend::mastodon::decode_page;
use murre::model::{AccountId, Link, PostKey, Visibility};

fn page() -> Vec<murre::model::Post> {
    let body = include_bytes!("fixtures/mastodon/home.json");
    let (posts, count) = decode_page(body, &AccountId("mastodon:me@gts.example".into()), "gts.example")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count, 3);
    posts
}

#[test]
fn a_boost_is_the_original_post_attributed_to_the_booster() {
    let posts = page();
    assert_eq!(posts.len(), 2, "the status with an unreadable time is skipped, not fatal");
    let boost = &posts[0];
    let by = boost.repost.as_ref().map(|r| (r.by.handle.as_str(), r.at.to_string()));
    assert_eq!(by, Some(("bob@gts.example", "2026-11-26T10:05:00Z".to_string())));
    let reblog_id = boost.repost.as_ref().and_then(|r| r.id.as_deref());
    assert_eq!(reblog_id, Some("01HZBOOST00000000000000000"), "the reblog's own id: its delete is an un-boost");
    assert_eq!(boost.author.handle, "ada@mastodon.example");
    assert!(!boost.author.name.contains('\u{1b}') && !boost.author.name.contains('\u{7}'));
    assert_eq!(
        boost.id.key,
        PostKey::Mastodon { id: "109999".into(), uri: "https://mastodon.example/users/ada/statuses/109999".into() }
    );
    let poll = boost.poll.as_ref().map(|p| p.options.iter().map(|o| (o.title.clone(), o.votes)).collect::<Vec<_>>());
    assert_eq!(poll, Some(vec![("yes".into(), Some(4)), ("no".into(), Some(1))]));
    assert_eq!(boost.tags, ["rust"]);
    assert!(boost.viewer.liked);
    assert!(boost.text.links().contains(&&Link::Tag { tag: "rust".into() }));
}

#[test]
fn a_cw_hides_the_body_even_when_sensitive_is_false() {
    let posts = page();
    let cw = &posts[1];
    assert_eq!(cw.cw.as_deref(), Some("spoilers"));
    assert!(cw.sensitive);
    assert_eq!(cw.visibility, Visibility::Private);
    assert_eq!(cw.author.shown_name(), "carol@gts.example");
    assert_eq!(cw.reply_to.as_ref().and_then(|r| r.handle.as_deref()), Some("bob@gts.example"));
    assert_eq!(cw.media[0].alt.as_deref(), Some("a plot twist diagram"));
    assert_eq!(cw.text.to_plain(), "@bob the ending is a twist");
}

#[test]
fn garbage_is_a_decode_error() {
    let err = decode_page(b"{\"error\":", &AccountId("mastodon:me@x".into()), "x").err();
    assert!(matches!(err, Some(murre::backend::BackendError::Decode(_))));
}
