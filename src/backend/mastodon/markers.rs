//! The home timeline's read marker (`GET/POST /api/v1/markers`): where the user stopped reading,
//! shared with the account's other clients. A server without markers answers 404: the caller
//! keeps its own record then.

use jiff::Timestamp;

use super::{Client, wire};
use crate::backend::{BackendError, http};
use crate::text::sanitize_line;

/// The home marker: the last read status (an id on the account's server) and when it was set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub last_read_id: String,
    pub updated_at: Option<Timestamp>,
}

impl Client {
    /// The home marker; `None` when the account has none yet.
    pub async fn home_marker(&self) -> Result<Option<Marker>, BackendError> {
        let query = [("timeline[]".to_string(), "home".to_string())];
        let markers: wire::Markers = self.read("/api/v1/markers", &query).await?.json()?;
        Ok(markers.home.and_then(|m| {
            let id = match m.last_read_id {
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(n) => n.to_string(),
                _ => return None,
            };
            let updated_at = m.updated_at.and_then(|t| t.parse::<Timestamp>().ok());
            Some(Marker { last_read_id: sanitize_line(&id), updated_at })
        }))
    }

    /// Moves the home marker to status `id`.
    pub async fn set_home_marker(&self, id: &str) -> Result<(), BackendError> {
        let form = [("home[last_read_id]", id)];
        let request = self.request(reqwest::Method::POST, "/api/v1/markers").form(&form);
        // A 409 means another client moved it at the same moment: one more try settles it.
        for _ in 0..2 {
            let answer = http::send(request.try_clone().ok_or_else(|| BackendError::Invalid("marker".into()))?).await?;
            if answer.status.as_u16() != 409 {
                return http::check_status(answer, "the server did not take the read marker").map(|_| ());
            }
        }
        Err(BackendError::server(409, "the read marker kept changing"))
    }
}
