//! Bluesky (atproto): XRPC to the user's PDS.

pub mod auth;
mod client;
mod convert;
mod interact;
pub mod lookup;
pub mod prefs;
mod profile;
mod search;
mod views;
mod wire;
mod wire_views;
pub mod write;

pub use client::{Client, LockedSession, Session, SessionStore, decode_timeline};

use super::{Capabilities, LengthUnit, Limits};

/// What Bluesky offers.
pub const CAPABILITIES: Capabilities =
    Capabilities { visibility: false, content_warning: false, polls: false, quotes: true, streaming: false };

/// Bluesky's fixed limits: 300 graphemes and 3000 bytes, four images of 1,000,000 bytes.
pub const LIMITS: Limits = Limits {
    max_chars: 300,
    unit: LengthUnit::Graphemes,
    max_bytes: Some(3000),
    chars_per_url: None,
    max_media: 4,
    alt_text_max: 2000,
};
