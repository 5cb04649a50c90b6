//! Finding posts on Tumblr: `GET /v2/tagged?tag=` (there is no post search). The answer's
//! `response` is the list of posts itself.

use super::{Client, convert, wire};
use crate::backend::BackendError;
use crate::backend::search::Found;

/// Posts asked for (the API's maximum).
const LIMIT: &str = "20";

impl Client {
    /// The newest posts tagged `tag`.
    pub async fn tagged(&self, tag: &str) -> Result<Found, BackendError> {
        let query = [("tag", tag.to_string()), ("npf", "true".to_string()), ("limit", LIMIT.to_string())];
        let answer = self.get("/v2/tagged", &query).await?;
        let envelope: wire::Envelope<Vec<wire::Post>> = answer.json()?;
        let posts = envelope.response.into_iter().filter_map(|p| convert::post(p, self.account())).collect();
        Ok(Found { posts, note: None })
    }
}
