//! The sources the timeline merges: each account's home feed, and the lists and custom feeds read
//! like one (see `feeds`). Plain data with what `update` asks of it.

use jiff::Timestamp;

use super::{ReqId, live};
use crate::model::Feed;
use crate::model::{AccountId, Network};

/// The timeline's key of `account`'s list or feed `feed`.
pub fn feed_key(account: &AccountId, feed: &Feed) -> String {
    let kind = match feed.kind {
        crate::model::FeedKind::List => "list",
        crate::model::FeedKind::Custom => "feed",
    };
    format!("{account} {kind} {}", feed.id)
}

/// One feed the timeline merges: an account's home feed, or one of its lists or custom feeds.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The account that reads it (and acts on its posts).
    pub account: AccountId,
    pub network: Network,
    /// The list or custom feed it reads; `None`: the account's home feed.
    pub feed: Option<Feed>,

    /// When the source last answered successfully.
    pub last_refresh: Option<Timestamp>,
    /// The last error, shown in the status bar until the next success.
    pub error: Option<String>,
    /// Cursor for items newer than what is loaded.
    pub newer: Option<String>,
    /// Cursor for the next older page; `None` at the end.
    pub older: Option<String>,
    /// Whether the account feeds the merged timeline (the reader can take it out).
    pub included: bool,
    /// Whether the account is the one murre posts as on its network.
    pub posting: bool,
    /// The server refused the credentials: the user has to log in again (key L).
    pub needs_login: bool,
    /// Logged out during this run: out of the timeline, gone at the next start.
    pub logged_out: bool,
    /// A Mastodon-API server's own limits, once it said them.
    pub rules: Option<crate::publish::prepare::Rules>,
    /// The request whose answer is awaited for new items.
    pub pending_newer: Option<ReqId>,
    /// The request whose answer is awaited for older items.
    pub pending_older: Option<ReqId>,
    /// The request whose answer is awaited for a page dropped above the reader.
    pub pending_above: Option<ReqId>,
    /// Polling and streaming.
    pub live: live::Live,
}

impl Source {
    /// Whether a request of this source is in flight (derived from the pending requests).
    pub fn loading(&self) -> bool {
        self.pending_newer.is_some() || self.pending_older.is_some() || self.pending_above.is_some()
    }

    /// What the timeline names the source by: the account id for a home feed, else the account id
    /// and the feed (never a valid account id, so the two cannot meet).
    pub fn key(&self) -> std::borrow::Cow<'_, str> {
        match &self.feed {
            None => std::borrow::Cow::Borrowed(self.account.0.as_str()),
            Some(feed) => std::borrow::Cow::Owned(feed_key(&self.account, feed)),
        }
    }

    /// Whether it is an account's home feed (the accounts switcher, posting and streams are for these).
    pub fn is_home(&self) -> bool {
        self.feed.is_none()
    }

    /// A list or custom feed of `account`: out of the merged timeline until the reader puts it in.
    pub fn of_feed(account: AccountId, network: Network, feed: Feed) -> Self {
        Source { feed: Some(feed), included: false, ..Source::new(account, network) }
    }

    /// A source that has not loaded anything yet.
    pub fn new(account: AccountId, network: Network) -> Self {
        Source {
            account,
            network,
            feed: None,
            last_refresh: None,
            error: None,
            newer: None,
            older: None,
            pending_newer: None,
            pending_older: None,
            pending_above: None,
            rules: None,
            included: true,
            posting: false,
            needs_login: false,
            logged_out: false,
            live: live::Live::default(),
        }
    }
}
