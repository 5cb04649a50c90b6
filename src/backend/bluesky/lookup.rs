//! Finding a post by its address: an at-uri or a web address `https://bsky.app/profile/NAME/post/RKEY`
//! (NAME a handle or a DID), read through `app.bsky.feed.getPosts` for its cid.

use serde_json::Value;

use super::Client;
use crate::backend::BackendError;
use crate::model::PostKey;

/// The (repo, rkey) an address names; `None` when it is not a Bluesky post's address.
pub fn parse(address: &str) -> Option<(String, String)> {
    let address = address.trim();
    let parts: Vec<String> = if let Some(rest) = address.strip_prefix("at://") {
        let p: Vec<&str> = rest.split('/').collect();
        (p.len() == 3 && p[1] == "app.bsky.feed.post").then(|| vec![p[0].to_string(), p[2].to_string()])?
    } else {
        let url = url::Url::parse(address).ok()?;
        let p: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
        (p.len() == 4 && p[0] == "profile" && p[2] == "post").then(|| vec![p[1].to_string(), p[3].to_string()])?
    };
    let ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || ".:-_".contains(c));
    (ok(&parts[0]) && ok(&parts[1])).then(|| (parts[0].clone(), parts[1].clone()))
}

impl Client {
    /// The post at `address`, as a key to act on (reply, like).
    pub async fn lookup_post(&self, address: &str) -> Result<PostKey, BackendError> {
        let (repo, rkey) =
            parse(address).ok_or_else(|| BackendError::Invalid(format!("not a Bluesky post's address: {address}")))?;
        let did = if repo.starts_with("did:") { repo } else { self.resolve_handle(&repo).await? };
        let uri = format!("at://{did}/app.bsky.feed.post/{rkey}");
        let answer = self.query("app.bsky.feed.getPosts", &[("uris", uri.as_str())]).await?;
        let posts = answer.value().get("posts").and_then(Value::as_array).cloned().unwrap_or_default();
        let cid = posts.first().and_then(|p| p.get("cid")).and_then(Value::as_str).map(str::to_string);
        let cid = cid.ok_or_else(|| BackendError::Invalid(format!("no post at {address}")))?;
        Ok(PostKey::Bluesky { uri, cid })
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn post_addresses_in_both_spellings() {
        let want = Some(("alice.test".to_string(), "3kabc".to_string()));
        assert_eq!(parse("https://bsky.app/profile/alice.test/post/3kabc"), want);
        assert_eq!(parse("at://alice.test/app.bsky.feed.post/3kabc"), want);
        assert_eq!(parse("at://did:plc:x/app.bsky.feed.like/3kabc"), None);
        assert_eq!(parse("https://bsky.app/profile/alice.test"), None);
        assert_eq!(parse("https://bsky.app/profile/a%2F../post/x"), None);
    }
}
