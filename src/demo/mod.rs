//! Loopback servers that speak each network's real wire protocol over bundled sample data.
//!
//! `murre --demo`, the hermetic integration tests and the benchmarks point murre's real clients at
//! these servers. Each server builds its JSON itself from the network's documented shapes (never from
//! the clients' wire types), rendering the neutral [`content`] into its own format, so a bug on one
//! side is caught by the other. Each also takes posts: a Mastodon status (`POST /api/v1/statuses`,
//! honouring `Idempotency-Key`), a Bluesky record (`com.atproto.repo.createRecord`), a Tumblr NPF post
//! (`POST /v2/blog/{blog}/posts`); a created post tops the home feed as the demo account's, and what
//! the client sent (record, blocks) is shown back verbatim. Each also takes likes, reposts (a Tumblr
//! reblog is a post), bookmarks, follows and deletes in its own API's shape, kept per server over the
//! bundled state (`acts`) and shown back in its feed's viewer fields and counts. [`Faults`] injects
//! latency, errors, rate limits, garbage and hangs (on every endpoint), loses the answer to a create,
//! and counts the posts created.

mod acts;
mod bluesky;
mod chatter;
pub mod content;
mod faults;
mod ids;
mod markup;
mod mastodon;
pub mod media;
mod reply;
mod search;
mod store;
mod tumblr;
mod upload;

#[cfg(test)]
mod tests;

pub use faults::Faults;

use axum::Router;
use content::Net;
use jiff::Timestamp;
use store::Store;

/// The bearer token the Mastodon demo server accepts.
pub const MASTODON_TOKEN: &str = "demo-mastodon-token";
/// The acct (local username) of the demo account on the Mastodon demo server.
pub const MASTODON_USER: &str = "murre";
/// The handle of the demo account on the Bluesky demo server.
pub const BLUESKY_HANDLE: &str = "murre.demo.test";
/// The DID of the demo account on the Bluesky demo server.
pub const BLUESKY_DID: &str = "did:plc:murredemo0000000000000";
/// The app password `com.atproto.server.createSession` accepts for the demo account.
pub const BLUESKY_PASSWORD: &str = "demo-app-password";
/// Signing in to the Bluesky demo by this email asks for a 2FA code, as email 2FA accounts do.
pub const BLUESKY_2FA_EMAIL: &str = "murre-2fa@demo.test";
/// The code the Bluesky demo "emails" for [`BLUESKY_2FA_EMAIL`].
pub const BLUESKY_2FA_CODE: &str = "2FA-CODE-123";
/// An access token the Bluesky demo server always accepts (so the demo client can skip the login).
pub const BLUESKY_ACCESS_JWT: &str = "demo-bluesky-access-jwt";
/// A refresh token the Bluesky demo server always accepts.
pub const BLUESKY_REFRESH_JWT: &str = "demo-bluesky-refresh-jwt";
/// The OAuth2 bearer token the Tumblr demo server accepts.
pub const TUMBLR_TOKEN: &str = "demo-tumblr-token";
/// The blog name of the demo account on the Tumblr demo server (its primary blog).
pub const TUMBLR_BLOG: &str = "murre-demo";
/// The demo account's second (not primary) blog on the Tumblr demo server.
pub const TUMBLR_SIDE_BLOG: &str = "murre-demo-sketches";
/// The client id of the app registered on the Tumblr demo server.
pub const TUMBLR_CLIENT_ID: &str = "demo-tumblr-client-id";
/// The client secret of the app registered on the Tumblr demo server.
pub const TUMBLR_CLIENT_SECRET: &str = "demo-tumblr-client-secret";
/// The redirect URL registered with that app.
pub const TUMBLR_REDIRECT: &str = "http://127.0.0.1:8765/callback";
/// The authorization code the Tumblr demo server's authorize page hands out.
pub const TUMBLR_CODE: &str = "demo-tumblr-code";

/// What every handler of one demo server shares.
#[derive(Clone)]
struct Ctx {
    store: Store,
    faults: Faults,
    url: String,
    now: Timestamp,
    uploads: upload::Uploads,
    /// Mastodon's read markers (`{"home": {...}}`), once set.
    markers: std::sync::Arc<std::sync::Mutex<Option<serde_json::Value>>>,
}

/// One running demo server.
pub struct DemoServer {
    /// Base URL, `http://127.0.0.1:PORT` (no trailing slash).
    pub url: String,
    /// Fault switches of this server.
    pub faults: Faults,
    store: Store,
}

impl DemoServer {
    /// Adds a new post by `author_handle` (a handle on this network or a person key) at `at`; returns
    /// its key. Mastodon's open streams get it at once.
    pub fn push_post(&self, author_handle: &str, text: &str, at: Timestamp) -> u32 {
        self.store.push(author_handle, text, at)
    }

    /// Changes the text of the post with `key` (Mastodon's streams send the edit); false when the
    /// post does not exist.
    pub fn edit_post(&self, key: u32, text: &str) -> bool {
        self.store.edit(key, text)
    }

    /// Deletes the post with `key` (Mastodon's streams send the delete).
    pub fn delete_post(&self, key: u32) -> bool {
        self.store.remove(key).is_some()
    }
}

/// The three demo servers.
pub struct DemoNetwork {
    /// Mastodon client API.
    pub mastodon: DemoServer,
    /// Bluesky XRPC (PDS and AppView in one).
    pub bluesky: DemoServer,
    /// Tumblr API v2.
    pub tumblr: DemoServer,
}

impl DemoNetwork {
    /// Binds three servers on 127.0.0.1:0 (random ports) and spawns them on the current tokio runtime.
    ///
    /// Post times are computed back from `now` so tests can fix the clock.
    pub async fn start(now: Timestamp) -> std::io::Result<DemoNetwork> {
        let content = content::build(now);
        Ok(DemoNetwork {
            mastodon: serve(Net::Mastodon, content.clone(), now).await?,
            bluesky: serve(Net::Bluesky, content.clone(), now).await?,
            tumblr: serve(Net::Tumblr, content, now).await?,
        })
    }
}

/// Binds one server for `net` and spawns it; it lives until the runtime ends.
async fn serve(net: Net, mut content: content::Content, now: Timestamp) -> std::io::Result<DemoServer> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    media::localize(&mut content, &url);
    let store = Store::new(net, content);
    let faults = Faults::default();
    let ctx = Ctx {
        store: store.clone(),
        faults: faults.clone(),
        url: url.clone(),
        now,
        uploads: Default::default(),
        markers: Default::default(),
    };
    let (router, error): (Router, faults::ErrorFn) = match net {
        Net::Mastodon => (mastodon::router(ctx), mastodon::error),
        Net::Bluesky => (bluesky::router(ctx), bluesky::error),
        Net::Tumblr => (tumblr::router(ctx), tumblr::error),
    };
    let layer = axum::middleware::from_fn_with_state((faults.clone(), error), faults::apply);
    // Uploads are larger than axum's 2 MB default (a Mastodon server takes 16 MB images).
    let router = router.route("/demo-media/{file}", axum::routing::get(media::serve));
    let app = router.layer(layer).layer(axum::extract::DefaultBodyLimit::max(24 * 1024 * 1024));
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::warn!("demo {net:?} server stopped: {e}");
        }
    });
    Ok(DemoServer { url, faults, store })
}
