//! A thin client for Tumblr API v2: the dashboard in NPF, paged by offset, refreshed by since_id.

use std::fmt;

use reqwest::Url;

use super::{convert, wire};
use crate::backend::http::{self, Answer};
use crate::backend::{BackendError, Cursor, Page};
use crate::model::{AccountId, Post, PostKey};

/// Page size for the dashboard (the API's maximum).
const PAGE: usize = 20;

/// The public API's base URL.
pub const API: &str = "https://api.tumblr.com";

/// One Tumblr account (the user's OAuth2 token; the blog it posts as is in the account id).
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    token: String,
    account: AccountId,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("tumblr::Client").field("base", &self.base.as_str()).field("account", &self.account).finish()
    }
}

impl Client {
    /// A client for `account` at `api` (normally [`API`]) with an OAuth2 access token.
    pub fn new(http: reqwest::Client, api: &str, account: AccountId, token: String) -> Result<Self, BackendError> {
        Ok(Client { http, base: http::base_url(api)?, token, account })
    }

    /// The account this client acts as.
    pub fn account(&self) -> &AccountId {
        &self.account
    }

    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Answer, BackendError> {
        let mut url = self.base.clone();
        url.set_path(&format!("{}{path}", self.base.path().trim_end_matches('/')));
        check(http::read(|| self.http.get(url.clone()).query(query).bearer_auth(&self.token)).await?)
    }

    /// The dashboard at `at`. Older cursors are offsets; newer cursors are post ids.
    pub async fn home(&self, at: Cursor) -> Result<Page<Post>, BackendError> {
        let mut query = vec![("npf", "true".to_string()), ("limit", PAGE.to_string())];
        let offset = match &at {
            Cursor::Older(c) => c.parse::<usize>().map_err(|_| BackendError::Invalid("bad Tumblr cursor".into()))?,
            _ => 0,
        };
        match &at {
            Cursor::Older(_) => query.push(("offset", offset.to_string())),
            Cursor::Newer(id) => query.push(("since_id", id.clone())),
            Cursor::Newest => {}
        }
        let answer = self.get("/v2/user/dashboard", &query).await?;
        let (items, count) = decode_dashboard(&answer.body, &self.account)?;
        let newer = items.iter().find_map(|p| match &p.id.key {
            PostKey::Tumblr { id, .. } => Some(id.clone()),
            _ => None,
        });
        let older = match at {
            Cursor::Newer(_) => None,
            _ if count == 0 => None,
            _ => Some((offset + count).to_string()),
        };
        Ok(Page { items, older, newer })
    }
}

/// Decodes a dashboard (or any post list) answer; returns the posts and how many the server sent.
pub fn decode_dashboard(body: &[u8], account: &AccountId) -> Result<(Vec<Post>, usize), BackendError> {
    let envelope: wire::Envelope<wire::Dashboard> = http::decode(body)?;
    let count = envelope.response.posts.len();
    Ok((envelope.response.posts.into_iter().filter_map(|p| convert::post(p, account)).collect(), count))
}

fn check(answer: Answer) -> Result<Answer, BackendError> {
    if answer.status.is_success() {
        return Ok(answer);
    }
    let body = answer.value();
    let message = body
        .pointer("/errors/0/detail")
        .or_else(|| body.pointer("/meta/msg"))
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| answer.status.canonical_reason().unwrap_or("error"));
    Err(http::status_error(&answer, message))
}
