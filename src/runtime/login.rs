//! Logging in from inside the TUI. The terminal is handed to `murre login` (a child process of this
//! same binary, so prompts, hidden input and the browser flow are exactly the CLI's), then taken back;
//! the new or renewed account is connected from the fresh config and secrets without a restart.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use crate::backend::Client;
use crate::model::{AccountId, Network};
use crate::store::Dirs;
use crate::store::config::{AccountConfig, Config};

/// Where murre's accounts live; absent in the demo.
#[derive(Debug, Clone)]
pub struct Home {
    pub dirs: Dirs,
    /// The `--config-dir` murre was started with, passed on to the login.
    pub config_dir: Option<PathBuf>,
}

/// The arguments of `murre login` for `account` (again), or for a new account when `None`.
pub fn args(home: &Home, config: &Config, account: Option<&AccountId>) -> Vec<OsString> {
    let mut args: Vec<OsString> = Vec::new();
    if let Some(dir) = &home.config_dir {
        args.extend(["--config-dir".into(), dir.clone().into_os_string()]);
    }
    args.push("login".into());
    let Some(a) = account.and_then(|id| config.accounts.iter().find(|a| &a.id == id)) else { return args };
    args.extend(again(a).into_iter().map(OsString::from));
    args
}

fn again(a: &AccountConfig) -> Vec<String> {
    match a.network {
        Network::Mastodon => vec!["mastodon".into(), a.server.clone()],
        Network::Bluesky => vec!["bluesky".into(), a.handle.clone(), "--service".into(), a.server.clone()],
        Network::Tumblr if a.server == crate::backend::tumblr::API => vec!["tumblr".into()],
        Network::Tumblr => vec!["tumblr".into(), "--api".into(), a.server.clone()],
    }
}

/// Runs `murre ARGS` on the terminal (blocking) and waits; true when it logged in. On failure the
/// user reads the message and presses Enter before the TUI comes back.
pub fn run_child(args: &[OsString]) -> std::io::Result<bool> {
    let exe = std::env::current_exe()?;
    eprintln!("\nmurre: logging in; the timeline comes back when this is done.\n");
    let ok = std::process::Command::new(exe).args(args).status()?.success();
    if !ok {
        eprint!("\nThe login did not finish. Press Enter to go back to murre. ");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    }
    Ok(ok)
}

/// Clients for what the login changed: `account` again, or every configured account not in `known`.
pub fn reconnect(home: &Home, account: Option<&AccountId>, known: &[AccountId]) -> anyhow::Result<Vec<Client>> {
    let config = Config::load(&home.dirs.config_file())?;
    let secrets = crate::store::secrets::Secrets::for_dirs(&home.dirs);
    let http = crate::backend::http::client(crate::backend::http::DEFAULT_TIMEOUT)?;
    config
        .accounts
        .iter()
        .filter(|a| match account {
            Some(id) => &a.id == id,
            None => !known.contains(&a.id),
        })
        .map(|a| crate::cli::client_for(&http, a, &secrets))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(network: Network, id: &str, server: &str, handle: &str) -> AccountConfig {
        AccountConfig {
            id: AccountId(id.into()),
            network,
            server: server.into(),
            handle: handle.into(),
            display_name: String::new(),
            default: true,
            in_timeline: true,
            pane: false,
        }
    }

    #[test]
    fn a_login_again_names_the_account_and_keeps_the_config_dir() {
        let home = Home {
            dirs: Dirs::resolve(Some("/tmp/m".as_ref())).unwrap_or_else(|e| panic!("{e}")),
            config_dir: Some("/tmp/m".into()),
        };
        let config = Config {
            accounts: vec![
                account(Network::Bluesky, "bluesky:a.test", "http://127.0.0.1:2583", "a.test"),
                account(Network::Mastodon, "mastodon:b@h", "https://h", "b"),
            ],
            ..Config::default()
        };
        let text = |v: Vec<OsString>| v.into_iter().map(|s| s.to_string_lossy().into_owned()).collect::<Vec<_>>();
        let id = AccountId("bluesky:a.test".into());
        assert_eq!(
            text(args(&home, &config, Some(&id))),
            ["--config-dir", "/tmp/m", "login", "bluesky", "a.test", "--service", "http://127.0.0.1:2583"]
        );
        assert_eq!(text(args(&home, &config, None)), ["--config-dir", "/tmp/m", "login"]);
        let id = AccountId("mastodon:b@h".into());
        assert_eq!(text(args(&home, &config, Some(&id)))[2..], ["login", "mastodon", "https://h"]);
    }
}
