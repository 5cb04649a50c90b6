//! Pure state tests of the read position: opening where the reader stopped (from the file or a
//! Mastodon marker, loading older pages within a bound), and saving the position once it is still.

mod common;

use common::*;
use jiff::{SignedDuration, Timestamp};
use murre::app::live::LiveConfig;
use murre::app::read::{MAX_PAGES, Position, Remembered};
use murre::app::{Action, App, Effect, FetchKind, Msg, update};
use murre::backend::mastodon::Marker;
use murre::backend::{Cursor, Page};
use murre::model::{Network, Post};

fn at(secs: i64) -> Timestamp {
    now().checked_add(SignedDuration::from_secs(secs)).unwrap_or(now())
}

fn name(app: &App) -> String {
    app.selected_post().map(|p| p.author.name.clone()).unwrap_or_default()
}

fn page(items: Vec<Post>, older: Option<&str>) -> Page<Post> {
    Page { items, older: older.map(str::to_string), newer: None }
}

/// A remembering app on a short screen (4 rows show) that was told `remembered` and got each
/// network's `tricky()` posts, Mastodon's with an older page behind it when `more` says so; returns
/// the effects of those pages.
fn start(remembered: Remembered, more: Option<&str>) -> (App, Vec<Effect>) {
    let mut app = App::new(sources(), now());
    app.live = LiveConfig { poll: None, stream: false, read_position: true };
    update(&mut app, Msg::Resize { width: 80, height: 12 });
    let effects = murre::app::start(&mut app);
    assert!(effects.contains(&Effect::LoadReadPosition));
    update(&mut app, Msg::Remembered(remembered));
    let mut last = Vec::new();
    for (i, n) in Network::ALL.into_iter().enumerate() {
        let items: Vec<Post> = tricky().into_iter().filter(|p| p.network() == n).collect();
        let older = if n == Network::Mastodon { more } else { None };
        last.extend(update(&mut app, loaded(fetch_req(&effects, i), i, FetchKind::Newer, Ok(page(items, older)))));
    }
    (app, last)
}

fn file(key: &str, minutes_ago: i64, saved: Timestamp) -> Remembered {
    let position = Position { key: key.into(), at: ago(minutes_ago), saved, markers: Vec::new() };
    Remembered { file: Some(position), markers: Vec::new() }
}

fn key_of(network: Network, id: &str, minutes: i64) -> String {
    post(network, id, minutes, "x", "x").feed_key()
}

#[test]
fn it_opens_where_the_reader_stopped_with_the_posts_since_counted_as_new() {
    let (app, _) = start(file(&key_of(Network::Tumblr, "3", 6), 6, now()), None);
    assert!(app.settled());
    assert_eq!(name(&app), "سارة");
    assert_eq!(app.pane().offset, app.pane().selected, "at the top of the view");
    assert_eq!(app.pane().fresh, 5, "the five newer posts wait above");
}

#[test]
fn nothing_is_kept_in_place_before_the_remembered_position_is_known() {
    let mut app = App::new(sources(), now());
    app.live = LiveConfig { poll: None, stream: false, read_position: true };
    let effects = murre::app::start(&mut app);
    let items: Vec<Post> = tricky().into_iter().filter(|p| p.network() == Network::Mastodon).collect();
    update(&mut app, loaded(fetch_req(&effects, 0), 0, FetchKind::Newer, Ok(page(items, None))));
    assert!(!app.settled());
    assert_eq!(murre::app::read::position(&app), None, "nothing read yet: nothing to save");
}

#[test]
fn older_pages_are_loaded_until_the_post_is_found() {
    let old = post(Network::Mastodon, "old", 600, "Olga", "from this morning");
    let (mut app, effects) = start(file(&old.feed_key(), 600, now()), Some("max_id=5"));
    assert!(!app.settled());
    assert!(status_bar(&app).contains("finding where you stopped reading"), "{}", status_bar(&app));
    let req = match &effects[..] {
        [Effect::Fetch { req, source: 0, at: Cursor::Older(c), .. }] if c == "max_id=5" => *req,
        other => panic!("expected an older Mastodon page, got {other:?}"),
    };
    update(&mut app, loaded(req, 0, FetchKind::Older, Ok(page(vec![old], None))));
    assert!(app.settled());
    assert_eq!(name(&app), "Olga");
}

#[test]
fn the_search_stops_after_the_page_bound_and_says_so() {
    let (mut app, mut effects) = start(file("https://gone.example/s/1", 100_000, now()), Some("max_id=5"));
    let mut pages = 0;
    while !app.settled() {
        let req = effects.iter().find_map(|e| match e {
            Effect::Fetch { req, source: 0, at: Cursor::Older(_), .. } => Some(*req),
            _ => None,
        });
        let req = req.unwrap_or_else(|| panic!("the search neither asked nor ended: {effects:?}"));
        pages += 1;
        let filler = post(Network::Mastodon, &format!("f{pages}"), 10 + pages, "Filler", "more");
        effects = update(&mut app, loaded(req, 0, FetchKind::Older, Ok(page(vec![filler], Some("max_id=1")))));
    }
    assert_eq!(u32::try_from(pages).ok(), Some(MAX_PAGES), "the usual prefetch counts too");
    assert!(app.settled());
    assert_eq!(app.pane().selected, 0, "showing the newest");
    assert!(app.toasts.last().is_some_and(|t| t.text.contains("more than 12 pages back")));
}

#[test]
fn a_deleted_post_opens_where_it_was() {
    let (app, _) = start(file("https://social.example/s/deleted", 5, now()), None);
    assert!(app.settled());
    assert_eq!(name(&app), "Ken", "the first post older than the deleted one (Ken's boost, 5 min)");
    assert!(app.toasts.last().is_some_and(|t| t.text.contains("gone")));
}

#[test]
fn a_marker_another_client_moved_later_wins_over_the_file() {
    let mut remembered = file(&key_of(Network::Tumblr, "3", 6), 6, now());
    let marker = Marker { last_read_id: "5".into(), updated_at: Some(at(60)) };
    remembered.markers.push((account(Network::Mastodon), marker));
    let (app, _) = start(remembered, None);
    assert_eq!(name(&app), "Long");
}

#[test]
fn a_marker_that_names_what_murre_saved_leaves_the_file_in_charge() {
    let mut remembered = file(&key_of(Network::Tumblr, "3", 6), 6, now());
    if let Some(f) = remembered.file.as_mut() {
        f.markers.push((account(Network::Mastodon), "5".into()));
    }
    let marker = Marker { last_read_id: "5".into(), updated_at: Some(at(2)) };
    remembered.markers.push((account(Network::Mastodon), marker));
    let (app, _) = start(remembered, None);
    assert_eq!(name(&app), "سارة");
}

#[test]
fn moving_before_the_search_ends_leaves_the_reader_where_they_went() {
    let old = post(Network::Mastodon, "old", 600, "Olga", "from this morning");
    let (mut app, effects) = start(file(&old.feed_key(), 600, now()), Some("max_id=5"));
    update(&mut app, Msg::Action(Action::SelectNext));
    assert!(app.settled());
    let req = match &effects[..] {
        [Effect::Fetch { req, .. }] => *req,
        other => panic!("{other:?}"),
    };
    update(&mut app, loaded(req, 0, FetchKind::Older, Ok(page(vec![old], None))));
    assert_eq!(name(&app), "小林", "the reader's own choice stands");
}

fn saves(app: &mut App, from: i64, to: i64) -> Vec<(i64, Position)> {
    (from..=to)
        .flat_map(|s| update(app, Msg::Tick(at(s))).into_iter().map(move |e| (s, e)))
        .filter_map(|(s, e)| match e {
            Effect::SaveReadPosition(p) => Some((s, p)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_position_is_saved_once_it_is_still_with_each_mastodon_accounts_marker() {
    let (mut app, _) = start(Remembered::default(), None);
    for _ in 0..5 {
        update(&mut app, Msg::Action(Action::SelectNext));
    }
    let saved = saves(&mut app, 0, 20);
    assert_eq!(saved.len(), 1, "one save for one stop: {saved:?}");
    let (second, position) = &saved[0];
    assert!(*second >= 5, "saved {second} s after the last move");
    assert_eq!(position.key, key_of(Network::Tumblr, "3", 6));
    assert_eq!(position.at, ago(6));
    assert_eq!(position.markers, [(account(Network::Mastodon), "5".to_string())], "Long: the first of its own below");
    update(&mut app, Msg::Action(Action::SelectNext));
    let again = saves(&mut app, 21, 40);
    assert!(again.len() == 1 && again[0].1.key == key_of(Network::Bluesky, "4", 7), "{again:?}");
}

/// The status bar's text at 120 columns.
fn status_bar(app: &App) -> String {
    let keymap = murre::ui::Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 12)).unwrap_or_else(|e| panic!("{e}"));
    term.draw(|f| murre::ui::draw(f, app, &murre::ui::Theme::default(), &keymap)).unwrap_or_else(|e| panic!("{e}"));
    let buffer = term.backend().buffer();
    (0..buffer.area.width).map(|x| buffer[(x, buffer.area.height - 1)].symbol()).collect()
}
