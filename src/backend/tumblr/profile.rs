//! A blog's profile on Tumblr: `GET /v2/blog/{blog}/info` and `GET /v2/blog/{blog}/posts?npf=true`
//! (paged by `offset`).
//! A blog that does not exist, or a private one, comes back as a profile with a note.

use super::interact::plain;
use super::{Client, convert, decode_dashboard, wire, wire_views};
use crate::backend::{BackendError, Page};
use crate::model::{Author, Post, Profile, ProfilePage, Viewer};
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
                return Ok(ProfilePage { profile, posts: Vec::new(), older: None });
            }
            // A private blog refuses even a good token: the account's own info tells the two apart.
            Err(e @ (BackendError::Auth(_) | BackendError::Server { status: 403, .. })) => {
                if self.get("/v2/user/info", &[]).await.is_err() {
                    return Err(e);
                }
                let note = "this blog is private: only people it lets in can see it";
                let profile = Profile::missing(self.account().clone(), person.clone(), note);
                return Ok(ProfilePage { profile, posts: Vec::new(), older: None });
            }
            Err(e) => return Err(e),
        };
        let page = self.blog_posts(blog, None).await?;
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
        Ok(ProfilePage { profile, posts: page.items, older: page.older })
    }

    /// The posts of `blog`: the newest page, or the one at `cursor` (an offset), asked until a page
    /// comes empty.
    pub async fn blog_posts(&self, blog: &str, cursor: Option<&str>) -> Result<Page<Post>, BackendError> {
        let offset: usize = cursor.and_then(|c| c.parse().ok()).unwrap_or(0);
        let query = [("npf", "true".to_string()), ("limit", POSTS.to_string()), ("offset", offset.to_string())];
        let answer = self.get(&format!("/v2/blog/{}/posts", plain(blog)?), &query).await?;
        let (items, count) = decode_dashboard(&answer.body, self.account())?;
        Ok(Page { items, older: (count > 0).then(|| (offset + count).to_string()), newer: None })
    }
}
