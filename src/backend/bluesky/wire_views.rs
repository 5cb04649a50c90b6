//! Bluesky XRPC JSON of the views (app.bsky.notification and app.bsky.actor lexicons). Private to
//! this backend. Threads stay `serde_json::Value` and are walked leniently in `views`.

use serde::Deserialize;
use serde_json::Value;

use super::wire::{Label, Profile};

/// `app.bsky.feed.getPostThread`.
#[derive(Debug, Deserialize)]
pub(super) struct ThreadAnswer {
    #[serde(default)]
    pub thread: Value,
}

/// `app.bsky.notification.listNotifications`.
#[derive(Debug, Deserialize)]
pub(super) struct NotificationList {
    #[serde(default)]
    pub notifications: Vec<Notification>,
    #[serde(default)]
    pub cursor: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Notification {
    pub uri: String,
    pub author: Profile,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub reason_subject: Option<String>,
    #[serde(default)]
    pub record: Value,
    #[serde(default)]
    pub is_read: bool,
    pub indexed_at: String,
}

/// `app.bsky.notification.getUnreadCount`.
#[derive(Debug, Deserialize)]
pub(super) struct UnreadCount {
    #[serde(default)]
    pub count: u64,
}

/// `app.bsky.feed.getPosts`.
#[derive(Debug, Deserialize)]
pub(super) struct Posts {
    #[serde(default)]
    pub posts: Vec<super::wire::PostView>,
}

/// `app.bsky.actor.defs#profileViewDetailed`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DetailedProfile {
    pub did: String,
    pub handle: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub followers_count: Option<u64>,
    #[serde(default)]
    pub follows_count: Option<u64>,
    #[serde(default)]
    pub posts_count: Option<u64>,
    #[serde(default)]
    pub viewer: Option<DetailedViewer>,
    #[serde(default)]
    pub labels: Vec<Label>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DetailedViewer {
    #[serde(default)]
    pub following: Option<String>,
    #[serde(default)]
    pub blocked_by: Option<bool>,
    #[serde(default)]
    pub blocking: Option<String>,
}
