//! The command line: arguments (clap), and the non-interactive commands with text and JSON output.

pub mod accounts;
mod callback;
mod connect;
mod json;
mod login;
mod login_bluesky;
mod login_mastodon;
mod login_tumblr;
mod post;
mod prompt;
mod reply_to;
mod timeline;

pub use connect::{Connected, client_for, connect};

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Exit code: usage error (bad flag, unknown or ambiguous account).
pub const EXIT_USAGE: i32 = 2;
/// Exit code: partly done (some sources or targets failed).
pub const EXIT_PARTIAL: i32 = 3;

/// murre: one terminal timeline for Mastodon, Bluesky and Tumblr.
#[derive(Debug, Parser)]
#[command(name = "murre", version, about, long_about = None)]
pub struct Args {
    /// Keep config, data, cache, state and secrets in DIR instead of the usual folders.
    #[arg(long, global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
    /// Use the built-in demo network (no account, no internet).
    #[arg(long, global = true)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in to an account (without a network: asks which, and for the server or handle).
    Login {
        #[command(subcommand)]
        network: Option<login::Login>,
    },
    /// List the configured accounts.
    Accounts {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Remove an account and its secrets.
    Logout {
        /// The account (id, unique prefix, or network name).
        account: String,
    },
    /// Print the merged home timeline.
    Timeline {
        /// Only these accounts (repeatable).
        #[arg(long = "account", value_name = "ACCOUNT")]
        accounts: Vec<String>,
        /// How many posts at most.
        #[arg(long, default_value_t = 40)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Publish a post to one or several networks.
    Post(post::Args),
}

/// Runs a subcommand and returns the process exit code.
pub async fn run(command: Command, ctx: &connect::Context) -> anyhow::Result<i32> {
    match command {
        Command::Login { network: Some(l) } => login::run(l, ctx).await,
        Command::Login { network: None } => login::ask(ctx).await,
        Command::Accounts { json } => accounts::list(ctx, json),
        Command::Logout { account } => accounts::logout(ctx, &account).await,
        Command::Timeline { accounts, limit, json } => timeline::run(ctx, &accounts, limit, json).await,
        Command::Post(args) => post::run(ctx, args).await,
    }
}

pub use connect::Context;
