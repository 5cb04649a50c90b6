//! Acting on a post: like, repost, bookmark, delete it, follow its author. Each network does it in
//! its own `interact.rs`; this file holds the shared words, what is known to be impossible before
//! any request (so the TUI can say so without flipping anything), and the `Client` dispatch.

use std::future::Future;

use super::{BackendError, Client};
use crate::model::{Network, Post, PostId, PostKey};

/// Something to do to a post, or to its author.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Interaction {
    Like,
    Unlike,
    Repost,
    Unrepost,
    Bookmark,
    Unbookmark,
    /// Delete the account's own post.
    Delete,
    /// Follow the post's author.
    Follow,
    /// Stop following the post's author.
    Unfollow,
}

impl Interaction {
    /// The verb in the network's own words, for messages ("favourite", "reblog", "unfollow").
    pub fn verb(self, network: Network) -> &'static str {
        use Interaction::*;
        match (self, network) {
            (Like, Network::Mastodon) => "favourite",
            (Unlike, Network::Mastodon) => "unfavourite",
            (Repost, Network::Mastodon) => "boost",
            (Unrepost, Network::Mastodon) => "unboost",
            (Repost, Network::Tumblr) => "reblog",
            (Unrepost, Network::Tumblr) => "unreblog",
            (Like, _) => "like",
            (Unlike, _) => "unlike",
            (Repost, _) => "repost",
            (Unrepost, _) => "unrepost",
            (Bookmark, _) => "bookmark",
            (Unbookmark, _) => "unbookmark",
            (Delete, _) => "delete",
            (Follow, _) => "follow",
            (Unfollow, _) => "unfollow",
        }
    }
}

/// The post an interaction acts on, with what each network needs besides the post's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The post, and the account that fetched it (the one that acts).
    pub post: PostId,
    /// The author's handle (for messages; Tumblr follows by blog name).
    pub author: String,
    /// The author's id on the fetching account's network (Mastodon account id, Bluesky DID).
    pub author_id: Option<String>,
    /// The account's own records to undo with (see `model::Viewer`).
    pub like_record: Option<String>,
    pub repost_record: Option<String>,
    pub follow_record: Option<String>,
}

impl Target {
    /// The target for `post`, as its fetching account sees it.
    pub fn of(post: &Post) -> Target {
        Target {
            post: post.id.clone(),
            author: post.author.handle.clone(),
            author_id: post.author.id.clone(),
            like_record: post.viewer.like_record.clone(),
            repost_record: post.viewer.repost_record.clone(),
            follow_record: post.viewer.follow_record.clone(),
        }
    }
}

/// What a successful interaction told that the model keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The record it made, to undo with later: a Bluesky like, repost or follow (at-uri), a Tumblr
    /// reblog (the new post's id).
    pub record: Option<String>,
    /// The follow waits for the author's approval (a locked Mastodon account).
    pub requested: bool,
}

/// Why `act` cannot be done on `target`, known without asking the server; `None` when it can.
pub fn refusal(target: &Target, act: Interaction) -> Option<String> {
    use Interaction::*;
    let network = target.post.network();
    match (network, act) {
        (Network::Tumblr, Bookmark | Unbookmark) => Some("Tumblr has no bookmarks".into()),
        (Network::Tumblr, Unrepost) if target.repost_record.is_none() => Some(
            "Tumblr undoes a reblog by deleting the reblog: only one made from murre since it started can be undone here"
                .into(),
        ),
        (Network::Tumblr, Like | Unlike | Repost) if reblog_key(&target.post.key).is_empty() => {
            Some("Tumblr sent no reblog key for this post: it cannot be liked or reblogged".into())
        }
        (Network::Bluesky, Unlike) if target.like_record.is_none() => Some(unknown_record("like")),
        (Network::Bluesky, Unrepost) if target.repost_record.is_none() => Some(unknown_record("repost")),
        (Network::Bluesky, Unfollow) if target.follow_record.is_none() => Some(unknown_record("follow")),
        (Network::Mastodon | Network::Bluesky, Follow | Unfollow) if target.author_id.is_none() => {
            Some(format!("the server did not say who @{} is", target.author))
        }
        _ => None,
    }
}

fn unknown_record(what: &str) -> String {
    format!("the server has not told murre which record holds this {what} yet; refresh (R) and try again")
}

fn reblog_key(key: &PostKey) -> &str {
    match key {
        PostKey::Tumblr { reblog_key, .. } => reblog_key,
        _ => "",
    }
}

impl Client {
    /// Does `act` on `target` as this client's account (the one that fetched the post).
    #[allow(clippy::manual_async_fn)]
    pub fn interact<'a>(
        &'a self,
        target: &'a Target,
        act: Interaction,
    ) -> impl Future<Output = Result<Outcome, BackendError>> + Send + 'a {
        async move {
            if let Some(why) = refusal(target, act) {
                return Err(BackendError::Invalid(why));
            }
            match self {
                Client::Mastodon(c) => c.interact(target, act).await,
                Client::Bluesky(c) => c.interact(target, act).await,
                Client::Tumblr(c) => c.interact(target, act).await,
            }
        }
    }

    /// Whether this account follows `target`'s author, asked of the server (Mastodon statuses do not
    /// say; Bluesky and Tumblr posts do, so they are never asked).
    #[allow(clippy::manual_async_fn)]
    pub fn following<'a>(&'a self, target: &'a Target) -> impl Future<Output = Result<bool, BackendError>> + Send + 'a {
        async move {
            match (self, target.author_id.as_deref()) {
                (Client::Mastodon(c), Some(id)) => c.following(id).await,
                (Client::Mastodon(_), None) => {
                    Err(BackendError::Invalid(format!("the server did not say who @{} is", target.author)))
                }
                (other, _) => Err(BackendError::Invalid(format!(
                    "{} says with each post whether you follow its author: refresh (R)",
                    other.network().title()
                ))),
            }
        }
    }
}
