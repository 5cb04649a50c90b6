//! Snapshots of each network's richest demo post in the detail pane, read through the real backend
//! from the demo server: what a reader of that network sees, after conversion and sanitizing.

mod common;

use std::time::Duration;

use common::demo::{all_pages, setup};
use common::now;
use murre::app::{Action, App, Msg, Source, update};
use murre::model::{Embed, Network, Post};
use murre::ui::{Keymap, Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// How much a post exercises the renderer: media, embeds, polls, trails, links, replies, reposts.
fn richness(p: &Post) -> usize {
    3 * p.media.len()
        + 3 * usize::from(p.embed.is_some())
        + 3 * usize::from(p.poll.is_some())
        + 3 * p.trail.len()
        + p.text.links().len().min(2)
        + usize::from(p.reply_to.is_some())
        + usize::from(p.repost.is_some())
        + usize::from(p.cw.is_some())
        + p.tags.len().min(2)
        + 10 * usize::from(signature(p))
}

/// What each network has that the others render less often: polls, quotes, reblog trails.
fn signature(p: &Post) -> bool {
    match p.network() {
        Network::Mastodon => p.poll.is_some(),
        Network::Bluesky => matches!(p.embed, Some(Embed::Quote(_))),
        Network::Tumblr => !p.trail.is_empty(),
    }
}

async fn richest_detail(index: usize) -> String {
    let s = setup(Duration::from_secs(10)).await;
    let client = &s.clients[index];
    let posts = all_pages(client).await;
    let best = posts.iter().map(richness).max().unwrap_or(0);
    let post = posts.into_iter().find(|p| richness(p) == best).unwrap_or_else(|| panic!("no posts"));
    let mut app = App::new(vec![Source::new(client.account().clone(), client.network())], now());
    app.timeline.merge(&client.account().0, vec![post]);
    update(&mut app, Msg::Resize { width: 100, height: 40 });
    update(&mut app, Msg::Action(Action::FilterAll));
    update(&mut app, Msg::Action(Action::Open));
    let keymap = Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut term = Terminal::new(TestBackend::new(100, 40)).unwrap_or_else(|e| panic!("{e}"));
    term.draw(|f| draw(f, &app, &Theme::default(), &keymap)).unwrap_or_else(|e| panic!("{e}"));
    format!("{}", term.backend())
}

#[tokio::test]
async fn richest_mastodon_post() {
    insta::assert_snapshot!(richest_detail(0).await);
}

#[tokio::test]
async fn richest_bluesky_post() {
    insta::assert_snapshot!(richest_detail(1).await);
}

#[tokio::test]
async fn richest_tumblr_post() {
    insta::assert_snapshot!(richest_detail(2).await);
}
