//! Images on a Mastodon-API server: `POST /api/v2/media` (multipart file and description). A 202
//! means the server is still processing it; murre polls `GET /api/v1/media/:id` until it is ready.

use std::time::Duration;

use reqwest::multipart::Form;
use serde::Deserialize;

use super::Client;
use crate::backend::{BackendError, http};
use crate::store::attachment::Attachment;

/// How long murre waits for the server to process an image.
const READY_WITHIN: u32 = 60;

#[derive(Deserialize)]
struct Uploaded {
    id: String,
    #[serde(default)]
    url: Option<String>,
}

impl Client {
    /// Uploads `image` with its alt text and waits until the server has processed it; returns its id.
    pub async fn upload_media(&self, image: &Attachment) -> Result<String, BackendError> {
        let form = Form::new().part("file", http::image_part(image)?).text("description", image.alt.clone());
        let answer = http::send(self.request(reqwest::Method::POST, "/api/v2/media").multipart(form)).await?;
        let processing = answer.status.as_u16() == 202;
        let uploaded: Uploaded = http::check_status(answer, &format!("the server refused {}", image.name))?.json()?;
        if processing || uploaded.url.is_none() {
            self.wait_ready(&uploaded.id, &image.name).await?;
        }
        Ok(uploaded.id)
    }

    async fn wait_ready(&self, id: &str, name: &str) -> Result<(), BackendError> {
        let path = format!("/api/v1/media/{id}");
        for _ in 0..READY_WITHIN {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let answer = http::send(self.request(reqwest::Method::GET, &path)).await?;
            if answer.status.as_u16() == 206 {
                continue;
            }
            let media: Uploaded = http::check_status(answer, &format!("{name}: the server lost the image"))?.json()?;
            if media.url.is_some() {
                return Ok(());
            }
        }
        Err(BackendError::Network(format!("{name}: the server is still processing the image; try again later")))
    }
}
