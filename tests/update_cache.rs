//! The timeline cache in the app: cached posts are rows before any server answers; a source's first
//! fresh page that overlaps them keeps them, one that ends above them (more was posted since than a
//! page holds) takes them out, so no silent gap shows; other sources' cached posts are untouched.

mod common;

use common::*;
use murre::app::{App, FetchKind, update};
use murre::backend::Page;
use murre::model::{Network, Post};

fn texts(app: &App) -> Vec<String> {
    app.pane().rows.iter().filter_map(|s| app.timeline.post(*s)).map(|p| p.text.to_plain()).collect()
}

fn masto(id: &str, mins: i64, text: &str) -> Post {
    post(Network::Mastodon, id, mins, "Ada", text)
}

fn cached_app() -> (App, Vec<murre::app::Effect>) {
    let mut app = App::new(sources(), now());
    murre::app::cache::load(&mut app, 0, vec![masto("c1", 30, "cached one"), masto("c2", 40, "cached two")]);
    murre::app::cache::load(&mut app, 1, vec![post(Network::Bluesky, "b1", 35, "Ken", "cached sky 日本語")]);
    let effects = murre::app::start(&mut app);
    (app, effects)
}

#[test]
fn cached_posts_are_rows_before_any_server_answers() {
    let (app, effects) = cached_app();
    assert_eq!(texts(&app), ["cached one", "cached sky 日本語", "cached two"]);
    let fetches = effects.iter().filter(|e| matches!(e, murre::app::Effect::Fetch { .. })).count();
    assert_eq!(fetches, 3, "every source is still asked");
}

#[test]
fn a_fresh_page_that_overlaps_the_cache_keeps_it() {
    let (mut app, effects) = cached_app();
    let items = vec![masto("n1", 1, "new"), masto("c1", 30, "cached one")];
    let page = Page { items, older: Some("c1".into()), newer: None };
    update(&mut app, loaded(fetch_req(&effects, 0), 0, FetchKind::Newer, Ok(page)));
    assert_eq!(texts(&app), ["new", "cached one", "cached sky 日本語", "cached two"], "the page reached the cache");
}

#[test]
fn a_fresh_page_that_ends_above_the_cache_takes_that_sources_cache_out() {
    let (mut app, effects) = cached_app();
    let items = vec![masto("n1", 1, "new"), masto("n2", 2, "newer than the cache")];
    let page = Page { items, older: Some("n2".into()), newer: None };
    update(&mut app, loaded(fetch_req(&effects, 0), 0, FetchKind::Newer, Ok(page)));
    assert_eq!(texts(&app), ["new", "newer than the cache"], "Mastodon's older posts wait for its next page");
    let sky =
        Page { items: vec![post(Network::Bluesky, "b1", 35, "Ken", "cached sky 日本語")], older: None, newer: None };
    update(&mut app, loaded(fetch_req(&effects, 1), 1, FetchKind::Newer, Ok(sky)));
    assert!(!texts(&app).contains(&"cached one".to_string()), "the gap's cached posts are gone for good");
    // The end of a feed: nothing more below, so what the cache holds is still the truth.
    let (mut app, effects) = cached_app();
    let page = Page { items: vec![masto("n1", 1, "new")], older: None, newer: None };
    update(&mut app, loaded(fetch_req(&effects, 0), 0, FetchKind::Newer, Ok(page)));
    assert_eq!(texts(&app).len(), 4);
}
