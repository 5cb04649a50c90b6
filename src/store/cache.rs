//! The timeline cache: the newest posts of each source, kept on disk so the next start draws them in
//! its first frame, before any server answers. One 0600 JSON file per source in `CACHE/timeline/`
//! (posts can be private), written atomically. A file that is unreadable, of another format version
//! or for another account is ignored (and replaced at the next save), never fatal.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{AccountId, Post};

/// Bumped whenever the shape of a cached post changes: older files are then ignored.
const VERSION: u32 = 1;
/// Posts kept per source.
pub const KEEP: usize = 100;

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    account: AccountId,
    posts: Vec<Post>,
}

/// The cache folder.
#[derive(Debug, Clone)]
pub struct TimelineCache {
    dir: PathBuf,
}

impl TimelineCache {
    /// The cache in `cache_dir`.
    pub fn new(cache_dir: &Path) -> Self {
        TimelineCache { dir: cache_dir.join("timeline") }
    }

    fn path(&self, account: &AccountId) -> PathBuf {
        let safe: String =
            account.0.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
        self.dir.join(format!("{safe}.json"))
    }

    /// The cached posts of `account`, newest first; empty when there is no usable cache.
    pub fn load(&self, account: &AccountId) -> Vec<Post> {
        let path = self.path(account);
        let Ok(bytes) = std::fs::read(&path) else { return Vec::new() };
        match serde_json::from_slice::<File>(&bytes) {
            Ok(f) if f.version == VERSION && f.account == *account => f.posts,
            Ok(_) => {
                tracing::info!(file = %path.display(), "timeline cache of another version or account ignored");
                Vec::new()
            }
            Err(e) => {
                tracing::warn!(file = %path.display(), "unreadable timeline cache ignored: {e}");
                Vec::new()
            }
        }
    }

    /// Keeps the newest `KEEP` of `posts` (newest first) for `account`.
    pub fn save(&self, account: &AccountId, posts: &[&Post]) -> anyhow::Result<()> {
        let file = File {
            version: VERSION,
            account: account.clone(),
            posts: posts.iter().take(KEEP).map(|p| (*p).clone()).collect(),
        };
        super::write_private(&self.path(account), &serde_json::to_vec(&file)?)?;
        Ok(())
    }

    /// Forgets `account`'s cache (at logout).
    pub fn remove(&self, account: &AccountId) {
        let _ = std::fs::remove_file(self.path(account));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PostKey;

    fn post(i: i64, text: &str) -> Post {
        let key = PostKey::Bluesky { uri: format!("at://x/app.bsky.feed.post/{i}"), cid: "c".into() };
        let at = jiff::Timestamp::from_second(1_780_000_000 - i).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        Post::sample(key, &AccountId("bluesky:a.test".into()), "a.test", at, text)
    }

    #[test]
    fn posts_round_trip_in_a_private_file_and_anything_odd_is_ignored() {
        let dir = std::env::temp_dir().join(format!("murre-cache-{}", std::process::id()));
        let cache = TimelineCache::new(&dir);
        let me = AccountId("bluesky:a.test".into());
        let posts: Vec<Post> = (0..150).map(|i| post(i, &format!("日本語 👩‍👩‍👧 {i}"))).collect();
        assert!(cache.save(&me, &posts.iter().collect::<Vec<_>>()).is_ok());
        let back = cache.load(&me);
        assert_eq!(back.len(), KEEP);
        assert_eq!(back[..], posts[..KEEP]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(cache.path(&me)).map(|m| m.permissions().mode() & 0o777).ok();
            assert_eq!(mode, Some(0o600));
        }
        assert!(cache.load(&AccountId("bluesky:other.test".into())).is_empty());
        let _ =
            std::fs::write(cache.path(&me), b"{\"version\": 1, \"account\": \"bluesky:a.test\", \"posts\": [{\"oops\"");
        assert!(cache.load(&me).is_empty(), "a corrupt file is ignored");
        let _ = std::fs::write(cache.path(&me), b"{\"version\": 99, \"account\": \"bluesky:a.test\", \"posts\": []}");
        assert!(cache.load(&me).is_empty(), "another version is ignored");
        cache.remove(&me);
        assert!(!cache.path(&me).exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
