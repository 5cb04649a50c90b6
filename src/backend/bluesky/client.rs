//! A thin XRPC client for Bluesky: reads go to the user's PDS (which proxies app.bsky to the
//! AppView); an expired access token is refreshed once with the refresh token, never by a new login.

use std::fmt;
use std::sync::{Arc, Mutex};

use reqwest::{RequestBuilder, Url};

use super::{convert, wire};
use crate::backend::http::{self, Answer};
use crate::backend::{BackendError, Cursor, Page};
use crate::model::moderation::{BlueskyPrefs, Context};
use crate::model::{AccountId, Post};

/// Page size for the timeline (the lexicon allows 1-100). 30, as the official app asks: the
/// reference AppView merges the viewer's own posts into each page by a rule that, at 50, skipped
/// some of them for good (seen against it: 71 of 74 items at 50, all 74 at 30 and at 100).
const PAGE: &str = "30";

/// A Bluesky session: the tokens `createSession` or `refreshSession` gave.
#[derive(Clone, PartialEq, Eq)]
pub struct Session {
    pub did: String,
    pub handle: String,
    pub access_jwt: String,
    pub refresh_jwt: String,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session").field("did", &self.did).field("handle", &self.handle).finish_non_exhaustive()
    }
}

/// Where sessions are kept between runs, shared with other murre processes. Refresh tokens rotate:
/// a refresh happens under the store's lock, and one already done by another process is adopted.
pub trait SessionStore: Send + Sync {
    /// Locks the stored session (other processes wait until the guard is dropped).
    fn lock(&self) -> Result<Box<dyn LockedSession>, String>;
}

/// A stored session while its lock is held.
pub trait LockedSession: Send {
    /// The stored session, if any.
    fn load(&self) -> Option<Session>;
    /// Replaces the stored session.
    fn save(&self, session: &Session) -> Result<(), String>;
}

/// One Bluesky account on its PDS.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    account: AccountId,
    session: Arc<Mutex<Session>>,
    store: Option<Arc<dyn SessionStore>>,
    /// The account's moderation preferences, as last read (see `prefs`).
    pub(super) prefs: Arc<Mutex<super::prefs::Cached>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("bluesky::Client").field("base", &self.base.as_str()).field("account", &self.account).finish()
    }
}

impl Client {
    /// A client for the session on the PDS at `service`.
    pub fn new(
        http: reqwest::Client,
        service: &str,
        account: AccountId,
        session: Session,
    ) -> Result<Self, BackendError> {
        let base = http::base_url(service)?;
        let prefs = Arc::default();
        Ok(Client { http, base, account, session: Arc::new(Mutex::new(session)), store: None, prefs })
    }

    /// Keeps refreshed sessions in `store` (and refreshes under its lock).
    pub fn with_store(mut self, store: Arc<dyn SessionStore>) -> Self {
        self.store = Some(store);
        self
    }

    fn set_session(&self, session: Session) {
        *self.session.lock().unwrap_or_else(|e| e.into_inner()) = session;
    }

    /// The account this client acts as.
    pub fn account(&self) -> &AccountId {
        &self.account
    }

    /// The current session (tokens change after a refresh; the store saves them).
    pub fn session(&self) -> Session {
        self.session.lock().map(|s| s.clone()).unwrap_or_else(|e| e.into_inner().clone())
    }

    fn xrpc(&self, nsid: &str) -> Url {
        let mut url = self.base.clone();
        url.set_path(&format!("{}/xrpc/{nsid}", self.base.path().trim_end_matches('/')));
        url
    }

    fn access(&self) -> String {
        self.session().access_jwt
    }

    /// The account's DID (its own posts are never hidden by its preferences).
    pub(super) fn did(&self) -> Option<String> {
        Some(self.session().did).filter(|d| !d.is_empty())
    }

    /// An XRPC procedure (POST with a JSON body), sent once: writes are never retried here (the
    /// caller makes them safe to retry, with a chosen rkey). An expired token is refreshed first.
    pub(super) async fn procedure(&self, nsid: &str, body: &serde_json::Value) -> Result<Answer, BackendError> {
        self.post_with(nsid, |r| r.json(body)).await
    }

    /// A POST to `nsid` whose body `build` sets (JSON, or raw bytes for a blob); as `procedure`.
    pub(super) async fn post_with(
        &self,
        nsid: &str,
        build: impl Fn(RequestBuilder) -> RequestBuilder,
    ) -> Result<Answer, BackendError> {
        let send = |token: String| http::send(build(self.http.post(self.xrpc(nsid)).bearer_auth(token)));
        let answer = send(self.access()).await?;
        if is_expired(&answer) {
            self.refresh().await?;
            return check(send(self.access()).await?);
        }
        check(answer)
    }

    pub(super) async fn query(&self, nsid: &str, params: &[(&str, &str)]) -> Result<Answer, BackendError> {
        let request = |token: String| move || self.http.get(self.xrpc(nsid)).query(params).bearer_auth(&token);
        let answer = http::read(request(self.access())).await?;
        if is_expired(&answer) {
            self.refresh().await?;
            return check(http::read(request(self.access())).await?);
        }
        check(answer)
    }

    /// Trades the refresh token for new tokens (`com.atproto.server.refreshSession`), unless another
    /// process already did: then its stored session is adopted. Never logs in again.
    pub async fn refresh(&self) -> Result<(), BackendError> {
        let locked = match &self.store {
            Some(store) => Some(store.lock().map_err(BackendError::Invalid)?),
            None => None,
        };
        let stored = locked.as_ref().and_then(|l| l.load());
        if let Some(stored) = stored.filter(|s| s.refresh_jwt != self.session().refresh_jwt) {
            self.set_session(stored);
            return Ok(());
        }
        let refresh = self.session().refresh_jwt;
        let req: RequestBuilder = self.http.post(self.xrpc("com.atproto.server.refreshSession")).bearer_auth(refresh);
        let fresh: wire::Session = check(http::send(req).await?)?.json()?;
        let handle = super::auth::checked_handle(&fresh.handle)?;
        let session = Session { did: fresh.did, handle, access_jwt: fresh.access_jwt, refresh_jwt: fresh.refresh_jwt };
        if let Some(Err(e)) = locked.as_ref().map(|l| l.save(&session)) {
            tracing::warn!(account = %self.account, "could not save the refreshed session: {e}");
        }
        self.set_session(session);
        Ok(())
    }

    /// The home timeline (`app.bsky.feed.getTimeline`) at `at`.
    pub async fn home(&self, at: Cursor) -> Result<Page<Post>, BackendError> {
        let mut params = vec![("limit", PAGE)];
        if let Cursor::Older(c) = &at {
            params.push(("cursor", c.as_str()));
        }
        // The preferences are read beside the newest page (not before it), at most every few minutes.
        let (answer, _) = match at {
            Cursor::Older(_) => (self.query("app.bsky.feed.getTimeline", &params).await, self.prefs_now()),
            _ => tokio::join!(self.query("app.bsky.feed.getTimeline", &params), self.fresh_prefs()),
        };
        self.feed_page(&answer?.body, Context::Feed)
    }

    /// A feed answer (`getTimeline`, `getAuthorFeed`, ...) under the account's preferences.
    pub(super) fn feed_page(&self, body: &[u8], context: Context) -> Result<Page<Post>, BackendError> {
        let mut page = decode_feed(body, &self.account)?;
        page.items = self.moderate(page.items, context);
        Ok(page)
    }
}

/// Decodes a `getTimeline` (or any feed) answer into a page of posts, under the default moderation
/// preferences (a client applies its account's own).
pub fn decode_timeline(body: &[u8], account: &AccountId) -> Result<Page<Post>, BackendError> {
    let mut page = decode_feed(body, account)?;
    page.items = super::prefs::moderate(page.items, &BlueskyPrefs::default(), None, Context::Feed);
    Ok(page)
}

fn decode_feed(body: &[u8], account: &AccountId) -> Result<Page<Post>, BackendError> {
    let timeline: wire::Timeline = http::decode(body)?;
    let items = timeline.feed.into_iter().filter_map(|i| convert::feed_item(i, account)).collect();
    // Bluesky has no "newer than" cursor: a refresh reads the newest page and the merge dedupes.
    Ok(Page { items, older: timeline.cursor.filter(|c| !c.is_empty()), newer: None })
}

fn error_name(answer: &Answer) -> Option<String> {
    answer.value().get("error").and_then(|v| v.as_str()).map(str::to_string)
}

fn is_expired(answer: &Answer) -> bool {
    !answer.status.is_success() && error_name(answer).as_deref() == Some("ExpiredToken")
}

fn check(answer: Answer) -> Result<Answer, BackendError> {
    if answer.status.is_success() {
        return Ok(answer);
    }
    let body = answer.value();
    let name = body.get("error").and_then(|v| v.as_str()).unwrap_or("");
    let message = body.get("message").and_then(|v| v.as_str()).unwrap_or(name);
    match name {
        "ExpiredToken" | "InvalidToken" | "AuthenticationRequired" | "AuthMissing" => {
            Err(BackendError::Auth(crate::backend::error::clean(message)))
        }
        _ => Err(http::status_error(&answer, message)),
    }
}
