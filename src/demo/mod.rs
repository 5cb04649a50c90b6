//! Loopback servers that speak each network's real wire protocol over bundled sample data.
//! (Temporary stub on main while the real module is written on its branch.)
#![allow(missing_docs)]
pub const MASTODON_TOKEN: &str = "demo-mastodon-token";
pub const MASTODON_USER: &str = "murre";
pub const BLUESKY_HANDLE: &str = "murre.demo.test";
pub const BLUESKY_DID: &str = "did:plc:murredemo0000000000000";
pub const BLUESKY_ACCESS_JWT: &str = "x";
pub const BLUESKY_REFRESH_JWT: &str = "y";
pub const TUMBLR_TOKEN: &str = "demo-tumblr-token";
pub const TUMBLR_BLOG: &str = "murre-demo";
pub struct DemoServer {
    pub url: String,
}
pub struct DemoNetwork {
    pub mastodon: DemoServer,
    pub bluesky: DemoServer,
    pub tumblr: DemoServer,
}
impl DemoNetwork {
    pub async fn start(_now: jiff::Timestamp) -> std::io::Result<DemoNetwork> {
        Err(std::io::Error::other("stub"))
    }
}
