//! Render snapshots of lists and feeds on `TestBackend`, at fixed sizes and a fixed `now`: the
//! picker grouped per account with wide, joined and right-to-left names, Tumblr's note and a
//! failed account; a feed view of tricky posts beside the detail pane; a feed that cannot be read.

mod common;

use common::*;
use murre::app::views::{Answer, Request};
use murre::app::{Action, App, Effect, Msg, update};
use murre::backend::BackendError;
use murre::backend::Page;
use murre::backend::feeds::{Feed, FeedKind, Feeds, TUMBLR_NO_FEEDS};
use murre::model::Network;

fn press(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

fn feed(kind: FeedKind, id: &str, name: &str, pinned: bool) -> Feed {
    Feed { kind, id: id.into(), name: name.into(), pinned }
}

/// Opens the picker and answers it: Mastodon two lists, Bluesky two feeds and a list (or a
/// failure), Tumblr its note.
fn picker(app: &mut App, bluesky_fails: bool) {
    let effects = press(app, Action::Feeds);
    for e in effects {
        let Effect::View(Request::Feeds { req, account }) = e else { continue };
        let result = match account.network() {
            Some(Network::Mastodon) => Ok(Feeds {
                feeds: vec![
                    feed(FeedKind::List, "1", "Friends 👩‍👩‍👧 友達", false),
                    feed(FeedKind::List, "2", "أصدقاء العمل", false),
                ],
                note: None,
            }),
            Some(Network::Bluesky) if bluesky_fails => Err(BackendError::Network("connection refused".into())),
            Some(Network::Bluesky) => Ok(Feeds {
                feeds: vec![
                    feed(FeedKind::Custom, "at://x/g/numbered", "Paging 📄 every numbered post", true),
                    feed(FeedKind::Custom, "at://x/g/terminals", "Terminals 端末 🐈‍⬛ evil", false),
                    feed(FeedKind::List, "at://x/l/1", "Friends 👩‍👩‍👧 友達", false),
                ],
                note: None,
            }),
            _ => Ok(Feeds { feeds: Vec::new(), note: Some(TUMBLR_NO_FEEDS.into()) }),
        };
        update(app, Msg::View(Answer::Feeds { req, account, result }));
    }
}

#[test]
fn the_picker_groups_lists_and_feeds_per_account() {
    let mut app = sized(90, 24);
    picker(&mut app, false);
    press(&mut app, Action::SelectNext);
    press(&mut app, Action::SelectNext);
    insta::assert_snapshot!(screen(&app, 90, 24));
}

#[test]
fn the_picker_says_which_account_failed() {
    let mut app = sized(90, 24);
    picker(&mut app, true);
    insta::assert_snapshot!(screen(&app, 90, 24));
}

/// Opens the selected picker entry and answers its first page with `result`.
fn open(app: &mut App, result: Result<Page<murre::model::Post>, BackendError>) {
    let effects = press(app, Action::Open);
    let [Effect::View(Request::Feed { req, view, .. })] = effects.as_slice() else { panic!("{effects:?}") };
    update(app, Msg::View(Answer::Posts { req: *req, view: *view, result }));
}

#[test]
fn a_feed_view_of_tricky_posts_beside_the_detail_pane() {
    let mut app = sized(120, 30);
    picker(&mut app, false);
    for _ in 0..3 {
        press(&mut app, Action::SelectNext);
    }
    open(&mut app, Ok(Page { items: tricky(), older: None, newer: None }));
    press(&mut app, Action::SelectNext);
    insta::assert_snapshot!(screen(&app, 120, 30));
}

#[test]
fn a_feed_whose_generator_is_down() {
    let mut app = sized(90, 20);
    picker(&mut app, false);
    for _ in 0..3 {
        press(&mut app, Action::SelectNext);
    }
    open(&mut app, Err(BackendError::server(502, "feed unavailable")));
    insta::assert_snapshot!(screen(&app, 90, 20));
}

/// A pane of a Mastodon list and a Bluesky feed beside the merged timeline: tricky posts from both,
/// newest first, the pane's name as its title and the feeds' chips in the status bar.
#[test]
fn a_pane_of_a_list_and_a_feed_beside_the_merged_timeline() {
    use murre::app::FetchKind;
    use murre::store::config::{FeedConfig, PaneConfig};
    let mut app = App::new(sources(), now());
    let entry = |n: Network, list: Option<&str>, feed: Option<&str>, name: &str| FeedConfig {
        account: account(n),
        list: list.map(str::to_string),
        feed: feed.map(str::to_string),
        name: Some(name.into()),
    };
    let pane = PaneConfig {
        name: "Friends 友達 \u{1b}[31m".into(),
        sources: vec![
            entry(Network::Mastodon, Some("1"), None, "Friends 👩‍👩‍👧"),
            entry(Network::Bluesky, None, Some("at://x/g/cats"), "Cats"),
        ],
    };
    murre::app::feeds::configure(&mut app, &[], &[pane]);
    let effects = murre::app::start(&mut app);
    let tricky = tricky();
    for i in 0..app.sources.len() {
        let network = app.sources[i].network;
        let items = if app.sources[i].is_home() && network != Network::Tumblr {
            tricky.iter().filter(|p| p.network() == network).take(1).cloned().collect()
        } else {
            tricky.iter().filter(|p| p.network() == network).cloned().collect()
        };
        let req = fetch_req(&effects, i);
        update(&mut app, loaded(req, i, FetchKind::Newer, Ok(Page { items, older: None, newer: None })));
    }
    update(&mut app, Msg::Resize { width: 140, height: 24 });
    insta::assert_snapshot!(screen(&app, 140, 24));
}

/// The picker marks a feed in the timeline ([x]) and one with a pane of its own.
#[test]
fn the_picker_marks_feeds_in_the_timeline_and_in_a_pane() {
    let mut app = sized(90, 24);
    picker(&mut app, false);
    press(&mut app, Action::ToggleIncluded);
    press(&mut app, Action::SelectNext);
    press(&mut app, Action::TogglePane);
    insta::assert_snapshot!(screen(&app, 90, 24));
}

/// A pane made with s, then a second feed merged into it with a: the pane's title grows, and the
/// picker says which pane each feed is in.
#[test]
fn a_feed_merged_into_a_focused_pane_with_a() {
    let mut app = sized(120, 24);
    picker(&mut app, false);
    press(&mut app, Action::TogglePane);
    press(&mut app, Action::Back);
    press(&mut app, Action::FocusNext);
    picker(&mut app, false);
    press(&mut app, Action::SelectNext);
    press(&mut app, Action::SelectNext);
    press(&mut app, Action::AddToPane);
    insta::assert_snapshot!(screen(&app, 120, 24));
}
