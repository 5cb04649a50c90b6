//! Mastodon Instance entities: v2 (`/api/v2/instance`) and the older v1 shape (`/api/v1/instance`).
//!
//! Pure; no IO. Limits: 500 characters, 23 per URL, 4 attachments, 1500-character descriptions.

use crate::demo::content::Content;
use serde_json::{Value, json};

/// The `/api/v2/instance` answer.
pub fn v2(c: &Content, base: &str, max: usize) -> Value {
    let domain = domain(base);
    json!({
        "domain": domain,
        "title": "murre demo",
        "version": "4.3.0",
        "source_url": "https://github.com/mastodon/mastodon",
        "description": "A loopback Mastodon server with sample posts for murre --demo.",
        "usage": {"users": {"active_month": c.people.len()}},
        "thumbnail": {"url": format!("{base}/packs/media/images/preview.png")},
        "icon": [],
        "languages": ["en"],
        "configuration": {
            "urls": {"streaming": streaming(base), "status": null, "about": format!("{base}/about"), "privacy_policy": null, "terms_of_service": null},
            "vapid": {"public_key": ""},
            "accounts": {"max_featured_tags": 10, "max_pinned_statuses": 5},
            "statuses": statuses(max),
            "media_attachments": media(),
            "polls": polls(),
            "translation": {"enabled": false},
        },
        "registrations": {"enabled": false, "approval_required": false, "message": null, "url": null},
        "api_versions": {"mastodon": 2},
        "contact": {"email": "demo@localhost", "account": null},
        "rules": [{"id": "1", "text": "Be kind.", "hint": ""}],
    })
}

/// The `/api/v1/instance` answer (older servers; limits in `configuration` and `max_toot_chars`).
pub fn v1(c: &Content, base: &str, max: usize) -> Value {
    json!({
        "uri": domain(base),
        "title": "murre demo",
        "short_description": "A loopback Mastodon server with sample posts.",
        "description": "A loopback Mastodon server with sample posts for murre --demo.",
        "email": "demo@localhost",
        "version": "4.3.0",
        "urls": {"streaming_api": streaming(base)},
        "stats": {"user_count": c.people.len(), "status_count": c.posts.len(), "domain_count": 2},
        "thumbnail": null,
        "languages": ["en"],
        "registrations": false,
        "approval_required": false,
        "invites_enabled": false,
        "max_toot_chars": max,
        "configuration": {
            "accounts": {"max_featured_tags": 10},
            "statuses": statuses(max),
            "media_attachments": media(),
            "polls": polls(),
        },
        "contact_account": null,
        "rules": [],
    })
}

/// The host (and port) of `base`.
fn domain(base: &str) -> &str {
    base.split_once("://").map_or(base, |(_, host)| host)
}

/// The streaming origin: the same host over `ws://`.
fn streaming(base: &str) -> String {
    format!("ws://{}", domain(base))
}

/// `configuration.statuses`.
fn statuses(max: usize) -> Value {
    json!({"max_characters": max, "max_media_attachments": 4, "characters_reserved_per_url": 23})
}

/// `configuration.media_attachments`.
fn media() -> Value {
    json!({
        "supported_mime_types": ["image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "audio/mpeg"],
        "description_limit": 1500,
        "image_size_limit": 16_777_216,
        "image_matrix_limit": 33_177_600,
        "video_size_limit": 103_809_024,
        "video_frame_rate_limit": 120,
        "video_matrix_limit": 8_294_400,
    })
}

/// `configuration.polls`.
fn polls() -> Value {
    json!({"max_options": 4, "max_characters_per_option": 50, "min_expiration": 300, "max_expiration": 2_629_746})
}
