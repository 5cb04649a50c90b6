//! The outbox: a draft is written here before the first request and leaves only when every target
//! has it (or the user discards it). One 0600 JSON file per draft in `DATA/outbox/`, written
//! atomically under a lock; a crash (even `kill -9`) between two targets loses nothing, and each
//! target remembers whether a request may have reached its server, so a retry looks before sending.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::attachment::{self, Attachment};
use super::lock::FileLock;
use crate::model::{AccountId, PostKey, Visibility};

/// Where one target stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum State {
    /// Nothing was sent yet.
    Pending,
    /// A request went out and its outcome is unknown (no answer, an error, a crash): look first.
    Attempted,
    /// The post is there.
    Sent { url: Option<String> },
    /// The server refused it for good (the draft stays until the user retries or discards it).
    Failed { error: String },
}

/// One account a draft goes to, with the key that makes its retry safe (a Mastodon
/// Idempotency-Key, a Bluesky rkey).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub account: AccountId,
    pub key: String,
    pub state: State,
    /// A Mastodon-API server's limits when the draft was made (a thread splits the same way on retry).
    #[serde(default)]
    pub rules: Option<crate::publish::prepare::Rules>,
}

/// A draft waiting to be published everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Sortable by creation time; names the file.
    pub id: String,
    pub created: Timestamp,
    pub text: String,
    #[serde(default)]
    pub cw: String,
    #[serde(default)]
    pub visibility: Visibility,
    /// The post this answers (its network's key, as the replying account fetched it).
    #[serde(default)]
    pub reply_to: Option<PostKey>,
    /// Images with their alt text (bytes kept beside the draft).
    #[serde(default)]
    pub images: Vec<Attachment>,
    /// Text too long for a network goes out there as a numbered thread.
    #[serde(default)]
    pub split: bool,
    /// The post this quotes (Bluesky).
    #[serde(default)]
    pub quote: Option<PostKey>,
    pub targets: Vec<Target>,
}

impl Draft {
    /// True when every target has the post.
    pub fn done(&self) -> bool {
        self.targets.iter().all(|t| matches!(t.state, State::Sent { .. }))
    }
}

/// The outbox folder.
#[derive(Debug, Clone)]
pub struct Outbox {
    dir: PathBuf,
}

impl Outbox {
    /// The outbox in `data_dir`.
    pub fn new(data_dir: &Path) -> Self {
        Outbox { dir: data_dir.join("outbox") }
    }

    /// Ids are made here (digits and letters); anything else never names a file.
    fn safe_id(&self, id: &str) -> String {
        id.chars().filter(char::is_ascii_alphanumeric).collect()
    }

    fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{}.json", self.safe_id(id)))
    }

    fn lock(&self) -> anyhow::Result<FileLock> {
        FileLock::acquire(&self.dir.join("outbox"))
            .map_err(|e| anyhow::anyhow!("{}: cannot lock: {e}", self.dir.display()))
    }

    /// Writes `draft` (atomically; mode 0600: drafts can be private).
    pub fn save(&self, draft: &Draft) -> anyhow::Result<()> {
        let _guard = self.lock()?;
        attachment::save_all(&self.dir, &self.safe_id(&draft.id), &draft.images)?;
        super::write_private(&self.path(&draft.id), &serde_json::to_vec_pretty(draft)?)?;
        Ok(())
    }

    /// Every draft still waiting, oldest first. An unreadable file is reported, never deleted.
    pub fn list(&self) -> anyhow::Result<Vec<Draft>> {
        let _guard = self.lock()?;
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => anyhow::bail!("{}: {e}", self.dir.display()),
        };
        let mut drafts = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "json") {
                let text = std::fs::read(&path)?;
                match serde_json::from_slice::<Draft>(&text) {
                    Ok(mut d) => {
                        attachment::load_all(&self.dir, &self.safe_id(&d.id), &mut d.images);
                        drafts.push(d)
                    }
                    Err(e) => tracing::warn!(file = %path.display(), "unreadable draft kept aside: {e}"),
                }
            }
        }
        drafts.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(drafts)
    }

    /// Keeps the compose box's unsent text (and warning) across a quit; empty text removes it.
    pub fn keep_unsent(&self, text: &str, cw: &str) -> anyhow::Result<()> {
        let path = self.dir.join("unsent.txt.json");
        if text.trim().is_empty() && cw.trim().is_empty() {
            let _ = std::fs::remove_file(path);
            return Ok(());
        }
        super::write_private(&path, &serde_json::to_vec(&(text, cw))?)?;
        Ok(())
    }

    /// The compose box's text kept by the last quit, if any: (text, warning).
    pub fn unsent(&self) -> Option<(String, String)> {
        let bytes = std::fs::read(self.dir.join("unsent.txt.json")).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Removes a draft (published everywhere, or discarded).
    pub fn remove(&self, id: &str) -> anyhow::Result<()> {
        let _guard = self.lock()?;
        attachment::remove_all(&self.dir, &self.safe_id(id));
        match std::fs::remove_file(self.path(id)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(id: &str) -> Draft {
        Draft {
            id: id.into(),
            created: Timestamp::UNIX_EPOCH,
            text: "hello 👩‍👩‍👧".into(),
            cw: String::new(),
            visibility: Visibility::Public,
            reply_to: None,
            images: Vec::new(),
            split: false,
            quote: None,
            targets: vec![Target {
                account: AccountId("bluesky:a.test".into()),
                key: "k".into(),
                state: State::Pending,
                rules: None,
            }],
        }
    }

    #[test]
    fn drafts_round_trip_oldest_first_in_private_files_and_leave_when_removed() {
        let dir = std::env::temp_dir().join(format!("murre-outbox-{}", std::process::id()));
        let outbox = Outbox::new(&dir);
        let (mut b, a) = (draft("b2"), draft("a1"));
        assert!(outbox.save(&b).is_ok() && outbox.save(&a).is_ok());
        b.targets[0].state = State::Attempted;
        assert!(outbox.save(&b).is_ok());
        let listed = outbox.list().unwrap_or_default();
        assert_eq!(listed, [a.clone(), b.clone()]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("outbox/a1.json")).map(|m| m.permissions().mode() & 0o777).ok();
            assert_eq!(mode, Some(0o600));
        }
        let _ = std::fs::write(dir.join("outbox/zz.json"), "{not json");
        assert_eq!(outbox.list().map(|l| l.len()).ok(), Some(2), "a broken file is skipped, not fatal");
        assert!(outbox.remove("a1").is_ok() && outbox.remove("a1").is_ok());
        assert_eq!(outbox.list().map(|l| l.len()).ok(), Some(1));
        assert!(dir.join("outbox/zz.json").exists(), "never deleted");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn ids_cannot_name_files_outside_the_outbox() {
        let outbox = Outbox::new(Path::new("/tmp/x"));
        assert_eq!(outbox.path("../../etc/passwd"), Path::new("/tmp/x/outbox/etcpasswd.json"));
    }
}
