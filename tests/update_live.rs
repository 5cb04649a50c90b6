//! Pure state tests of live updates: new posts never move what the reader reads, the "N new posts"
//! count, g, stream events, and when sources are polled, backed off and reconnected.

mod common;

use common::*;
use jiff::{SignedDuration, Timestamp};
use murre::app::live::{LiveConfig, Stream};
use murre::app::{Action, App, Effect, FetchKind, Msg, ReqId, update};
use murre::backend::{BackendError, Cursor, Page, StreamEnd, StreamEvent};
use murre::model::{Network, Post};

fn press(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

fn at(secs: i64) -> Timestamp {
    now().checked_add(SignedDuration::from_secs(secs)).unwrap_or(now())
}

fn tick(app: &mut App, secs: i64) -> Vec<Effect> {
    update(app, Msg::Tick(at(secs)))
}

fn name(app: &App) -> String {
    app.selected_post().map(|p| p.author.name.clone()).unwrap_or_default()
}

/// Newer Mastodon posts, `n` of them, a minute and more after `now`.
fn newer(n: usize) -> Vec<Post> {
    (0..n).map(|i| post(Network::Mastodon, &format!("new{i}"), -1 - i as i64, "Newcomer", "fresh")).collect()
}

/// The fixture app on a short screen: 4 rows show, so the 9 posts reach below the view (a view
/// shows the last rows at its bottom, so a timeline shorter than the screen shows new posts at once).
fn short() -> App {
    let mut app = app();
    update(&mut app, Msg::Resize { width: 80, height: 12 });
    app
}

/// Refreshes and answers Mastodon's request with `items`.
fn refresh_with(app: &mut App, items: Vec<Post>) {
    let req = fetch_req(&press(app, Action::Refresh), 0);
    update(app, loaded(req, 0, FetchKind::Newer, Ok(Page { items, older: None, newer: None })));
}

#[test]
fn new_posts_above_the_selection_keep_the_selection_and_its_place_on_screen() {
    let mut app = short();
    for _ in 0..3 {
        press(&mut app, Action::SelectNext);
    }
    let (who, on_screen) = (name(&app), app.pane().selected - app.pane().offset);
    refresh_with(&mut app, newer(4));
    assert_eq!(name(&app), who, "the same post stays selected");
    assert_eq!(app.pane().selected - app.pane().offset, on_screen, "and on the same screen row");
    assert_eq!(app.pane().offset, 4, "the view moved down by the rows that came in above it");
    assert_eq!(app.pane().fresh, 4, "four new posts wait above");
}

#[test]
fn at_the_top_too_the_reader_stays_and_the_count_shows() {
    let mut app = short();
    refresh_with(&mut app, newer(2));
    assert_eq!((name(&app), app.pane().offset, app.pane().fresh), ("Ada".to_string(), 2, 2));
    let screen = render(&app);
    assert!(screen.contains("↑ 2 new posts · g"), "the marker is on the pane: {screen}");
    assert!(screen.lines().last().is_some_and(|l| l.contains("↑ 2 new posts")), "and in the status bar");
}

#[test]
fn g_jumps_to_the_new_posts_and_clears_the_count() {
    let mut app = short();
    refresh_with(&mut app, newer(3));
    press(&mut app, Action::SelectFirst);
    assert_eq!((app.pane().selected, app.pane().offset, app.pane().fresh), (0, 0, 0));
    assert_eq!(name(&app), "Newcomer");
    assert!(!render(&app).contains("new post"));
}

#[test]
fn scrolling_up_to_new_posts_counts_them_as_seen() {
    let mut app = short();
    refresh_with(&mut app, newer(3));
    press(&mut app, Action::SelectPrev);
    assert_eq!(app.pane().fresh, 2, "one of the three is on screen now");
    press(&mut app, Action::SelectPrev);
    press(&mut app, Action::SelectPrev);
    assert_eq!(app.pane().fresh, 0);
}

#[test]
fn the_first_pages_fill_the_view_without_counting_as_new() {
    let app = app();
    assert_eq!((app.pane().selected, app.pane().offset, app.pane().fresh), (0, 0, 0));
    assert_eq!(name(&app), "Ada", "the newest post is on top");
}

/// The fixture app with streaming and polling on, Mastodon's stream open.
fn streaming_app() -> (App, ReqId) {
    let mut app = App::new(sources(), now());
    app.live = LiveConfig { poll: Some(SignedDuration::from_secs(60)), stream: true, read_position: false };
    let effects = murre::app::start(&mut app);
    let opens: Vec<_> = effects.iter().filter(|e| matches!(e, Effect::OpenStream { .. })).collect();
    assert_eq!(opens.len(), 1, "only Mastodon streams: {effects:?}");
    let Some(Effect::OpenStream { req: stream, source: 0, .. }) = opens.first().copied().cloned() else { panic!() };
    for (i, n) in Network::ALL.into_iter().enumerate() {
        let items: Vec<Post> = tricky().into_iter().filter(|p| p.network() == n).collect();
        update(
            &mut app,
            loaded(fetch_req(&effects, i), i, FetchKind::Newer, Ok(Page { items, older: None, newer: None })),
        );
    }
    update(&mut app, Msg::StreamOpened { req: stream, source: 0 });
    update(&mut app, Msg::Resize { width: 80, height: 12 });
    assert!(app.sources[0].live.streaming());
    (app, stream)
}

fn event(app: &mut App, req: ReqId, event: StreamEvent) -> Vec<Effect> {
    update(app, Msg::StreamEvent { req, source: 0, event })
}

#[test]
fn a_streamed_post_lands_above_without_moving_the_reader() {
    let (mut app, stream) = streaming_app();
    press(&mut app, Action::SelectNext);
    let who = name(&app);
    event(&mut app, stream, StreamEvent::Update(Box::new(newer(1).remove(0))));
    assert_eq!((name(&app), app.pane().fresh, app.pane().offset), (who, 1, 1));
    assert_eq!(app.sources[0].last_refresh, Some(now()), "the stream counts as news");
}

#[test]
fn streamed_deletes_and_edits_change_rows_in_place() {
    let (mut app, stream) = streaming_app();
    let rows = app.pane().rows.len();
    event(&mut app, stream, StreamEvent::Delete("5".into()));
    assert_eq!(app.pane().rows.len(), rows - 1);
    let mut edited = post(Network::Mastodon, "1", 1, "Ada", "edited words");
    edited.id.account = account(Network::Mastodon);
    event(&mut app, stream, StreamEvent::Edit(Box::new(edited)));
    assert_eq!(app.selected_post().map(|p| p.text.to_plain()), Some("edited words".into()));
    assert_eq!(app.pane().rows.len(), rows - 1, "an edit adds no row");
}

#[test]
fn a_streamed_un_boost_takes_out_the_boost_and_keeps_the_original() {
    let (mut app, stream) = streaming_app();
    let mut original = post(Network::Mastodon, "b1", 40, "Ken", "Boosted text");
    original.id.account = account(Network::Mastodon);
    event(&mut app, stream, StreamEvent::Update(Box::new(original)));
    let boosted = |app: &App| -> Vec<bool> {
        let rows = app.pane().rows.iter().filter_map(|s| app.timeline.post(*s));
        rows.filter(|p| p.text.to_plain() == "Boosted text").map(|p| p.repost.is_some()).collect()
    };
    assert_eq!(boosted(&app), [true, false], "the boost, then the original");
    // Mastodon's `delete` event of an un-boost names the reblog status, not the original.
    event(&mut app, stream, StreamEvent::Delete("b1-boost".into()));
    assert_eq!(boosted(&app), [false]);
}

#[test]
fn events_of_a_stream_that_was_replaced_are_dropped() {
    let (mut app, stream) = streaming_app();
    let rows = app.pane().rows.len();
    event(&mut app, ReqId(stream.0 + 1000), StreamEvent::Update(Box::new(newer(1).remove(0))));
    update(&mut app, Msg::StreamClosed { req: ReqId(stream.0 + 1000), source: 0, end: StreamEnd::Lost("x".into()) });
    assert_eq!(app.pane().rows.len(), rows);
    assert!(app.sources[0].live.streaming());
}

/// The next effects of ticks from `from` to `to` seconds, with the second they came at.
fn ticks(app: &mut App, from: i64, to: i64) -> Vec<(i64, Effect)> {
    (from..=to).flat_map(|s| tick(app, s).into_iter().map(move |e| (s, e))).collect()
}

#[test]
fn a_lost_stream_is_polled_at_once_and_reconnected_with_growing_waits() {
    let (mut app, stream) = streaming_app();
    update(&mut app, Msg::StreamClosed { req: stream, source: 0, end: StreamEnd::Lost("closed".into()) });
    assert!(render(&app).contains("Mastodon: stream lost, polling"));
    let first = ticks(&mut app, 0, 0);
    assert!(matches!(&first[..], [(0, Effect::Fetch { source: 0, at: Cursor::Newest, .. })]), "{first:?}");
    // Reconnects: 2 s, then 4 s, then 8 s (plus up to a quarter of jitter), each failing at once.
    let mut opened_at = 0;
    for wait in [2, 4, 8] {
        let effects = ticks(&mut app, opened_at + 1, opened_at + wait + wait / 4 + 1);
        let Some((second, Effect::OpenStream { req, .. })) =
            effects.into_iter().find(|(_, e)| matches!(e, Effect::OpenStream { .. }))
        else {
            panic!("no reconnect within {wait} s");
        };
        assert!(second - opened_at >= wait, "reconnected after {} s, before {wait} s", second - opened_at);
        opened_at = second;
        update(&mut app, Msg::StreamClosed { req, source: 0, end: StreamEnd::Lost("refused".into()) });
    }
}

#[test]
fn a_refused_stream_waits_a_minute_and_polling_carries_on() {
    let (mut app, stream) = streaming_app();
    update(&mut app, Msg::StreamClosed { req: stream, source: 0, end: StreamEnd::Refused("404".into()) });
    assert!(render(&app).contains("Mastodon: no stream, polling"));
    let early = ticks(&mut app, 0, 59);
    assert!(early.iter().all(|(_, e)| !matches!(e, Effect::OpenStream { .. })));
    assert!(matches!(app.sources[0].live.stream, Stream::Lost { refused: true, .. }));
}

#[test]
fn polls_come_every_interval_never_while_one_is_in_flight() {
    let (mut app, _) = streaming_app();
    // Bluesky (source 1) polls 60-66 s after its page.
    let effects = ticks(&mut app, 1, 59);
    assert!(effects.iter().all(|(_, e)| !matches!(e, Effect::Fetch { source: 1, .. })), "{effects:?}");
    let effects = ticks(&mut app, 60, 66);
    let polls: Vec<_> = effects.iter().filter(|(_, e)| matches!(e, Effect::Fetch { source: 1, .. })).collect();
    assert_eq!(polls.len(), 1, "{effects:?}");
    // Unanswered: nothing more however long it takes.
    let more = ticks(&mut app, 67, 400);
    assert!(more.iter().all(|(_, e)| !matches!(e, Effect::Fetch { source: 1, .. })));
    // The streaming Mastodon source is not polled (its one catch-up fetch aside).
    let mastodon = ticks(&mut app, 401, 600).into_iter().filter(|(_, e)| matches!(e, Effect::Fetch { source: 0, .. }));
    assert!(mastodon.count() <= 1);
}

#[test]
fn errors_back_off_and_a_429_waits_its_retry_after() {
    let (mut app, _) = streaming_app();
    let poll_at = |app: &App| app.sources[1].live.next_poll.map(|t| t.as_second() - now().as_second());
    let answer = |app: &mut App, result: Result<Page<Post>, BackendError>| {
        let req = app.sources[1].pending_newer.unwrap_or_else(|| {
            let effects = press(app, Action::Refresh);
            fetch_req(&effects, 1)
        });
        update(app, loaded(req, 1, FetchKind::Newer, result));
    };
    answer(&mut app, Err(BackendError::Network("down".into())));
    assert!(poll_at(&app).is_some_and(|s| (120..=126).contains(&s)), "1st failure: {:?}", poll_at(&app));
    answer(&mut app, Err(BackendError::Network("down".into())));
    assert!(poll_at(&app).is_some_and(|s| (240..=246).contains(&s)), "2nd failure: {:?}", poll_at(&app));
    let retry_after = Some(std::time::Duration::from_secs(900));
    answer(&mut app, Err(BackendError::RateLimited { retry_after }));
    assert!(poll_at(&app).is_some_and(|s| s > 900), "Retry-After honoured: {:?}", poll_at(&app));
    answer(&mut app, Ok(Page { items: Vec::new(), older: None, newer: None }));
    assert!(poll_at(&app).is_some_and(|s| (60..=66).contains(&s)), "back to the interval: {:?}", poll_at(&app));
    answer(&mut app, Err(BackendError::Auth("revoked".into())));
    assert_eq!(poll_at(&app), None, "no polling until the user logs in again");
}

fn render(app: &App) -> String {
    let keymap = murre::ui::Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 24)).unwrap_or_else(|e| panic!("{e}"));
    term.draw(|f| murre::ui::draw(f, app, &murre::ui::Theme::default(), &keymap)).unwrap_or_else(|e| panic!("{e}"));
    let buffer = term.backend().buffer();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}
