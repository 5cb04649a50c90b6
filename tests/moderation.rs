//! The user's own moderation, applied where each network says it: Mastodon server-side filters in the
//! home context (hide, or warn behind the filter's title), Bluesky labels (`!hide`, and adult or
//! graphic labels behind a warning). On documented wire shapes.

use murre::backend::{bluesky, mastodon};
use murre::model::{AccountId, Post};

fn masto(filtered: &str, spoiler: &str) -> String {
    format!(
        r#"{{"id":"1","uri":"https://s.example/s/1","url":"https://s.example/@a/1","created_at":"2026-11-26T10:00:00.000Z",
        "account":{{"id":"9","username":"a","acct":"a","display_name":"A","url":"https://s.example/@a"}},
        "content":"<p>spoilers for the finale 日本語</p>","spoiler_text":"{spoiler}","visibility":"public","filtered":[{filtered}]}}"#
    )
}

fn filter(title: &str, action: &str, context: &str) -> String {
    format!(
        r#"{{"filter":{{"id":"f","title":"{title}","context":[{context}],"filter_action":"{action}"}},"keyword_matches":["finale"]}}"#
    )
}

fn masto_page(statuses: &[String]) -> Vec<Post> {
    let body = format!("[{}]", statuses.join(","));
    let page = mastodon::decode_page(body.as_bytes(), &AccountId("mastodon:me@s.example".into()), "s.example");
    page.unwrap_or_else(|e| panic!("{e}")).0
}

#[test]
fn mastodon_filters_hide_or_warn_in_the_home_timeline_only() {
    let warn = masto(&filter("TV spoilers", "warn", r#""home","public""#), "");
    let hide = masto(&filter("Ads", "hide", r#""home""#), "");
    let elsewhere = masto(&filter("Ads", "hide", r#""notifications""#), "");
    let both = masto(&filter("TV spoilers", "warn", r#""home""#), "food");
    let posts = masto_page(&[warn, hide, elsewhere, both]);
    let cws: Vec<Option<&str>> = posts.iter().map(|p| p.cw.as_deref()).collect();
    assert_eq!(cws, [Some("Filtered: TV spoilers"), None, Some("Filtered: TV spoilers · food")]);
    assert!(posts[0].sensitive, "the body stays hidden until asked");
}

fn sky_labelled(labels: &str) -> Vec<Post> {
    let body = format!(
        r#"{{"feed":[{{"post":{{"uri":"at://did:plc:a/app.bsky.feed.post/1","cid":"c","author":{{"did":"did:plc:a","handle":"a.test"}},
        "record":{{"$type":"app.bsky.feed.post","text":"look","createdAt":"2026-11-26T10:00:00.000Z"}},
        "indexedAt":"2026-11-26T10:00:01.000Z","labels":[{labels}]}}}}]}}"#
    );
    bluesky::decode_timeline(body.as_bytes(), &AccountId("bluesky:me.test".into()))
        .unwrap_or_else(|e| panic!("{e}"))
        .items
}

#[test]
fn bluesky_labels_warn_or_hide() {
    let label =
        |v: &str| format!(r#"{{"src":"did:plc:labeler","uri":"at://x","val":"{v}","cts":"2026-11-26T10:00:00.000Z"}}"#);
    assert_eq!(sky_labelled("")[0].cw, None);
    // Bluesky's defaults for an adult: nudity shown, sexual content behind a warning, porn hidden.
    assert_eq!(sky_labelled(&label("nudity"))[0].cw, None);
    let suggestive = sky_labelled(&label("sexual"));
    assert_eq!(suggestive[0].cw.as_deref(), Some("Labelled: sexual"));
    assert!(sky_labelled(&label("porn")).is_empty());
    assert!(sky_labelled(&format!("{},{}", label("porn"), label("!hide"))).is_empty(), "!hide takes it out");
    let hostile = sky_labelled(&label("graphic-media\\u001b]0;x\\u0007"));
    assert!(hostile[0].labels.iter().all(|l| !l.contains('\u{1b}')), "{:?}", hostile[0].labels);
}
