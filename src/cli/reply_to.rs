//! `murre post --reply-to POST`: the post answered, named by its web address or the `id` that
//! `timeline --json` prints, looked up by the replying account (Mastodon ids differ per server).

use crate::backend::{BackendError, Client};
use crate::model::{Network, PostKey};
use crate::publish::prepare::Request;

/// The network a post address belongs to; Tumblr posts take no replies.
pub fn network_of(address: &str) -> Result<Network, String> {
    let lower = address.trim().to_ascii_lowercase();
    if crate::backend::bluesky::lookup::parse(address).is_some() {
        Ok(Network::Bluesky)
    } else if lower.starts_with("tumblr:") || lower.contains("tumblr.com/") {
        Err("Tumblr posts take no replies: reblog it instead".into())
    } else if lower.starts_with("https://") || lower.starts_with("http://") {
        Ok(Network::Mastodon)
    } else {
        Err(format!("{address:?} is not a post's address (give its web address or the id from timeline --json)"))
    }
}

/// Narrows `request` to the one account that answers (named with --to, else the default account of
/// the post's network); `Err` is a usage error.
pub fn choose_target(request: &mut Request, network: Network, named: bool) -> Result<(), String> {
    if named && let Some(other) = request.targets.iter().find(|a| a.network() != Some(network)) {
        return Err(format!("a reply goes only to the post's network ({}); {other} is not on it", network.title()));
    }
    request.targets.retain(|a| a.network() == Some(network));
    match request.targets.len() {
        1 => Ok(()),
        0 => Err(format!("no {} account to reply from: log in or name one with --to", network.title())),
        _ => Err("a reply goes from one account: name it with --to".into()),
    }
}

/// The post a reply answers (or, `quoting`, the post a quote embeds): `request` narrowed to the one
/// account that acts, and the post's key as that account sees it. `Err` has the exit code: 2 for a
/// usage error, 1 when the post cannot be found.
pub async fn resolve(
    request: &mut Request,
    address: &str,
    named: bool,
    quoting: bool,
    clients: &[Client],
) -> Result<PostKey, (i32, String)> {
    let usage = |e: String| (super::EXIT_USAGE, e);
    let network = network_of(address).map_err(usage)?;
    if quoting && network != Network::Bluesky {
        return Err(usage("only Bluesky posts can be quoted (boost or link the others)".into()));
    }
    choose_target(request, network, named).map_err(usage)?;
    let client = clients.iter().find(|c| Some(c.account()) == request.targets.first());
    let found = match client {
        Some(c) => lookup(c, address).await.map_err(|e| e.user_message(c.network())),
        None => Err("that account is not connected".to_string()),
    };
    found.map_err(|e| (1, format!("cannot find the post: {e}; nothing was sent.")))
}

/// The key of the post at `address`, as `client` sees it.
pub async fn lookup(client: &Client, address: &str) -> Result<PostKey, BackendError> {
    match client {
        Client::Mastodon(c) => c.lookup_status(address).await,
        Client::Bluesky(c) => c.lookup_post(address).await,
        Client::Tumblr(_) => Err(BackendError::Invalid("Tumblr posts take no replies".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AccountId;

    #[test]
    fn the_address_names_the_network_and_the_replying_account() {
        assert_eq!(network_of("at://did:plc:x/app.bsky.feed.post/3k"), Ok(Network::Bluesky));
        assert_eq!(network_of("https://social.example/@ada/1234"), Ok(Network::Mastodon));
        assert!(network_of("tumblr:uuid/99").is_err() && network_of("hello").is_err());
        let mut req = Request {
            targets: vec![AccountId("mastodon:a@h".into()), AccountId("bluesky:b.test".into())],
            ..Default::default()
        };
        assert!(choose_target(&mut req.clone(), Network::Bluesky, true).is_err(), "a named Mastodon target");
        assert_eq!(choose_target(&mut req, Network::Bluesky, false), Ok(()));
        assert_eq!(req.targets, [AccountId("bluesky:b.test".into())]);
    }
}
