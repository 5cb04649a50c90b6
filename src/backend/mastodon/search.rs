//! Finding posts on a Mastodon-API server: `GET /api/v1/timelines/tag/:hashtag` and
//! `GET /api/v2/search?type=statuses&q=`. Many servers search only posts the user interacted with,
//! so an empty search says so.

use serde::Deserialize;

use super::{Client, convert, decode_page, wire};
use crate::backend::search::{Found, MASTODON_EMPTY_SEARCH, path_segment};
use crate::backend::{BackendError, http};

/// Statuses asked for (the API's maximum).
const LIMIT: &str = "40";

/// `GET /api/v2/search`: only the statuses are read.
#[derive(Debug, Deserialize)]
struct Results {
    #[serde(default)]
    statuses: Vec<wire::Status>,
}

impl Client {
    /// The newest public posts with `tag`, as this server knows them.
    pub async fn tagged(&self, tag: &str) -> Result<Found, BackendError> {
        let path = format!("/api/v1/timelines/tag/{}", path_segment(tag));
        let body = self.read(&path, &[("limit".to_string(), LIMIT.to_string())]).await?.body;
        let (posts, _) = decode_page(&body, self.account(), self.ctx().host)?;
        Ok(Found { posts, note: None })
    }

    /// Posts matching `query` (where the server searches at all).
    pub async fn search_posts(&self, query: &str) -> Result<Found, BackendError> {
        let params = [("type", "statuses"), ("q", query), ("limit", LIMIT), ("resolve", "false")];
        let params: Vec<(String, String)> = params.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect();
        let body = self.read("/api/v2/search", &params).await?.body;
        let results: Results = http::decode(&body)?;
        let ctx = self.ctx();
        let posts: Vec<_> = results.statuses.into_iter().filter_map(|s| convert::status(s, &ctx)).collect();
        let note = posts.is_empty().then(|| MASTODON_EMPTY_SEARCH.to_string());
        Ok(Found { posts, note })
    }
}
