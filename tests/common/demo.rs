//! The three demo servers and a real client for each, as the integration tests use them.

use std::time::Duration;

use murre::backend::{BackendError, Client, Cursor, bluesky, http, mastodon, tumblr};
use murre::demo::{self, DemoNetwork};
use murre::model::{AccountId, Post};

use super::now;

/// Starts the demo network and connects one client per network (Mastodon, Bluesky, Tumblr).
pub struct Setup {
    pub net: DemoNetwork,
    pub clients: Vec<Client>,
}

pub async fn setup(timeout: Duration) -> Setup {
    let net = DemoNetwork::start(now()).await.unwrap_or_else(|e| panic!("demo: {e}"));
    let h = http::client(timeout).unwrap_or_else(|e| panic!("{e}"));
    let session = bluesky::Session {
        did: demo::BLUESKY_DID.into(),
        handle: demo::BLUESKY_HANDLE.into(),
        access_jwt: demo::BLUESKY_ACCESS_JWT.into(),
        refresh_jwt: demo::BLUESKY_REFRESH_JWT.into(),
    };
    let ok = |r: Result<Client, BackendError>| r.unwrap_or_else(|e| panic!("{e}"));
    let clients = vec![
        ok(mastodon::Client::new(
            h.clone(),
            &net.mastodon.url,
            AccountId("mastodon:murre@demo".into()),
            demo::MASTODON_TOKEN.into(),
        )
        .map(Client::Mastodon)),
        ok(bluesky::Client::new(h.clone(), &net.bluesky.url, AccountId("bluesky:murre.demo.test".into()), session)
            .map(Client::Bluesky)),
        ok(tumblr::Client::new(h, &net.tumblr.url, AccountId("tumblr:murre-demo".into()), demo::TUMBLR_TOKEN.into())
            .map(Client::Tumblr)),
    ];
    Setup { net, clients }
}

/// Every page of a client's home timeline, oldest last.
pub async fn all_pages(client: &Client) -> Vec<Post> {
    let mut out = Vec::new();
    let mut at = Cursor::Newest;
    for _ in 0..50 {
        let page = client.home(at).await.unwrap_or_else(|e| panic!("{e}"));
        out.extend(page.items);
        match page.older {
            Some(c) => at = Cursor::Older(c),
            None => return out,
        }
    }
    panic!("paging never ended");
}
