//! Writing to a Mastodon-API server: statuses with CW, visibility and reply, sent with an
//! `Idempotency-Key`; since not every server honours the key, a retry first looks for the status
//! among the account's newest ones.

use super::{Client, convert, wire};
use crate::backend::BackendError;
use crate::backend::http;
use crate::model::{Post, Visibility};

/// A status to publish.
#[derive(Debug, Clone, Default)]
pub struct NewStatus {
    pub text: String,
    /// The content warning (`spoiler_text`); empty for none.
    pub cw: String,
    pub visibility: Visibility,
    pub in_reply_to: Option<String>,
    /// Uploaded media (`upload_media`), in order.
    pub media_ids: Vec<String>,
}

fn visibility(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "public",
        Visibility::Unlisted => "unlisted",
        Visibility::Private => "private",
        Visibility::Direct => "direct",
    }
}

impl Client {
    /// Publishes `status` under the idempotency `key`; returns the created post.
    pub async fn post_status(&self, status: &NewStatus, key: &str) -> Result<Post, BackendError> {
        let mut form: Vec<(&str, &str)> = vec![("status", &status.text), ("visibility", visibility(status.visibility))];
        if !status.cw.is_empty() {
            form.extend([("spoiler_text", status.cw.as_str()), ("sensitive", "true")]);
        }
        if let Some(id) = &status.in_reply_to {
            form.push(("in_reply_to_id", id));
        }
        form.extend(status.media_ids.iter().map(|id| ("media_ids[]", id.as_str())));
        let request =
            self.request(reqwest::Method::POST, "/api/v1/statuses").header("Idempotency-Key", key).form(&form);
        let answer = http::check_status(http::send(request).await?, "the server refused the status")?;
        self.one_status(answer.json()?)
    }

    /// The account's newest statuses: a retry looks here for a status whose answer was lost.
    pub async fn own_newest(&self) -> Result<Vec<Post>, BackendError> {
        let me: wire::Me = http::check_status(
            http::send(self.request(reqwest::Method::GET, "/api/v1/accounts/verify_credentials")).await?,
            "cannot read the account",
        )?
        .json()?;
        let path = format!("/api/v1/accounts/{}/statuses", me.id);
        let request = self.request(reqwest::Method::GET, &path).query(&[("limit", "20"), ("exclude_reblogs", "true")]);
        let statuses: Vec<wire::Status> =
            http::check_status(http::send(request).await?, "cannot read statuses")?.json()?;
        Ok(statuses.into_iter().filter_map(|s| convert::status(s, &self.ctx())).collect())
    }

    /// Deletes the status `id`.
    pub async fn delete_status(&self, id: &str) -> Result<(), BackendError> {
        let request = self.request(reqwest::Method::DELETE, &format!("/api/v1/statuses/{id}"));
        http::check_status(http::send(request).await?, "the server kept the status").map(|_| ())
    }

    fn one_status(&self, s: wire::Status) -> Result<Post, BackendError> {
        convert::status(s, &self.ctx()).ok_or_else(|| BackendError::Decode("the created status is unreadable".into()))
    }
}
