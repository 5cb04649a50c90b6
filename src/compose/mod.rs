//! Pure compose work: what a draft links, mentions and tags, and how long it is on each
//! network.
//!
//! Contract: pure; no IO, no network; never panics, whatever the text.

mod chars;
mod domain;
pub mod facets;
pub mod length;
mod links;
