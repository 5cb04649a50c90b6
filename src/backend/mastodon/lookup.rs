//! Finding a status by its address, as the account's own server knows it (status ids are per server):
//! a local address is read by its id (and checked to be that status), anything else through
//! `/api/v2/search?resolve=true`, which fetches a remote status into the server.

use serde::Deserialize;

use super::{Client, wire};
use crate::backend::{BackendError, http};
use crate::model::PostKey;

#[derive(Deserialize)]
struct Found {
    #[serde(default)]
    statuses: Vec<wire::Status>,
}

fn names(status: &wire::Status, address: &str) -> bool {
    status.uri == address || status.url.as_deref() == Some(address)
}

impl Client {
    /// The status at `address` (its `uri` or web `url`), as a key this account can act on.
    pub async fn lookup_status(&self, address: &str) -> Result<PostKey, BackendError> {
        let last = address.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
        if !last.is_empty() && last.chars().all(|c| c.is_ascii_alphanumeric()) {
            let answer = http::send(self.request(reqwest::Method::GET, &format!("/api/v1/statuses/{last}"))).await?;
            if answer.status.is_success()
                && let Ok(status) = answer.json::<wire::Status>()
                && names(&status, address)
            {
                return Ok(PostKey::Mastodon { id: status.id, uri: status.uri });
            }
        }
        let query = [("q", address), ("resolve", "true"), ("type", "statuses"), ("limit", "5")];
        let request = self.request(reqwest::Method::GET, "/api/v2/search").query(&query);
        let found: Found = http::check_status(http::send(request).await?, "the server cannot search")?.json()?;
        let status = found.statuses.into_iter().find(|s| names(s, address));
        let status = status.ok_or_else(|| BackendError::Invalid(format!("no post at {address} on this server")))?;
        Ok(PostKey::Mastodon { id: status.id, uri: status.uri })
    }
}
