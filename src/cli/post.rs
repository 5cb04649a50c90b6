//! `murre post`: one text to several accounts at once, through the outbox. `--retry` finishes what the
//! outbox still holds (after a failure, a lost answer or a killed murre) without duplicates.

use std::io::Read;

use serde::Serialize;

use super::connect::{Context, connect, match_account};
use super::{EXIT_PARTIAL, EXIT_USAGE, reply_to};
use crate::model::{AccountId, Visibility};
use crate::publish::{self, Outcome, prepare};
use crate::store::attachment;
use crate::store::outbox::Outbox;
use crate::text::sanitize_line;

/// What `murre post` was asked.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Target accounts (repeatable); default: each network's default account.
    #[arg(long = "to", value_name = "ACCOUNT")]
    pub to: Vec<String>,
    /// A content warning (Mastodon's; a first line on Bluesky).
    #[arg(long, value_name = "TEXT")]
    pub cw: Option<String>,
    /// public, unlisted, followers or direct (Mastodon only; the others are public).
    #[arg(long, value_name = "V")]
    pub visibility: Option<String>,
    /// Answer this post: its web address or the `id` from `timeline --json`.
    #[arg(long = "reply-to", value_name = "POST")]
    pub reply_to: Option<String>,
    /// Quote this Bluesky post: its web address or the `id` from `timeline --json`.
    #[arg(long, value_name = "POST")]
    pub quote: Option<String>,
    /// Attach an image (repeatable; each takes the --alt in the same position).
    #[arg(long = "image", value_name = "PATH")]
    pub images: Vec<std::path::PathBuf>,
    /// The alt text of the image in the same position.
    #[arg(long = "alt", value_name = "TEXT")]
    pub alts: Vec<String>,
    /// Send a followers-only or direct post also where it will be public (Bluesky, Tumblr).
    #[arg(long = "allow-public")]
    pub allow_public: bool,
    /// Text too long for a network goes out there as a numbered thread instead of being refused.
    #[arg(long)]
    pub thread: bool,
    /// Resume what the outbox still holds.
    #[arg(long)]
    pub retry: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// The text, or - to read it from stdin.
    pub text: Option<String>,
}

/// Runs `murre post`; returns the exit code.
pub async fn run(ctx: &Context, args: Args) -> anyhow::Result<i32> {
    let outbox = Outbox::new(&ctx.dirs.data);
    if args.retry {
        return retry(ctx, &outbox, args.json).await;
    }
    let connected = connect(ctx).await?;
    let known: Vec<AccountId> = connected.clients.iter().map(|c| c.account().clone()).collect();
    let mut request = match request(ctx, &args, &known) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("murre post: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    let named = !args.to.is_empty();
    for (address, quoting) in args.reply_to.iter().map(|a| (a, false)).chain(args.quote.iter().map(|a| (a, true))) {
        match reply_to::resolve(&mut request, address, named, quoting, &connected.clients).await {
            Ok(key) if quoting => request.quote = Some(key),
            Ok(key) => request.reply_to = Some(key),
            Err((code, e)) => {
                eprintln!("murre post: {e}");
                return Ok(code);
            }
        }
    }
    request.rules = server_rules(&request.targets, &connected.clients).await;
    let problems = prepare::problems(&request);
    if !problems.is_empty() {
        for (account, why) in problems {
            eprintln!("murre post: {account}: {why}");
        }
        eprintln!("murre post: nothing was sent.");
        return Ok(1);
    }
    let mut draft = publish::new_draft(&request)?;
    let json = args.json;
    // Without --json, a line per target as soon as it answers.
    let mut each = move |o: &Outcome| {
        if !json {
            print_line(o);
        }
    };
    let outcomes = publish::send_with(&outbox, &mut draft, &connected.clients, &mut each).await?;
    report(&outcomes, args.json, false)
}

/// Each Mastodon-API target's own limits, asked of its server (the usual ones when it does not say).
async fn server_rules(targets: &[AccountId], clients: &[crate::backend::Client]) -> Vec<(AccountId, prepare::Rules)> {
    let asks = clients
        .iter()
        .filter(|c| c.network() == crate::model::Network::Mastodon && targets.contains(c.account()))
        .map(|c| async move { c.limits().await.ok().map(|l| (c.account().clone(), l.into())) });
    futures_util::future::join_all(asks).await.into_iter().flatten().collect()
}

/// The request from the arguments; `known` are the accounts murre can post as (in the demo, the
/// demo accounts, all of them by default).
fn request(ctx: &Context, args: &Args, known: &[AccountId]) -> anyhow::Result<prepare::Request> {
    let text = match args.text.as_deref() {
        Some("-") => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text)?;
            text.trim_end_matches('\n').to_string()
        }
        Some(text) => text.to_string(),
        None if !args.images.is_empty() => String::new(),
        None => anyhow::bail!("give the text, or - to read it from stdin"),
    };
    anyhow::ensure!(args.alts.len() <= args.images.len(), "more --alt than --image");
    let images = args
        .images
        .iter()
        .enumerate()
        .map(|(i, path)| attachment::load(path, args.alts.get(i).map_or("", String::as_str)))
        .collect::<Result<Vec<_>, String>>()
        .map_err(|e| anyhow::anyhow!(e))?;
    let visibility = match args.visibility.as_deref().map(str::to_lowercase).as_deref() {
        None | Some("public") => Visibility::Public,
        Some("unlisted") => Visibility::Unlisted,
        Some("followers" | "private") => Visibility::Private,
        Some("direct") => Visibility::Direct,
        Some(other) => anyhow::bail!("unknown visibility {other:?} (public, unlisted, followers, direct)"),
    };
    let targets: Vec<AccountId> = if !args.to.is_empty() {
        args.to
            .iter()
            .map(|q| match_account(q, known).cloned().map_err(|e| anyhow::anyhow!(e)))
            .collect::<Result<_, _>>()?
    } else if ctx.demo {
        known.to_vec()
    } else {
        ctx.config.accounts.iter().filter(|a| a.default && known.contains(&a.id)).map(|a| a.id.clone()).collect()
    };
    anyhow::ensure!(!targets.is_empty(), "no account to post as: log in first (`murre login`) or name one with --to");
    Ok(prepare::Request {
        text,
        cw: args.cw.clone().unwrap_or_default(),
        visibility,
        targets,
        reply_to: None,
        images,
        alt_required: ctx.config.compose.alt_required,
        widen_confirmed: args.allow_public,
        split: args.thread,
        quote: None,
        rules: Vec::new(),
    })
}

async fn retry(ctx: &Context, outbox: &Outbox, json: bool) -> anyhow::Result<i32> {
    let drafts = outbox.list()?;
    if drafts.is_empty() {
        if json {
            println!("[]");
        } else {
            println!("Nothing waits in the outbox.");
        }
        return Ok(0);
    }
    let connected = connect(ctx).await?;
    let mut all = Vec::new();
    for mut draft in drafts {
        all.extend(publish::send(outbox, &mut draft, &connected.clients).await?);
    }
    report(&all, json, true)
}

#[derive(Serialize)]
struct JsonOutcome<'a> {
    target: &'a str,
    ok: bool,
    url: Option<&'a str>,
    error: Option<&'a str>,
    notes: &'a [String],
}

/// One result line: `posted ACCOUNT URL` or `failed ACCOUNT WHY`, then any notes.
fn print_line(o: &Outcome) {
    match &o.error {
        None => println!("posted  {}  {}", o.account, sanitize_line(o.url.as_deref().unwrap_or(""))),
        Some(e) => println!("failed  {}  {}", o.account, sanitize_line(e)),
    }
    for note in &o.notes {
        println!("note    {}  {}", o.account, sanitize_line(note));
    }
}

/// Prints the results (`lines`: the text lines too; a send printed them as they came) and picks the
/// exit code.
fn report(outcomes: &[Outcome], json: bool, lines: bool) -> anyhow::Result<i32> {
    if json {
        let rows: Vec<JsonOutcome> = outcomes
            .iter()
            .map(|o| JsonOutcome {
                target: &o.account.0,
                ok: o.error.is_none(),
                url: o.url.as_deref(),
                error: o.error.as_deref(),
                notes: &o.notes,
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else if lines {
        outcomes.iter().for_each(print_line);
    }
    let ok = outcomes.iter().filter(|o| o.error.is_none()).count();
    Ok(match ok {
        n if n == outcomes.len() => 0,
        0 => 1,
        _ => EXIT_PARTIAL,
    })
}
