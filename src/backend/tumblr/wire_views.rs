//! Tumblr API v2 JSON of the views: a post's notes, a blog's activity (notifications) and blog info.
//! Private to this backend; every field a server might omit has a default.

use serde::Deserialize;

/// `GET /v2/blog/{blog}/notes`.
#[derive(Debug, Deserialize)]
pub(super) struct Notes {
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// One note: a like, a reblog (with `added_text` when commented) or a reply (`reply_text`).
#[derive(Debug, Deserialize)]
pub(super) struct Note {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub timestamp: i64,
    #[serde(default)]
    pub blog_name: String,
    #[serde(default)]
    pub blog_uuid: String,
    #[serde(default)]
    pub blog_url: Option<String>,
    #[serde(default)]
    pub reply_text: Option<String>,
    #[serde(default)]
    pub added_text: Option<String>,
}

/// `GET /v2/blog/{blog}/notifications`.
#[derive(Debug, Deserialize)]
pub(super) struct Activity {
    #[serde(default)]
    pub notifications: Vec<ActivityItem>,
}

/// One activity item; the fields differ by type.
#[derive(Debug, Deserialize)]
pub(super) struct ActivityItem {
    /// A string or a number, depending on the item.
    #[serde(default)]
    pub id: serde_json::Value,
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub timestamp: i64,
    #[serde(default)]
    pub unread: bool,
    /// A string or a number.
    #[serde(default)]
    pub target_post_id: serde_json::Value,
    #[serde(default)]
    pub from_tumblelog_name: Option<String>,
    #[serde(default)]
    pub reply_text: Option<String>,
    #[serde(default)]
    pub added_text: Option<String>,
}

/// `GET /v2/blog/{blog}/info`.
#[derive(Debug, Deserialize)]
pub(super) struct Info {
    pub blog: BlogInfo,
}

#[derive(Debug, Deserialize)]
pub(super) struct BlogInfo {
    #[serde(flatten)]
    pub blog: super::wire::Blog,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub posts: Option<u64>,
    #[serde(default)]
    pub followers: Option<u64>,
    /// Whether the user follows the blog (with OAuth only).
    #[serde(default)]
    pub followed: Option<bool>,
}
