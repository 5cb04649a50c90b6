//! Loopback servers that speak each network's real wire protocol over bundled sample data.
//!
//! `murre --demo`, the hermetic integration tests and the benchmarks point murre's real clients at
//! these servers. Each server builds its JSON itself from the network's documented shapes (never from
//! the clients' wire types), rendering the neutral [`content`] into its own format, so a bug on one
//! side is caught by the other. [`Faults`] injects latency, errors, rate limits, garbage and hangs.

pub mod content;
mod ids;
mod markup;
mod store;

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
/// An access token the Bluesky demo server always accepts (so the demo client can skip the login).
pub const BLUESKY_ACCESS_JWT: &str = "demo-bluesky-access-jwt";
/// A refresh token the Bluesky demo server always accepts.
pub const BLUESKY_REFRESH_JWT: &str = "demo-bluesky-refresh-jwt";
/// The OAuth2 bearer token the Tumblr demo server accepts.
pub const TUMBLR_TOKEN: &str = "demo-tumblr-token";
/// The blog name of the demo account on the Tumblr demo server.
pub const TUMBLR_BLOG: &str = "murre-demo";

