//! A blog's profile on Tumblr: `GET /v2/blog/{blog}/info` and `GET /v2/blog/{blog}/posts?npf=true`.
//! A blog that does not exist comes back as a profile with a note.

use super::interact::plain;
use super::{Client, convert, decode_dashboard, wire, wire_views};
use crate::backend::BackendError;
use crate::model::{Author, Profile, ProfilePage, Viewer};
use crate::text::html_to_rich;

/// Posts shown under a profile (the API's maximum).
const POSTS: &str = "20";

impl Client {
    /// The blog named by `person.handle` and its newest posts.
    pub async fn profile(&self, person: &Author) -> Result<ProfilePage, BackendError> {
        let blog = plain(&person.handle)?;
        let info = match self.get(&format!("/v2/blog/{blog}/info"), &[]).await {
            Ok(answer) => answer.json::<wire::Envelope<wire_views::Info>>()?.response.blog,
            Err(BackendError::Server { status: 404 | 410, .. }) => {
                let note = "this blog does not exist (deleted, or renamed)";
                let profile = Profile::missing(self.account().clone(), person.clone(), note);
                return Ok(ProfilePage { profile, posts: Vec::new() });
            }
            Err(e) => return Err(e),
        };
        let query = [("npf", "true".to_string()), ("limit", POSTS.to_string())];
        let answer = self.get(&format!("/v2/blog/{blog}/posts"), &query).await?;
        let (posts, _) = decode_dashboard(&answer.body, self.account())?;
        let profile = Profile {
            account: self.account().clone(),
            person: convert::blog_author(&info.blog),
            bio: html_to_rich(&info.description),
            posts: info.posts,
            followers: info.followers,
            following: None,
            viewer: Viewer { following: info.followed, ..Viewer::default() },
            locked: false,
            note: None,
        };
        Ok(ProfilePage { profile, posts })
    }
}
