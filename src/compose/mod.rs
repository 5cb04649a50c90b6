//! Pure compose work: what a draft links, mentions and tags.
//!
//! Contract: pure; no IO, no network; never panics, whatever the text.

mod chars;
mod domain;
pub mod facets;
mod links;
