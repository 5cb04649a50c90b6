//! Finding posts on Bluesky: `app.bsky.feed.searchPosts` (a tag is searched as `#tag`, which the
//! AppView matches against tag facets and text).

use serde::Deserialize;

use super::{Client, convert, wire};
use crate::backend::search::Found;
use crate::backend::{BackendError, http};

/// Posts asked for (the API allows up to 100).
const LIMIT: &str = "50";

/// `app.bsky.feed.searchPosts`.
#[derive(Debug, Deserialize)]
struct Results {
    #[serde(default)]
    posts: Vec<wire::PostView>,
}

impl Client {
    /// Posts matching `query`, newest first.
    pub async fn search_posts(&self, query: &str) -> Result<Found, BackendError> {
        let params = [("q", query), ("sort", "latest"), ("limit", LIMIT)];
        let answer = self.query("app.bsky.feed.searchPosts", &params).await?;
        let results: Results = http::decode(&answer.body)?;
        let posts = results.posts.iter().filter_map(|p| convert::post_view(p, self.account())).collect();
        let posts = self.moderate(posts, crate::model::moderation::Context::Feed);
        Ok(Found { posts, note: None })
    }
}
