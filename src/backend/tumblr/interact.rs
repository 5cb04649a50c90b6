//! Interactions on Tumblr: `POST /v2/user/like` and `/v2/user/unlike` with `{id, reblog_key}`; a
//! reblog is an NPF post on the account's blog naming its parent (`parent_tumblelog_uuid`,
//! `parent_post_id`, `reblog_key`), undone by deleting it (`POST /v2/blog/{blog}/post/delete {id}`,
//! which also deletes the account's own posts); `POST /v2/user/follow` and `/v2/user/unfollow` with
//! the blog's `url`. Tumblr has no bookmarks.

use serde_json::{Value, json};

use super::Client;
use crate::backend::{BackendError, Interaction, Outcome, Target};
use crate::model::PostKey;
use crate::text::sanitize_line;

impl Client {
    /// Does `act` on the post `target` names.
    pub async fn interact(&self, target: &Target, act: Interaction) -> Result<Outcome, BackendError> {
        let PostKey::Tumblr { blog, blog_uuid, id, reblog_key } = &target.post.key else {
            return Err(BackendError::Invalid("not a Tumblr post".into()));
        };
        let liked = json!({"id": id, "reblog_key": reblog_key});
        let follow = json!({"url": format!("{}.tumblr.com", plain(blog)?)});
        let path = match act {
            Interaction::Like => "/v2/user/like",
            Interaction::Unlike => "/v2/user/unlike",
            Interaction::Follow => "/v2/user/follow",
            Interaction::Unfollow => "/v2/user/unfollow",
            Interaction::Repost => return self.reblog(blog_uuid, id, reblog_key).await,
            Interaction::Unrepost => {
                return self.delete(self.account().handle(), target.repost_record.as_deref()).await;
            }
            Interaction::Delete => return self.delete(blog, Some(id)).await,
            Interaction::Bookmark | Interaction::Unbookmark => {
                return Err(BackendError::Invalid("Tumblr has no bookmarks".into()));
            }
        };
        let body = if matches!(act, Interaction::Like | Interaction::Unlike) { liked } else { follow };
        self.post_json(path, &body).await.map(|_| Outcome::default())
    }

    /// Reblogs the post onto the account's blog; returns the new post's id.
    async fn reblog(&self, parent_uuid: &str, parent_id: &str, reblog_key: &str) -> Result<Outcome, BackendError> {
        let body = json!({
            "content": [],
            "parent_tumblelog_uuid": parent_uuid,
            "parent_post_id": parent_id,
            "reblog_key": reblog_key,
            "state": "published",
        });
        let path = format!("/v2/blog/{}/posts", plain(self.account().handle())?);
        let v = self.post_json(&path, &body).await?.value();
        let id = v.pointer("/response/id_string").or_else(|| v.pointer("/response/id")).map(|id| match id {
            Value::String(s) => sanitize_line(s),
            other => other.to_string(),
        });
        let id = id.ok_or_else(|| BackendError::Decode("Tumblr's answer names no reblog".into()))?;
        Ok(Outcome { record: Some(id), requested: false })
    }

    /// Deletes the post `id` of `blog` (which must be the account's).
    async fn delete(&self, blog: &str, id: Option<&str>) -> Result<Outcome, BackendError> {
        let id = id.ok_or_else(|| BackendError::Invalid("no post to delete".into()))?;
        let path = format!("/v2/blog/{}/post/delete", plain(blog)?);
        self.post_json(&path, &json!({"id": id})).await.map(|_| Outcome::default())
    }
}

/// A blog name as it goes into a path: letters, digits, `-` and `_` only.
pub(super) fn plain(blog: &str) -> Result<&str, BackendError> {
    let ok = !blog.is_empty()
        && blog.len() <= 64
        && blog.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(blog)
    } else {
        Err(BackendError::Invalid("the server gave a blog name murre will not put in a request".into()))
    }
}
