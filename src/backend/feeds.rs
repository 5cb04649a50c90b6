//! Lists and custom feeds as sources: Mastodon lists, Bluesky feed generators (saved and pinned
//! ones, from the account's preferences) and Bluesky lists. Each network does it in its own
//! `feeds.rs`; this file holds the shared words and the `Client` dispatch. Tumblr has neither.

use std::future::Future;

use super::{BackendError, Client, Cursor, Page};
use crate::model::Post;

pub use crate::model::{Feed, FeedKind};

/// The lists and feeds of one account.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Feeds {
    pub feeds: Vec<Feed>,
    /// What the picker should say about this network (Tumblr has no lists).
    pub note: Option<String>,
}

/// Said where the user would look for Tumblr lists.
pub const TUMBLR_NO_FEEDS: &str = "Tumblr has no lists or custom feeds: # opens a tag's posts";

impl Client {
    /// The account's lists and saved feeds, pinned first.
    #[allow(clippy::manual_async_fn)]
    pub fn feeds(&self) -> impl Future<Output = Result<Feeds, BackendError>> + Send + '_ {
        async move {
            match self {
                Client::Mastodon(c) => c.lists().await,
                Client::Bluesky(c) => c.feeds().await,
                Client::Tumblr(_) => Ok(Feeds { feeds: Vec::new(), note: Some(TUMBLR_NO_FEEDS.into()) }),
            }
        }
    }

    /// One page of `feed`'s posts at `at` (newest first), with the cursor to the next older page.
    #[allow(clippy::manual_async_fn)]
    pub fn feed<'a>(
        &'a self,
        feed: &'a Feed,
        at: Cursor,
    ) -> impl Future<Output = Result<Page<Post>, BackendError>> + Send + 'a {
        async move {
            match self {
                Client::Mastodon(c) => c.list_timeline(&feed.id, at).await,
                Client::Bluesky(c) => c.feed(feed, at).await,
                Client::Tumblr(_) => Err(BackendError::Invalid(TUMBLR_NO_FEEDS.into())),
            }
        }
    }
}
