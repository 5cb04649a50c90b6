//! Finding posts on Tumblr: `GET /v2/tagged?tag=` (there is no post search). The answer's
//! `response` is the list of posts itself; older pages are asked with `before` (a Unix time).

use super::{Client, convert, wire};
use crate::backend::BackendError;
use crate::backend::search::Found;

/// Posts asked for (the API's maximum).
const LIMIT: &str = "20";

impl Client {
    /// Posts tagged `tag`: the newest, or those before `cursor` (a Unix time, the API's `before`).
    pub async fn tagged(&self, tag: &str, cursor: Option<&str>) -> Result<Found, BackendError> {
        let mut query = vec![("tag", tag.to_string()), ("npf", "true".to_string()), ("limit", LIMIT.to_string())];
        query.extend(cursor.map(|c| ("before", c.to_string())));
        let answer = self.get("/v2/tagged", &query).await?;
        let envelope: wire::Envelope<Vec<wire::Post>> = answer.json()?;
        // Asked until a page comes empty: the API may answer fewer than the limit before the end.
        let oldest = envelope.response.iter().map(|p| p.timestamp).min();
        let posts = envelope.response.into_iter().filter_map(|p| convert::post(p, self.account())).collect();
        Ok(Found { posts, older: oldest.map(|t| t.to_string()), note: None })
    }
}
