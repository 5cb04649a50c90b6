//! Lists and custom feeds as sources: a pane of them merged across networks (from the config), a
//! feed put into the merged timeline, the picker's space and s (saved), a post held both in a home
//! feed and a list shown once, each pane held back only by its own sources, and a feed's failure
//! named without touching the rest.

mod common;

use common::*;
use murre::app::{Action, App, Effect, FetchKind, Msg, ReqId, feeds, update};
use murre::backend::feeds::{Feed, FeedKind};
use murre::backend::{BackendError, Cursor, Page};
use murre::model::{AccountId, Network, Post};
use murre::store::config::{FeedConfig, PaneConfig};

const CATS: &str = "at://did:plc:x/app.bsky.feed.generator/cats";

fn list_entry() -> FeedConfig {
    FeedConfig {
        account: account(Network::Mastodon),
        list: Some("42".into()),
        feed: None,
        name: Some("Friends".into()),
    }
}

fn cats_entry() -> FeedConfig {
    FeedConfig { account: account(Network::Bluesky), list: None, feed: Some(CATS.into()), name: Some("Cats".into()) }
}

/// A fetch: (req, source, feed id, cursor).
type Fetch = (ReqId, usize, Option<String>, Cursor);

/// The fetches among `effects`.
fn fetches(effects: &[Effect]) -> Vec<Fetch> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Fetch { req, source, at, feed, .. } => {
                Some((*req, *source, feed.as_ref().map(|(_, f)| f.id.clone()), at.clone()))
            }
            _ => None,
        })
        .collect()
}

fn page(items: Vec<Post>, older: Option<&str>) -> Result<Page<Post>, BackendError> {
    Ok(Page { items, older: older.map(str::to_string), newer: None })
}

fn texts(app: &App, pane: usize) -> Vec<String> {
    app.panes[pane].rows.iter().filter_map(|&s| app.timeline.post(s)).map(|p| p.text.to_plain()).collect()
}

/// Three accounts, a pane "Mixed" of a Mastodon list and a Bluesky feed; every source answered.
/// Home: m1 (also in the list) and b-home; list: m1, m2 (more below); feed: c1, c2 (the end).
fn mixed() -> (App, Vec<Fetch>) {
    let mut app = App::new(sources(), now());
    app.size = (100, 30);
    let pane = PaneConfig { name: "Mixed".into(), sources: vec![list_entry(), cats_entry()] };
    feeds::configure(&mut app, &[], &[pane]);
    let asked = fetches(&murre::app::start(&mut app));
    let answer = |app: &mut App, source: usize, items: Vec<Post>, older: Option<&str>| {
        let req = asked.iter().find(|f| f.1 == source).map(|f| f.0).unwrap_or(ReqId(0));
        update(app, loaded(req, source, FetchKind::Newer, page(items, older)))
    };
    let m1 = post(Network::Mastodon, "m1", 1, "Ann", "in home and list");
    answer(&mut app, 0, vec![m1.clone()], None);
    answer(&mut app, 1, vec![post(Network::Bluesky, "bh", 2, "Bo", "home only")], None);
    answer(&mut app, 2, Vec::new(), None);
    answer(&mut app, 3, vec![m1, post(Network::Mastodon, "m2", 10, "Cy", "list only")], Some("m2"));
    let cats =
        vec![post(Network::Bluesky, "c1", 5, "Di", "cat one"), post(Network::Bluesky, "c2", 30, "Ed", "cat two")];
    answer(&mut app, 4, cats, None);
    (app, asked)
}

#[test]
fn a_configured_pane_reads_its_list_and_feed_and_the_merged_timeline_does_not_show_them() {
    let (app, asked) = mixed();
    assert_eq!(app.sources.len(), 5, "three accounts, then the list and the feed");
    let feeds: Vec<_> = asked.iter().filter_map(|f| Some((f.1, f.2.clone()?))).collect();
    assert_eq!(feeds, [(3, "42".to_string()), (4, CATS.to_string())]);
    assert_eq!(app.panes[1].title(), "Mixed");
    assert_eq!(texts(&app, 0), ["in home and list", "home only"]);
    // Newest first across both networks; c2 (30 min) waits below the list's last row (10 min).
    assert_eq!(texts(&app, 1), ["in home and list", "cat one", "list only"]);
}

#[test]
fn a_pane_is_held_back_only_by_its_own_sources_and_pages_the_one_that_holds_it() {
    let (mut app, _) = mixed();
    // The merged timeline's sources are all at their end: nothing there waits for the list.
    assert_eq!(app.timeline.watermark(), None);
    update(&mut app, Msg::Action(Action::FocusNext));
    let effects = update(&mut app, Msg::Action(Action::SelectLast));
    let asked = fetches(&effects);
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert_eq!((asked[0].1, asked[0].2.as_deref(), &asked[0].3), (3, Some("42"), &Cursor::Older("m2".into())));
    let older = post(Network::Mastodon, "m3", 40, "Fay", "list, older");
    update(&mut app, loaded(asked[0].0, 3, FetchKind::Older, page(vec![older], None)));
    assert_eq!(texts(&app, 1), ["in home and list", "cat one", "list only", "cat two", "list, older"]);
}

#[test]
fn a_feed_in_the_merged_timeline_shows_a_post_it_shares_with_a_home_feed_once() {
    let mut app = App::new(sources(), now());
    feeds::configure(&mut app, &[list_entry()], &[]);
    let asked = fetches(&murre::app::start(&mut app));
    let m1 = post(Network::Mastodon, "m1", 1, "Ann", "in home and list");
    update(&mut app, loaded(asked[0].0, 0, FetchKind::Newer, page(vec![m1.clone()], None)));
    let list = vec![m1, post(Network::Mastodon, "m2", 3, "Cy", "list only")];
    update(&mut app, loaded(asked[3].0, 3, FetchKind::Newer, page(list, None)));
    assert_eq!(texts(&app, 0), ["in home and list", "list only"]);
}

/// Opens the picker and answers it: Ada's Bluesky account has the feed Cats.
fn picker(app: &mut App) {
    let effects = update(app, Msg::Action(Action::Feeds));
    for e in effects {
        if let Effect::View(murre::app::views::Request::Feeds { req, account }) = e {
            let feeds = if account.network() == Some(Network::Bluesky) {
                vec![Feed { kind: FeedKind::Custom, id: CATS.into(), name: "Cats".into(), pinned: true }]
            } else {
                Vec::new()
            };
            let result = Ok(murre::backend::feeds::Feeds { feeds, note: None });
            update(app, Msg::View(murre::app::views::Answer::Feeds { req, account, result }));
        }
    }
}

fn saved(effects: &[Effect]) -> Option<(Vec<FeedConfig>, Vec<PaneConfig>)> {
    effects.iter().find_map(|e| match e {
        Effect::SaveFeeds { timeline, panes } => Some((timeline.clone(), panes.clone())),
        _ => None,
    })
}

#[test]
fn in_the_picker_space_puts_a_feed_in_the_timeline_and_s_gives_it_a_pane_both_saved() {
    let mut app = app();
    picker(&mut app);
    let effects = update(&mut app, Msg::Action(Action::ToggleIncluded));
    assert_eq!(app.sources.len(), 4);
    assert_eq!(fetches(&effects).first().map(|f| (f.1, f.2.clone())), Some((3, Some(CATS.to_string()))));
    let (timeline, panes) = saved(&effects).unwrap_or_else(|| panic!("not saved: {effects:?}"));
    assert_eq!((timeline.len(), timeline[0].feed.as_deref(), panes.len()), (1, Some(CATS), 0));
    let req = fetches(&effects)[0].0;
    update(&mut app, loaded(req, 3, FetchKind::Newer, page(vec![post(Network::Bluesky, "c1", 0, "Di", "cat")], None)));
    assert_eq!(texts(&app, 0).first().map(String::as_str), Some("cat"), "in the merged timeline");

    let effects = update(&mut app, Msg::Action(Action::TogglePane));
    assert!(fetches(&effects).is_empty(), "already read: not asked again");
    let (_, panes) = saved(&effects).unwrap_or_else(|| panic!("not saved"));
    assert_eq!((panes.len(), panes[0].name.as_str(), app.panes.len()), (1, "Cats", 2));
    assert_eq!(texts(&app, 1), ["cat"]);

    // Out of both: the source idles (no poll, no request at R), and the config says nothing of it.
    update(&mut app, Msg::Action(Action::TogglePane));
    let effects = update(&mut app, Msg::Action(Action::ToggleIncluded));
    assert_eq!(app.panes.len(), 1);
    assert!(app.idle(3));
    assert_eq!(saved(&effects), Some((Vec::new(), Vec::new())));
    assert!(!texts(&app, 0).contains(&"cat".to_string()));
    let effects = update(&mut app, Msg::Action(Action::Refresh));
    assert!(fetches(&effects).iter().all(|f| f.1 != 3), "{effects:?}");

    // Back in: read again at once.
    let effects = update(&mut app, Msg::Action(Action::ToggleIncluded));
    assert!(!app.idle(3));
    assert_eq!(fetches(&effects).first().map(|f| f.1), Some(3));
}

#[test]
fn a_failing_feed_names_itself_and_every_other_row_stays() {
    let (mut app, _) = mixed();
    let effects = update(&mut app, Msg::Action(Action::Refresh));
    let cats = fetches(&effects).into_iter().find(|f| f.1 == 4).map(|f| f.0).unwrap_or(ReqId(0));
    let gone = BackendError::Server { status: 502, message: "generator down".into() };
    update(&mut app, loaded(cats, 4, FetchKind::Newer, Err(gone)));
    assert!(app.sources[4].error.as_deref().is_some_and(|e| e.starts_with("Cats: ")), "{:?}", app.sources[4].error);
    assert_eq!(texts(&app, 1), ["in home and list", "cat one", "list only"]);
    assert_eq!(texts(&app, 0), ["in home and list", "home only"]);
}

#[test]
fn a_login_that_adds_an_account_before_the_lists_keeps_their_answers() {
    let mut app = App::new(sources(), now());
    feeds::configure(&mut app, &[], &[PaneConfig { name: "Cats".into(), sources: vec![cats_entry()] }]);
    let asked = fetches(&murre::app::start(&mut app));
    let new = murre::app::Source::new(AccountId("mastodon:bea@other.example".into()), Network::Mastodon);
    update(&mut app, Msg::AccountReady(new));
    assert_eq!(app.sources[3].account.0, "mastodon:bea@other.example", "accounts before lists");
    // The answer still names the old index; it is found by its request.
    let req = asked.iter().find(|f| f.1 == 3).map(|f| f.0).unwrap_or(ReqId(0));
    update(&mut app, loaded(req, 3, FetchKind::Newer, page(vec![post(Network::Bluesky, "c1", 0, "Di", "cat")], None)));
    assert_eq!(texts(&app, 1), ["cat"]);
    assert!(app.sources[4].last_refresh.is_some() && app.sources[3].last_refresh.is_none());
}

#[test]
fn a_logout_takes_the_accounts_lists_out_of_the_panes_and_the_config() {
    let (mut app, _) = mixed();
    let effects = update(&mut app, Msg::LoggedOut(account(Network::Mastodon)));
    assert!(app.sources[3].logged_out, "the list of the account logged out of");
    assert_eq!(app.panes[1].sources.len(), 1, "the feed stays");
    assert_eq!(texts(&app, 1), ["cat one", "cat two"]);
    let (_, panes) = saved(&effects).unwrap_or_else(|| panic!("not saved: {effects:?}"));
    let left: Vec<Option<&str>> = panes[0].sources.iter().map(|s| s.feed.as_deref()).collect();
    assert_eq!(left, [Some(CATS)]);
}

#[test]
fn a_mastodon_list_streams_like_a_home_feed_and_its_posts_land_in_its_pane() {
    use murre::app::live::LiveConfig;
    use murre::backend::StreamEvent;
    let mut app = App::new(sources(), now());
    app.live = LiveConfig { poll: None, stream: true, read_position: false };
    let pane = PaneConfig { name: "Mixed".into(), sources: vec![list_entry(), cats_entry()] };
    feeds::configure(&mut app, &[], &[pane]);
    let effects = murre::app::start(&mut app);
    let opened: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::OpenStream { req, source, list } => Some((*req, *source, list.as_ref().map(|(_, id)| id.clone()))),
            _ => None,
        })
        .collect();
    // The Mastodon home and the Mastodon list; a Bluesky feed has no stream.
    assert_eq!(opened.iter().map(|o| (o.1, o.2.clone())).collect::<Vec<_>>(), [(0, None), (3, Some("42".into()))]);
    let req = opened[1].0;
    update(&mut app, Msg::StreamOpened { req, source: 3 });
    let post = post(Network::Mastodon, "live", 0, "Gus", "streamed into the list");
    update(&mut app, Msg::StreamEvent { req, source: 3, event: StreamEvent::Update(Box::new(post)) });
    assert_eq!(texts(&app, 1), ["streamed into the list"]);
    assert!(texts(&app, 0).is_empty(), "not in the merged timeline");
}

#[test]
fn the_read_position_on_a_lists_post_in_the_timeline_opens_there_again() {
    use murre::app::read::Remembered;
    let start = |remembered: Remembered| {
        let mut app = App::new(sources(), now());
        app.live.read_position = true;
        feeds::configure(&mut app, &[list_entry()], &[]);
        let asked = fetches(&murre::app::start(&mut app));
        update(&mut app, Msg::Remembered(remembered));
        let m1 = post(Network::Mastodon, "m1", 1, "Ann", "home");
        update(&mut app, loaded(asked[0].0, 0, FetchKind::Newer, page(vec![m1], None)));
        update(&mut app, loaded(asked[1].0, 1, FetchKind::Newer, page(Vec::new(), None)));
        update(&mut app, loaded(asked[2].0, 2, FetchKind::Newer, page(Vec::new(), None)));
        let list =
            vec![post(Network::Mastodon, "m2", 3, "Cy", "list only"), post(Network::Mastodon, "m3", 5, "Di", "older")];
        update(&mut app, loaded(asked[3].0, 3, FetchKind::Newer, page(list, None)));
        app
    };
    let mut first = start(Remembered::default());
    update(&mut first, Msg::Action(Action::SelectNext));
    let position = murre::app::read::position(&first).unwrap_or_else(|| panic!("nothing to remember"));
    let again = start(Remembered { file: Some(position), markers: Vec::new() });
    let selected = again.panes[0].selected_slot().and_then(|s| again.timeline.post(s)).map(|p| p.text.to_plain());
    assert_eq!(selected.as_deref(), Some("list only"));
    assert!(again.toasts.is_empty(), "found, not guessed by its time: {:?}", again.toasts);
}

/// Answers the open picker: Ada's Mastodon account has the list Friends, her Bluesky one the feed Cats.
fn picker_with_both(app: &mut App) {
    let effects = update(app, Msg::Action(Action::Feeds));
    for e in effects {
        if let Effect::View(murre::app::views::Request::Feeds { req, account }) = e {
            let feeds = match account.network() {
                Some(Network::Mastodon) => {
                    vec![Feed { kind: FeedKind::List, id: "42".into(), name: "Friends".into(), pinned: false }]
                }
                Some(Network::Bluesky) => {
                    vec![Feed { kind: FeedKind::Custom, id: CATS.into(), name: "Cats".into(), pinned: true }]
                }
                _ => Vec::new(),
            };
            let result = Ok(murre::backend::feeds::Feeds { feeds, note: None });
            update(app, Msg::View(murre::app::views::Answer::Feeds { req, account, result }));
        }
    }
}

#[test]
fn in_the_picker_a_merges_a_list_into_the_focused_pane_of_feeds_and_takes_it_out_again() {
    let mut app = app();
    // On the merged timeline, a says what to do instead.
    picker_with_both(&mut app);
    let effects = update(&mut app, Msg::Action(Action::AddToPane));
    assert!(effects.is_empty() && app.panes.len() == 1);
    assert!(app.toasts.last().is_some_and(|t| t.text.starts_with("focus a pane of lists and feeds")));

    // Cats (the second entry, under the Bluesky account) gets a pane; focused, the list joins it.
    update(&mut app, Msg::Action(Action::SelectNext));
    update(&mut app, Msg::Action(Action::TogglePane));
    update(&mut app, Msg::Action(Action::Back));
    update(&mut app, Msg::Action(Action::FocusNext));
    assert_eq!(app.pane, 1);
    picker_with_both(&mut app);
    let effects = update(&mut app, Msg::Action(Action::AddToPane));
    assert_eq!(app.panes[1].title(), "Cats + Friends");
    assert_eq!(app.panes[1].sources.len(), 2);
    assert_eq!(fetches(&effects).first().map(|f| f.2.clone()), Some(Some("42".to_string())), "the list is read");
    let (_, panes) = saved(&effects).unwrap_or_else(|| panic!("not saved"));
    assert_eq!((panes[0].name.as_str(), panes[0].sources.len()), ("Cats + Friends", 2));

    let effects = update(&mut app, Msg::Action(Action::AddToPane));
    assert_eq!((app.panes[1].title(), app.panes[1].sources.len()), ("Cats".to_string(), 1));
    let list = app.sources.iter().position(|s| s.feed.as_ref().is_some_and(|f| f.id == "42"));
    assert!(list.is_some_and(|i| app.idle(i)));
    assert!(saved(&effects).is_some());
}

#[test]
fn a_login_that_adds_an_account_before_a_streaming_list_moves_its_stream_along() {
    use murre::app::live::LiveConfig;
    use murre::backend::StreamEvent;
    let mut app = App::new(sources(), now());
    app.live = LiveConfig { poll: None, stream: true, read_position: false };
    feeds::configure(&mut app, &[], &[PaneConfig { name: "Friends".into(), sources: vec![list_entry()] }]);
    let started = murre::app::start(&mut app);
    let first = started.iter().find_map(|e| match e {
        Effect::OpenStream { req, source: 3, .. } => Some(*req),
        _ => None,
    });
    update(&mut app, Msg::StreamOpened { req: first.unwrap_or(ReqId(0)), source: 3 });
    let new = murre::app::Source::new(AccountId("mastodon:bea@other.example".into()), Network::Mastodon);
    let effects = update(&mut app, Msg::AccountReady(new));
    assert!(effects.iter().any(|e| matches!(e, Effect::CloseStream { source: 3 })), "{effects:?}");
    let again = effects.iter().find_map(|e| match e {
        Effect::OpenStream { req, source: 4, list: Some(_) } => Some(*req),
        _ => None,
    });
    let Some(again) = again else { panic!("the list's stream is not opened at its new place: {effects:?}") };
    // A frame of the old stream that was already on its way is dropped; the new one lands.
    let old = post(Network::Mastodon, "old", 0, "Gus", "from the old stream");
    update(
        &mut app,
        Msg::StreamEvent { req: first.unwrap_or(ReqId(0)), source: 3, event: StreamEvent::Update(Box::new(old)) },
    );
    update(&mut app, Msg::StreamOpened { req: again, source: 4 });
    let new = post(Network::Mastodon, "new", 0, "Gus", "from the new stream");
    update(&mut app, Msg::StreamEvent { req: again, source: 4, event: StreamEvent::Update(Box::new(new)) });
    assert_eq!(texts(&app, 1), ["from the new stream"]);
}
