//! What a live stream delivers, network-neutral: new posts, deleted posts and edited posts, and how a
//! stream ended. Only Mastodon offers one to clients today; the others are polled.

use crate::model::Post;

/// One event of a home-timeline stream.
#[derive(Debug, Clone, PartialEq)]
pub enum StreamEvent {
    /// A new item for the home timeline (boxed: a post is large, a message should not be).
    Update(Box<Post>),
    /// A post was deleted: its id on the streaming account's server.
    Delete(String),
    /// A post was edited: its new version.
    Edit(Box<Post>),
}

/// Why a stream ended (or never started).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamEnd {
    /// The server does not offer a stream, or refused this one (a 4xx/5xx at the handshake).
    Refused(String),
    /// The connection dropped, broke or went silent; worth trying again soon.
    Lost(String),
}

impl StreamEnd {
    /// The reason, for the log and the status bar (never holds a token).
    pub fn reason(&self) -> &str {
        match self {
            StreamEnd::Refused(r) | StreamEnd::Lost(r) => r,
        }
    }
}
