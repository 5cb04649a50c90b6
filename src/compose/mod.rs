//! Pure compose work: what a draft links, mentions and tags, how long it is on each network,
//! how to split it into a numbered thread, and its Tumblr NPF text blocks.
//!
//! Contract: pure; no IO, no network; never panics, whatever the text.

mod chars;
mod domain;
pub mod facets;
pub mod length;
mod links;
pub mod npf;
pub mod split;

#[cfg(test)]
#[path = "fuzz_tests.rs"]
mod fuzz_tests;
