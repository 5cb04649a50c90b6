//! A person's profile as one account sees it, network-neutral: who they are, their counts, whether
//! the account follows them, and a note when their posts cannot be shown. Pure data.

use serde::Serialize;

use super::{AccountId, Author, Post, RichText, Viewer};

/// A profile. Every string in it has passed `text::sanitize`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// The account looking (the one that follows or unfollows).
    pub account: AccountId,
    /// Name, handle, web address and id (Mastodon account id, Bluesky DID, Tumblr blog uuid).
    pub person: Author,
    /// The bio, as rich text.
    pub bio: RichText,
    pub posts: Option<u64>,
    pub followers: Option<u64>,
    pub following: Option<u64>,
    /// The account's relation: `following` and `follow_record` (the other fields stay unset).
    pub viewer: Viewer,
    /// Followers need the person's approval.
    pub locked: bool,
    /// Why the profile or its posts cannot be shown (blocked, deleted, suspended, private).
    pub note: Option<String>,
}

impl Profile {
    /// A profile that could not be read: only the handle and why.
    pub fn missing(account: AccountId, person: Author, note: &str) -> Profile {
        Profile {
            account,
            person,
            bio: RichText::default(),
            posts: None,
            followers: None,
            following: None,
            viewer: Viewer::default(),
            locked: false,
            note: Some(note.to_string()),
        }
    }
}

/// A profile and the person's newest posts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfilePage {
    pub profile: Profile,
    pub posts: Vec<Post>,
    /// Cursor of the page of posts older than `posts`; `None` at the end.
    pub older: Option<String>,
}
