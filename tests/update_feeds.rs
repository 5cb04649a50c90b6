//! Pure state tests of lists and feeds (`f`): the picker asks every account and groups the answers
//! in the accounts' order, Enter opens the chosen one as a view, the view asks for its next page as
//! the selection nears the end (one request at a time, none after the last page), stale answers
//! are dropped, a feed that cannot be read says why, and actions work on its rows.

mod common;

use common::*;
use murre::app::views::feed::FeedView;
use murre::app::views::picker::Picker;
use murre::app::views::{Answer, Body, Request};
use murre::app::{Action, App, Effect, Mode, Msg, Overlay, ReqId, update};
use murre::backend::feeds::{Feed, FeedKind, Feeds, TUMBLR_NO_FEEDS};
use murre::backend::{BackendError, Interaction, Page};
use murre::model::{AccountId, Network, Post};

fn press(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

fn feed(kind: FeedKind, id: &str, name: &str) -> Feed {
    Feed { kind, id: id.into(), name: name.into(), pinned: false }
}

/// The picker's requests among `effects`: (req, account).
fn feeds_asked(effects: &[Effect]) -> Vec<(ReqId, AccountId)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::View(Request::Feeds { req, account }) => Some((*req, account.clone())),
            _ => None,
        })
        .collect()
}

/// The page requests among `effects`: (req, view, account, feed, cursor).
fn pages_asked(effects: &[Effect]) -> Vec<(ReqId, u64, AccountId, Feed, Option<String>)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::View(Request::Feed { req, view, account, feed, cursor }) => {
                Some((*req, *view, account.clone(), feed.clone(), cursor.clone()))
            }
            _ => None,
        })
        .collect()
}

fn picker(app: &App) -> &Picker {
    match &app.overlay {
        Some(Overlay::Feeds(p)) => p,
        other => panic!("no picker: {other:?}"),
    }
}

fn view(app: &App) -> &FeedView {
    match app.top_view().map(|v| &v.body) {
        Some(Body::Feed(f)) => f,
        other => panic!("no feed view: {other:?}"),
    }
}

fn answer_feeds(app: &mut App, asked: &(ReqId, AccountId), result: Result<Feeds, BackendError>) {
    update(app, Msg::View(Answer::Feeds { req: asked.0, account: asked.1.clone(), result }));
}

fn answer_page(app: &mut App, req: ReqId, view: u64, result: Result<Page<Post>, BackendError>) -> Vec<Effect> {
    update(app, Msg::View(Answer::Posts { req, view, result }))
}

/// `n` Bluesky posts numbered from `from`, one minute apart.
fn posts(from: usize, n: usize) -> Vec<Post> {
    (from..from + n).map(|i| post(Network::Bluesky, &format!("p{i}"), i as i64, "Ann", &format!("post {i}"))).collect()
}

fn page(items: Vec<Post>, older: Option<&str>) -> Result<Page<Post>, BackendError> {
    Ok(Page { items, older: older.map(str::to_string), newer: None })
}

/// Opens the picker, answers it with one Bluesky feed, and opens that feed: its first request.
fn open_feed(app: &mut App) -> (ReqId, u64, AccountId, Feed, Option<String>) {
    let asked = feeds_asked(&press(app, Action::Feeds));
    let cats = feed(FeedKind::Custom, "at://did:plc:x/app.bsky.feed.generator/cats", "Cats 🐈");
    answer_feeds(app, &asked[1], Ok(Feeds { feeds: vec![cats], note: None }));
    let mut first = pages_asked(&press(app, Action::Open));
    assert_eq!(first.len(), 1, "one request for the first page");
    first.remove(0)
}

#[test]
fn f_asks_every_account_and_groups_answers_in_the_accounts_order() {
    let mut app = app();
    let asked = feeds_asked(&press(&mut app, Action::Feeds));
    assert_eq!(app.mode(), Mode::Feeds);
    assert_eq!(asked.iter().map(|a| a.1.clone()).collect::<Vec<_>>(), Network::ALL.map(account).to_vec());
    // Bluesky answers first, Mastodon later: Mastodon's lists still come first.
    let b = vec![feed(FeedKind::Custom, "at://b/feed/1", "B one"), feed(FeedKind::List, "at://b/list/2", "B two")];
    answer_feeds(&mut app, &asked[1], Ok(Feeds { feeds: b, note: None }));
    press(&mut app, Action::SelectNext);
    answer_feeds(&mut app, &asked[0], Ok(Feeds { feeds: vec![feed(FeedKind::List, "7", "M list")], note: None }));
    answer_feeds(&mut app, &asked[2], Ok(Feeds { feeds: Vec::new(), note: Some(TUMBLR_NO_FEEDS.into()) }));
    let p = picker(&app);
    let names: Vec<&str> = p.entries.iter().map(|(_, f)| f.name.as_str()).collect();
    assert_eq!(names, ["M list", "B one", "B two"]);
    assert_eq!(p.entries[p.selected].1.name, "B two", "the selection stays on the row it was on");
    assert_eq!(p.notes, vec![(account(Network::Tumblr), TUMBLR_NO_FEEDS.to_string())]);
    assert!(p.waiting.is_empty());
    press(&mut app, Action::Feeds);
    assert!(app.overlay.is_none(), "f again closes the picker");
}

#[test]
fn an_account_that_fails_leaves_a_note_and_a_late_answer_after_closing_is_dropped() {
    let mut app = app();
    let asked = feeds_asked(&press(&mut app, Action::Feeds));
    answer_feeds(&mut app, &asked[0], Err(BackendError::server(500, "boom")));
    let note = &picker(&app).notes[0];
    assert_eq!(note.0, account(Network::Mastodon));
    assert!(note.1.contains("500") && note.1.contains("boom"), "{note:?}");
    press(&mut app, Action::Back);
    answer_feeds(&mut app, &asked[1], Ok(Feeds { feeds: vec![feed(FeedKind::List, "x", "late")], note: None }));
    assert!(app.overlay.is_none(), "a closed picker stays closed");
}

#[test]
fn enter_opens_the_chosen_feed_as_a_view_through_its_account() {
    let mut app = app();
    let (req, id, acct, chosen, cursor) = open_feed(&mut app);
    assert_eq!(acct, account(Network::Bluesky));
    assert_eq!(chosen.name, "Cats 🐈");
    assert_eq!(cursor, None, "the newest page first");
    assert!(app.overlay.is_none());
    assert_eq!(view(&app).req, Some(req));
    answer_page(&mut app, req, id, page(posts(0, 30), Some("c1")));
    let v = view(&app);
    assert!(v.loaded && v.note.is_none());
    assert_eq!(v.posts.len(), 30);
    assert_eq!(v.older.as_deref(), Some("c1"));
    assert_eq!(v.posts[0].text.to_plain(), "post 0", "the feed's own order is kept");
}

#[test]
fn the_next_page_is_asked_once_as_the_selection_nears_the_end_and_never_after_the_last() {
    let mut app = app();
    let (req, id, ..) = open_feed(&mut app);
    answer_page(&mut app, req, id, page(posts(0, 40), Some("c1")));
    assert!(pages_asked(&press(&mut app, Action::SelectNext)).is_empty(), "far from the end: nothing asked");
    let asked = pages_asked(&press(&mut app, Action::SelectLast));
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].4.as_deref(), Some("c1"));
    assert!(pages_asked(&press(&mut app, Action::SelectPrev)).is_empty(), "one request at a time");
    // The older page repeats a post: it shows once.
    answer_page(&mut app, asked[0].0, id, page(posts(39, 20), None));
    assert_eq!(view(&app).posts.len(), 59);
    assert_eq!(view(&app).older, None);
    assert!(pages_asked(&press(&mut app, Action::SelectLast)).is_empty(), "the end: nothing more to ask");
}

#[test]
fn a_short_first_page_asks_for_the_next_one_at_once() {
    let mut app = app();
    let (req, id, ..) = open_feed(&mut app);
    let effects = answer_page(&mut app, req, id, page(posts(0, 3), Some("c1")));
    let asked = pages_asked(&effects);
    assert_eq!(asked.len(), 1, "three rows do not fill the view: the next page is asked");
    assert_eq!(asked[0].4.as_deref(), Some("c1"));
}

#[test]
fn stale_answers_are_dropped_after_r_and_after_the_view_closed() {
    let mut app = app();
    let (req, id, ..) = open_feed(&mut app);
    let again = pages_asked(&press(&mut app, Action::Refresh));
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].4, None, "R reads the newest page again");
    answer_page(&mut app, req, id, page(posts(0, 5), None));
    assert!(view(&app).posts.is_empty(), "the answer to the first request is stale");
    answer_page(&mut app, again[0].0, again[0].1, page(posts(0, 40), Some("c")));
    assert_eq!(view(&app).posts.len(), 40);
    let more = pages_asked(&press(&mut app, Action::SelectLast));
    press(&mut app, Action::Back);
    assert!(app.views.is_empty());
    answer_page(&mut app, more[0].0, more[0].1, page(posts(40, 5), None));
    assert!(app.views.is_empty(), "nothing reopens");
}

#[test]
fn a_deleted_list_a_feed_whose_generator_is_down_and_a_blocked_list_say_why() {
    let cases = [
        (BackendError::server(404, "Record not found"), "was not found"),
        (BackendError::server(400, "List not found"), "was not found"),
        (BackendError::server(502, "feed unavailable"), "generator is not answering"),
        (BackendError::server(400, "Requester is blocked by the list's owner"), "blocks you"),
        (BackendError::Network("refused".into()), "R tries again"),
    ];
    for (error, says) in cases {
        let mut app = app();
        let (req, id, ..) = open_feed(&mut app);
        answer_page(&mut app, req, id, Err(error.clone()));
        let v = view(&app);
        let note = v.note.as_deref().unwrap_or_default();
        assert!(note.contains(says), "{error:?}: {note}");
        assert!(v.posts.is_empty() && v.req.is_none());
        assert!(screen(&app, 80, 24).contains(&note[..20]), "the note shows in the view");
        press(&mut app, Action::Back);
        assert!(app.views.is_empty(), "Esc goes back to the timeline");
    }
}

#[test]
fn a_failed_older_page_keeps_the_posts_shown() {
    let mut app = app();
    let (req, id, ..) = open_feed(&mut app);
    answer_page(&mut app, req, id, page(posts(0, 40), Some("c1")));
    let more = pages_asked(&press(&mut app, Action::SelectLast));
    let effects = answer_page(&mut app, more[0].0, id, Err(BackendError::server(502, "feed unavailable")));
    assert!(pages_asked(&effects).is_empty(), "a failure is not asked again at once");
    let v = view(&app);
    assert_eq!(v.posts.len(), 40);
    assert!(v.note.as_deref().is_some_and(|n| n.contains("not answering")));
    let retry = pages_asked(&press(&mut app, Action::SelectPrev));
    assert_eq!(retry.len(), 1, "the next move tries again");
    assert_eq!(retry[0].4.as_deref(), Some("c1"));
}

#[test]
fn actions_work_on_a_feed_row() {
    let mut app = app();
    let (req, id, ..) = open_feed(&mut app);
    answer_page(&mut app, req, id, page(posts(0, 3), None));
    let effects = press(&mut app, Action::Like);
    assert!(matches!(effects.as_slice(), [Effect::Interact { act: Interaction::Like, .. }]), "{effects:?}");
    let effects = press(&mut app, Action::OpenThread);
    assert!(matches!(effects.as_slice(), [Effect::View(Request::Thread { .. })]), "{effects:?}");
    press(&mut app, Action::Back);
    assert!(matches!(app.top_view().map(|v| &v.body), Some(Body::Feed(_))), "Esc from the thread: the feed again");
}
