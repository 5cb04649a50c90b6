//! Writing to Tumblr: NPF posts on the account's blog. Tumblr has no idempotency key, so a retry
//! first looks at the blog's newest posts (see `publish`).

use serde_json::{Value, json};

use super::{Client, decode_dashboard};
use crate::backend::BackendError;
use crate::model::Post;
use crate::store::attachment::Attachment;

/// The NPF post as the `json` part and each image as a part named by its identifier.
fn multipart(body: &Value, images: &[Attachment]) -> Result<reqwest::multipart::Form, BackendError> {
    let json = reqwest::multipart::Part::text(body.to_string())
        .mime_str("application/json")
        .map_err(|e| BackendError::Invalid(e.to_string()))?;
    let mut form = reqwest::multipart::Form::new().part("json", json);
    for (n, image) in images.iter().enumerate() {
        let file = crate::backend::http::image_part(image)?;
        form = form.part(format!("image{n}"), file);
    }
    Ok(form)
}

impl Client {
    /// The blog this account posts as (`tumblr:BLOG`).
    fn blog(&self) -> &str {
        self.account().handle()
    }

    /// Publishes NPF `content` with `tags` and `images` (image blocks after the text, each file sent
    /// in the same multipart request under its identifier) on the blog; returns the new post's address.
    pub async fn create_post(
        &self,
        mut content: Vec<Value>,
        tags: &[String],
        images: &[Attachment],
    ) -> Result<String, BackendError> {
        for (n, image) in images.iter().enumerate() {
            let media = json!([{"type": image.mime, "identifier": format!("image{n}")}]);
            content.push(json!({"type": "image", "media": media, "alt_text": image.alt}));
        }
        let body = json!({"content": content, "tags": tags.join(","), "state": "published"});
        let path = format!("/v2/blog/{}/posts", self.blog());
        let answer = if images.is_empty() {
            self.post_json(&path, &body).await?
        } else {
            self.post_with(&path, |r| Ok(r.multipart(multipart(&body, images)?))).await?
        };
        let v = answer.value();
        let id = v.pointer("/response/id_string").or_else(|| v.pointer("/response/id")).map(|id| match id {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        let id = id.ok_or_else(|| BackendError::Decode("Tumblr's answer names no post".into()))?;
        Ok(format!("https://www.tumblr.com/{}/{id}", self.blog()))
    }

    /// The blog's newest posts: a retry looks here for a post whose answer was lost.
    pub async fn own_newest(&self) -> Result<Vec<Post>, BackendError> {
        let path = format!("/v2/blog/{}/posts", self.blog());
        let query = [("npf", "true".to_string()), ("limit", "20".to_string())];
        let answer = self.get(&path, &query).await?;
        Ok(decode_dashboard(&answer.body, self.account())?.0)
    }
}
