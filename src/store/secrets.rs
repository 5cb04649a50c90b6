//! The secret store: the OS keyring when there is one (and murre is not confined to a
//! `--config-dir`), else a 0600 file in the data dir, mapping account ids to their secrets. Secrets
//! never go to config.toml, logs or `Debug` output. A lock file beside the store serializes writers.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::lock::FileLock;

/// A stored secret: an OAuth token, an OAuth app's keys, a Bluesky session, or a Tumblr grant.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Secret {
    Token {
        token: String,
    },
    /// An OAuth app registered on a server (key `app:SERVER_URL`), reused by later logins there.
    OAuthApp {
        client_id: String,
        client_secret: String,
    },
    BlueskySession {
        did: String,
        access_jwt: String,
        refresh_jwt: String,
    },
    /// A Tumblr OAuth2 grant: the access token, the refresh token when there is one (the app asked
    /// for `offline_access`), and when the access token expires (Unix seconds), when known.
    TumblrToken {
        access_token: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        refresh_token: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expires_at: Option<i64>,
    },
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// The secret store.
#[derive(Debug, Clone)]
pub struct Secrets {
    path: PathBuf,
    /// Entries go to the OS keyring; the file is still read for secrets stored before.
    keyring: bool,
}

impl Secrets {
    /// The file store in `data_dir` (never the OS keyring).
    pub fn new(data_dir: &Path) -> Self {
        Secrets { path: data_dir.join("secrets.toml"), keyring: false }
    }

    /// The store for these folders: the OS keyring when it answers, unless `--config-dir` confines
    /// murre to its folder; else the file.
    pub fn for_dirs(dirs: &super::Dirs) -> Self {
        // `--config-dir` decides first: the keyring is not even probed then.
        let keyring = !dirs.isolated && super::keyring::available();
        Secrets { keyring, ..Secrets::new(&dirs.data) }
    }

    /// The file the secrets are kept in (or the legacy file beside the keyring).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where secrets go, for the one-time notice.
    pub fn describe(&self) -> String {
        if self.keyring {
            "the OS keyring".to_string()
        } else {
            format!("{} (readable by you only; no OS keyring is used)", self.path.display())
        }
    }

    fn read(&self) -> anyhow::Result<BTreeMap<String, Secret>> {
        match std::fs::read_to_string(&self.path) {
            Ok(t) => toml::from_str(&t).map_err(|e| anyhow::anyhow!("{}: {e}", self.path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(e) => Err(anyhow::anyhow!("{}: {e}", self.path.display())),
        }
    }

    /// The secret of `account`, if stored.
    pub fn get(&self, account: &str) -> anyhow::Result<Option<Secret>> {
        if self.keyring {
            // Keyring reads are single entries; the lock only orders them against writers.
            return self.lock()?.get(account);
        }
        Ok(self.read()?.remove(account))
    }

    /// Stores (or replaces) the secret of `account`.
    pub fn set(&self, account: &str, secret: Secret) -> anyhow::Result<()> {
        self.lock()?.set(account, secret)
    }

    /// Removes the secret of `account`.
    pub fn remove(&self, account: &str) -> anyhow::Result<()> {
        self.lock()?.remove(account)
    }

    /// Takes the store's cross-process lock for a read-then-write that spans a network call
    /// (refreshing a rotating token): no other process writes until the returned guard is dropped.
    /// Use the guard's `get`/`set`; the store's own would wait for the lock forever.
    pub fn lock(&self) -> anyhow::Result<Locked> {
        let lock =
            FileLock::acquire(&self.path).map_err(|e| anyhow::anyhow!("{}: cannot lock: {e}", self.path.display()))?;
        Ok(Locked { store: self.clone(), _lock: lock })
    }
}

/// The secret store while this process holds its lock.
#[derive(Debug)]
pub struct Locked {
    store: Secrets,
    _lock: FileLock,
}

impl Locked {
    /// The secret of `account`, if stored.
    pub fn get(&self, account: &str) -> anyhow::Result<Option<Secret>> {
        if self.store.keyring
            && let Some(text) = super::keyring::get(account)?
        {
            return serde_json::from_str(&text).map(Some).map_err(|_| anyhow::anyhow!("unreadable keyring entry"));
        }
        Ok(self.store.read()?.remove(account))
    }

    /// Stores (or replaces) the secret of `account`.
    pub fn set(&self, account: &str, secret: Secret) -> anyhow::Result<()> {
        if self.store.keyring {
            super::keyring::set(account, &serde_json::to_string(&secret)?)?;
            // A copy from before the keyring was used must not outlive the new one.
            return self.forget_in_file(account);
        }
        self.update(|all| {
            all.insert(account.to_string(), secret);
        })
    }

    /// Removes the secret of `account` from wherever it is.
    pub fn remove(&self, account: &str) -> anyhow::Result<()> {
        if self.store.keyring {
            super::keyring::delete(account)?;
        }
        self.forget_in_file(account)
    }

    fn forget_in_file(&self, account: &str) -> anyhow::Result<()> {
        if self.store.read()?.contains_key(account) {
            self.update(|all| {
                all.remove(account);
            })?;
        }
        Ok(())
    }

    fn update(&self, change: impl FnOnce(&mut BTreeMap<String, Secret>)) -> anyhow::Result<()> {
        let mut all = self.store.read()?;
        change(&mut all);
        super::write_private(&self.store.path, toml::to_string(&all)?.as_bytes())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_dir_never_uses_the_os_keyring() {
        let dirs =
            crate::store::Dirs::resolve(Some(Path::new("/tmp/murre-isolated"))).unwrap_or_else(|e| panic!("{e}"));
        let s = Secrets::for_dirs(&dirs);
        assert!(s.describe().contains("secrets.toml") && s.describe().contains("no OS keyring"));
    }

    #[test]
    fn stores_with_mode_0600_and_never_debug_prints_a_token() {
        let dir = std::env::temp_dir().join(format!("murre-secrets-{}", std::process::id()));
        let s = Secrets::new(&dir);
        assert!(s.set("mastodon:a@h", Secret::Token { token: "tok-123".into() }).is_ok());
        assert_eq!(s.get("mastodon:a@h").ok().flatten(), Some(Secret::Token { token: "tok-123".into() }));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("secrets.toml")).map(|m| m.permissions().mode() & 0o777).ok();
            assert_eq!(mode, Some(0o600));
        }
        assert!(!format!("{:?}", s.get("mastodon:a@h").ok().flatten()).contains("tok-123"));
        assert!(s.remove("mastodon:a@h").is_ok());
        assert_eq!(s.get("mastodon:a@h").ok().flatten(), None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_tumblr_grant_round_trips_with_or_without_its_refresh_token() {
        let dir = std::env::temp_dir().join(format!("murre-secrets-tumblr-{}", std::process::id()));
        let s = Secrets::new(&dir);
        let full = Secret::TumblrToken {
            access_token: "a1".into(),
            refresh_token: Some("r1".into()),
            expires_at: Some(1_800_000_000),
        };
        let bare = Secret::TumblrToken { access_token: "a2".into(), refresh_token: None, expires_at: None };
        assert!(s.set("tumblr:one", full.clone()).is_ok() && s.set("tumblr:two", bare.clone()).is_ok());
        assert_eq!(s.get("tumblr:one").ok().flatten(), Some(full));
        assert_eq!(s.get("tumblr:two").ok().flatten(), Some(bare));
        let text = std::fs::read_to_string(dir.join("secrets.toml")).unwrap_or_default();
        assert!(text.contains("kind = \"tumblr_token\"") && !text.contains("refresh_token = \"\""), "{text}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
