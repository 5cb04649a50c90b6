//! Reading around a post and a person: a post's conversation (`thread`), the account's notifications
//! with their read state (`notifications`, `unread`, `mark_read`) and a person's profile with their
//! posts (`profile`). Each network does it in its own `views.rs`; this file holds the shared words
//! and the `Client` dispatch.

use std::future::Future;

use jiff::Timestamp;

use super::{BackendError, Client, Cursor, Page};
use crate::model::{Author, Notification, Post, ProfilePage, Thread};

/// Notifications of one account, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Notifications {
    pub items: Vec<Notification>,
    /// What the view should say about this network's notifications (Tumblr keeps read state to itself).
    pub note: Option<String>,
    /// Cursor of the next older page; `None` at the end.
    pub older: Option<String>,
}

/// How many notifications wait unread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Unread {
    pub count: u32,
    /// More than `count` (only one page was counted).
    pub more: bool,
}

/// The newest notification seen, which a read marker names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadMark {
    /// The notification's id (Mastodon's marker names it).
    pub id: String,
    /// Its time (Bluesky's `seenAt`).
    pub at: Timestamp,
}

impl Client {
    /// The conversation around `post` (as this client's account sees it).
    #[allow(clippy::manual_async_fn)]
    pub fn thread<'a>(&'a self, post: &'a Post) -> impl Future<Output = Result<Thread, BackendError>> + Send + 'a {
        async move {
            match self {
                Client::Mastodon(c) => c.thread(post).await,
                Client::Bluesky(c) => c.thread(post).await,
                Client::Tumblr(c) => c.thread(post).await,
            }
        }
    }

    /// The newest notifications of the account (or the page older than `cursor`), each saying
    /// whether it is unread.
    #[allow(clippy::manual_async_fn)]
    pub fn notifications<'a>(
        &'a self,
        cursor: Option<&'a str>,
    ) -> impl Future<Output = Result<Notifications, BackendError>> + Send + 'a {
        async move {
            match self {
                Client::Mastodon(c) => c.notifications(cursor).await,
                Client::Bluesky(c) => c.notifications(cursor).await,
                Client::Tumblr(c) => c.notifications(cursor).await,
            }
        }
    }

    /// How many notifications are unread; where the network keeps no read state for murre
    /// (Tumblr), those after `read_here` (what murre itself marked read) count.
    #[allow(clippy::manual_async_fn)]
    pub fn unread(
        &self,
        read_here: Option<Timestamp>,
    ) -> impl Future<Output = Result<Unread, BackendError>> + Send + '_ {
        async move {
            match self {
                Client::Mastodon(c) => c.unread().await,
                Client::Bluesky(c) => c.unread().await,
                Client::Tumblr(c) => c.unread(read_here).await,
            }
        }
    }

    /// Marks everything up to `mark` read on the server; `Ok(false)` where the network cannot be told
    /// (Tumblr: murre keeps it read by itself).
    #[allow(clippy::manual_async_fn)]
    pub fn mark_read<'a>(&'a self, mark: &'a ReadMark) -> impl Future<Output = Result<bool, BackendError>> + Send + 'a {
        async move {
            match self {
                Client::Mastodon(c) => c.mark_read(&mark.id).await.map(|()| true),
                Client::Bluesky(c) => c.mark_read(mark.at).await.map(|()| true),
                Client::Tumblr(_) => Ok(false),
            }
        }
    }

    /// The posts of a profile's person older than `cursor` (from the profile page or the last page).
    #[allow(clippy::manual_async_fn)]
    pub fn profile_posts<'a>(
        &'a self,
        person: &'a Author,
        cursor: &'a str,
    ) -> impl Future<Output = Result<Page<Post>, BackendError>> + Send + 'a {
        async move {
            let id = person.id.as_deref();
            match self {
                Client::Mastodon(c) => {
                    let id = id.ok_or_else(|| BackendError::Invalid("this account has no id".into()))?;
                    c.statuses_of(id, Cursor::Older(cursor.to_string())).await
                }
                Client::Bluesky(c) => c.author_feed(id.unwrap_or(&person.handle), Some(cursor)).await,
                Client::Tumblr(c) => c.blog_posts(&person.handle, Some(cursor)).await,
            }
        }
    }

    /// The profile of `person` and their newest posts; a profile that is gone, blocked or private
    /// comes back with a note saying so.
    #[allow(clippy::manual_async_fn)]
    pub fn profile<'a>(
        &'a self,
        person: &'a Author,
    ) -> impl Future<Output = Result<ProfilePage, BackendError>> + Send + 'a {
        async move {
            match self {
                Client::Mastodon(c) => c.profile(person).await,
                Client::Bluesky(c) => c.profile(person).await,
                Client::Tumblr(c) => c.profile(person).await,
            }
        }
    }
}
