//! Bluesky XRPC JSON (app.bsky lexicons), as the AppView sends it. Private to this backend.
//! Embeds and records stay `serde_json::Value` and are read leniently in convert.

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
pub(super) struct Timeline {
    #[serde(default)]
    pub feed: Vec<FeedViewPost>,
    #[serde(default)]
    pub cursor: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct FeedViewPost {
    pub post: PostView,
    #[serde(default)]
    pub reply: Option<ReplyRef>,
    #[serde(default)]
    pub reason: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PostView {
    pub uri: String,
    pub cid: String,
    pub author: Profile,
    pub record: Value,
    #[serde(default)]
    pub embed: Option<Value>,
    #[serde(default)]
    pub reply_count: Option<u64>,
    #[serde(default)]
    pub repost_count: Option<u64>,
    #[serde(default)]
    pub like_count: Option<u64>,
    #[serde(default)]
    pub quote_count: Option<u64>,
    pub indexed_at: String,
    #[serde(default)]
    pub viewer: Option<PostViewer>,
    #[serde(default)]
    pub labels: Vec<Label>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Profile {
    pub handle: String,
    #[serde(default)]
    pub did: String,
    #[serde(default)]
    pub display_name: Option<String>,
    /// The viewing account's relation to this profile (absent when not signed in).
    #[serde(default)]
    pub viewer: Option<ProfileViewer>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct ProfileViewer {
    /// The viewer's follow record of this profile (at-uri).
    #[serde(default)]
    pub following: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct PostViewer {
    #[serde(default)]
    pub like: Option<String>,
    #[serde(default)]
    pub repost: Option<String>,
    #[serde(default)]
    pub bookmarked: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Label {
    pub val: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct ReplyRef {
    #[serde(default)]
    pub parent: Value,
}

/// The post record (`app.bsky.feed.post`), read from `PostView::record`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PostRecord {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub facets: Vec<Facet>,
    #[serde(default)]
    pub reply: Option<Value>,
    /// Tags outside the text; anything but strings is skipped.
    #[serde(default)]
    pub tags: Vec<Value>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Facet {
    pub index: ByteSlice,
    #[serde(default)]
    pub features: Vec<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ByteSlice {
    pub byte_start: usize,
    pub byte_end: usize,
}

/// `com.atproto.server.createSession` / `refreshSession`. No `Debug`: it holds tokens.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Session {
    pub access_jwt: String,
    pub refresh_jwt: String,
    pub did: String,
    pub handle: String,
}
