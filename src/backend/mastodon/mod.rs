//! Mastodon and every server that speaks its client API (GoToSocial, Pleroma, Akkoma, snac...).

mod client;
mod convert;
mod feeds;
mod frame;
mod interact;
mod link;
pub mod lookup;
mod markers;
mod media;
pub mod oauth;
mod profile;
mod search;
mod stream;
mod views;
mod wire;
mod wire_views;
pub mod write;

pub use client::{Client, decode_page, host_of};
pub use markers::Marker;
pub use stream::{Stream, stream_url};

use super::Capabilities;

/// What the Mastodon API offers.
pub const CAPABILITIES: Capabilities =
    Capabilities { visibility: true, content_warning: true, polls: true, quotes: false, streaming: true };
