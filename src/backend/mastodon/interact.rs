//! Interactions on a Mastodon-API server: `POST /api/v1/statuses/:id/{favourite,unfavourite,reblog,
//! unreblog,bookmark,unbookmark}`, `DELETE /api/v1/statuses/:id`, and following the author with
//! `POST /api/v1/accounts/:id/{follow,unfollow}`. A status answer is never read back: some servers
//! answer `unreblog` with the status as it was before, so the caller sets the state itself.

use reqwest::Method;
use serde::Deserialize;

use super::Client;
use crate::backend::http;
use crate::backend::{BackendError, Interaction, Outcome, Target};
use crate::model::PostKey;

/// The part of a Relationship entity murre reads (kept here: only interactions use it).
#[derive(Debug, Deserialize)]
struct Relationship {
    #[serde(default)]
    id: String,
    #[serde(default)]
    following: bool,
    #[serde(default)]
    requested: bool,
}

impl Client {
    /// Does `act` on the status `target` names (the status id on this account's server).
    pub async fn interact(&self, target: &Target, act: Interaction) -> Result<Outcome, BackendError> {
        let PostKey::Mastodon { id, .. } = &target.post.key else {
            return Err(BackendError::Invalid("not a Mastodon post".into()));
        };
        let id = checked(id)?;
        let verb = match act {
            Interaction::Like => "favourite",
            Interaction::Unlike => "unfavourite",
            Interaction::Repost => "reblog",
            Interaction::Unrepost => "unreblog",
            Interaction::Bookmark => "bookmark",
            Interaction::Unbookmark => "unbookmark",
            Interaction::Delete => return self.delete_status(id).await.map(|()| Outcome::default()),
            Interaction::Follow | Interaction::Unfollow => {
                let author = checked(target.author_id.as_deref().unwrap_or_default())?;
                return self.follow(author, act == Interaction::Follow).await;
            }
        };
        let request = self.request(Method::POST, &format!("/api/v1/statuses/{id}/{verb}"));
        http::check_status(http::send(request).await?, "the server refused").map(|_| Outcome::default())
    }

    /// Follows (`on`) or unfollows the account `author` (its id on this server).
    async fn follow(&self, author: &str, on: bool) -> Result<Outcome, BackendError> {
        let verb = if on { "follow" } else { "unfollow" };
        let request = self.request(Method::POST, &format!("/api/v1/accounts/{author}/{verb}"));
        let answer = http::check_status(http::send(request).await?, "the server refused")?;
        let relationship: Relationship = answer.json()?;
        Ok(Outcome { record: None, requested: on && !relationship.following && relationship.requested })
    }

    /// Whether this account follows (or asked to follow) `author` (`GET /api/v1/accounts/relationships`).
    pub async fn following(&self, author: &str) -> Result<bool, BackendError> {
        let author = checked(author)?;
        let request = self.request(Method::GET, "/api/v1/accounts/relationships").query(&[("id[]", author)]);
        let answer = http::check_status(http::send(request).await?, "cannot read the relationship")?;
        let all: Vec<Relationship> = answer.json()?;
        let found = all.iter().find(|r| r.id == author);
        let found = found.ok_or_else(|| BackendError::Decode("the server did not answer for that account".into()))?;
        Ok(found.following || found.requested)
    }
}

/// An id as it goes into a path: ids are opaque, but one from a hostile server must not be able to
/// name another endpoint, so anything beyond letters, digits, `-` and `_` is refused.
pub(super) fn checked(id: &str) -> Result<&str, BackendError> {
    let ok =
        !id.is_empty() && id.len() <= 128 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok { Ok(id) } else { Err(BackendError::Invalid("the server gave an id murre will not put in a request".into())) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_plain_ids_go_into_paths() {
        for ok in ["109876543210", "01HXYZABCDEF", "a1b2-c3_d4"] {
            assert!(super::checked(ok).is_ok(), "{ok}");
        }
        for bad in ["", "1/../../admin", "1?x=2", "1#", "a b", "é"] {
            assert!(super::checked(bad).is_err(), "{bad:?}");
        }
    }
}
