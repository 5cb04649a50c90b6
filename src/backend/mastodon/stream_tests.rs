//! The streaming URL rule and the frame reader.

use super::*;
use crate::model::PostKey;

fn url(s: &str) -> Url {
    Url::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

fn picked(base: &str, advertised: Option<&str>) -> String {
    stream_url(&url(base), advertised).map(|u| u.to_string()).unwrap_or_else(|e| format!("refused: {}", e.reason()))
}

#[test]
fn the_advertised_origin_is_used_only_on_the_same_host_or_a_subdomain() {
    assert_eq!(
        picked("https://social.example", Some("wss://streaming.social.example")),
        "wss://streaming.social.example/api/v1/streaming?stream=user"
    );
    assert_eq!(
        picked("https://social.example", Some("wss://evil.example")),
        "wss://social.example/api/v1/streaming?stream=user"
    );
    assert_eq!(
        picked("https://social.example", Some("wss://notsocial.example")),
        "wss://social.example/api/v1/streaming?stream=user"
    );
    assert_eq!(picked("https://social.example/sub/", None), "wss://social.example/sub/api/v1/streaming?stream=user");
}

#[test]
fn plain_ws_only_to_loopback() {
    assert_eq!(
        picked("http://127.0.0.1:3000", Some("ws://127.0.0.1:3000")),
        "ws://127.0.0.1:3000/api/v1/streaming?stream=user"
    );
    // A downgrade to ws:// on a real host is ignored: the account's https server is used.
    assert_eq!(
        picked("https://social.example", Some("ws://social.example")),
        "wss://social.example/api/v1/streaming?stream=user"
    );
}

fn account() -> AccountId {
    AccountId("mastodon:ada@social.example".into())
}

const STATUS: &str = r#"{"id":"109","uri":"https://social.example/s/109","created_at":"2026-01-02T03:04:05.000Z","content":"<p>hi \u001b[31mthere</p>","account":{"id":"1","username":"bob","acct":"bob","display_name":"Bob"}}"#;

#[test]
fn update_delete_and_edit_frames_become_events() {
    let wrap = |event: &str, payload: &str| {
        serde_json::json!({"stream": ["user"], "event": event, "payload": payload}).to_string()
    };
    let update = frame::parse(&wrap("update", STATUS), &account(), "social.example");
    let Some(StreamEvent::Update(post)) = update else { panic!("no update: {update:?}") };
    assert_eq!(post.id.key, PostKey::Mastodon { id: "109".into(), uri: "https://social.example/s/109".into() });
    assert!(!post.text.to_plain().contains('\u{1b}'), "remote text is sanitized");
    assert!(matches!(frame::parse(&wrap("status.update", STATUS), &account(), "h"), Some(StreamEvent::Edit(_))));
    assert_eq!(frame::parse(&wrap("delete", "109"), &account(), "h"), Some(StreamEvent::Delete("109".into())));
}

#[test]
fn other_events_and_garbage_are_skipped() {
    for text in [
        r#"{"event":"notification","payload":"{}"}"#,
        r#"{"event":"update","payload":"{not json"}"#,
        r#"{"event":"delete"}"#,
        "not json at all",
        r#"{"event":"delete","payload":"\u001b]52;c;aGk=\u0007"}"#,
    ] {
        let parsed = frame::parse(text, &account(), "h");
        assert!(
            parsed.is_none() || matches!(&parsed, Some(StreamEvent::Delete(id)) if !id.contains('\u{1b}')),
            "{text}: {parsed:?}"
        );
    }
}
