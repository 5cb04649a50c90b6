//! `murre accounts` and `murre logout`.

use serde::Serialize;

use super::EXIT_USAGE;
use super::connect::{Context, match_account};
use crate::backend::bluesky::auth;
use crate::backend::{mastodon, oauth};
use crate::model::AccountId;
use crate::model::Network;
use crate::store::config::{AccountConfig, Config};
use crate::store::secrets::Secret;
use crate::store::secrets::Secrets;

#[derive(Serialize)]
struct JsonAccount<'a> {
    id: &'a str,
    network: &'static str,
    server: &'a str,
    handle: &'a str,
    display_name: &'a str,
    default: bool,
}

/// Lists the configured accounts.
pub fn list(ctx: &Context, json: bool) -> anyhow::Result<i32> {
    let accounts = &ctx.config.accounts;
    if json {
        let rows: Vec<JsonAccount> = accounts
            .iter()
            .map(|a| JsonAccount {
                id: &a.id.0,
                network: a.network.as_str(),
                server: &a.server,
                handle: &a.handle,
                display_name: &a.display_name,
                default: a.default,
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else if accounts.is_empty() {
        println!(
            "No accounts yet. Add one with `murre login mastodon URL`, `murre login bluesky HANDLE` or `murre login tumblr`."
        );
    } else {
        for a in accounts {
            println!("{}{}  {}  {}", a.id, if a.default { " (default)" } else { "" }, a.server, a.display_name);
        }
    }
    Ok(0)
}

/// Logs out: revokes the token or session on the server where the API allows, then removes the
/// account from config and its secret from the store. A failed revocation is reported, not fatal.
pub async fn logout(ctx: &Context, query: &str) -> anyhow::Result<i32> {
    let ids: Vec<AccountId> = ctx.config.accounts.iter().map(|a| a.id.clone()).collect();
    let id = match match_account(query, &ids) {
        Ok(id) => id.clone(),
        Err(e) => {
            eprintln!("murre: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    let report = logout_account(&ctx.dirs, &id).await?;
    if let Some(server) = &report.revoked_on {
        println!("Revoked murre's access on {server}.");
    }
    if let Some(e) = &report.revoke_failed {
        eprintln!("murre: could not revoke the access on the server ({e}); it is removed here anyway.");
    }
    println!("Logged out of {id}; its secrets are removed.");
    Ok(0)
}

/// What a logout did.
#[derive(Debug, Default)]
pub struct LogoutReport {
    /// The server where murre's access was revoked.
    pub revoked_on: Option<String>,
    /// Why revoking failed (the account is removed here anyway).
    pub revoke_failed: Option<String>,
}

/// Logs `id` out (for the CLI and the TUI): revokes where the API allows, then removes the account
/// from config.toml and its secret from the store; the other accounts are untouched.
pub async fn logout_account(dirs: &crate::store::Dirs, id: &AccountId) -> anyhow::Result<LogoutReport> {
    let config = Config::load(&dirs.config_file())?;
    let secrets = Secrets::for_dirs(dirs);
    let mut report = LogoutReport::default();
    if let Some(account) = config.accounts.iter().find(|a| &a.id == id) {
        match revoke(account, &secrets).await {
            Ok(true) => report.revoked_on = Some(account.server.clone()),
            Ok(false) => {}
            Err(e) => report.revoke_failed = Some(e.to_string()),
        }
    }
    Config::update(&dirs.config_file(), |config| config.accounts.retain(|a| &a.id != id))?;
    secrets.remove(&id.0)?;
    crate::store::cache::TimelineCache::new(&dirs.cache).remove(id);
    Ok(report)
}

/// Revokes what the server lets a client revoke; `Ok(false)` when there is nothing to revoke.
async fn revoke(account: &AccountConfig, secrets: &Secrets) -> anyhow::Result<bool> {
    let http = crate::backend::http::client(crate::backend::http::DEFAULT_TIMEOUT)?;
    let say = |e: crate::backend::BackendError| anyhow::anyhow!(e.user_message(account.network));
    match (account.network, secrets.get(&account.id.0)?) {
        (Network::Mastodon, Some(Secret::Token { token })) => {
            let base = crate::backend::http::base_url(&account.server)?;
            let app = match secrets.get(&format!("app:{}", account.server.trim_end_matches('/')))? {
                Some(Secret::OAuthApp { client_id, client_secret }) => oauth::AppKeys { client_id, client_secret },
                // A token given with --token-stdin came from another app: murre cannot revoke it.
                _ => return Ok(false),
            };
            mastodon::oauth::revoke(&http, &base, &app, &token).await.map_err(say)?;
            Ok(true)
        }
        (Network::Bluesky, Some(Secret::BlueskySession { refresh_jwt, .. })) => {
            auth::delete_session(&http, &account.server, &refresh_jwt).await.map_err(say)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}
