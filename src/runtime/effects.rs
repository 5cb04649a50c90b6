//! Executes effects on tokio tasks; each result comes back as a `Msg`.

use std::sync::{Arc, RwLock};

use tokio::sync::mpsc;

use crate::app::{AccountChoice, Effect, Msg, Source};
use crate::backend::Client;
use crate::model::AccountId;
use crate::store::config::Config;
use crate::ui::{Keymap, Theme};

/// What the event loop needs besides `App`: clients (one per source, same order), theme, keys.
#[derive(Debug, Clone)]
pub struct Runtime {
    /// One per source, same order; a login replaces or appends one.
    pub clients: Arc<RwLock<Vec<Client>>>,
    pub theme: Theme,
    pub keymap: Keymap,
    /// Where accounts live (choices are saved, logins land); `None` in the demo.
    pub home: Option<super::login::Home>,
    /// Where drafts wait until every target has them.
    pub outbox: crate::store::outbox::Outbox,
    /// Where the app's time comes from (the wall clock; tests follow a paused tokio clock).
    pub clock: super::live::Clock,
    /// Open streams, markers sent, the state folder.
    pub live: super::live::LiveState,
    /// The image viewer (`$MURRE_VIEWER` or `[ui] viewer`), as words; the desktop's opener when unset.
    pub viewer: Option<Vec<String>>,
}

impl Runtime {
    /// A runtime over `clients`, on the wall clock, keeping no state on disk.
    pub fn new(clients: Vec<Client>, theme: Theme, keymap: Keymap, outbox: crate::store::outbox::Outbox) -> Self {
        Runtime {
            clients: Arc::new(RwLock::new(clients)),
            theme,
            keymap,
            home: None,
            outbox,
            clock: super::live::Clock::Wall,
            live: super::live::LiveState::default(),
            viewer: super::images::viewer(None),
        }
    }

    /// Starts the work an effect asks for; never blocks the event loop.
    pub fn spawn(&self, effect: Effect, tx: mpsc::UnboundedSender<Msg>) {
        match effect {
            Effect::Fetch { req, source, at, kind, feed: None } => {
                let clients = Arc::clone(&self.clients);
                tokio::spawn(async move {
                    let client = clients.read().ok().and_then(|c| c.get(source).cloned());
                    let Some(client) = client else { return };
                    let result = client.home(at).await;
                    let _ = tx.send(Msg::FeedLoaded { req, source, kind, result });
                });
            }
            Effect::Fetch { req, source, at, kind, feed: Some((account, feed)) } => {
                let client = self.client_of(&account);
                tokio::spawn(async move {
                    let result = match client {
                        Some(client) => client.feed(&feed, at).await,
                        None => Err(not_connected(&account)),
                    };
                    let _ = tx.send(Msg::FeedLoaded { req, source, kind, result });
                });
            }
            Effect::SaveAccountChoices(choices) => {
                let Some(path) = self.home.as_ref().map(|h| h.dirs.config_file()) else { return };
                tokio::task::spawn_blocking(move || {
                    if let Err(e) = save_choices(&path, &choices) {
                        let _ = tx.send(Msg::OpenFailed(format!("could not save the account choices: {e}")));
                    }
                });
            }
            Effect::SaveFeeds { timeline, panes } => {
                let Some(path) = self.home.as_ref().map(|h| h.dirs.config_file()) else { return };
                tokio::task::spawn_blocking(move || {
                    let saved = crate::store::config::Config::update(&path, |config| {
                        config.timeline.feeds = timeline;
                        config.panes = panes;
                    });
                    if let Err(e) = saved {
                        let _ = tx.send(Msg::OpenFailed(format!("could not save the lists and feeds: {e}")));
                    }
                });
            }
            Effect::Publish(request) => self.publish(request, tx),
            Effect::LoadImage(path) => self.load_image(path, tx),
            Effect::Retry(id) => self.retry(id, tx),
            Effect::Discard(id) => self.discard(id, tx),
            // The event loop runs logins and the editor itself: they need the terminal.
            Effect::Login { .. } | Effect::Edit(_) => {}
            Effect::Logout { account } => {
                let Some(home) = self.home.clone() else {
                    let _ = tx.send(Msg::OpenFailed("the demo accounts cannot log out".into()));
                    return;
                };
                tokio::spawn(async move {
                    match crate::cli::accounts::logout_account(&home.dirs, &account).await {
                        Ok(report) => {
                            let _ = tx.send(Msg::LoggedOut(account.clone()));
                            if let Some(e) = report.revoke_failed {
                                let text = format!("logged out of {account}; the server did not revoke ({e})");
                                let _ = tx.send(Msg::OpenFailed(text));
                            }
                        }
                        Err(e) => {
                            let _ = tx.send(Msg::OpenFailed(format!("could not log out of {account}: {e}")));
                        }
                    }
                });
            }
            Effect::Interact { req, target, act } => {
                let client = self.client_of(&target.post.account);
                tokio::spawn(async move {
                    let result = match client {
                        Some(c) => c.interact(&target, act).await,
                        None => Err(not_connected(&target.post.account)),
                    };
                    let msg = match result {
                        Ok(outcome) => Msg::Interacted { req, outcome },
                        Err(error) => Msg::InteractFailed { req, error },
                    };
                    let _ = tx.send(msg);
                });
            }
            Effect::CheckFollowing { req, target } => {
                let client = self.client_of(&target.post.account);
                tokio::spawn(async move {
                    let result = match client {
                        Some(c) => c.following(&target).await,
                        None => Err(not_connected(&target.post.account)),
                    };
                    let _ = tx.send(Msg::FollowingChecked { req, result });
                });
            }
            Effect::OpenStream { req, source, list } => self.open_stream(req, source, list, tx),
            Effect::CloseStream { source } => self.close_stream(source),
            Effect::LoadReadPosition => self.load_read_position(tx),
            Effect::SaveReadPosition(position) => {
                self.save_read_position(position);
            }
            Effect::Copy(text) => copy(&text),
            Effect::View(request) => self.view(request, tx),
            Effect::FetchImage { req, url } => super::images::spawn_fetch(req, url, tx),
            Effect::OpenImages(urls) => {
                let viewer = self.viewer.clone();
                tokio::task::spawn_blocking(move || {
                    if let Err(e) = super::images::open_images(viewer.as_deref(), &urls) {
                        let shown = urls.first().map_or("", String::as_str);
                        let _ = tx.send(Msg::OpenFailed(format!("cannot open the image ({e}); it is {shown}")));
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

impl Runtime {
    /// The client of `account` (the one that fetched a post acts on it).
    pub(super) fn client_of(&self, account: &AccountId) -> Option<Client> {
        self.clients.read().ok()?.iter().find(|c| c.account() == account).cloned()
    }

    /// Runs a login on the terminal (the caller has left the TUI) and connects what it changed;
    /// returns the sources to announce, or the reason nothing changed.
    pub async fn login(&self, account: Option<AccountId>, known: Vec<AccountId>) -> Result<Vec<Source>, String> {
        let Some(home) = self.home.clone() else { return Err("the demo has no accounts to log in to".into()) };
        let clients = Arc::clone(&self.clients);
        let work = move || -> Result<Vec<Source>, String> {
            let config = Config::load(&home.dirs.config_file()).map_err(|e| e.to_string())?;
            let args = super::login::args(&home, &config, account.as_ref());
            if !super::login::run_child(&args).map_err(|e| format!("cannot start the login: {e}"))? {
                return Err("the login did not finish; nothing changed".into());
            }
            let fresh = super::login::reconnect(&home, account.as_ref(), &known).map_err(|e| e.to_string())?;
            let mut all = clients.write().map_err(|_| "the clients are poisoned".to_string())?;
            let mut sources = Vec::new();
            for client in fresh {
                let source = Source::new(client.account().clone(), client.network());
                match all.iter().position(|c| c.account() == client.account()) {
                    Some(i) => all[i] = client,
                    None => all.push(client),
                }
                sources.push(source);
            }
            Ok(sources)
        };
        tokio::task::spawn_blocking(work).await.map_err(|e| e.to_string())?
    }
}

pub(super) fn not_connected(account: &AccountId) -> crate::backend::BackendError {
    crate::backend::BackendError::Invalid(format!("{account} is not connected (log in again with L)"))
}

/// Writes the switcher's choices into config.toml (under its lock, keeping everything else).
fn save_choices(path: &std::path::Path, choices: &[AccountChoice]) -> anyhow::Result<()> {
    crate::store::config::Config::update(path, |config| {
        for account in &mut config.accounts {
            if let Some(c) = choices.iter().find(|c| c.account == account.id) {
                account.in_timeline = c.included;
                account.default = c.posting;
                account.pane = c.pane;
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

/// Puts `text` on the clipboard through the terminal (OSC 52), which most terminals (and tmux with
/// `set-clipboard on`) pass on. murre writes this itself for the user; posts never can: their text is
/// sanitized, and `text` here is an address murre already cleaned.
fn copy(text: &str) {
    use base64::Engine;
    use std::io::Write;
    let clean = crate::text::sanitize_line(text);
    let encoded = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    let mut out = std::io::stdout();
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}
