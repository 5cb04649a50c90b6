//! Tumblr API v2 with NPF content.

pub mod auth;
mod client;
mod convert;
mod interact;
mod profile;
mod search;
mod session;
mod views;
mod wire;
mod wire_views;
pub mod write;

pub use client::{API, Blog, Client, decode_dashboard};
pub use session::{LockedTokens, TokenStore, Tokens};
pub use views::{READ_NOTE, THREAD_NOTE};

use super::{Capabilities, LengthUnit, Limits};

/// What Tumblr offers.
pub const CAPABILITIES: Capabilities =
    Capabilities { visibility: false, content_warning: false, polls: true, quotes: true, streaming: false };

/// Tumblr's limits: 4096 code points per text block, 30 images per post.
pub const LIMITS: Limits = Limits {
    max_chars: 4096,
    unit: LengthUnit::CodePoints,
    max_bytes: None,
    chars_per_url: None,
    max_media: 30,
    alt_text_max: 4096,
};
