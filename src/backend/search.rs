//! Finding posts: by hashtag (`#`) on every network, by words (`/`) where the network can search
//! posts. Each network does it in its own `search.rs`; this file holds the shared words and the
//! `Client` dispatch.

use std::future::Future;

use super::{BackendError, Client};
use crate::model::Post;

/// What is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SearchKind {
    /// Posts with a hashtag (the tag without its `#`).
    Tag,
    /// Posts matching words.
    Posts,
}

/// What one account's network found, newest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    pub posts: Vec<Post>,
    /// Cursor of the next older page; `None` at the end (or where the network cannot page).
    pub older: Option<String>,
    /// What the view should say about this network's answer (it cannot search, or searches little).
    pub note: Option<String>,
}

/// Said when a network has no post search at all.
pub const TUMBLR_NO_SEARCH: &str = "Tumblr has no post search: # finds Tumblr posts by tag";

/// Said when a Mastodon-API server finds nothing: many search only what the user interacted with.
pub const MASTODON_EMPTY_SEARCH: &str =
    "this server found nothing: many Mastodon servers search only posts you wrote, liked, boosted or were mentioned in";

impl Client {
    /// Posts with `tag` (for `SearchKind::Tag`) or matching `query` words, as this account sees them:
    /// the newest page, or the one older than `cursor`.
    #[allow(clippy::manual_async_fn)]
    pub fn search<'a>(
        &'a self,
        kind: SearchKind,
        query: &'a str,
        cursor: Option<&'a str>,
    ) -> impl Future<Output = Result<Found, BackendError>> + Send + 'a {
        async move {
            match (self, kind) {
                (Client::Mastodon(c), SearchKind::Tag) => c.tagged(query, cursor).await,
                (Client::Mastodon(c), SearchKind::Posts) => c.search_posts(query, cursor).await,
                (Client::Bluesky(c), SearchKind::Tag) => c.search_posts(&format!("#{query}"), cursor).await,
                (Client::Bluesky(c), SearchKind::Posts) => c.search_posts(query, cursor).await,
                (Client::Tumblr(c), SearchKind::Tag) => c.tagged(query, cursor).await,
                (Client::Tumblr(_), SearchKind::Posts) => {
                    Ok(Found { posts: Vec::new(), older: None, note: Some(TUMBLR_NO_SEARCH.into()) })
                }
            }
        }
    }
}

/// `text` percent-encoded for one path segment (a tag can be any letters: `日本語`, `café`).
pub(crate) fn path_segment(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tags_are_encoded_for_a_path() {
        assert_eq!(super::path_segment("rust"), "rust");
        assert_eq!(super::path_segment("日本"), "%E6%97%A5%E6%9C%AC");
        assert_eq!(super::path_segment("a/../b?c"), "a%2F..%2Fb%3Fc");
    }
}
