//! Interactions on Bluesky. Likes, reposts and follows are records in the account's repo
//! (`app.bsky.feed.like` and `app.bsky.feed.repost` with a strong ref to the post,
//! `app.bsky.graph.follow` with the author's DID), made with `com.atproto.repo.createRecord` and undone
//! by deleting that record, so the record's at-uri is handed back to be kept. Bookmarks are not
//! records: the AppView keeps them (`app.bsky.bookmark.createBookmark` / `deleteBookmark`, proxied by
//! the PDS). Deleting a post deletes its `app.bsky.feed.post` record.

use serde_json::{Value, json};

use super::Client;
use crate::backend::{BackendError, Interaction, Outcome, Target};
use crate::model::PostKey;
use crate::text::sanitize_line;

const LIKE: &str = "app.bsky.feed.like";
const REPOST: &str = "app.bsky.feed.repost";
const FOLLOW: &str = "app.bsky.graph.follow";
const POST: &str = "app.bsky.feed.post";

impl Client {
    /// Does `act` on the post `target` names.
    pub async fn interact(&self, target: &Target, act: Interaction) -> Result<Outcome, BackendError> {
        let PostKey::Bluesky { uri, cid } = &target.post.key else {
            return Err(BackendError::Invalid("not a Bluesky post".into()));
        };
        let subject = json!({"uri": uri, "cid": cid});
        match act {
            Interaction::Like => self.create_record(LIKE, subject).await,
            Interaction::Unlike => self.delete_own(target.like_record.as_deref(), LIKE).await,
            Interaction::Repost => self.create_record(REPOST, subject).await,
            Interaction::Unrepost => self.delete_own(target.repost_record.as_deref(), REPOST).await,
            Interaction::Follow => self.create_record(FOLLOW, json!(target.author_id)).await,
            Interaction::Unfollow => self.delete_own(target.follow_record.as_deref(), FOLLOW).await,
            Interaction::Bookmark => self.bookmark("app.bsky.bookmark.createBookmark", subject).await,
            Interaction::Unbookmark => self.bookmark("app.bsky.bookmark.deleteBookmark", json!({"uri": uri})).await,
            Interaction::Delete => self.delete_own(Some(uri), POST).await,
        }
    }

    /// Creates a record of `collection` about `subject`; returns its at-uri.
    async fn create_record(&self, collection: &str, subject: Value) -> Result<Outcome, BackendError> {
        let record = json!({"$type": collection, "subject": subject, "createdAt": jiff::Timestamp::now().to_string()});
        let body = json!({"repo": self.session().did, "collection": collection, "record": record});
        let answer = self.procedure("com.atproto.repo.createRecord", &body).await?.value();
        let uri = answer.get("uri").and_then(Value::as_str).map(sanitize_line);
        let uri = uri.ok_or_else(|| BackendError::Decode("the server's answer names no record".into()))?;
        Ok(Outcome { record: Some(uri), requested: false })
    }

    /// Deletes the account's own record at `uri`, which must be in `collection`.
    async fn delete_own(&self, uri: Option<&str>, collection: &str) -> Result<Outcome, BackendError> {
        let did = self.session().did;
        let rkey = uri.and_then(|u| own_rkey(u, &did, collection));
        let rkey = rkey.ok_or_else(|| BackendError::Invalid("that record is not in this account's repo".into()))?;
        let body = json!({"repo": did, "collection": collection, "rkey": rkey});
        self.procedure("com.atproto.repo.deleteRecord", &body).await.map(|_| Outcome::default())
    }

    async fn bookmark(&self, nsid: &str, body: Value) -> Result<Outcome, BackendError> {
        self.procedure(nsid, &body).await.map(|_| Outcome::default())
    }
}

/// The rkey of `at://DID/COLLECTION/RKEY` when DID is `did` and COLLECTION is `collection`.
fn own_rkey<'a>(uri: &'a str, did: &str, collection: &str) -> Option<&'a str> {
    let mut parts = uri.strip_prefix("at://")?.split('/');
    let (repo, coll, rkey) = (parts.next()?, parts.next()?, parts.next()?);
    (repo == did && coll == collection && !rkey.is_empty() && parts.next().is_none()).then_some(rkey)
}

#[cfg(test)]
mod tests {
    use super::own_rkey;

    #[test]
    fn only_the_accounts_own_record_of_that_collection_is_deleted() {
        let uri = "at://did:plc:me/app.bsky.feed.like/3kabc";
        assert_eq!(own_rkey(uri, "did:plc:me", "app.bsky.feed.like"), Some("3kabc"));
        assert_eq!(own_rkey(uri, "did:plc:other", "app.bsky.feed.like"), None);
        assert_eq!(own_rkey(uri, "did:plc:me", "app.bsky.feed.repost"), None);
        assert_eq!(own_rkey("at://did:plc:me/app.bsky.feed.like/", "did:plc:me", "app.bsky.feed.like"), None);
        assert_eq!(own_rkey("https://x/app.bsky.feed.like/1", "did:plc:me", "app.bsky.feed.like"), None);
    }
}
