//! A person's profile on a Mastodon-API server: `GET /api/v1/accounts/:id` (or
//! `/api/v1/accounts/lookup?acct=` when only the handle is known), the relationship, and
//! `GET /api/v1/accounts/:id/statuses`. A missing, suspended or blocking account comes back as a
//! profile with a note.

use super::interact::checked;
use super::{Client, convert, wire_views as wire};
use crate::backend::{BackendError, Cursor, Page};
use crate::model::{Author, Post, Profile, ProfilePage, Viewer};
use crate::text::{html_to_rich, sanitize_line};

/// Posts shown under a profile.
const POSTS: &str = "20";

impl Client {
    /// The profile of `person` (as this account sees them) and their newest posts.
    pub async fn profile(&self, person: &Author) -> Result<ProfilePage, BackendError> {
        let found = match person.id.as_deref() {
            Some(id) => self.read(&format!("/api/v1/accounts/{}", checked(id)?), &[]).await,
            None => {
                let query = [("acct".to_string(), person.handle.clone())];
                self.read("/api/v1/accounts/lookup", &query).await
            }
        };
        let account: wire::FullAccount = match found {
            Ok(answer) => answer.json()?,
            Err(BackendError::Server { status: 404 | 410, .. }) => {
                let note = "this account does not exist any more, or this server cannot see it";
                return Ok(ProfilePage {
                    profile: Profile::missing(self.account().clone(), person.clone(), note),
                    posts: Vec::new(),
                    older: None,
                });
            }
            Err(e) => return Err(e),
        };
        let mut profile = self.profile_of(&account);
        let relationship = self.relationship(&account.account.id).await.ok().flatten();
        if let Some(r) = &relationship {
            profile.viewer.following = Some(r.following || r.requested);
            profile.note = profile.note.or_else(|| blocked_note(r, &profile.person.handle));
        }
        if profile.note.is_some() {
            return Ok(ProfilePage { profile, posts: Vec::new(), older: None });
        }
        let page = self.statuses_of(&account.account.id, Cursor::Newest).await?;
        Ok(ProfilePage { profile, posts: page.items, older: page.older })
    }

    /// The statuses of the account with `id`, at `at` (paged by the Link header).
    pub async fn statuses_of(&self, id: &str, at: Cursor) -> Result<Page<Post>, BackendError> {
        let path = format!("/api/v1/accounts/{}/statuses", checked(id)?);
        self.timeline_of(&path, at, POSTS).await
    }

    fn profile_of(&self, a: &wire::FullAccount) -> Profile {
        let person = convert::author(&a.account, &self.ctx());
        let note = if a.suspended == Some(true) {
            Some("this account is suspended".to_string())
        } else if a.moved.as_ref().is_some_and(|m| !m.is_null()) {
            Some("this account has moved to another one".to_string())
        } else {
            a.limited.filter(|l| *l).map(|_| "this account is limited by its server's moderators".to_string())
        };
        Profile {
            account: self.account().clone(),
            person,
            bio: html_to_rich(&a.note),
            posts: a.statuses_count,
            followers: a.followers_count,
            following: a.following_count,
            viewer: Viewer::default(),
            locked: a.locked,
            note,
        }
    }

    async fn relationship(&self, id: &str) -> Result<Option<wire::Relationship>, BackendError> {
        let query = [("id[]".to_string(), id.to_string())];
        let all: Vec<wire::Relationship> = self.read("/api/v1/accounts/relationships", &query).await?.json()?;
        Ok(all.into_iter().find(|r| r.id == id))
    }
}

fn blocked_note(r: &wire::Relationship, handle: &str) -> Option<String> {
    let handle = sanitize_line(handle);
    if r.blocked_by {
        Some(format!("@{handle} blocks you: their posts are hidden"))
    } else if r.blocking {
        Some(format!("you block @{handle}: unblock them elsewhere to see their posts"))
    } else {
        None
    }
}
