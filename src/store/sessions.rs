//! Bluesky sessions and Tumblr tokens kept in the secret store, renewed under its cross-process lock.

use super::secrets::{Locked, Secret, Secrets};
use crate::backend::bluesky::{LockedSession, Session, SessionStore};
use crate::backend::tumblr::{LockedTokens, TokenStore, Tokens};

/// The session of one account in the secret store.
pub struct FileSessions {
    secrets: Secrets,
    key: String,
    handle: String,
}

impl FileSessions {
    /// The stored session of account `key` (whose handle is `handle`).
    pub fn new(secrets: Secrets, key: &str, handle: &str) -> Self {
        FileSessions { secrets, key: key.to_string(), handle: handle.to_string() }
    }
}

impl SessionStore for FileSessions {
    fn lock(&self) -> Result<Box<dyn LockedSession>, String> {
        let locked = self.secrets.lock().map_err(|e| e.to_string())?;
        Ok(Box::new(Held { locked, key: self.key.clone(), handle: self.handle.clone() }))
    }
}

struct Held {
    locked: Locked,
    key: String,
    handle: String,
}

impl LockedSession for Held {
    fn load(&self) -> Option<Session> {
        match self.locked.get(&self.key).ok().flatten()? {
            Secret::BlueskySession { did, access_jwt, refresh_jwt } => {
                Some(Session { did, handle: self.handle.clone(), access_jwt, refresh_jwt })
            }
            _ => None,
        }
    }

    fn save(&self, s: &Session) -> Result<(), String> {
        let secret = Secret::BlueskySession {
            did: s.did.clone(),
            access_jwt: s.access_jwt.clone(),
            refresh_jwt: s.refresh_jwt.clone(),
        };
        self.locked.set(&self.key, secret).map_err(|e| e.to_string())
    }
}

/// The secret-store key of the Tumblr app (client id and secret) used with the API at `server`.
pub fn tumblr_app_key(server: &str) -> String {
    format!("app:tumblr:{}", server.trim_end_matches('/'))
}

/// The tokens of one Tumblr account in the secret store.
pub struct FileTokens {
    secrets: Secrets,
    key: String,
}

impl FileTokens {
    /// The stored tokens of account `key`.
    pub fn new(secrets: Secrets, key: &str) -> Self {
        FileTokens { secrets, key: key.to_string() }
    }
}

impl TokenStore for FileTokens {
    fn lock(&self) -> Result<Box<dyn LockedTokens>, String> {
        let locked = self.secrets.lock().map_err(|e| e.to_string())?;
        Ok(Box::new(HeldTokens { locked, key: self.key.clone() }))
    }
}

struct HeldTokens {
    locked: Locked,
    key: String,
}

impl LockedTokens for HeldTokens {
    fn load(&self) -> Option<Tokens> {
        match self.locked.get(&self.key).ok().flatten()? {
            Secret::TumblrToken { access_token, refresh_token, expires_at } => {
                Some(Tokens { access_token, refresh_token, expires_at })
            }
            Secret::Token { token } => Some(Tokens::access_only(token)),
            _ => None,
        }
    }

    fn save(&self, t: &Tokens) -> Result<(), String> {
        let secret = Secret::TumblrToken {
            access_token: t.access_token.clone(),
            refresh_token: t.refresh_token.clone(),
            expires_at: t.expires_at,
        };
        self.locked.set(&self.key, secret).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tumblr_tokens_round_trip_under_the_lock() {
        let dir = std::env::temp_dir().join(format!("murre-file-tokens-{}", std::process::id()));
        let store = FileTokens::new(Secrets::new(&dir), "tumblr:blog");
        let tokens = Tokens { access_token: "a".into(), refresh_token: Some("r".into()), expires_at: Some(5) };
        let held = store.lock().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(held.load(), None);
        assert!(held.save(&tokens).is_ok());
        assert_eq!(held.load(), Some(tokens));
        drop(held);
        let legacy = Secrets::new(&dir).set("tumblr:blog", Secret::Token { token: "old".into() });
        assert!(legacy.is_ok());
        let held = store.lock().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(held.load(), Some(Tokens::access_only("old".into())));
        assert_eq!(tumblr_app_key("http://127.0.0.1:9/"), "app:tumblr:http://127.0.0.1:9");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
