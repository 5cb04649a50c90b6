//! murre: one terminal timeline for Mastodon, Bluesky and Tumblr.
#![forbid(unsafe_code)]

pub mod demo;
pub mod model;
pub mod text;
pub mod backend;
pub mod app;
pub mod ui;
pub mod store;
