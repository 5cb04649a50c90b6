//! Executes effects on tokio tasks; each result comes back as a `Msg`.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::mpsc;

use crate::app::{AccountChoice, Effect, FetchKind, Msg};
use crate::backend::{Client, Cursor};
use crate::ui::{Keymap, Theme};

/// What the event loop needs besides `App`: clients (one per source, same order), theme, keys.
#[derive(Debug, Clone)]
pub struct Runtime {
    pub clients: Arc<Vec<Client>>,
    pub theme: Theme,
    pub keymap: Keymap,
    /// Where the switcher's choices are kept; `None` (the demo) keeps them for this run only.
    pub config_file: Option<PathBuf>,
}

impl Runtime {
    /// Starts the work an effect asks for; never blocks the event loop.
    pub fn spawn(&self, effect: Effect, tx: mpsc::UnboundedSender<Msg>) {
        match effect {
            Effect::Fetch { req, source, at } => {
                let clients = Arc::clone(&self.clients);
                tokio::spawn(async move {
                    let kind = if matches!(at, Cursor::Older(_)) { FetchKind::Older } else { FetchKind::Newer };
                    let Some(client) = clients.get(source) else { return };
                    let result = client.home(at).await;
                    let _ = tx.send(Msg::FeedLoaded { req, source, kind, result });
                });
            }
            Effect::SaveAccountChoices(choices) => {
                let Some(path) = self.config_file.clone() else { return };
                tokio::task::spawn_blocking(move || {
                    if let Err(e) = save_choices(&path, &choices) {
                        let _ = tx.send(Msg::OpenFailed(format!("could not save the account choices: {e}")));
                    }
                });
            }
            Effect::OpenUrl(url) => {
                tokio::task::spawn_blocking(move || {
                    if let Err(e) = open_url(&url) {
                        let _ = tx.send(Msg::OpenFailed(format!("cannot open a browser ({e}); the link is {url}")));
                    }
                });
            }
        }
    }
}

/// Writes the switcher's choices into config.toml (under its lock, keeping everything else).
fn save_choices(path: &std::path::Path, choices: &[AccountChoice]) -> anyhow::Result<()> {
    crate::store::config::Config::update(path, |config| {
        for account in &mut config.accounts {
            if let Some(c) = choices.iter().find(|c| c.account == account.id) {
                account.in_timeline = c.included;
                account.default = c.posting;
            }
        }
    })
    .map(|_| ())
}

/// Opens `url` in the user's browser: `$BROWSER` when set, else the desktop's opener. The URL is
/// one argument, never shell text.
pub fn open_url(url: &str) -> std::io::Result<()> {
    let default = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let opener = std::env::var("BROWSER").ok().filter(|b| !b.trim().is_empty()).unwrap_or_else(|| default.into());
    let status = std::process::Command::new(&opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()?;
    if status.success() { Ok(()) } else { Err(std::io::Error::other(format!("{opener} failed"))) }
}
