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
    #[serde(default)]
    cursor: Option<String>,
}

impl Client {
    /// Posts matching `query`, newest first: the first page, or the one after `cursor`.
    pub async fn search_posts(&self, query: &str, cursor: Option<&str>) -> Result<Found, BackendError> {
        let mut params = vec![("q", query), ("sort", "latest"), ("limit", LIMIT)];
        params.extend(cursor.map(|c| ("cursor", c)));
        let answer = self.query("app.bsky.feed.searchPosts", &params).await?;
        let results: Results = http::decode(&answer.body)?;
        let posts: Vec<_> = results.posts.iter().filter_map(|p| convert::post_view(p, self.account())).collect();
        let older = results.cursor.filter(|c| !c.is_empty() && !posts.is_empty());
        let posts = self.moderate(posts, crate::model::moderation::Context::Feed);
        Ok(Found { posts, older, note: None })
    }
}
