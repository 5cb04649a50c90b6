//! The tokens of one Tumblr account and their renewal. An access token known to be expired (by
//! `expires_at`) or refused (401) is renewed with the refresh token: one renewal at a time in this
//! process, under the store's cross-process lock, adopting tokens another process already renewed
//! (refresh tokens rotate: spending an old one would fail), and saving the new ones at once.

use std::fmt;
use std::sync::{Arc, Mutex};

use reqwest::Url;

use super::auth;
use crate::backend::BackendError;
use crate::backend::oauth::AppKeys;

/// Renew this many seconds before the stated expiry, so a request never races it.
const MARGIN: i64 = 60;

/// The OAuth2 tokens of one account. `Debug` shows no token.
#[derive(Clone, PartialEq, Eq)]
pub struct Tokens {
    pub access_token: String,
    /// Absent for a token given with `--token-stdin` (or an app without `offline_access`).
    pub refresh_token: Option<String>,
    /// When the access token expires (Unix seconds), when the server said.
    pub expires_at: Option<i64>,
}

impl Tokens {
    /// Tokens of an access token alone (no refresh, no known expiry).
    pub fn access_only(access_token: String) -> Self {
        Tokens { access_token, refresh_token: None, expires_at: None }
    }

    /// Whether the access token is expired (or about to be) at `now` (Unix seconds).
    pub fn expired(&self, now: i64) -> bool {
        self.expires_at.is_some_and(|at| now >= at.saturating_sub(MARGIN))
    }
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokens")
            .field("refresh_token", &self.refresh_token.as_ref().map(|_| ".."))
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// Where tokens are kept between runs, shared with other murre processes.
pub trait TokenStore: Send + Sync {
    /// Locks the stored tokens (other processes wait until the guard is dropped). Blocks.
    fn lock(&self) -> Result<Box<dyn LockedTokens>, String>;
}

/// Stored tokens while their lock is held.
pub trait LockedTokens: Send {
    /// The stored tokens, if any.
    fn load(&self) -> Option<Tokens>;
    /// Replaces the stored tokens.
    fn save(&self, tokens: &Tokens) -> Result<(), String>;
}

/// The tokens in use, shared by a client's clones, with what renewing them takes.
#[derive(Clone)]
pub(super) struct Session {
    tokens: Arc<Mutex<Tokens>>,
    /// Held while renewing, so clones wait for one renewal instead of starting their own.
    gate: Arc<tokio::sync::Mutex<()>>,
    pub(super) app: Option<AppKeys>,
    pub(super) store: Option<Arc<dyn TokenStore>>,
}

impl Session {
    pub(super) fn new(tokens: Tokens) -> Self {
        Session { tokens: Arc::new(Mutex::new(tokens)), gate: Arc::default(), app: None, store: None }
    }

    /// The tokens in use now.
    pub(super) fn current(&self) -> Tokens {
        self.tokens.lock().map(|t| t.clone()).unwrap_or_else(|e| e.into_inner().clone())
    }

    fn set(&self, tokens: Tokens) {
        *self.tokens.lock().unwrap_or_else(|e| e.into_inner()) = tokens;
    }

    /// Tokens to send a request with: renewed first when known to be expired and renewable.
    pub(super) async fn usable(&self, http: &reqwest::Client, api: &Url) -> Result<Tokens, BackendError> {
        let current = self.current();
        if current.expired(now()) && current.refresh_token.is_some() {
            return self.renew(http, api, &current).await;
        }
        Ok(current)
    }

    /// New tokens after `used` expired or was refused: those another task or process already got,
    /// else a refresh grant. Never logs in again; without a refresh token the error is `Auth`.
    pub(super) async fn renew(&self, http: &reqwest::Client, api: &Url, used: &Tokens) -> Result<Tokens, BackendError> {
        let _one_at_a_time = self.gate.lock().await;
        let current = self.current();
        if current.access_token != used.access_token {
            return Ok(current);
        }
        let locked = self.lock_store().await?;
        let stored = locked.as_ref().and_then(|l| l.load());
        if let Some(newer) = stored.as_ref().filter(|s| s.access_token != used.access_token && !s.expired(now())) {
            self.set(newer.clone());
            return Ok(newer.clone());
        }
        // The store holds the newest refresh token (another process may have rotated ours away).
        let latest = stored.unwrap_or(current);
        let refresh_token = latest.refresh_token.as_deref().ok_or_else(no_refresh_token)?;
        let app = self.app.as_ref().ok_or_else(no_app_keys)?;
        let fresh = auth::refresh(http, api, app, refresh_token).await?;
        if let Some(Err(e)) = locked.as_ref().map(|l| l.save(&fresh)) {
            tracing::warn!("could not save the renewed Tumblr tokens: {e}");
        }
        self.set(fresh.clone());
        Ok(fresh)
    }

    /// The store's lock, taken off the async threads (another process may hold it for a while).
    async fn lock_store(&self) -> Result<Option<Box<dyn LockedTokens>>, BackendError> {
        let Some(store) = self.store.clone() else { return Ok(None) };
        let locked = tokio::task::spawn_blocking(move || store.lock())
            .await
            .map_err(|e| BackendError::Invalid(format!("cannot lock the token store: {e}")))?;
        locked.map(Some).map_err(BackendError::Invalid)
    }
}

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

fn no_refresh_token() -> BackendError {
    BackendError::Auth(
        "the access token expired or was refused, and there is no refresh token: log in again with `murre login tumblr`"
            .into(),
    )
}

fn no_app_keys() -> BackendError {
    BackendError::Auth(
        "the Tumblr app's client id and secret are not stored: log in again with `murre login tumblr`".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_counts_the_margin_and_unknown_never_expires() {
        let t = Tokens { access_token: "a".into(), refresh_token: None, expires_at: Some(1000) };
        assert!(!t.expired(1000 - MARGIN - 1));
        assert!(t.expired(1000 - MARGIN) && t.expired(5000));
        assert!(!Tokens::access_only("a".into()).expired(i64::MAX));
    }

    #[test]
    fn debug_shows_no_token() {
        let t = Tokens { access_token: "acc-123".into(), refresh_token: Some("ref-456".into()), expires_at: Some(9) };
        let shown = format!("{t:?}");
        assert!(!shown.contains("acc-123") && !shown.contains("ref-456"), "{shown}");
        assert!(shown.contains("expires_at"));
    }

    #[tokio::test]
    async fn without_a_refresh_token_renewal_says_log_in_again() {
        let session = Session::new(Tokens::access_only("old".into()));
        let api = Url::parse("http://127.0.0.1:9").unwrap_or_else(|e| panic!("{e}"));
        let http = crate::backend::http::client(std::time::Duration::from_secs(1)).unwrap_or_else(|e| panic!("{e}"));
        let got = session.renew(&http, &api, &session.current()).await;
        match got {
            Err(BackendError::Auth(m)) => assert!(m.contains("log in again"), "{m}"),
            other => panic!("expected Auth, got {other:?}"),
        }
    }
}
