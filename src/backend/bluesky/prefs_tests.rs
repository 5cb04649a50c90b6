use serde_json::json;

use super::*;
use crate::model::{AccountId, Author, PostKey};

fn now() -> jiff::Timestamp {
    "2026-11-26T12:00:00Z".parse().unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

fn post(author: &str, text: &str, labels: &[&str]) -> Post {
    let key = PostKey::Bluesky { uri: format!("at://{author}/app.bsky.feed.post/1"), cid: "c".into() };
    let mut p = Post::sample(key, &AccountId("bluesky:me.test".into()), "x.test", now(), text);
    p.author = Author { id: Some(author.into()), ..p.author };
    p.labels = labels.iter().map(|l| l.to_string()).collect();
    p
}

fn prefs(items: serde_json::Value) -> BlueskyPrefs {
    decode(items.as_array().map(Vec::as_slice).unwrap_or_default(), now())
}

fn shown(p: Post, prefs: &BlueskyPrefs, context: Context) -> Option<Option<String>> {
    moderated(p, prefs, Some("did:plc:me"), context).map(|p| p.cw)
}

#[test]
fn reads_what_murre_acts_on_and_skips_the_rest() {
    let p = prefs(json!([
        {"$type": "app.bsky.actor.defs#adultContentPref", "enabled": true},
        {"$type": "app.bsky.actor.defs#contentLabelPref", "label": "nudity", "visibility": "hide"},
        {"$type": "app.bsky.actor.defs#contentLabelPref", "label": "porn", "visibility": "warn", "labelerDid": "did:plc:l"},
        {"$type": "app.bsky.actor.defs#mutedWordsPref", "items": [
            {"value": "Zebra", "targets": ["content", "tag"], "actorTarget": "all"},
            {"value": "finale", "targets": ["tag"]},
            {"value": "old news", "targets": ["content"], "expiresAt": "2026-01-01T00:00:00Z"},
            {"value": "friends", "targets": ["content"], "actorTarget": "exclude-following"},
            {"targets": ["content"]}
        ]},
        {"$type": "app.bsky.actor.defs#hiddenPostsPref", "items": ["at://did:plc:a/app.bsky.feed.post/1"]},
        {"$type": "app.bsky.actor.defs#savedFeedsPrefV2", "items": []},
        "not even an object"
    ]));
    assert!(p.adult);
    assert_eq!(p.labels, vec![("nudity".to_string(), LabelPref::Hide)], "a labeler's own choice is not global");
    let words: Vec<(&str, bool, bool)> =
        p.muted.iter().map(|w| (w.value.as_str(), w.tags_only, w.exclude_following)).collect();
    assert_eq!(words, [("zebra", false, false), ("finale", true, false), ("friends", false, true)], "expired left out");
    assert_eq!(p.hidden.len(), 1);
    assert!(!prefs(json!([])).adult, "no adult content preference means off, as on Bluesky");
}

#[test]
fn muted_words_hide_in_feeds_and_warn_in_threads_but_never_touch_own_posts() {
    let p = prefs(json!([{"$type": "app.bsky.actor.defs#mutedWordsPref", "items": [
        {"value": "zebra", "targets": ["content"]},
        {"value": "finale", "targets": ["tag"]},
        {"value": "friends", "targets": ["content"], "actorTarget": "exclude-following"}
    ]}]));
    assert_eq!(shown(post("did:plc:a", "A Zebra crossing", &[]), &p, Context::Feed), None);
    assert_eq!(shown(post("did:plc:a", "zebras are not zebra-less", &[]), &p, Context::Feed), None, "zebra- is a word");
    assert_eq!(shown(post("did:plc:a", "zebras", &[]), &p, Context::Feed), Some(None), "whole words only");
    let muted = shown(post("did:plc:a", "a zebra", &[]), &p, Context::View);
    assert_eq!(muted, Some(Some("Muted word: zebra".into())));
    assert_eq!(shown(post("did:plc:me", "my zebra", &[]), &p, Context::Feed), Some(None), "own post");
    assert_eq!(shown(post("did:plc:a", "the finale", &[]), &p, Context::Feed), Some(None), "tag-only word");
    let mut tagged = post("did:plc:a", "tonight", &[]);
    tagged.tags = vec!["Finale".into()];
    assert_eq!(shown(tagged, &p, Context::Feed), None);
    let mut friend = post("did:plc:a", "hello friends", &[]);
    assert_eq!(shown(friend.clone(), &p, Context::Feed), None);
    friend.viewer.following = Some(true);
    assert_eq!(shown(friend, &p, Context::Feed), Some(None), "not for accounts followed");
}

#[test]
fn labels_follow_the_users_choices_and_adult_content() {
    let off = prefs(json!([]));
    let on = prefs(json!([
        {"$type": "app.bsky.actor.defs#adultContentPref", "enabled": true},
        {"$type": "app.bsky.actor.defs#contentLabelPref", "label": "sexual", "visibility": "ignore"},
        {"$type": "app.bsky.actor.defs#contentLabelPref", "label": "graphic-media", "visibility": "hide"}
    ]));
    let labelled = |l: &str| post("did:plc:a", "look", &[l]);
    assert_eq!(shown(labelled("sexual"), &off, Context::Feed), None, "adult content off hides it");
    assert_eq!(shown(labelled("sexual"), &on, Context::Feed), Some(None), "ignored");
    assert_eq!(shown(labelled("graphic-media"), &on, Context::Feed), None, "the user hides it");
    assert_eq!(shown(labelled("porn"), &on, Context::Feed), None, "hidden by default");
    assert_eq!(shown(labelled("nudity"), &on, Context::Feed), Some(None), "shown by default");
    assert_eq!(shown(labelled("!warn"), &on, Context::Feed), Some(Some("Labelled: content warning".into())));
    assert_eq!(shown(labelled("!hide"), &on, Context::Feed), None);
    let own = post("did:plc:me", "look", &["sexual"]);
    assert_eq!(shown(own, &off, Context::Feed), Some(Some("Labelled: sexual".into())), "own: warned, not hidden");
    let hidden = post("did:plc:a", "look", &[]);
    let by_uri = prefs(
        json!([{"$type": "app.bsky.actor.defs#hiddenPostsPref", "items": ["at://did:plc:a/app.bsky.feed.post/1"]}]),
    );
    assert_eq!(shown(hidden, &by_uri, Context::Feed), None, "a post the user hid");
}
