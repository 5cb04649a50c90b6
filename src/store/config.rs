//! `config.toml`: theme, keys, timeline options and the list of accounts. Never a secret.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::{AccountId, Network};
use crate::ui::keymap::Overrides;

/// One configured account (its secret lives in the secret store, never here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountConfig {
    pub id: AccountId,
    pub network: Network,
    /// Base URL of the server (Mastodon instance, Bluesky PDS, Tumblr API).
    pub server: String,
    pub handle: String,
    #[serde(default)]
    pub display_name: String,
    /// The default posting identity for its network.
    #[serde(default)]
    pub default: bool,
    /// Whether the account feeds the merged timeline (the account switcher changes it).
    #[serde(default = "yes")]
    pub in_timeline: bool,
    /// Whether the account has its own pane beside the merged timeline.
    #[serde(default)]
    pub pane: bool,
}

/// Timeline options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineConfig {
    /// Show identical cross-posts as one row.
    #[serde(default = "yes")]
    pub group_cross_posts: bool,
    /// Seconds between two polls of a source that has no live stream (15 to 3600).
    #[serde(default = "poll_seconds")]
    pub poll_seconds: u64,
    /// Follow Mastodon accounts' live streams (polled when off or lost).
    #[serde(default = "yes")]
    pub streaming: bool,
    /// Remember where the reader stopped and open there at the next start.
    #[serde(default = "yes")]
    pub remember_position: bool,
    /// Posts holding one of these words (or `#tags`) are not shown, on any network.
    #[serde(default)]
    pub muted_words: Vec<String>,
    /// Rows kept in memory around the reader (at least 200); rows beyond are dropped and fetched
    /// again when the reader scrolls back to them.
    #[serde(default = "max_posts")]
    pub max_posts: usize,
    /// Lists and custom feeds merged into the timeline beside the accounts' home feeds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feeds: Vec<FeedConfig>,
}

/// A feed as config names it: an account's list or custom feed, or (with neither) its home feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    pub account: AccountId,
    /// A Mastodon list id, or a Bluesky list's at-uri.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    /// A Bluesky custom feed's at-uri.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed: Option<String>,
    /// What to call it (default: the last part of its id; "list 42" for a Mastodon list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl FeedConfig {
    /// The list or custom feed it names; `None`: the account's home feed.
    pub fn to_feed(&self) -> Option<crate::model::Feed> {
        use crate::model::{Feed, FeedKind};
        let (kind, id) = match (&self.list, &self.feed) {
            (Some(id), _) => (FeedKind::List, id.clone()),
            (None, Some(id)) => (FeedKind::Custom, id.clone()),
            (None, None) => return None,
        };
        let last = id.rsplit('/').next().unwrap_or(&id);
        // A Mastodon list's id is a number: "list 42" says more.
        let fallback =
            || if last.chars().all(|c| c.is_ascii_digit()) { format!("list {last}") } else { last.to_string() };
        let name = crate::text::sanitize_line(&self.name.clone().unwrap_or_else(fallback));
        Some(Feed { kind, id, name, pinned: false })
    }

    /// The config entry of `account`'s `feed` (`None`: its home feed).
    pub fn of(account: &AccountId, feed: Option<&crate::model::Feed>) -> Self {
        use crate::model::FeedKind;
        let id = |k: FeedKind| feed.filter(|f| f.kind == k).map(|f| f.id.clone());
        FeedConfig {
            account: account.clone(),
            list: id(FeedKind::List),
            feed: id(FeedKind::Custom),
            name: feed.map(|f| f.name.clone()),
        }
    }
}

/// A pane beside the merged timeline that merges the lists, feeds (and home feeds) it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaneConfig {
    pub name: String,
    pub sources: Vec<FeedConfig>,
}

impl Default for TimelineConfig {
    fn default() -> Self {
        TimelineConfig {
            group_cross_posts: true,
            poll_seconds: poll_seconds(),
            streaming: true,
            remember_position: true,
            muted_words: Vec::new(),
            max_posts: max_posts(),
            feeds: Vec::new(),
        }
    }
}

impl TimelineConfig {
    /// The poll interval, kept within 15 seconds and an hour.
    pub fn poll_interval(&self) -> jiff::SignedDuration {
        let secs = self.poll_seconds.clamp(15, 3600);
        jiff::SignedDuration::from_secs(i64::try_from(secs).unwrap_or(60))
    }

    /// The bound on rows in memory, never below 200 (a few pages of every source).
    pub fn row_bound(&self) -> usize {
        self.max_posts.max(200)
    }
}

fn max_posts() -> usize {
    5000
}

fn poll_seconds() -> u64 {
    crate::app::live::DEFAULT_POLL_SECS
}

/// Compose options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComposeConfig {
    /// Refuse to send an image without alt text.
    #[serde(default = "yes")]
    pub alt_required: bool,
}

impl Default for ComposeConfig {
    fn default() -> Self {
        ComposeConfig { alt_required: true }
    }
}

fn yes() -> bool {
    true
}

/// A three-way switch: `auto` lets murre decide from the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Switch {
    #[default]
    Auto,
    On,
    Off,
}

/// Display options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiConfig {
    /// Image previews in the detail pane: `auto` (not over SSH, not on `dumb`/`linux`), `on`, `off`.
    #[serde(default)]
    pub images: Switch,
    /// Clickable links (OSC 8) in the detail pane (never on `dumb`/`linux`).
    #[serde(default = "yes")]
    pub hyperlinks: bool,
    /// The image viewer `i` starts (words, no shell); `$MURRE_VIEWER` wins; else the desktop's opener.
    #[serde(default)]
    pub viewer: Option<String>,
}

impl Default for UiConfig {
    fn default() -> Self {
        UiConfig { images: Switch::Auto, hyperlinks: true, viewer: None }
    }
}

/// The whole config file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Theme name: `dark`, `light`, or a file `themes/NAME.toml` in the config dir.
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub timeline: TimelineConfig,
    #[serde(default)]
    pub compose: ComposeConfig,
    #[serde(default)]
    pub ui: UiConfig,
    #[serde(default)]
    pub keys: Overrides,
    #[serde(default)]
    pub accounts: Vec<AccountConfig>,
    /// Panes of lists and feeds beside the merged timeline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub panes: Vec<PaneConfig>,
}

impl Config {
    /// Reads the config file; a missing file is an empty config. Errors name the file and line.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => anyhow::bail!("{}: {e}", path.display()),
        };
        toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    }

    /// Changes the config file under its cross-process lock: read fresh, `change`, write atomically.
    /// Two murre processes adding accounts at once both keep their change.
    pub fn update(path: &Path, change: impl FnOnce(&mut Config)) -> anyhow::Result<Config> {
        let _guard = super::lock::FileLock::acquire(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let mut config = Config::load(path)?;
        change(&mut config);
        config.save(path)?;
        Ok(config)
    }

    /// Writes the config file atomically.
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        let text = toml::to_string_pretty(self)?;
        super::write_private(path, text.as_bytes()).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_of_feeds_and_feeds_in_the_timeline_round_trip() {
        let text = r#"
[timeline]
feeds = [{ account = "bluesky:ada.example", feed = "at://did:plc:x/app.bsky.feed.generator/cats" }]

[[panes]]
name = "Friends"
sources = [
  { account = "mastodon:ada@social.example", list = "42", name = "Close" },
  { account = "bluesky:ada.example", list = "at://did:plc:x/app.bsky.graph.list/l1" },
  { account = "tumblr:ada" },
]
"#;
        let config: Config = toml::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        let kinds: Vec<_> = config.panes[0].sources.iter().map(|s| s.to_feed().map(|f| (f.kind, f.name))).collect();
        use crate::model::FeedKind;
        assert_eq!(kinds, [Some((FeedKind::List, "Close".into())), Some((FeedKind::List, "l1".into())), None]);
        assert_eq!(config.timeline.feeds[0].to_feed().map(|f| f.kind), Some(FeedKind::Custom));
        let again: Config = toml::from_str(&toml::to_string_pretty(&config).unwrap_or_default()).unwrap_or_default();
        assert_eq!(again, config);
    }

    #[test]
    fn a_bad_config_names_file_and_line() {
        let dir = std::env::temp_dir().join(format!("murre-config-test-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("config.toml");
        let _ = std::fs::write(&path, "theme = \"dark\"\n\n[timeline]\ngroup_cross_posts = maybe\n");
        let err = Config::load(&path).map(|_| ()).unwrap_err().to_string();
        assert!(err.contains("config.toml") && err.contains("line 4"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn concurrent_updates_keep_every_change() {
        let dir = std::env::temp_dir().join(format!("murre-config-race-{}", std::process::id()));
        let path = dir.join("config.toml");
        let workers: Vec<_> = (0..4)
            .map(|w| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for i in 0..10 {
                        let handle = format!("u{w}x{i}");
                        let added = Config::update(&path, |c| {
                            c.accounts.push(AccountConfig {
                                id: AccountId::new(Network::Mastodon, &format!("{handle}@h")),
                                network: Network::Mastodon,
                                server: "https://h".into(),
                                handle: handle.clone(),
                                display_name: String::new(),
                                default: false,
                                in_timeline: true,
                                pane: false,
                            })
                        });
                        assert!(added.is_ok(), "{added:?}");
                    }
                })
            })
            .collect();
        for w in workers {
            assert!(w.join().is_ok());
        }
        assert_eq!(Config::load(&path).map(|c| c.accounts.len()).ok(), Some(40));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn round_trip() {
        let dir = std::env::temp_dir().join(format!("murre-config-rt-{}", std::process::id()));
        let path = dir.join("config.toml");
        let config = Config {
            accounts: vec![AccountConfig {
                id: AccountId("mastodon:ada@example.social".into()),
                network: Network::Mastodon,
                server: "https://example.social".into(),
                handle: "ada".into(),
                display_name: "Ada".into(),
                default: true,
                in_timeline: false,
                pane: false,
            }],
            ..Config::default()
        };
        assert!(config.save(&path).is_ok());
        assert_eq!(Config::load(&path).ok(), Some(config));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
