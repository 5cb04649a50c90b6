//! A person's profile on Bluesky: `app.bsky.actor.getProfile` and `app.bsky.feed.getAuthorFeed`.
//! A profile that is not found, deactivated or taken down, and a block either way, come back as a
//! profile with a note.

use super::{Client, wire_views as wire};
use crate::backend::BackendError;
use crate::model::moderation::Context;
use crate::model::{Author, Profile, ProfilePage, RichText, Viewer};
use crate::text::{sanitize, sanitize_line};

/// Posts shown under a profile.
const POSTS: &str = "30";

impl Client {
    /// The profile of `person` (by DID when known, else by handle) and their newest posts.
    pub async fn profile(&self, person: &Author) -> Result<ProfilePage, BackendError> {
        let actor = person.id.as_deref().unwrap_or(&person.handle);
        let detailed: wire::DetailedProfile = match self.query("app.bsky.actor.getProfile", &[("actor", actor)]).await {
            Ok(answer) => answer.json()?,
            Err(e) => return gone(e, self, person),
        };
        let mut profile = self.profile_of(&detailed);
        if profile.note.is_some() {
            return Ok(ProfilePage { profile, posts: Vec::new() });
        }
        let params = [("actor", detailed.did.as_str()), ("limit", POSTS)];
        match self.query("app.bsky.feed.getAuthorFeed", &params).await {
            Ok(answer) => Ok(ProfilePage { posts: self.feed_page(&answer.body, Context::View)?.items, profile }),
            Err(BackendError::Server { status: 400, message }) if message.to_lowercase().contains("block") => {
                profile.note = Some("their posts are hidden by a block".into());
                Ok(ProfilePage { profile, posts: Vec::new() })
            }
            Err(e) => Err(e),
        }
    }

    fn profile_of(&self, p: &wire::DetailedProfile) -> Profile {
        let handle = sanitize_line(&p.handle);
        let viewer = p.viewer.as_ref();
        let note = if viewer.and_then(|v| v.blocked_by) == Some(true) {
            Some(format!("@{handle} blocks you: their posts are hidden"))
        } else if viewer.is_some_and(|v| v.blocking.is_some()) {
            Some(format!("you block @{handle}: unblock them elsewhere to see their posts"))
        } else if p.labels.iter().any(|l| l.val == "!takedown") {
            Some("this account was taken down by Bluesky's moderators".into())
        } else {
            None
        };
        let following = viewer.and_then(|v| v.following.as_deref()).map(sanitize_line);
        Profile {
            account: self.account().clone(),
            person: Author {
                name: p.display_name.as_deref().map(sanitize_line).unwrap_or_default(),
                url: Some(format!("https://bsky.app/profile/{handle}")),
                handle,
                id: Some(sanitize_line(&p.did)).filter(|d| !d.is_empty()),
            },
            bio: RichText::plain(&sanitize(p.description.as_deref().unwrap_or_default())),
            posts: p.posts_count,
            followers: p.followers_count,
            following: p.follows_count,
            viewer: Viewer { following: Some(following.is_some()), follow_record: following, ..Viewer::default() },
            locked: false,
            note,
        }
    }
}

/// A profile the AppView refuses to show: a note when the refusal says why, else the error.
fn gone(e: BackendError, client: &Client, person: &Author) -> Result<ProfilePage, BackendError> {
    let BackendError::Server { status: 400, message } = &e else { return Err(e) };
    let text = message.to_lowercase();
    let note = if text.contains("not found") {
        "this profile does not exist (deleted, or the handle changed)"
    } else if text.contains("deactivated") {
        "this account is deactivated"
    } else if text.contains("takedown") || text.contains("taken down") || text.contains("suspended") {
        "this account was taken down"
    } else {
        return Err(e);
    };
    Ok(ProfilePage { profile: Profile::missing(client.account().clone(), person.clone(), note), posts: Vec::new() })
}
