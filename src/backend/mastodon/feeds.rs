//! Mastodon lists: `GET /api/v1/lists` and `GET /api/v1/timelines/list/:id`, paged by the Link
//! header (`max_id`) like the home timeline.

use serde::Deserialize;

use super::Client;
use crate::backend::feeds::{Feed, FeedKind, Feeds};
use crate::backend::search::path_segment;
use crate::backend::{BackendError, Cursor, Page};
use crate::model::Post;
use crate::text::sanitize_line;

/// One list of `GET /api/v1/lists`.
#[derive(Debug, Deserialize)]
struct List {
    id: String,
    #[serde(default)]
    title: String,
}

impl Client {
    /// The account's lists, as the server orders them.
    pub async fn lists(&self) -> Result<Feeds, BackendError> {
        let lists: Vec<List> = self.read("/api/v1/lists", &[]).await?.json()?;
        let feeds = lists
            .into_iter()
            .filter(|l| !l.id.is_empty())
            .map(|l| Feed { kind: FeedKind::List, name: list_name(&l.title), id: l.id, pinned: false })
            .collect();
        Ok(Feeds { feeds, note: None })
    }

    /// One page of the list `id`'s timeline.
    pub async fn list_timeline(&self, id: &str, at: Cursor) -> Result<Page<Post>, BackendError> {
        self.timeline(&format!("/api/v1/timelines/list/{}", path_segment(id)), at).await
    }
}

/// A list's title as shown: one sanitized line, never empty.
fn list_name(title: &str) -> String {
    let name = sanitize_line(title);
    if name.trim().is_empty() { "(untitled list)".to_string() } else { name }
}
