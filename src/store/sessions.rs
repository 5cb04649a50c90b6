//! Bluesky sessions kept in the secret store, refreshed under its cross-process lock.

use super::secrets::{Locked, Secret, Secrets};
use crate::backend::bluesky::{LockedSession, Session, SessionStore};

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
