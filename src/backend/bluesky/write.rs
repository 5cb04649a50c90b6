//! Writing to Bluesky: posts with facets and reply refs, under an rkey the caller chooses (a TID), so a
//! retry can ask `getRecord` first instead of creating a duplicate (the reference PDS answers 500 to a
//! second create with the same rkey). Likes and reposts are records too.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::Client;
use crate::backend::BackendError;
use crate::store::attachment::Attachment;

/// The base32 alphabet of atproto TIDs (sortable).
const TID_ALPHABET: &[u8] = b"234567abcdefghijklmnopqrstuvwxyz";

/// A record key for a record created at `at`: 53 bits of microseconds, 10 bits of `clock`.
pub fn tid(at: Timestamp, clock: u32) -> String {
    let micros = u64::try_from(at.as_microsecond()).unwrap_or(0) & ((1 << 53) - 1);
    let value = (micros << 10) | u64::from(clock & 0x3ff);
    (0..13u32).rev().map(|i| char::from(TID_ALPHABET[((value >> (i * 5)) & 31) as usize])).collect()
}

/// The TID `n` clock ticks after `tid` (a TID that does not decode is returned as it is).
pub fn tid_plus(tid: &str, n: u64) -> String {
    let mut value: u64 = 0;
    for b in tid.bytes() {
        let Some(digit) = TID_ALPHABET.iter().position(|&a| a == b) else { return tid.to_string() };
        value = (value << 5) | digit as u64;
    }
    let value = value.wrapping_add(n) & ((1 << 63) - 1);
    (0..13u32).rev().map(|i| char::from(TID_ALPHABET[((value >> (i * 5)) & 31) as usize])).collect()
}

/// What a facet points at, as the record stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Link(String),
    /// A mention, by DID.
    Mention(String),
    Tag(String),
}

/// A post to create.
#[derive(Debug, Clone, Default)]
pub struct NewPost {
    pub text: String,
    /// (UTF-8 byte start, end, target).
    pub facets: Vec<(usize, usize, Target)>,
    /// The parent and the thread's root, as (uri, cid) strong refs.
    pub reply: Option<((String, String), (String, String))>,
    pub langs: Vec<String>,
    /// Uploaded images (`upload_blob`'s blob) with their alt text.
    pub images: Vec<(Value, String)>,
    /// Self-labels (`graphic-media` for images behind a content warning).
    pub labels: Vec<String>,
    /// A link card (`app.bsky.embed.external`), when the post has no images and quotes nothing.
    pub external: Option<External>,
    /// The quoted post (uri, cid): `app.bsky.embed.record`, or `recordWithMedia` with images.
    pub quote: Option<(String, String)>,
}

/// A link card: the page, its title and description, and an uploaded thumbnail blob.
#[derive(Debug, Clone, Default)]
pub struct External {
    pub uri: String,
    pub title: String,
    pub description: String,
    pub thumb: Option<Value>,
}

/// The record `app.bsky.feed.post` for `post`, created at `at`.
pub fn record(post: &NewPost, at: Timestamp) -> Value {
    let facets: Vec<Value> = post
        .facets
        .iter()
        .map(|(start, end, target)| {
            let feature = match target {
                Target::Link(uri) => json!({"$type": "app.bsky.richtext.facet#link", "uri": uri}),
                Target::Mention(did) => json!({"$type": "app.bsky.richtext.facet#mention", "did": did}),
                Target::Tag(tag) => json!({"$type": "app.bsky.richtext.facet#tag", "tag": tag}),
            };
            json!({"index": {"byteStart": start, "byteEnd": end}, "features": [feature]})
        })
        .collect();
    let mut record = json!({"$type": "app.bsky.feed.post", "text": post.text, "createdAt": at.to_string()});
    if !facets.is_empty() {
        record["facets"] = Value::Array(facets);
    }
    if let Some(((parent_uri, parent_cid), (root_uri, root_cid))) = &post.reply {
        record["reply"] =
            json!({"parent": {"uri": parent_uri, "cid": parent_cid}, "root": {"uri": root_uri, "cid": root_cid}});
    }
    if !post.langs.is_empty() {
        record["langs"] = json!(post.langs.iter().take(3).collect::<Vec<_>>());
    }
    let images = (!post.images.is_empty()).then(|| {
        let images: Vec<Value> = post.images.iter().map(|(blob, alt)| json!({"alt": alt, "image": blob})).collect();
        json!({"$type": "app.bsky.embed.images", "images": images})
    });
    let quote = post.quote.as_ref().map(|(uri, cid)| json!({"uri": uri, "cid": cid}));
    let embed = match (quote, images, &post.external) {
        (Some(record), Some(media), _) => {
            Some(json!({"$type": "app.bsky.embed.recordWithMedia", "record": {"record": record}, "media": media}))
        }
        (Some(record), None, _) => Some(json!({"$type": "app.bsky.embed.record", "record": record})),
        (None, Some(images), _) => Some(images),
        (None, None, Some(card)) => {
            let mut external = json!({"uri": card.uri, "title": card.title, "description": card.description});
            if let Some(thumb) = &card.thumb {
                external["thumb"] = thumb.clone();
            }
            Some(json!({"$type": "app.bsky.embed.external", "external": external}))
        }
        (None, None, None) => None,
    };
    if let Some(embed) = embed {
        record["embed"] = embed;
    }
    if !post.labels.is_empty() {
        let values: Vec<Value> = post.labels.iter().map(|l| json!({"val": l})).collect();
        record["labels"] = json!({"$type": "com.atproto.label.defs#selfLabels", "values": values});
    }
    record
}

impl Client {
    /// The DID of `handle` (`com.atproto.identity.resolveHandle`), for a mention facet.
    pub async fn resolve_handle(&self, handle: &str) -> Result<String, BackendError> {
        let answer = self.query("com.atproto.identity.resolveHandle", &[("handle", handle)]).await?;
        let did = answer.value().get("did").and_then(Value::as_str).map(str::to_string);
        did.ok_or_else(|| BackendError::Invalid(format!("@{handle} was not found")))
    }

    /// Creates `post` under `rkey`; returns its (uri, cid).
    pub async fn create_post(
        &self,
        rkey: &str,
        post: &NewPost,
        at: Timestamp,
    ) -> Result<(String, String), BackendError> {
        let body = json!({
            "repo": self.session().did,
            "collection": "app.bsky.feed.post",
            "rkey": rkey,
            "record": record(post, at),
        });
        strong_ref(&self.procedure("com.atproto.repo.createRecord", &body).await?.value())
    }

    /// The post under `rkey`, if it exists: how a retry learns that an unanswered create worked.
    pub async fn find_post(&self, rkey: &str) -> Result<Option<(String, String)>, BackendError> {
        let did = self.session().did;
        let params = [("repo", did.as_str()), ("collection", "app.bsky.feed.post"), ("rkey", rkey)];
        match self.query("com.atproto.repo.getRecord", &params).await {
            Ok(answer) => strong_ref(&answer.value()).map(Some),
            Err(BackendError::Server { status: 400 | 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The reply refs for answering the post (`uri`, `cid`): it is the parent, and the root is its
    /// own root when it is itself a reply (read from its record), else the post itself.
    pub async fn reply_refs(&self, uri: &str, cid: &str) -> Result<((String, String), (String, String)), BackendError> {
        let parent = (uri.to_string(), cid.to_string());
        let mut parts = uri.trim_start_matches("at://").split('/');
        let (Some(repo), Some(collection), Some(rkey)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(BackendError::Invalid(format!("not a post address: {uri}")));
        };
        let params = [("repo", repo), ("collection", collection), ("rkey", rkey)];
        let record = self.query("com.atproto.repo.getRecord", &params).await?.value();
        let root =
            record.pointer("/value/reply/root").and_then(|r| strong_ref(r).ok()).unwrap_or_else(|| parent.clone());
        Ok((parent, root))
    }

    /// Uploads an image (`com.atproto.repo.uploadBlob`); returns the blob to embed. The PDS refuses
    /// blobs over 1,000,000 bytes for a post's images: `publish` checks that first.
    pub async fn upload_blob(&self, image: &Attachment) -> Result<Value, BackendError> {
        if image.data.is_empty() {
            return Err(BackendError::Invalid(format!("{}: the image is missing from the outbox", image.name)));
        }
        let body = bytes::Bytes::from(image.data.to_vec());
        let answer = self
            .post_with("com.atproto.repo.uploadBlob", |r| {
                r.header(reqwest::header::CONTENT_TYPE, image.mime.as_str()).body(body.clone())
            })
            .await?;
        answer
            .value()
            .get("blob")
            .cloned()
            .ok_or_else(|| BackendError::Decode("the server's answer holds no blob".into()))
    }

    /// Deletes the post under `rkey`.
    pub async fn delete_post(&self, rkey: &str) -> Result<(), BackendError> {
        let body = json!({"repo": self.session().did, "collection": "app.bsky.feed.post", "rkey": rkey});
        self.procedure("com.atproto.repo.deleteRecord", &body).await.map(|_| ())
    }
}

fn strong_ref(v: &Value) -> Result<(String, String), BackendError> {
    let field = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    match (field("uri"), field("cid")) {
        (Some(uri), Some(cid)) => Ok((uri, cid)),
        _ => Err(BackendError::Decode("the server's answer names no record".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tids_are_13_sortable_characters() {
        let early = tid(Timestamp::from_second(1_700_000_000).unwrap_or(Timestamp::UNIX_EPOCH), 1);
        let late = tid(Timestamp::from_second(1_800_000_000).unwrap_or(Timestamp::UNIX_EPOCH), 0);
        assert_eq!(early.len(), 13);
        assert!(early < late, "{early} {late}");
        assert!(early.bytes().all(|b| TID_ALPHABET.contains(&b)));
        assert!(early.starts_with(|c: char| "234567ab".contains(c)), "the top bit is clear: {early}");
    }

    #[test]
    fn the_record_carries_facets_reply_and_langs() {
        let post = NewPost {
            text: "hi @a.test".into(),
            facets: vec![(3, 10, Target::Mention("did:plc:a".into()))],
            reply: Some((("at://p".into(), "cp".into()), ("at://r".into(), "cr".into()))),
            langs: vec!["en".into()],
            images: vec![(json!({"$type": "blob", "size": 3}), "a heron".into())],
            labels: vec!["graphic-media".into()],
            external: None,
            quote: None,
        };
        let r = record(&post, Timestamp::UNIX_EPOCH);
        assert_eq!(r["facets"][0]["index"]["byteStart"], 3);
        assert_eq!(r["facets"][0]["features"][0]["did"], "did:plc:a");
        assert_eq!(r["reply"]["root"]["uri"], "at://r");
        assert_eq!(r["langs"][0], "en");
        assert_eq!(r["embed"]["$type"], "app.bsky.embed.images");
        assert_eq!(r["embed"]["images"][0]["alt"], "a heron");
        assert_eq!(r["labels"]["values"][0]["val"], "graphic-media");
        let card = External { uri: "https://e.x".into(), title: "T".into(), ..External::default() };
        let linked = NewPost { text: "see https://e.x".into(), external: Some(card), ..NewPost::default() };
        let r = record(&linked, Timestamp::UNIX_EPOCH);
        assert_eq!(
            (r["embed"]["$type"].as_str(), r["embed"]["external"]["title"].as_str()),
            (Some("app.bsky.embed.external"), Some("T"))
        );
    }
}
