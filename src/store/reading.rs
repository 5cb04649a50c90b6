//! The read position: where the reader stopped, kept in `STATE/read-position.json` (0600, written
//! atomically: a crash leaves the old file or the new one, never half of one). Servers with home
//! markers get it too (the runtime sends those); this file is what murre itself remembers.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::model::AccountId;

/// Where the reader is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The feed item's key (a post's global identity; a repost is an item of its own).
    pub key: String,
    /// Its feed time.
    pub at: Timestamp,
    /// When the reader was there.
    pub saved: Timestamp,
    /// Per Mastodon account, its own status at or below the position (what its home marker names).
    #[serde(default)]
    pub markers: Vec<(AccountId, String)>,
}

/// The file in the state folder.
pub fn path(state_dir: &Path) -> PathBuf {
    state_dir.join("read-position.json")
}

/// The remembered position; `None` when there is none or it cannot be read (then murre starts at
/// the newest, as on a first run).
pub fn load(state_dir: &Path) -> Option<Position> {
    let text = std::fs::read(path(state_dir)).ok()?;
    match serde_json::from_slice(&text) {
        Ok(position) => Some(position),
        Err(e) => {
            tracing::warn!("the read position file is unreadable ({e}); starting at the newest");
            None
        }
    }
}

/// Remembers `position`.
pub fn save(state_dir: &Path, position: &Position) -> std::io::Result<()> {
    let bytes = serde_json::to_vec_pretty(position).map_err(std::io::Error::other)?;
    super::write_private(&path(state_dir), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_position_comes_back_private_and_garbage_is_no_position() {
        let dir = std::env::temp_dir().join(format!("murre-reading-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(load(&dir), None);
        let at = Timestamp::from_second(1_780_000_000).unwrap_or(Timestamp::UNIX_EPOCH);
        let markers = vec![(AccountId("mastodon:ada@social.example".into()), "109".into())];
        let position = Position { key: "https://social.example/s/1".into(), at, saved: at, markers };
        save(&dir, &position).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(load(&dir), Some(position));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path(&dir)).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
            assert_eq!(mode, 0o600);
        }
        let _ = std::fs::write(path(&dir), "{ half");
        assert_eq!(load(&dir), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
