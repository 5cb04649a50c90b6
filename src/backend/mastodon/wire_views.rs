//! Mastodon client API JSON of the views: a status context, notifications, read markers, a full
//! account and a relationship. Private to this backend; lenient like `wire`.

use serde::Deserialize;

use super::wire::{Account, Status};

/// `GET /api/v1/statuses/:id/context`.
#[derive(Debug, Deserialize)]
pub(super) struct Context {
    #[serde(default)]
    pub ancestors: Vec<Status>,
    #[serde(default)]
    pub descendants: Vec<Status>,
}

/// One entry of `GET /api/v1/notifications`.
#[derive(Debug, Deserialize)]
pub(super) struct Notification {
    pub id: String,
    #[serde(rename = "type", default)]
    pub kind: String,
    pub created_at: String,
    /// Some servers send `null` for an account that is gone.
    #[serde(default)]
    pub account: Option<Account>,
    #[serde(default)]
    pub status: Option<Status>,
}

/// `GET /api/v1/markers?timeline[]=notifications`.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Markers {
    #[serde(default)]
    pub notifications: Option<Marker>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Marker {
    #[serde(default)]
    pub last_read_id: String,
}

/// `GET /api/v1/accounts/:id`: the Account entity with what a profile shows.
#[derive(Debug, Deserialize)]
pub(super) struct FullAccount {
    #[serde(flatten)]
    pub account: Account,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub locked: bool,
    #[serde(default)]
    pub followers_count: Option<u64>,
    #[serde(default)]
    pub following_count: Option<u64>,
    #[serde(default)]
    pub statuses_count: Option<u64>,
    #[serde(default)]
    pub suspended: Option<bool>,
    #[serde(default)]
    pub limited: Option<bool>,
    #[serde(default)]
    pub moved: Option<serde_json::Value>,
}

/// A Relationship entity (`GET /api/v1/accounts/relationships`).
#[derive(Debug, Deserialize)]
pub(super) struct Relationship {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub following: bool,
    #[serde(default)]
    pub requested: bool,
    #[serde(default)]
    pub blocking: bool,
    #[serde(default)]
    pub blocked_by: bool,
}
