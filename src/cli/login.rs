//! `murre login`: adds an account. Secrets come from stdin or a hidden prompt, never from arguments.

use std::io::Read;

use clap::Subcommand;

use super::connect::Context;
use crate::backend;
use crate::model::AccountId;
use crate::store::config::{AccountConfig, Config};
use crate::store::secrets::{Secret, Secrets};

/// The networks one can log in to.
#[derive(Debug, Subcommand)]
pub enum Login {
    /// A Mastodon-API server (Mastodon, GoToSocial, Pleroma, Akkoma...).
    Mastodon {
        /// The server, e.g. https://mastodon.social
        url: String,
        /// Read an access token you already have from stdin.
        #[arg(long)]
        token_stdin: bool,
    },
    /// Bluesky, with an app password.
    Bluesky {
        /// Your handle, e.g. you.bsky.social
        handle: String,
        /// Your PDS, when it cannot be found from the handle.
        #[arg(long)]
        service: Option<String>,
        /// Read the app password from stdin.
        #[arg(long)]
        app_password_stdin: bool,
    },
    /// Tumblr, with your own registered app (its client id and secret are asked for, or read from
    /// stdin one per line; register the redirect URL http://127.0.0.1:8765/callback with it).
    Tumblr {
        /// The API base URL (default https://api.tumblr.com); the authorize page is then under it too.
        #[arg(long)]
        api: Option<String>,
        /// Read an access token you already have from stdin.
        #[arg(long)]
        token_stdin: bool,
    },
}

/// Runs a login.
pub async fn run(login: Login, ctx: &Context) -> anyhow::Result<i32> {
    match login {
        Login::Mastodon { url, token_stdin: true } => mastodon_token(ctx, &url).await,
        Login::Mastodon { url, token_stdin: false } => super::login_mastodon::run(ctx, &url).await,
        Login::Bluesky { handle, service, app_password_stdin } => {
            super::login_bluesky::run(ctx, &handle, service.as_deref(), app_password_stdin).await
        }
        Login::Tumblr { api, token_stdin } => super::login_tumblr::run(ctx, api.as_deref(), token_stdin).await,
    }
}

/// `murre login` alone: asks which network, then the server or handle, then runs that login.
pub async fn ask(ctx: &Context) -> anyhow::Result<i32> {
    use super::prompt::line;
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        eprintln!("murre login: name the network: `login mastodon URL`, `login bluesky HANDLE` or `login tumblr`");
        return Ok(super::EXIT_USAGE);
    }
    let network = loop {
        let answer = line("Log in to which network? (mastodon, bluesky, tumblr): ")?;
        match crate::model::Network::parse(answer.trim()) {
            Some(n) => break n,
            None if answer.trim().is_empty() => anyhow::bail!("no network chosen; nothing was changed"),
            None => eprintln!("murre knows mastodon, bluesky and tumblr."),
        }
    };
    let login = match network {
        crate::model::Network::Mastodon => {
            let url = line("Your server (e.g. mastodon.social): ")?;
            anyhow::ensure!(!url.trim().is_empty(), "no server given; nothing was changed");
            Login::Mastodon { url, token_stdin: false }
        }
        crate::model::Network::Bluesky => {
            let handle = line("Your handle (e.g. you.bsky.social): ")?;
            anyhow::ensure!(!handle.trim().is_empty(), "no handle given; nothing was changed");
            let pds = line("Your PDS, if self-hosted (Enter finds it from the handle): ")?;
            let service = Some(pds.trim().to_string()).filter(|p| !p.is_empty());
            Login::Bluesky { handle, service, app_password_stdin: false }
        }
        crate::model::Network::Tumblr => Login::Tumblr { api: None, token_stdin: false },
    };
    run(login, ctx).await
}

pub(super) fn read_stdin_secret() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let secret = text.trim().to_string();
    anyhow::ensure!(!secret.is_empty(), "nothing was read from stdin");
    Ok(secret)
}

async fn mastodon_token(ctx: &Context, url: &str) -> anyhow::Result<i32> {
    let token = read_stdin_secret()?;
    let base = backend::http::base_url(url)?;
    let http = backend::http::client(backend::http::DEFAULT_TIMEOUT)?;
    super::login_mastodon::finish(ctx, &http, &base, token).await
}

/// Tells once where secrets are kept (this version has no OS keyring store).
fn notice_once(ctx: &Context, secrets: &Secrets) {
    let marker = ctx.dirs.data.join(".secrets-notice");
    if !marker.exists() {
        eprintln!("murre keeps tokens and sessions in {}.", secrets.describe());
        let _ = crate::store::write_private(&marker, b"shown\n");
    }
}

/// Stores the secret, then lists the account in config.toml (replacing an older entry of the same
/// id); the first account of a network becomes its default posting identity.
pub(super) fn save_account(
    ctx: &Context,
    id: AccountId,
    server: String,
    handle: String,
    display_name: String,
    secret: Secret,
) -> anyhow::Result<i32> {
    let network = id.network().ok_or_else(|| anyhow::anyhow!("bad account id {id}"))?;
    let secrets = Secrets::for_dirs(&ctx.dirs);
    let previous = secrets.get(&id.0)?;
    secrets.set(&id.0, secret)?;
    let listed = Config::update(&ctx.dirs.config_file(), |config| {
        let old = config.accounts.iter().find(|a| a.id == id);
        let (was_default, in_timeline) = (old.is_some_and(|a| a.default), old.is_none_or(|a| a.in_timeline));
        let pane = old.is_some_and(|a| a.pane);
        let first_of_network = !config.accounts.iter().any(|a| a.network == network && a.id != id);
        config.accounts.retain(|a| a.id != id);
        let default = was_default || first_of_network;
        config.accounts.push(AccountConfig {
            id: id.clone(),
            network,
            server,
            handle,
            display_name,
            default,
            in_timeline,
            pane,
        });
    });
    if let Err(e) = listed {
        // No half-written account: the secret goes back to what it was.
        let _ = match previous {
            Some(old) => secrets.set(&id.0, old),
            None => secrets.remove(&id.0),
        };
        return Err(e);
    }
    notice_once(ctx, &secrets);
    println!("Logged in as {id}.");
    Ok(0)
}
