//! Finding posts on a Mastodon-API server: `GET /api/v1/timelines/tag/:hashtag` and
//! `GET /api/v2/search?type=statuses&q=`, paged by the Link header and by `offset`. Many servers search only posts the user interacted with,
//! so an empty search says so.

use serde::Deserialize;

use super::{Client, convert, wire};
use crate::backend::search::{Found, MASTODON_EMPTY_SEARCH, path_segment};
use crate::backend::{BackendError, Cursor, http};

/// Statuses asked for (the API's maximum).
const LIMIT: &str = "40";

/// `GET /api/v2/search`: only the statuses are read.
#[derive(Debug, Deserialize)]
struct Results {
    #[serde(default)]
    statuses: Vec<wire::Status>,
}

impl Client {
    /// Public posts with `tag`, as this server knows them: the newest page, or the one older than
    /// `cursor` (the Link header's `max_id`).
    pub async fn tagged(&self, tag: &str, cursor: Option<&str>) -> Result<Found, BackendError> {
        let path = format!("/api/v1/timelines/tag/{}", path_segment(tag));
        let at = cursor.map_or(Cursor::Newest, |c| Cursor::Older(c.to_string()));
        let page = self.timeline(&path, at).await?;
        Ok(Found { posts: page.items, older: page.older, note: None })
    }

    /// Posts matching `query` (where the server searches at all), paged by `offset` (the cursor).
    pub async fn search_posts(&self, query: &str, cursor: Option<&str>) -> Result<Found, BackendError> {
        let offset: usize = cursor.and_then(|c| c.parse().ok()).unwrap_or(0);
        let offset_text = offset.to_string();
        let params =
            [("type", "statuses"), ("q", query), ("limit", LIMIT), ("resolve", "false"), ("offset", &offset_text)];
        let params: Vec<(String, String)> = params.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect();
        let body = self.read("/api/v2/search", &params).await?.body;
        let results: Results = http::decode(&body)?;
        let count = results.statuses.len();
        let ctx = self.ctx();
        let posts: Vec<_> = results.statuses.into_iter().filter_map(|s| convert::status(s, &ctx)).collect();
        let note = (posts.is_empty() && offset == 0).then(|| MASTODON_EMPTY_SEARCH.to_string());
        // Servers may answer fewer than asked: the next offset is asked until a page comes empty.
        Ok(Found { posts, older: (count > 0).then(|| (offset + count).to_string()), note })
    }
}
