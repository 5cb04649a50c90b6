//! A thin client for Tumblr API v2: the dashboard in NPF, paged by offset, refreshed by since_id.
//! An expired or refused access token is renewed once with the refresh token (see `session`).

use std::fmt;
use std::sync::Arc;

use reqwest::{StatusCode, Url};

use super::session::{Session, TokenStore, Tokens};
use super::{convert, wire};
use crate::backend::http::{self, Answer};
use crate::backend::oauth::AppKeys;
use crate::backend::{BackendError, Cursor, Page};
use crate::model::{AccountId, Post, PostKey};
use crate::text::sanitize_line;

/// Page size for the dashboard (the API's maximum).
const PAGE: usize = 20;

/// The public API's base URL.
pub const API: &str = "https://api.tumblr.com";

/// One of the user's blogs, as `/v2/user/info` lists them (names and titles sanitized).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blog {
    pub name: String,
    pub title: String,
    pub uuid: String,
    pub primary: bool,
}

/// One Tumblr account (the user's OAuth2 tokens; the blog it posts as is in the account id).
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    session: Session,
    account: AccountId,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("tumblr::Client").field("base", &self.base.as_str()).field("account", &self.account).finish()
    }
}

impl Client {
    /// A client for `account` at `api` (normally [`API`]) with an OAuth2 access token alone.
    pub fn new(http: reqwest::Client, api: &str, account: AccountId, token: String) -> Result<Self, BackendError> {
        Self::with_tokens(http, api, account, Tokens::access_only(token))
    }

    /// A client with a full grant (access token, refresh token, expiry).
    pub fn with_tokens(
        http: reqwest::Client,
        api: &str,
        account: AccountId,
        tokens: Tokens,
    ) -> Result<Self, BackendError> {
        Ok(Client { http, base: http::base_url(api)?, session: Session::new(tokens), account })
    }

    /// Renews expired tokens with the refresh grant of this app (the user's client id and secret).
    pub fn with_app(mut self, app: AppKeys) -> Self {
        self.session.app = Some(app);
        self
    }

    /// Keeps renewed tokens in `store` (and renews under its lock).
    pub fn with_store(mut self, store: Arc<dyn TokenStore>) -> Self {
        self.session.store = Some(store);
        self
    }

    /// The account this client acts as.
    pub fn account(&self) -> &AccountId {
        &self.account
    }

    /// The tokens in use (they change when renewed; the store saves them).
    pub fn tokens(&self) -> Tokens {
        self.session.current()
    }

    /// A GET with the access token; on 401 the tokens are renewed and the request sent once more.
    pub(super) async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Answer, BackendError> {
        let url = http::endpoint(&self.base, path);
        let used = self.session.usable(&self.http, &self.base).await?;
        let answer = self.get_with(&url, query, &used.access_token).await?;
        if answer.status != StatusCode::UNAUTHORIZED {
            return check(answer);
        }
        let renewed = self.session.renew(&self.http, &self.base, &used).await?;
        check(self.get_with(&url, query, &renewed.access_token).await?)
    }

    /// A POST with a JSON body, sent once (a write); on 401 the tokens are renewed and it is sent again
    /// (a 401 means nothing was created).
    pub(super) async fn post_json(&self, path: &str, body: &serde_json::Value) -> Result<Answer, BackendError> {
        self.post_with(path, |r| Ok(r.json(body))).await
    }

    /// A POST whose body `build` sets (a multipart form is built again for the second send), as
    /// `post_json`.
    pub(super) async fn post_with(
        &self,
        path: &str,
        build: impl Fn(reqwest::RequestBuilder) -> Result<reqwest::RequestBuilder, BackendError>,
    ) -> Result<Answer, BackendError> {
        let url = http::endpoint(&self.base, path);
        let used = self.session.usable(&self.http, &self.base).await?;
        let send = async |token: String| http::send(build(self.http.post(url.clone()).bearer_auth(token))?).await;
        let answer = send(used.access_token.clone()).await?;
        if answer.status != StatusCode::UNAUTHORIZED {
            return check(answer);
        }
        let renewed = self.session.renew(&self.http, &self.base, &used).await?;
        check(send(renewed.access_token).await?)
    }

    async fn get_with(&self, url: &Url, query: &[(&str, String)], token: &str) -> Result<Answer, BackendError> {
        http::read(|| self.http.get(url.clone()).query(query).bearer_auth(token)).await
    }

    /// The user's blogs (`/v2/user/info`); names that cannot be an account id are left out.
    pub async fn blogs(&self) -> Result<Vec<Blog>, BackendError> {
        let answer = self.get("/v2/user/info", &[]).await?;
        let envelope: wire::Envelope<wire::UserInfo> = answer.json()?;
        let blogs = envelope.response.user.blogs.into_iter().filter(|b| is_blog_name(&b.name));
        Ok(blogs
            .map(|b| Blog {
                title: sanitize_line(&b.title),
                uuid: sanitize_line(&b.uuid),
                primary: b.primary,
                name: b.name,
            })
            .collect())
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

/// Tumblr blog names are letters, digits and hyphens; anything else could break an account id.
fn is_blog_name(name: &str) -> bool {
    !name.is_empty() && name.len() <= 64 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
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

#[cfg(test)]
mod tests {
    #[test]
    fn only_plain_blog_names_become_accounts() {
        assert!(super::is_blog_name("murre-demo") && super::is_blog_name("Blog_2"));
        for bad in ["", "a:b", "a b", "evil\u{1b}[31m", "ünï", &"x".repeat(65)] {
            assert!(!super::is_blog_name(bad), "{bad:?}");
        }
    }
}
