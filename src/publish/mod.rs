//! Publishing a draft to every target at once through the outbox. The draft is on disk before the
//! first request; a target whose request may have reached its server is marked so first, and a
//! retry looks for the post there (Mastodon: the account's newest statuses, Bluesky: the record
//! under its rkey) before sending again: no loss, no duplicate.

pub mod card;
pub mod media;
mod networks;
pub mod prepare;
pub mod thread;

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

use crate::backend::{BackendError, Client};
use crate::model::AccountId;
use crate::store::outbox::{Draft, Outbox, State};

/// How one target went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub account: AccountId,
    /// The post's address, when published.
    pub url: Option<String>,
    /// Why it is not published (yet).
    pub error: Option<String>,
    /// What the user should know although it was published (a mention that is not a link).
    pub notes: Vec<String>,
}

/// A draft for `request` with fresh keys, made now: what the CLI and the TUI hand to `send`.
pub fn new_draft(request: &prepare::Request) -> Result<Draft, BackendError> {
    let random = crate::backend::oauth::random_token(6)?;
    Ok(prepare::draft(request, jiff::Timestamp::now(), &random))
}

/// Sends `draft` to every target that does not have it yet, concurrently, and records the result;
/// the draft leaves the outbox when every target has it.
pub async fn send(outbox: &Outbox, draft: &mut Draft, clients: &[Client]) -> anyhow::Result<Vec<Outcome>> {
    send_with(outbox, draft, clients, &mut |_| {}).await
}

/// As `send`, telling `progress` how each target went as soon as it answers.
pub async fn send_with(
    outbox: &Outbox,
    draft: &mut Draft,
    clients: &[Client],
    progress: &mut (dyn FnMut(&Outcome) + Send),
) -> anyhow::Result<Vec<Outcome>> {
    let todo: Vec<usize> =
        (0..draft.targets.len()).filter(|&i| !matches!(draft.targets[i].state, State::Sent { .. })).collect();
    let look: Vec<bool> = todo.iter().map(|&i| draft.targets[i].state == State::Attempted).collect();
    for &i in &todo {
        draft.targets[i].state = State::Attempted;
    }
    outbox.save(draft)?;
    let snapshot = draft.clone();
    let snapshot = &snapshot;
    let sends = todo.iter().zip(&look).map(|(&i, &look)| {
        let target = &snapshot.targets[i];
        let client = clients.iter().find(|c| c.account() == &target.account);
        async move {
            let result = match client {
                Some(c) => networks::one(c, snapshot, target, look).await,
                None => Err(BackendError::Invalid(format!("{} is not logged in", target.account))),
            };
            (i, result)
        }
    });
    // Each answer is written down as it comes, so a crash after one network answered loses nothing.
    let mut pending: FuturesUnordered<_> = sends.collect();
    let mut errors: Vec<Option<String>> = vec![None; draft.targets.len()];
    let mut notes: Vec<Vec<String>> = vec![Vec::new(); draft.targets.len()];
    while let Some((i, result)) = pending.next().await {
        let net = network(&draft.targets[i].account);
        draft.targets[i].state = match result {
            Ok(posted) => {
                notes[i] = posted.notes;
                State::Sent { url: posted.url }
            }
            // A refusal is definite (nothing was created); anything else may have reached the server.
            Err(e) if refused(&e) => State::Failed { error: e.user_message(net) },
            Err(e) => {
                errors[i] = Some(format!("{}; `murre post --retry` checks and finishes", e.user_message(net)));
                State::Attempted
            }
        };
        if !draft.done() {
            outbox.save(draft)?;
        }
        progress(&outcome(&draft.targets[i], errors[i].clone(), notes[i].clone()));
    }
    if draft.done() {
        outbox.remove(&draft.id)?
    }
    Ok(draft.targets.iter().zip(errors).zip(notes).map(|((t, e), n)| outcome(t, e, n)).collect())
}

fn network(account: &AccountId) -> crate::model::Network {
    account.network().unwrap_or(crate::model::Network::Mastodon)
}

fn refused(e: &BackendError) -> bool {
    match e {
        BackendError::Auth(_) | BackendError::Invalid(_) => true,
        BackendError::Server { status, .. } => (400..500).contains(status) && *status != 408 && *status != 429,
        _ => false,
    }
}

fn outcome(t: &crate::store::outbox::Target, unconfirmed: Option<String>, notes: Vec<String>) -> Outcome {
    let (url, error) = match &t.state {
        State::Sent { url } => (url.clone(), None),
        State::Failed { error } => (None, Some(error.clone())),
        State::Attempted => {
            let why = unconfirmed.unwrap_or_else(|| "no answer from the server; `murre post --retry` checks".into());
            (None, Some(why))
        }
        State::Pending => (None, Some("not sent".into())),
    };
    Outcome { account: t.account.clone(), url, error, notes }
}
