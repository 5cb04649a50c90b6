//! Mastodon client API JSON, as servers send it. Private to this backend; lenient on purpose:
//! every field a server might omit has a default.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub(super) struct Status {
    pub id: String,
    #[serde(default)]
    pub uri: String,
    #[serde(default)]
    pub url: Option<String>,
    pub created_at: String,
    pub account: Account,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub spoiler_text: String,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub visibility: String,
    #[serde(default)]
    pub reblog: Option<Box<Status>>,
    #[serde(default)]
    pub in_reply_to_id: Option<String>,
    #[serde(default)]
    pub in_reply_to_account_id: Option<String>,
    #[serde(default)]
    pub media_attachments: Vec<Attachment>,
    #[serde(default)]
    pub mentions: Vec<Mention>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    #[serde(default)]
    pub card: Option<Card>,
    #[serde(default)]
    pub poll: Option<Poll>,
    #[serde(default)]
    pub replies_count: Option<u64>,
    #[serde(default)]
    pub reblogs_count: Option<u64>,
    #[serde(default)]
    pub favourites_count: Option<u64>,
    #[serde(default)]
    pub favourited: Option<bool>,
    #[serde(default)]
    pub reblogged: Option<bool>,
    #[serde(default)]
    pub bookmarked: Option<bool>,
    /// The user's server-side filters that matched (Mastodon 4).
    #[serde(default)]
    pub filtered: Vec<FilterResult>,
}

/// One matched filter.
#[derive(Debug, Deserialize)]
pub(super) struct FilterResult {
    pub filter: Filter,
}

#[derive(Debug, Deserialize)]
pub(super) struct Filter {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default)]
    pub filter_action: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct Account {
    pub id: String,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub acct: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Attachment {
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub remote_url: Option<String>,
    #[serde(default)]
    pub preview_url: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Mention {
    pub id: String,
    #[serde(default)]
    pub acct: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct Tag {
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct Card {
    pub url: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub image: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Poll {
    #[serde(default)]
    pub expires_at: Option<String>,
    #[serde(default)]
    pub expired: bool,
    #[serde(default)]
    pub multiple: bool,
    #[serde(default)]
    pub votes_count: Option<u64>,
    #[serde(default)]
    pub options: Vec<PollOption>,
}

#[derive(Debug, Deserialize)]
pub(super) struct PollOption {
    pub title: String,
    #[serde(default)]
    pub votes_count: Option<u64>,
}

/// `/api/v2/instance` (only the parts murre reads).
#[derive(Debug, Deserialize)]
pub(super) struct InstanceV2 {
    #[serde(default)]
    pub configuration: Configuration,
}

/// `/api/v1/instance`: older servers put the length limit at the top level.
#[derive(Debug, Deserialize)]
pub(super) struct InstanceV1 {
    #[serde(default)]
    pub max_toot_chars: Option<usize>,
    #[serde(default)]
    pub urls: UrlsV1,
    #[serde(default)]
    pub configuration: Configuration,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Configuration {
    #[serde(default)]
    pub urls: UrlsV2,
    #[serde(default)]
    pub statuses: StatusLimits,
    #[serde(default)]
    pub media_attachments: MediaLimits,
}

/// v2 `configuration.urls`: where the streaming API is.
#[derive(Debug, Default, Deserialize)]
pub(super) struct UrlsV2 {
    #[serde(default)]
    pub streaming: Option<String>,
}

/// v1 `urls`: where the streaming API is.
#[derive(Debug, Default, Deserialize)]
pub(super) struct UrlsV1 {
    #[serde(default)]
    pub streaming_api: Option<String>,
}

/// `GET /api/v1/markers`: the home timeline's read marker.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Markers {
    #[serde(default)]
    pub home: Option<Marker>,
}

/// One read marker.
#[derive(Debug, Deserialize)]
pub(super) struct Marker {
    pub last_read_id: serde_json::Value,
    #[serde(default)]
    pub updated_at: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct StatusLimits {
    pub max_characters: Option<usize>,
    pub characters_reserved_per_url: Option<usize>,
    pub max_media_attachments: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct MediaLimits {
    pub description_limit: Option<usize>,
}

/// `verify_credentials`.
#[derive(Debug, Deserialize)]
pub(super) struct Me {
    pub id: String,
    pub acct: String,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub display_name: String,
}
