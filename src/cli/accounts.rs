//! `murre accounts` and `murre logout`.

use serde::Serialize;

use super::EXIT_USAGE;
use super::connect::{Context, match_account};
use crate::model::AccountId;
use crate::store::config::Config;
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

/// Removes an account from the config and its secrets from the store.
pub fn logout(ctx: &Context, query: &str) -> anyhow::Result<i32> {
    let ids: Vec<AccountId> = ctx.config.accounts.iter().map(|a| a.id.clone()).collect();
    let id = match match_account(query, &ids) {
        Ok(id) => id.clone(),
        Err(e) => {
            eprintln!("murre: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    Config::update(&ctx.dirs.config_file(), |config| config.accounts.retain(|a| a.id != id))?;
    Secrets::new(&ctx.dirs.data).remove(&id.0)?;
    println!("Logged out of {id}; its secrets are removed.");
    Ok(0)
}
