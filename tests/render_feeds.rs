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
    update(app, Msg::View(Answer::Feed { req: *req, view: *view, result }));
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
