//! `murre timeline`: the merged home timeline, as sanitized text or JSON.

use std::collections::HashMap;

use futures_util::future::join_all;

use super::connect::{Context, connect, match_account};
use super::{EXIT_PARTIAL, EXIT_USAGE, json};
use crate::backend::{Client, Cursor};
use crate::model::{AccountId, Timeline};
use crate::text::sanitize;

/// Fetches, merges and prints; returns the exit code.
pub async fn run(ctx: &Context, accounts: &[String], limit: usize, as_json: bool) -> anyhow::Result<i32> {
    let connected = connect(ctx).await?;
    let mut failures: Vec<String> = connected.failed.iter().map(|(id, e)| format!("{id}: {e}")).collect();
    let clients = match pick(&connected.clients, accounts) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("murre: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    let mut timeline = Timeline::new();
    timeline.grouping = ctx.config.timeline.group_cross_posts;
    timeline.set_muted_words(&ctx.config.timeline.muted_words);
    let mut older: HashMap<AccountId, String> = HashMap::new();
    let firsts = join_all(clients.iter().map(|c| c.home(Cursor::Newest))).await;
    for (client, result) in clients.iter().zip(firsts) {
        absorb(&mut timeline, &mut older, &mut failures, client, result);
    }
    while timeline.visible_len() < limit {
        let Some(key) = timeline.source_holding_watermark().map(str::to_string) else { break };
        let (Some(client), Some(cursor)) =
            (clients.iter().find(|c| c.account().0 == key), older.get(&AccountId(key.clone())))
        else {
            timeline.set_has_more(&key, false);
            continue;
        };
        let result = client.home(Cursor::Older(cursor.clone())).await;
        absorb(&mut timeline, &mut older, &mut failures, client, result);
    }
    print(&timeline, limit, as_json)?;
    for f in &failures {
        eprintln!("murre: {}", sanitize(f));
    }
    Ok(match failures.len() {
        0 => 0,
        n if n >= clients.len() + connected.failed.len() => 1,
        _ => EXIT_PARTIAL,
    })
}

fn pick<'a>(clients: &'a [Client], wanted: &[String]) -> Result<Vec<&'a Client>, String> {
    if wanted.is_empty() {
        return Ok(clients.iter().collect());
    }
    let ids: Vec<AccountId> = clients.iter().map(|c| c.account().clone()).collect();
    let mut out = Vec::new();
    for w in wanted {
        let id = match_account(w, &ids)?;
        if let Some(c) = clients.iter().find(|c| c.account() == id) {
            out.push(c);
        }
    }
    Ok(out)
}

fn absorb(
    timeline: &mut Timeline,
    older: &mut HashMap<AccountId, String>,
    failures: &mut Vec<String>,
    client: &Client,
    result: Result<crate::backend::Page<crate::model::Post>, crate::backend::BackendError>,
) {
    let key = client.account().0.clone();
    match result {
        Ok(page) => {
            timeline.set_has_more(&key, page.older.is_some());
            match page.older {
                Some(c) => older.insert(client.account().clone(), c),
                None => older.remove(client.account()),
            };
            timeline.merge(&key, page.items);
        }
        Err(e) => {
            // A failing source stops holding the watermark, so the others still print.
            timeline.set_has_more(&key, false);
            failures.push(e.user_message(client.network()));
        }
    }
}

fn print(timeline: &Timeline, limit: usize, as_json: bool) -> anyhow::Result<()> {
    let rows: Vec<u32> = timeline.rows(None).into_iter().take(limit).collect();
    if as_json {
        println!("{}", serde_json::to_string_pretty(&json::rows(timeline, &rows))?);
        return Ok(());
    }
    let mut out = String::new();
    for slot in rows {
        let Some(post) = timeline.post(slot) else { continue };
        out.push_str(&json::text_row(timeline, slot, post));
    }
    // Sanitized at the boundary too: nothing printed may carry an escape sequence.
    print!("{}", sanitize(&out));
    Ok(())
}
