//! Network-neutral data: networks, accounts, posts, rich text, the merged timeline, threads,
//! notifications and profiles.
//! Pure: no IO, no clocks.

mod feed;
pub mod moderation;
pub mod notification;
mod post;
mod profile;
mod rich;
pub mod thread;
pub mod timeline;

pub use feed::{Feed, FeedKind};
pub use notification::{Group, Notification, NotificationKind};
pub use post::*;
pub use profile::{Profile, ProfilePage};
pub use rich::*;
pub use thread::{Branch, Thread, ThreadItem, ThreadNode};
pub use timeline::{Eviction, MergeOutcome, PageTag, Scope, Timeline};

use serde::{Deserialize, Serialize};
use std::fmt;

/// A social network murre speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Network {
    Mastodon,
    Bluesky,
    Tumblr,
}

impl Network {
    /// All networks, in filter-key order (1, 2, 3).
    pub const ALL: [Network; 3] = [Network::Mastodon, Network::Bluesky, Network::Tumblr];

    /// The lowercase name used in account ids and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Network::Mastodon => "mastodon",
            Network::Bluesky => "bluesky",
            Network::Tumblr => "tumblr",
        }
    }

    /// The name shown to people.
    pub fn title(self) -> &'static str {
        match self {
            Network::Mastodon => "Mastodon",
            Network::Bluesky => "Bluesky",
            Network::Tumblr => "Tumblr",
        }
    }

    /// A short badge for narrow rows.
    pub fn badge(self) -> &'static str {
        match self {
            Network::Mastodon => "M",
            Network::Bluesky => "B",
            Network::Tumblr => "T",
        }
    }

    /// Parses `mastodon`, `bluesky` or `tumblr` (any case).
    pub fn parse(s: &str) -> Option<Network> {
        Network::ALL.into_iter().find(|n| n.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An account id: `mastodon:USER@HOST[:PORT]`, `bluesky:HANDLE`, `tumblr:BLOG`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountId(pub String);

impl AccountId {
    /// Builds the id of `handle` on `network`.
    pub fn new(network: Network, handle: &str) -> Self {
        AccountId(format!("{}:{}", network.as_str(), handle))
    }

    /// The network named by the id's prefix.
    pub fn network(&self) -> Option<Network> {
        self.0.split_once(':').and_then(|(n, _)| Network::parse(n))
    }

    /// The part after `network:`.
    pub fn handle(&self) -> &str {
        self.0.split_once(':').map_or(self.0.as_str(), |(_, h)| h)
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
