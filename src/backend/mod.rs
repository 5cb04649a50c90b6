//! Network backends: one folder per network, each with a thin HTTP client, private wire types and
//! a convert step into `model` types. The `Client` enum dispatches without `dyn`.

pub mod bluesky;
pub(crate) mod error;
pub mod feeds;
pub mod http;
mod interact;
pub mod mastodon;
pub mod oauth;
pub mod search;
mod stream;
pub mod tumblr;
pub mod views;

pub use error::BackendError;
pub use interact::{Interaction, Outcome, Target, refusal};
pub use stream::{StreamEnd, StreamEvent};

use std::future::Future;

use crate::model::{AccountId, Network, Post};

/// Where in a feed to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    /// The newest page.
    Newest,
    /// The page older than this network-specific cursor.
    Older(String),
    /// Items newer than this network-specific cursor.
    Newer(String),
}

/// One page of a feed, with the cursors to go further.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Cursor for the next older page; `None` at the end of the feed.
    pub older: Option<String>,
    /// Cursor for newer items, when the network gives one.
    pub newer: Option<String>,
}

/// What a network can do, so the UI offers only what works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    pub visibility: bool,
    pub content_warning: bool,
    pub polls: bool,
    pub quotes: bool,
    pub streaming: bool,
}

/// The unit a network counts post length in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthUnit {
    Graphemes,
    CodePoints,
}

/// Length and media limits, read from the server where it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_chars: usize,
    pub unit: LengthUnit,
    pub max_bytes: Option<usize>,
    pub chars_per_url: Option<usize>,
    pub max_media: usize,
    pub alt_text_max: usize,
}

/// One logged-in account's connection to its network.
#[derive(Debug, Clone)]
pub enum Client {
    Mastodon(mastodon::Client),
    Bluesky(bluesky::Client),
    Tumblr(tumblr::Client),
}

impl Client {
    /// The network this client speaks.
    pub fn network(&self) -> Network {
        match self {
            Client::Mastodon(_) => Network::Mastodon,
            Client::Bluesky(_) => Network::Bluesky,
            Client::Tumblr(_) => Network::Tumblr,
        }
    }

    /// The account this client acts as.
    pub fn account(&self) -> &AccountId {
        match self {
            Client::Mastodon(c) => c.account(),
            Client::Bluesky(c) => c.account(),
            Client::Tumblr(c) => c.account(),
        }
    }

    /// What the network supports.
    pub fn capabilities(&self) -> Capabilities {
        match self {
            Client::Mastodon(_) => mastodon::CAPABILITIES,
            Client::Bluesky(_) => bluesky::CAPABILITIES,
            Client::Tumblr(_) => tumblr::CAPABILITIES,
        }
    }

    /// The account's home feed at `at`.
    // Written out (not `async fn`) so the future is declared `Send`: effects are spawned on tokio.
    #[allow(clippy::manual_async_fn)]
    pub fn home(&self, at: Cursor) -> impl Future<Output = Result<Page<Post>, BackendError>> + Send + '_ {
        async move {
            match self {
                Client::Mastodon(c) => c.home(at).await,
                Client::Bluesky(c) => c.home(at).await,
                Client::Tumblr(c) => c.home(at).await,
            }
        }
    }

    /// The server's limits (asks the server where the network allows).
    #[allow(clippy::manual_async_fn)]
    pub fn limits(&self) -> impl Future<Output = Result<Limits, BackendError>> + Send + '_ {
        async move {
            match self {
                Client::Mastodon(c) => c.limits().await,
                Client::Bluesky(_) => Ok(bluesky::LIMITS),
                Client::Tumblr(_) => Ok(tumblr::LIMITS),
            }
        }
    }
}
