//! Publishing a draft to every target at once through the outbox. The draft is on disk before the
//! first request; a target whose request may have reached its server is marked so first, and a
//! retry looks for the post there (Mastodon: the account's newest statuses, Bluesky: the record
//! under its rkey) before sending again: no loss, no duplicate.

pub mod media;
pub mod prepare;

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

use crate::backend::bluesky::write::{NewPost, Target as FacetTarget};
use crate::backend::mastodon::write::NewStatus;
use crate::backend::{BackendError, Client};
use crate::compose::facets::{self, Feature};
use crate::model::AccountId;
use crate::store::outbox::{Draft, Outbox, State};

/// How one target went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub account: AccountId,
    /// The post's address, when published.
    pub url: Option<String>,
    /// Why it is not published (yet).
    pub error: Option<String>,
}

/// A draft for `request` with fresh keys, made now: what the CLI and the TUI hand to `send`.
pub fn new_draft(request: &prepare::Request) -> Result<Draft, BackendError> {
    let random = crate::backend::oauth::random_token(6)?;
    Ok(prepare::draft(request, jiff::Timestamp::now(), &random))
}

/// Sends `draft` to every target that does not have it yet, concurrently, and records the result;
/// the draft leaves the outbox when every target has it.
pub async fn send(outbox: &Outbox, draft: &mut Draft, clients: &[Client]) -> anyhow::Result<Vec<Outcome>> {
    let todo: Vec<usize> =
        (0..draft.targets.len()).filter(|&i| !matches!(draft.targets[i].state, State::Sent { .. })).collect();
    let look: Vec<bool> = todo.iter().map(|&i| draft.targets[i].state == State::Attempted).collect();
    for &i in &todo {
        draft.targets[i].state = State::Attempted;
    }
    outbox.save(draft)?;
    let snapshot = draft.clone();
    let snapshot = &snapshot;
    let sends = todo.iter().zip(&look).map(|(&i, &look)| {
        let target = &snapshot.targets[i];
        let client = clients.iter().find(|c| c.account() == &target.account);
        async move {
            let result = match client {
                Some(c) => one(c, snapshot, &target.key, look).await,
                None => Err(BackendError::Invalid(format!("{} is not logged in", target.account))),
            };
            (i, result)
        }
    });
    // Each answer is written down as it comes, so a crash after one network answered loses nothing.
    let mut pending: FuturesUnordered<_> = sends.collect();
    let mut errors: Vec<Option<String>> = vec![None; draft.targets.len()];
    while let Some((i, result)) = pending.next().await {
        let net = network(&draft.targets[i].account);
        draft.targets[i].state = match result {
            Ok(url) => State::Sent { url },
            // A refusal is definite (nothing was created); anything else may have reached the server.
            Err(e) if refused(&e) => State::Failed { error: e.user_message(net) },
            Err(e) => {
                errors[i] = Some(format!("{}; `murre post --retry` checks and finishes", e.user_message(net)));
                State::Attempted
            }
        };
        if !draft.done() {
            outbox.save(draft)?;
        }
    }
    if draft.done() {
        outbox.remove(&draft.id)?
    }
    Ok(draft.targets.iter().zip(errors).map(|(t, e)| outcome(t, e)).collect())
}

fn network(account: &AccountId) -> crate::model::Network {
    account.network().unwrap_or(crate::model::Network::Mastodon)
}

fn refused(e: &BackendError) -> bool {
    match e {
        BackendError::Auth(_) | BackendError::Invalid(_) => true,
        BackendError::Server { status, .. } => (400..500).contains(status) && *status != 408 && *status != 429,
        _ => false,
    }
}

fn outcome(t: &crate::store::outbox::Target, unconfirmed: Option<String>) -> Outcome {
    let (url, error) = match &t.state {
        State::Sent { url } => (url.clone(), None),
        State::Failed { error } => (None, Some(error.clone())),
        State::Attempted => {
            let why = unconfirmed.unwrap_or_else(|| "no answer from the server; `murre post --retry` checks".into());
            (None, Some(why))
        }
        State::Pending => (None, Some("not sent".into())),
    };
    Outcome { account: t.account.clone(), url, error }
}

/// Publishes to one account; `look` first checks whether an earlier attempt already made the post.
async fn one(client: &Client, draft: &Draft, key: &str, look: bool) -> Result<Option<String>, BackendError> {
    match client {
        Client::Mastodon(c) => {
            if look && let Some(p) = c.own_newest().await?.into_iter().find(|p| same_status(draft, p)) {
                return Ok(p.url);
            }
            let in_reply_to = match &draft.reply_to {
                Some(crate::model::PostKey::Mastodon { id, .. }) => Some(id.clone()),
                _ => None,
            };
            let mut media_ids = Vec::new();
            for image in &draft.images {
                media_ids.push(c.upload_media(image).await?);
            }
            let status = NewStatus {
                text: draft.text.clone(),
                cw: draft.cw.clone(),
                visibility: draft.visibility,
                in_reply_to,
                media_ids,
            };
            Ok(c.post_status(&status, key).await?.url)
        }
        Client::Bluesky(c) => {
            let handle = c.session().handle;
            let url = |uri: String| {
                Some(format!("https://bsky.app/profile/{handle}/post/{}", uri.rsplit('/').next().unwrap_or_default()))
            };
            if look && let Some((uri, _)) = c.find_post(key).await? {
                return Ok(url(uri));
            }
            let mut post = bluesky_post(c, &prepare::with_warning(&draft.text, &draft.cw)).await;
            if let Some(crate::model::PostKey::Bluesky { uri, cid }) = &draft.reply_to {
                post.reply = Some(c.reply_refs(uri, cid).await?);
            }
            for image in &draft.images {
                post.images.push((c.upload_blob(image).await?, image.alt.clone()));
            }
            if !draft.cw.trim().is_empty() && !draft.images.is_empty() {
                post.labels.push("graphic-media".into());
            }
            let (uri, _) = c.create_post(key, &post, jiff::Timestamp::now()).await?;
            Ok(url(uri))
        }
        Client::Tumblr(c) => {
            let text = prepare::with_warning(&draft.text, &draft.cw);
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
    }
}

/// The text with its facets; a mention whose handle does not resolve stays plain text.
async fn bluesky_post(c: &crate::backend::bluesky::Client, text: &str) -> NewPost {
    let mut out = Vec::new();
    for f in facets::detect(text) {
        let target = match f.feature {
            Feature::Link(uri) => FacetTarget::Link(uri),
            Feature::Tag(tag) => FacetTarget::Tag(tag),
            Feature::Mention(handle) => match c.resolve_handle(&handle).await {
                Ok(did) => FacetTarget::Mention(did),
                Err(_) => continue,
            },
        };
        out.push((f.start, f.end, target));
    }
    NewPost { text: text.to_string(), facets: out, ..NewPost::default() }
}

/// Whether `post` (as the server shows it) is `draft` sent earlier: written since the draft was made,
/// with the same warning and the same words. The server renders the text as HTML (links shortened,
/// remote mentions cut to `@user`), so links and domains are left out of the comparison.
fn same_status(draft: &Draft, post: &crate::model::Post) -> bool {
    let since = draft.created.checked_sub(jiff::SignedDuration::from_mins(5)).unwrap_or(draft.created);
    post.created_at >= since
        && post.cw.as_deref().unwrap_or("") == draft.cw.trim()
        && words(&post.text.to_plain()) == words(&draft.text)
        && post.media.len() == draft.images.len()
}

/// Whether the blog's `post` is `draft` sent earlier: the same words and as many images.
fn same_tumblr(text: &str, draft: &Draft, post: &crate::model::Post) -> bool {
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
