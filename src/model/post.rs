//! Posts and their parts, network-neutral. Pure data: no IO.

use jiff::Timestamp;
use serde::Serialize;

use super::{AccountId, Network, RichText};

/// What a network needs to act on a post. Each arm holds exactly that network's identifiers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(tag = "network", rename_all = "snake_case")]
pub enum PostKey {
    /// Mastodon API: the status id on the fetching account's server, and the global `uri`.
    Mastodon { id: String, uri: String },
    /// Bluesky: the record's at-uri and cid.
    Bluesky { uri: String, cid: String },
    /// Tumblr: the blog name and uuid, the post's `id_string`, and the key needed to reblog or like it.
    Tumblr { blog: String, blog_uuid: String, id: String, reblog_key: String },
}

/// A post's identity plus the account that fetched it (actions go through that account).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct PostId {
    pub account: AccountId,
    pub key: PostKey,
}

impl PostKey {
    /// Whether both keys name the same post (its global identity), without allocating.
    pub fn same_post(&self, other: &PostKey) -> bool {
        match (self, other) {
            (PostKey::Mastodon { uri: a, .. }, PostKey::Mastodon { uri: b, .. }) => a == b,
            (PostKey::Bluesky { uri: a, .. }, PostKey::Bluesky { uri: b, .. }) => a == b,
            (PostKey::Tumblr { blog_uuid: a, id: x, .. }, PostKey::Tumblr { blog_uuid: b, id: y, .. }) => {
                a == b && x == y
            }
            _ => false,
        }
    }
}

impl PostId {
    /// The network the post lives on.
    pub fn network(&self) -> Network {
        match self.key {
            PostKey::Mastodon { .. } => Network::Mastodon,
            PostKey::Bluesky { .. } => Network::Bluesky,
            PostKey::Tumblr { .. } => Network::Tumblr,
        }
    }

    /// The global identity: the same post seen from two accounts gives the same string.
    pub fn global(&self) -> String {
        match &self.key {
            PostKey::Mastodon { uri, .. } => uri.clone(),
            PostKey::Bluesky { uri, .. } => uri.clone(),
            PostKey::Tumblr { blog_uuid, id, .. } => format!("tumblr:{blog_uuid}/{id}"),
        }
    }
}

/// Who wrote (or boosted) a post.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct Author {
    /// Display name (may be empty; then the handle is shown).
    pub name: String,
    /// Handle without a leading `@`: `user@host`, `alice.bsky.social`, `blogname`.
    pub handle: String,
    /// Profile URL, when known.
    pub url: Option<String>,
    /// The author's id where the fetching account sees them (what a follow names): the account id
    /// on the fetching Mastodon server, the Bluesky DID, the Tumblr blog uuid. `None` when unknown.
    pub id: Option<String>,
}

impl Author {
    /// The name to show: the display name, or the handle when the name is blank.
    pub fn shown_name(&self) -> &str {
        if self.name.trim().is_empty() { &self.handle } else { &self.name }
    }
}

/// The kind of an attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    Image,
    Gif,
    Video,
    Audio,
    Unknown,
}

/// An attachment, with its alt text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Media {
    pub kind: MediaKind,
    pub url: String,
    pub preview_url: Option<String>,
    pub alt: Option<String>,
}

/// A link preview card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LinkCard {
    pub url: String,
    pub title: String,
    pub description: String,
    pub image: Option<String>,
}

/// A post quoted inside another, kept shallow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Quoted {
    pub author: Author,
    pub text: RichText,
    pub url: Option<String>,
    pub created_at: Option<Timestamp>,
}

/// What a post embeds besides its own media.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Embed {
    Quote(Box<Quoted>),
    Link(LinkCard),
    /// A quote whose target could not be shown (deleted, blocked, not found).
    Unavailable {
        reason: String,
    },
}

/// A poll and its results so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Poll {
    pub options: Vec<PollOption>,
    pub expires_at: Option<Timestamp>,
    pub expired: bool,
    pub multiple: bool,
    pub votes: Option<u64>,
}

/// One option of a poll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PollOption {
    pub title: String,
    pub votes: Option<u64>,
}

/// One earlier entry of a Tumblr reblog trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct TrailEntry {
    pub author: Author,
    pub text: RichText,
}

/// Who a reply answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ReplyTo {
    /// Handle of the author replied to, when the network says.
    pub handle: Option<String>,
    /// The parent's global identity, when known.
    pub id: Option<String>,
}

/// Who reposted the post into the feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Repost {
    pub by: Author,
    pub at: Timestamp,
    /// The repost's own id where the network gives it one (Mastodon's reblog status, whose delete
    /// is an un-boost).
    #[serde(default)]
    pub id: Option<String>,
}

/// Public counts. `None` where the network does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct Counts {
    pub replies: Option<u64>,
    pub reposts: Option<u64>,
    pub likes: Option<u64>,
    pub quotes: Option<u64>,
}

/// The viewing (fetching) account's own relation to the post and its author.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct Viewer {
    pub liked: bool,
    pub reposted: bool,
    pub bookmarked: bool,
    /// Whether the account follows the author; `None` where the network does not say with the post
    /// (Mastodon statuses do not: murre asks the server when it needs to know).
    pub following: Option<bool>,
    /// The account's own records, the handles to undo with: Bluesky like, repost and follow records
    /// (at-uris); a Tumblr reblog made from murre (the new post's id).
    pub like_record: Option<String>,
    pub repost_record: Option<String>,
    pub follow_record: Option<String>,
}

/// Who may see a post (Mastodon's model; other networks are `Public`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    #[default]
    Public,
    Unlisted,
    Private,
    Direct,
}

/// A post in a feed. Every string in it has passed `text::sanitize`.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Post {
    pub id: PostId,
    pub author: Author,
    pub created_at: Timestamp,
    pub text: RichText,
    /// Content warning (Mastodon `spoiler_text`); the body stays hidden until asked.
    pub cw: Option<String>,
    pub media: Vec<Media>,
    pub embed: Option<Embed>,
    pub poll: Option<Poll>,
    pub reply_to: Option<ReplyTo>,
    pub repost: Option<Repost>,
    pub trail: Vec<TrailEntry>,
    pub tags: Vec<String>,
    pub labels: Vec<String>,
    pub counts: Counts,
    pub viewer: Viewer,
    pub visibility: Visibility,
    pub sensitive: bool,
    pub url: Option<String>,
}

impl Post {
    /// The time the item entered the feed: the repost's time, else the post's own.
    pub fn feed_time(&self) -> Timestamp {
        self.repost.as_ref().map_or(self.created_at, |r| r.at)
    }

    /// The feed item's identity: a repost by someone is a different item from the post itself.
    pub fn feed_key(&self) -> String {
        match &self.repost {
            Some(r) => format!("repost:{}:{}", r.by.handle, self.id.global()),
            None => self.id.global(),
        }
    }

    /// The network the post lives on.
    pub fn network(&self) -> Network {
        self.id.network()
    }

    /// Whether the account that fetched the post wrote it (its handle is the account's).
    pub fn by_fetching_account(&self) -> bool {
        self.author.handle.eq_ignore_ascii_case(self.id.account.handle())
    }

    /// A minimal post, for tests and fixtures.
    pub fn sample(key: PostKey, account: &AccountId, handle: &str, at: Timestamp, text: &str) -> Post {
        Post {
            id: PostId { account: account.clone(), key },
            author: Author { name: handle.to_string(), handle: handle.to_string(), url: None, id: None },
            created_at: at,
            text: RichText::plain(text),
            cw: None,
            media: Vec::new(),
            embed: None,
            poll: None,
            reply_to: None,
            repost: None,
            trail: Vec::new(),
            tags: Vec::new(),
            labels: Vec::new(),
            counts: Counts::default(),
            viewer: Viewer::default(),
            visibility: Visibility::Public,
            sensitive: false,
            url: None,
        }
    }
}
