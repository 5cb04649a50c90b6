//! Bounded memory: the timeline keeps `max_posts` rows around the reader. Rows far from the reader
//! are dropped and fetched again when the reader scrolls back to them, and what the reader reads
//! stays where it is on the screen.

mod common;

use common::{account, loaded, now};
use murre::app::{Action, App, Effect, FetchKind, Msg, ReqId, Source, update};
use murre::backend::{Cursor, Page};
use murre::model::{Network, Post, PostKey};

const PAGE: i64 = 40;

/// Post `n` of the Mastodon source: a higher `n` is newer (n minutes after an hour before `now`).
fn post(n: i64) -> Post {
    let key = PostKey::Mastodon { id: n.to_string(), uri: format!("https://social.example/s/{n}") };
    let at = now().checked_sub(jiff::SignedDuration::from_mins(100_000 - n)).unwrap_or(now());
    Post::sample(key, &account(Network::Mastodon), "ada", at, &format!("post {n}"))
}

/// Page `p` of the feed as it stood at start: posts 10000 - 40p down, continued by `max_id=p+1`.
fn page(p: i64) -> Page<Post> {
    let top = 10_000 - PAGE * p;
    Page { items: (0..PAGE).map(|i| post(top - i)).collect(), older: Some(format!("max_id={}", p + 1)), newer: None }
}

fn fetch(effects: &[Effect]) -> Option<(ReqId, Cursor, FetchKind)> {
    effects.iter().find_map(|e| match e {
        Effect::Fetch { req, at, kind, .. } => Some((*req, at.clone(), *kind)),
        _ => None,
    })
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    update(app, Msg::Action(action))
}

/// An app that read `pages` pages (no bound while reading), the reader back at row `row`.
fn reading(pages: i64, row: usize) -> App {
    let mut app = App::new(vec![Source::new(account(Network::Mastodon), Network::Mastodon)], now());
    app.size = (100, 30);
    let mut effects = murre::app::start(&mut app);
    for p in 0..pages {
        let (req, _, kind) = fetch(&effects).unwrap_or((ReqId(0), Cursor::Newest, FetchKind::Newer));
        update(&mut app, loaded(req, 0, kind, Ok(page(p))));
        effects = act(&mut app, Action::SelectLast);
    }
    act(&mut app, Action::SelectFirst);
    for _ in 0..row {
        act(&mut app, Action::SelectNext);
    }
    app.timeline.max_posts = 200;
    app
}

fn selected_text(app: &App) -> Option<String> {
    app.selected_slot().and_then(|s| app.timeline.post(s)).map(|p| p.text.to_plain())
}

/// The selected row's line on the screen (its place under the top of the list).
fn screen_line(app: &App) -> usize {
    app.pane().selected - app.pane().offset
}

#[test]
fn new_posts_above_a_reader_near_the_top_drop_the_oldest_rows_and_the_reader_stays_put() {
    let mut app = reading(6, 5);
    let (text, line) = (selected_text(&app), screen_line(&app));
    assert_eq!(text.as_deref(), Some("post 9995"));
    let effects = act(&mut app, Action::Refresh);
    let (req, ..) = fetch(&effects).unwrap_or((ReqId(0), Cursor::Newest, FetchKind::Newer));
    let fresh = Page { items: (1..=PAGE).map(|i| post(10_000 + i)).collect(), older: None, newer: None };
    update(&mut app, loaded(req, 0, FetchKind::Newer, Ok(fresh)));
    // 280 rows, bound 200: the 80 oldest went; the reader's post and line did not move.
    assert_eq!(app.pane().rows.len(), 200);
    assert_eq!((selected_text(&app), screen_line(&app)), (text, line));
    assert_eq!(app.pane().fresh, 40, "the new posts count as new");
    // The newest dropped row (post 9840) came in page 4, asked with max_id=4: that page again.
    assert_eq!(app.sources[0].older.as_deref(), Some("max_id=4"));
    let effects = act(&mut app, Action::SelectLast);
    let (req, at, kind) = fetch(&effects).unwrap_or((ReqId(0), Cursor::Newest, FetchKind::Newer));
    assert_eq!((at, kind), (Cursor::Older("max_id=4".into()), FetchKind::Older));
    update(&mut app, loaded(req, 0, kind, Ok(page(4))));
    let oldest = app.pane().rows.last().and_then(|s| app.timeline.post(*s)).map(|p| p.text.to_plain());
    assert_eq!(oldest.as_deref(), Some("post 9801"), "the dropped rows are back, once each");
}

#[test]
fn older_pages_below_a_deep_reader_drop_the_newest_rows_and_scrolling_up_brings_them_back() {
    let mut app = reading(6, 0);
    act(&mut app, Action::SelectLast);
    let (text, line) = (selected_text(&app), screen_line(&app));
    assert_eq!(text.as_deref(), Some("post 9761"));
    // Page 6 was asked when the reader first reached the end.
    let req = app.sources[0].pending_older.unwrap_or(ReqId(0));
    update(&mut app, loaded(req, 0, FetchKind::Older, Ok(page(6))));
    // 280 rows, bound 200, the reader at row 239: the 80 newest went, the reader did not move.
    assert_eq!(app.pane().rows.len(), 200);
    assert_eq!((selected_text(&app), screen_line(&app)), (text.clone(), line));
    let first = app.pane().rows.first().and_then(|s| app.timeline.post(*s)).map(|p| p.text.to_plain());
    assert_eq!(first.as_deref(), Some("post 9920"));
    // Back to the top: the nearest dropped page (page 1, asked with max_id=1) comes again, then the
    // newest page; the reader's post keeps its place among the rows coming back above it.
    let effects = act(&mut app, Action::SelectFirst);
    let (req, at, kind) = fetch(&effects).unwrap_or((ReqId(0), Cursor::Newest, FetchKind::Newer));
    assert_eq!((at, kind), (Cursor::Older("max_id=1".into()), FetchKind::Above));
    update(&mut app, loaded(req, 0, kind, Ok(page(1))));
    assert_eq!(selected_text(&app).as_deref(), Some("post 9920"), "the selection keeps its post");
    assert_eq!(app.pane().selected, 40);
    let effects = act(&mut app, Action::SelectFirst);
    let (req, at, kind) = fetch(&effects).unwrap_or((ReqId(0), Cursor::Older(String::new()), FetchKind::Newer));
    assert_eq!((at, kind), (Cursor::Newest, FetchKind::Above));
    update(&mut app, loaded(req, 0, kind, Ok(page(0))));
    assert!(!app.timeline.has_above());
    let first = app.pane().rows.first().and_then(|s| app.timeline.post(*s)).map(|p| p.text.to_plain());
    assert_eq!(first.as_deref(), Some("post 10000"));
}

#[test]
fn an_older_page_asked_before_a_drop_is_not_merged_under_a_changed_cursor() {
    let mut app = reading(6, 5);
    // Page 6 was asked when the reader was at the end; before it comes, new posts drop the oldest rows.
    let older_req = app.sources[0].pending_older.unwrap_or(ReqId(0));
    act(&mut app, Action::SelectFirst);
    let effects = act(&mut app, Action::Refresh);
    let (req, ..) = fetch(&effects).unwrap_or((ReqId(0), Cursor::Newest, FetchKind::Newer));
    let fresh = Page { items: (1..=PAGE).map(|i| post(10_000 + i)).collect(), older: None, newer: None };
    update(&mut app, loaded(req, 0, FetchKind::Newer, Ok(fresh)));
    assert_eq!(app.pane().rows.len(), 200);
    update(&mut app, loaded(older_req, 0, FetchKind::Older, Ok(page(6))));
    assert_eq!(app.pane().rows.len(), 200, "its answer would leave a gap: dropped");
    assert_eq!(app.sources[0].older.as_deref(), Some("max_id=4"));
}

#[test]
fn a_like_in_flight_follows_its_post_through_a_drop() {
    let mut app = reading(6, 5);
    act(&mut app, Action::Like);
    let liked = app.selected_slot().and_then(|s| app.timeline.post(s)).is_some_and(|p| p.viewer.liked);
    assert!(liked);
    let effects = act(&mut app, Action::Refresh);
    let (req, ..) = fetch(&effects).unwrap_or((ReqId(0), Cursor::Newest, FetchKind::Newer));
    let fresh = Page { items: (1..=PAGE).map(|i| post(10_000 + i)).collect(), older: None, newer: None };
    update(&mut app, loaded(req, 0, FetchKind::Newer, Ok(fresh)));
    // The like fails: the roll-back finds the post at its new slot.
    let pending = app.interactions.first().map(|p| p.req).unwrap_or(ReqId(0));
    let error = murre::backend::BackendError::Network("down".into());
    update(&mut app, Msg::InteractFailed { req: pending, error });
    let post = app.selected_slot().and_then(|s| app.timeline.post(s));
    assert_eq!(post.map(|p| p.text.to_plain()).as_deref(), Some("post 9995"));
    assert_eq!(post.map(|p| p.viewer.liked), Some(false), "taken back");
}
