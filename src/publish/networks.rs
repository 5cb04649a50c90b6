//! One draft to one account, in that network's terms: Mastodon statuses with media, CW and
//! visibility; Bluesky records with facets, images and self-labels; Tumblr NPF. A draft the user
//! asked to split goes out as a thread of numbered pieces, each reply chained to the one before.
//! With `look`, what an earlier attempt may have made is looked for first, piece by piece.

use crate::backend::bluesky::write::{NewPost, Target as FacetTarget};
use crate::backend::mastodon::write::NewStatus;
use crate::backend::{BackendError, Client, bluesky, mastodon, tumblr};
use crate::compose::facets::{self, Feature};
use crate::model::{Network, Post, PostKey};
use crate::store::outbox::{Draft, Target};

use super::prepare::{Rules, with_warning};
use super::thread::{piece_key, pieces};

/// What one account's post became.
#[derive(Debug, Default)]
pub struct Posted {
    /// The address of the (first) post.
    pub url: Option<String>,
    /// What the user should know (a mention that is not a link).
    pub notes: Vec<String>,
}

/// Publishes to one account.
pub async fn one(client: &Client, draft: &Draft, target: &Target, look: bool) -> Result<Posted, BackendError> {
    let key = target.key.as_str();
    match client {
        Client::Mastodon(c) => {
            let rules = target.rules.unwrap_or_default();
            Ok(Posted { url: to_mastodon(c, draft, key, rules, look).await?, notes: Vec::new() })
        }
        Client::Bluesky(c) => to_bluesky(c, draft, key, look).await,
        Client::Tumblr(c) => Ok(Posted { url: to_tumblr(c, draft, look).await?, notes: Vec::new() }),
    }
}

async fn to_mastodon(
    c: &mastodon::Client,
    draft: &Draft,
    key: &str,
    rules: Rules,
    look: bool,
) -> Result<Option<String>, BackendError> {
    let mine = if look { c.own_newest().await? } else { Vec::new() };
    let mut parent = match &draft.reply_to {
        Some(PostKey::Mastodon { id, .. }) => Some(id.clone()),
        _ => None,
    };
    let mut first_url = None;
    for (n, text) in pieces(Network::Mastodon, &draft.text, &draft.cw, draft.split, rules).iter().enumerate() {
        let images = if n == 0 { draft.images.len() } else { 0 };
        let made = match mine.iter().find(|p| same_status(draft, text, images, p)) {
            Some(p) => p.clone(),
            None => {
                let mut media_ids = Vec::new();
                for image in draft.images.iter().take(images) {
                    media_ids.push(c.upload_media(image).await?);
                }
                let status = NewStatus {
                    text: text.clone(),
                    cw: draft.cw.clone(),
                    visibility: draft.visibility,
                    in_reply_to: parent.clone(),
                    media_ids,
                };
                c.post_status(&status, &piece_key(Network::Mastodon, key, n)).await?
            }
        };
        parent = match &made.id.key {
            PostKey::Mastodon { id, .. } => Some(id.clone()),
            _ => parent,
        };
        first_url = first_url.or(made.url);
    }
    Ok(first_url)
}

async fn to_bluesky(c: &bluesky::Client, draft: &Draft, key: &str, look: bool) -> Result<Posted, BackendError> {
    let handle = c.session().handle;
    let url =
        |uri: &str| format!("https://bsky.app/profile/{handle}/post/{}", uri.rsplit('/').next().unwrap_or_default());
    let mut reply = match &draft.reply_to {
        Some(PostKey::Bluesky { uri, cid }) => Some(c.reply_refs(uri, cid).await?),
        _ => None,
    };
    let (mut first, mut notes) = (None, Vec::new());
    for (n, text) in pieces(Network::Bluesky, &draft.text, &draft.cw, draft.split, Rules::default()).iter().enumerate()
    {
        let rkey = piece_key(Network::Bluesky, key, n);
        let found = if look { c.find_post(&rkey).await? } else { None };
        let made = match found {
            Some(made) => made,
            None => {
                let (mut post, unknown) = bluesky_post(c, &with_warning(text, &draft.cw)).await;
                notes.extend(unknown.into_iter().map(|h| format!("@{h} was not found on Bluesky: it is plain text")));
                post.reply = reply.clone();
                if n == 0 {
                    for image in &draft.images {
                        post.images.push((c.upload_blob(image).await?, image.alt.clone()));
                    }
                    if !draft.cw.trim().is_empty() && !draft.images.is_empty() {
                        post.labels.push("graphic-media".into());
                    }
                    post.quote = match &draft.quote {
                        Some(PostKey::Bluesky { uri, cid }) => Some((uri.clone(), cid.clone())),
                        _ => None,
                    };
                    if draft.images.is_empty() && post.quote.is_none() {
                        post.external = link_card(c, &post).await;
                    }
                }
                c.create_post(&rkey, &post, jiff::Timestamp::now()).await?
            }
        };
        // The next piece answers this one, under the thread's root.
        let root = reply.as_ref().map_or_else(|| made.clone(), |(_, root)| root.clone());
        reply = Some((made.clone(), root));
        first = first.or(Some(made.0));
    }
    Ok(Posted { url: first.map(|uri| url(&uri)), notes })
}

async fn to_tumblr(c: &tumblr::Client, draft: &Draft, look: bool) -> Result<Option<String>, BackendError> {
    let text = with_warning(&draft.text, &draft.cw);
    if look && let Some(p) = c.own_newest().await?.into_iter().find(|p| same_tumblr(&text, draft, p)) {
        return Ok(p.url);
    }
    let mut tags = crate::compose::npf::tags(&text);
    if !draft.cw.trim().is_empty() {
        tags.push("cw".into());
    }
    let blocks = if text.trim().is_empty() { Vec::new() } else { crate::compose::npf::text_blocks(&text) };
    c.create_post(blocks, &tags, &draft.images).await.map(Some)
}

/// A card for the post's first link; without a page, or on any failure, none (the post still goes).
async fn link_card(c: &bluesky::Client, post: &NewPost) -> Option<crate::backend::bluesky::write::External> {
    let uri = post.facets.iter().find_map(|(_, _, t)| match t {
        FacetTarget::Link(uri) => Some(uri.clone()),
        _ => None,
    })?;
    let card = super::card::fetch(&uri).await?;
    let thumb = match &card.image {
        Some(image) => c.upload_blob(image).await.ok(),
        None => None,
    };
    Some(crate::backend::bluesky::write::External {
        uri: card.uri,
        title: card.title,
        description: card.description,
        thumb,
    })
}

/// The text with its facets; a mention whose handle does not resolve stays plain text (and is named
/// in the second part of the answer).
async fn bluesky_post(c: &bluesky::Client, text: &str) -> (NewPost, Vec<String>) {
    let (mut out, mut unknown) = (Vec::new(), Vec::new());
    for f in facets::detect(text) {
        let target = match f.feature {
            Feature::Link(uri) => FacetTarget::Link(uri),
            Feature::Tag(tag) => FacetTarget::Tag(tag),
            Feature::Mention(handle) => match c.resolve_handle(&handle).await {
                Ok(did) => FacetTarget::Mention(did),
                Err(_) => {
                    unknown.push(handle);
                    continue;
                }
            },
        };
        out.push((f.start, f.end, target));
    }
    (NewPost { text: text.to_string(), facets: out, ..NewPost::default() }, unknown)
}

/// Whether `post` (as the server shows it) is `text` of `draft` sent earlier: written since the draft
/// was made, with the same warning, the same words and as many images. The server renders the text as
/// HTML (links shortened, remote mentions cut to `@user`), so links and domains are left out.
fn same_status(draft: &Draft, text: &str, images: usize, post: &Post) -> bool {
    let since = draft.created.checked_sub(jiff::SignedDuration::from_mins(5)).unwrap_or(draft.created);
    post.created_at >= since
        && post.cw.as_deref().unwrap_or("") == draft.cw.trim()
        && words(&post.text.to_plain()) == words(text)
        && post.media.len() == images
}

/// Whether the blog's `post` is `draft` sent earlier: the same words and as many images.
fn same_tumblr(text: &str, draft: &Draft, post: &Post) -> bool {
    words(&post.text.to_plain()) == words(text) && post.media.len() == draft.images.len()
}

/// The words of a text for `same_status`: lowercased, punctuation trimmed, without links or domains.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| if w.starts_with('@') { w.split('@').take(2).collect::<Vec<_>>().join("@") } else { w.to_string() })
        .filter(|w| !w.contains("://") && !w.contains('.') && !w.contains('…'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '#').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn words_survive_the_servers_html_rendering() {
        let sent = "One post, two networks 👩‍👩‍👧 https://example.com/a/very/long/path @bob@social.example #murre!";
        let shown = "One post, two networks 👩‍👩‍👧 example.com/a/very/lo… @bob #murre!";
        assert_eq!(words(sent), words(shown));
        assert_ne!(words("One post"), words("Another post"));
    }
}
