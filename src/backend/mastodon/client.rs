//! A thin typed client for the Mastodon client API, written to the API (any server that speaks
//! it), not to Mastodon's quirks: opaque ids, Link paging sent to our own base URL, v1 fallback.

use std::fmt;
use std::time::Duration;

use reqwest::{RequestBuilder, Url};

use super::{convert, link, wire};
use crate::backend::http::{self, Answer};
use crate::backend::{BackendError, Cursor, LengthUnit, Limits, Page};
use crate::model::{AccountId, Post};

/// Page size for the home timeline (the API's maximum).
const PAGE: &str = "40";

/// One Mastodon-API account.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    host: String,
    token: String,
    account: AccountId,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The token never reaches Debug output (and so never a log).
        f.debug_struct("mastodon::Client").field("base", &self.base.as_str()).field("account", &self.account).finish()
    }
}

impl Client {
    /// A client for `account` on the server at `base_url` with an OAuth access token.
    pub fn new(http: reqwest::Client, base_url: &str, account: AccountId, token: String) -> Result<Self, BackendError> {
        let base = http::base_url(base_url)?;
        let host = host_of(&base);
        Ok(Client { http, base, host, token, account })
    }

    /// The account this client acts as.
    pub fn account(&self) -> &AccountId {
        &self.account
    }

    /// A request to `path` on the account's own server, with its token.
    pub(super) fn request(&self, method: reqwest::Method, path: &str) -> RequestBuilder {
        self.http.request(method, http::endpoint(&self.base, path)).bearer_auth(&self.token)
    }

    /// The account's server.
    pub(super) fn base(&self) -> &Url {
        &self.base
    }

    /// `host[:port]` of the account's server.
    pub(super) fn host(&self) -> &str {
        &self.host
    }

    /// The access token (for the streaming handshake; never logged).
    pub(super) fn token(&self) -> &str {
        &self.token
    }

    /// What conversion needs to know about this account.
    pub(super) fn ctx(&self) -> convert::Ctx<'_> {
        convert::Ctx { account: &self.account, host: &self.host }
    }

    fn get(&self, path: &str) -> RequestBuilder {
        let mut url = self.base.clone();
        url.set_path(&format!("{}{path}", self.base.path().trim_end_matches('/')));
        self.http.get(url).bearer_auth(&self.token)
    }

    pub(super) async fn read(&self, path: &str, query: &[(String, String)]) -> Result<Answer, BackendError> {
        for _ in 0..3 {
            let answer = http::read(|| self.get(path).query(query)).await?;
            // 206: the home feed is being regenerated; the server asks us to come back shortly.
            if answer.status.as_u16() != 206 {
                return check(answer);
            }
            tokio::time::sleep(Duration::from_millis(700)).await;
        }
        Err(BackendError::server(206, "the home feed is still being prepared; try again in a moment"))
    }

    /// The home timeline at `at`.
    pub async fn home(&self, at: Cursor) -> Result<Page<Post>, BackendError> {
        self.timeline("/api/v1/timelines/home", at).await
    }

    /// A page of the statuses timeline at `path` (home, a list), paged by its Link header.
    pub(super) async fn timeline(&self, path: &str, at: Cursor) -> Result<Page<Post>, BackendError> {
        self.timeline_of(path, at, PAGE).await
    }

    /// [`Client::timeline`] with pages of `limit` statuses.
    pub(super) async fn timeline_of(&self, path: &str, at: Cursor, limit: &str) -> Result<Page<Post>, BackendError> {
        let mut query = vec![("limit".to_string(), limit.to_string())];
        match &at {
            Cursor::Newest => {}
            Cursor::Older(c) | Cursor::Newer(c) => query.extend(link::decode_cursor(c)),
        }
        let answer = self.read(path, &query).await?;
        let (items, count) = decode_page(&answer.body, &self.account, &self.host)?;
        let links = link::parse(&answer.headers);
        let older = if count == 0 { None } else { links.next };
        let newer = links.prev.or(if let Cursor::Newer(c) = at { Some(c) } else { None });
        Ok(Page { items, older, newer })
    }

    /// Length and media limits from `/api/v2/instance`, falling back to v1, then to defaults.
    pub async fn limits(&self) -> Result<Limits, BackendError> {
        let mut limits = default_limits();
        if let Ok(v2) = self.read("/api/v2/instance", &[]).await.and_then(|a| a.json::<wire::InstanceV2>()) {
            apply(&mut limits, &v2.configuration, None);
            return Ok(limits);
        }
        let v1: wire::InstanceV1 = self.read("/api/v1/instance", &[]).await?.json()?;
        apply(&mut limits, &v1.configuration, v1.max_toot_chars);
        Ok(limits)
    }

    /// Checks the token and returns the account's `acct` and display name.
    pub async fn verify(&self) -> Result<(String, String), BackendError> {
        let me: wire::Me = self.read("/api/v1/accounts/verify_credentials", &[]).await?.json()?;
        let acct = if me.acct.is_empty() { me.username } else { me.acct };
        tracing::debug!(id = %me.id, "verified credentials");
        Ok((crate::text::sanitize_line(&acct), crate::text::sanitize_line(&me.display_name)))
    }
}

/// Decodes a page of statuses (JSON array) into posts; returns them and how many statuses there were.
pub fn decode_page(body: &[u8], account: &AccountId, host: &str) -> Result<(Vec<Post>, usize), BackendError> {
    let statuses: Vec<wire::Status> = http::decode(body)?;
    let ctx = convert::Ctx { account, host };
    let count = statuses.len();
    let items: Vec<Post> = statuses.into_iter().filter_map(|s| convert::status(s, &ctx)).collect();
    if items.len() < count {
        tracing::warn!(skipped = count - items.len(), "statuses without a readable time were skipped");
    }
    Ok((items, count))
}

/// `host[:port]` as the user typed it, used to complete local handles.
pub fn host_of(url: &Url) -> String {
    let host = url.host_str().unwrap_or("unknown");
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    }
}

fn check(answer: Answer) -> Result<Answer, BackendError> {
    if answer.status.is_success() {
        return Ok(answer);
    }
    let body = answer.value();
    let message = body
        .get("error")
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| answer.status.canonical_reason().unwrap_or("error"));
    Err(http::status_error(&answer, message))
}

fn default_limits() -> Limits {
    Limits {
        max_chars: 500,
        unit: LengthUnit::Graphemes,
        max_bytes: None,
        chars_per_url: Some(23),
        max_media: 4,
        alt_text_max: 1500,
    }
}

fn apply(limits: &mut Limits, c: &wire::Configuration, top_level_max: Option<usize>) {
    if let Some(max) = c.statuses.max_characters.or(top_level_max) {
        limits.max_chars = max;
    }
    if let Some(per_url) = c.statuses.characters_reserved_per_url {
        limits.chars_per_url = Some(per_url);
    }
    if let Some(media) = c.statuses.max_media_attachments {
        limits.max_media = media;
    }
    if let Some(alt) = c.media_attachments.description_limit {
        limits.alt_text_max = alt;
    }
}
