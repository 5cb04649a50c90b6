//! murre: one terminal timeline for Mastodon, Bluesky and Tumblr.
#![forbid(unsafe_code)]

pub mod app;
pub mod backend;
pub mod cli;
pub mod compose;
pub mod demo;
pub mod model;
pub mod publish;
pub mod runtime;
pub mod store;
pub mod text;
pub mod ui;

#[cfg(test)]
mod testing;
