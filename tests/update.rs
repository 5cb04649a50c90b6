//! Pure state tests: one or more per action, and the stale-reply rule.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyModifiers};
use murre::app::{Action, Effect, FetchKind, Focus, Msg, Overlay, update};
use murre::backend::{BackendError, Cursor, Page};
use murre::model::Network;

fn act(app: &mut murre::app::App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

#[test]
fn start_fetches_every_source_newest_first() {
    let mut app = murre::app::App::new(sources(), now());
    let effects = murre::app::start(&mut app);
    let (fetches, unread): (Vec<&Effect>, Vec<&Effect>) =
        effects.iter().partition(|e| matches!(e, Effect::Fetch { .. }));
    assert_eq!((fetches.len(), unread.len()), (3, 3), "each feed, and each account's unread notifications");
    assert!(fetches.iter().all(|e| matches!(e, Effect::Fetch { at: Cursor::Newest, .. })));
    assert!(unread.iter().all(|e| matches!(e, Effect::View(murre::app::views::Request::Unread { .. }))));
    assert!(app.loading());
}

#[test]
fn rows_are_merged_newest_first_across_networks() {
    let app = app();
    let names: Vec<&str> =
        app.pane().rows.iter().filter_map(|s| app.timeline.post(*s)).map(|p| p.author.name.as_str()).collect();
    assert_eq!(names, ["Ada", "小林", "Grace", "Linus", "Ken", "سارة", "Emoji 👩‍👩‍👧‍👦", "Long", "Empty"]);
}

#[test]
fn movement_is_clamped() {
    let mut app = app();
    act(&mut app, Action::SelectPrev);
    assert_eq!(app.pane().selected, 0);
    act(&mut app, Action::SelectNext);
    assert_eq!(app.pane().selected, 1);
    act(&mut app, Action::SelectLast);
    assert_eq!(app.pane().selected, 8);
    act(&mut app, Action::SelectNext);
    assert_eq!(app.pane().selected, 8);
    act(&mut app, Action::SelectFirst);
    assert_eq!(app.pane().selected, 0);
}

#[test]
fn pages_move_by_the_rows_that_fit() {
    let mut app = app();
    app.size = (80, 12); // 12 - 2 bars - 2 borders = 8 lines = 4 rows
    act(&mut app, Action::PageDown);
    assert_eq!(app.pane().selected, 4);
    act(&mut app, Action::HalfPageDown);
    assert_eq!(app.pane().selected, 6);
    act(&mut app, Action::HalfPageUp);
    act(&mut app, Action::PageUp);
    assert_eq!(app.pane().selected, 0);
}

#[test]
fn open_and_back_switch_focus_and_detail_keys_scroll() {
    let mut app = app();
    act(&mut app, Action::Open);
    assert_eq!(app.focus, Focus::Detail);
    act(&mut app, Action::SelectNext);
    assert_eq!((app.pane().selected, app.detail_scroll), (0, 1));
    act(&mut app, Action::Back);
    assert_eq!(app.focus, Focus::Timeline);
    act(&mut app, Action::FocusNext);
    assert_eq!(app.focus, Focus::Detail);
    act(&mut app, Action::FocusPrev);
    assert_eq!(app.focus, Focus::Timeline);
}

#[test]
fn space_shows_and_hides_a_content_warning() {
    let mut app = app();
    act(&mut app, Action::SelectNext);
    act(&mut app, Action::SelectNext);
    let slot = app.selected_slot().unwrap_or(u32::MAX);
    assert!(app.selected_post().is_some_and(|p| p.cw.is_some()));
    act(&mut app, Action::ToggleCw);
    assert!(app.is_revealed(slot));
    act(&mut app, Action::ToggleCw);
    assert!(!app.is_revealed(slot));
}

#[test]
fn filters_show_one_network_and_keep_the_selection() {
    let mut app = app();
    act(&mut app, Action::SelectNext); // 小林 on Bluesky
    act(&mut app, Action::FilterBluesky);
    assert!(app.pane().rows.iter().filter_map(|s| app.timeline.post(*s)).all(|p| p.network() == Network::Bluesky));
    assert_eq!(app.selected_post().map(|p| p.author.name.as_str()), Some("小林"));
    act(&mut app, Action::FilterMastodon);
    assert_eq!(app.pane().rows.len(), 4);
    act(&mut app, Action::FilterTumblr);
    assert_eq!(app.pane().rows.len(), 2);
    act(&mut app, Action::FilterAll);
    assert_eq!(app.pane().rows.len(), 9);
}

#[test]
fn help_toggles_and_quit_quits() {
    let mut app = app();
    act(&mut app, Action::ToggleHelp);
    assert_eq!(app.overlay, Some(Overlay::Help));
    act(&mut app, Action::Back);
    assert_eq!(app.overlay, None);
    act(&mut app, Action::Quit);
    assert!(app.quit);
}

#[test]
fn open_link_opens_the_only_link_or_a_picker() {
    let mut one = app();
    if let Some(p) = one.selected_slot().and_then(|s| one.timeline.post_mut(s)) {
        p.url = Some("https://social.example/@ada/1".into());
    }
    assert_eq!(act(&mut one, Action::OpenLink), [Effect::OpenUrl("https://social.example/@ada/1".into())]);
    let mut with_links = app();
    act(&mut with_links, Action::SelectLast);
    let slot = with_links.selected_slot().unwrap_or(0);
    if let Some(p) = with_links.timeline.post_mut(slot) {
        p.url = Some("https://tumblr.example/post/6".into());
        p.media.push(murre::model::Media {
            kind: murre::model::MediaKind::Image,
            url: "https://img.example/x.png".into(),
            preview_url: None,
            alt: None,
        });
    }
    assert!(act(&mut with_links, Action::OpenLink).is_empty());
    assert!(matches!(with_links.overlay, Some(Overlay::Links { .. })));
    act(&mut with_links, Action::SelectNext);
    let opened = act(&mut with_links, Action::Open);
    assert_eq!(opened, [Effect::OpenUrl("https://tumblr.example/post/6".into())]);
    assert_eq!(with_links.overlay, None);
}

#[test]
fn a_post_without_links_says_so() {
    let mut app = app();
    act(&mut app, Action::SelectLast);
    assert!(act(&mut app, Action::OpenLink).is_empty());
    assert_eq!(app.toasts.last().map(|t| t.text.as_str()), Some("this post has no links"));
}

#[test]
fn refresh_asks_each_source_for_what_is_newer() {
    let mut app = app();
    app.sources[0].newer = Some("min_id=99".into());
    let effects = act(&mut app, Action::Refresh);
    assert_eq!(effects.iter().filter(|e| matches!(e, Effect::Fetch { .. })).count(), 3);
    assert_eq!(effects.len(), 6, "and the unread counts");
    assert!(matches!(&effects[0], Effect::Fetch { at: Cursor::Newer(c), .. } if c == "min_id=99"));
    assert!(matches!(&effects[1], Effect::Fetch { at: Cursor::Newest, .. }));
}

#[test]
fn a_stale_reply_is_ignored() {
    let mut app = murre::app::App::new(sources(), now());
    let old = fetch_req(&murre::app::start(&mut app), 0);
    let new = fetch_req(&act(&mut app, Action::Refresh), 0);
    let page = Page { items: vec![post(Network::Mastodon, "x", 1, "Old", "stale")], older: None, newer: None };
    update(&mut app, loaded(old, 0, FetchKind::Newer, Ok(page)));
    assert!(app.pane().rows.is_empty());
    let page = Page { items: vec![post(Network::Mastodon, "y", 1, "New", "fresh")], older: None, newer: None };
    update(&mut app, loaded(new, 0, FetchKind::Newer, Ok(page)));
    assert_eq!(app.pane().rows.len(), 1);
}

#[test]
fn a_failing_source_shows_its_error_and_blanks_nothing() {
    let mut app = app();
    let req = fetch_req(&act(&mut app, Action::Refresh), 1);
    update(&mut app, loaded(req, 1, FetchKind::Newer, Err(BackendError::Network("timed out".into()))));
    assert_eq!(app.pane().rows.len(), 9);
    assert!(app.sources[1].error.as_deref().is_some_and(|e| e.contains("Bluesky") && e.contains("timed out")));
    assert!(app.toasts.last().is_some_and(|t| t.error));
}

#[test]
fn nearing_the_end_loads_older_from_the_source_holding_the_watermark() {
    let mut app = murre::app::App::new(sources(), now());
    let effects = murre::app::start(&mut app);
    let m: Vec<_> = (0..5).map(|i| post(Network::Mastodon, &i.to_string(), i, "M", "m")).collect();
    let b: Vec<_> = (0..5).map(|i| post(Network::Bluesky, &i.to_string(), i * 100, "B", "b")).collect();
    update(
        &mut app,
        loaded(
            fetch_req(&effects, 1),
            1,
            FetchKind::Newer,
            Ok(Page { items: b, older: Some("c2".into()), newer: None }),
        ),
    );
    let more = update(
        &mut app,
        loaded(
            fetch_req(&effects, 0),
            0,
            FetchKind::Newer,
            Ok(Page { items: m, older: Some("max_id=0".into()), newer: None }),
        ),
    );
    // Mastodon's oldest (4 min) is newer than Bluesky's (400 min): Mastodon holds the watermark.
    assert!(app.pane().rows.iter().filter_map(|s| app.timeline.post(*s)).all(|p| p.created_at >= ago(4)));
    assert!(matches!(&more[..], [Effect::Fetch { source: 0, at: Cursor::Older(c), .. }] if c == "max_id=0"));
    // Asking again while that request is in flight sends nothing.
    assert!(act(&mut app, Action::SelectLast).is_empty());
}

#[test]
fn ticks_move_the_clock_and_age_out_toasts() {
    let mut app = app();
    act(&mut app, Action::SelectLast);
    act(&mut app, Action::OpenLink);
    assert!(!app.toasts.is_empty());
    update(&mut app, Msg::Tick(now().checked_add(jiff::SignedDuration::from_secs(60)).unwrap_or(now())));
    assert!(app.toasts.is_empty());
}

#[test]
fn resize_and_mouse_scroll() {
    let mut app = app();
    update(&mut app, Msg::Resize { width: 200, height: 60 });
    assert_eq!(app.size, (200, 60));
    update(&mut app, Msg::Scroll(2));
    assert_eq!(app.pane().selected, 2);
    update(&mut app, Msg::Scroll(-1));
    assert_eq!(app.pane().selected, 1);
}

#[test]
fn the_account_switcher_takes_an_account_out_of_the_merged_timeline_and_saves_it() {
    let mut app = app();
    let before = app.pane().rows.len();
    act(&mut app, Action::Accounts);
    assert_eq!(app.mode(), murre::app::Mode::Accounts);
    act(&mut app, Action::SelectNext);
    let effects = act(&mut app, Action::ToggleIncluded);
    let bluesky = app.sources[1].account.clone();
    assert!(!app.sources[1].included);
    assert!(app.pane().rows.len() < before);
    assert!(app.pane().rows.iter().all(|&s| app.timeline.post(s).is_some_and(|p| p.id.account != bluesky)));
    match effects.as_slice() {
        [Effect::SaveAccountChoices(choices)] => {
            assert!(choices.iter().any(|c| c.account == bluesky && !c.included));
            assert_eq!(choices.len(), app.sources.len());
        }
        other => panic!("expected one save, got {other:?}"),
    }
    act(&mut app, Action::ToggleIncluded);
    assert_eq!(app.pane().rows.len(), before, "putting it back restores its rows");
    act(&mut app, Action::Back);
    assert_eq!(app.overlay, None);
}

#[test]
fn one_posting_identity_per_network() {
    let mut app = app();
    app.sources.push(murre::app::Source::new(
        murre::model::AccountId("mastodon:work@office.example".into()),
        Network::Mastodon,
    ));
    app.sources[0].posting = true;
    act(&mut app, Action::Accounts);
    let last = app.sources.len() - 1;
    for _ in 0..last {
        act(&mut app, Action::SelectNext);
    }
    let effects = act(&mut app, Action::SetPosting);
    assert!(app.sources[last].posting && !app.sources[0].posting, "the other Mastodon account gave way");
    assert!(matches!(effects.as_slice(), [Effect::SaveAccountChoices(_)]));
    act(&mut app, Action::SelectNext);
    assert_eq!(
        app.overlay,
        Some(Overlay::Accounts { selected: last, confirm: false }),
        "the selection stays on the list"
    );
}

#[test]
fn a_refused_login_asks_for_l_and_l_logs_in_again_then_the_source_reloads() {
    let mut app = app();
    let req = murre::app::ReqId(999);
    app.sources[1].pending_newer = Some(req);
    let err = BackendError::Auth("Token has been revoked".into());
    update(&mut app, Msg::FeedLoaded { req, source: 1, kind: FetchKind::Newer, result: Err(err) });
    assert!(app.sources[1].needs_login);
    assert!(app.sources[1].error.as_deref().is_some_and(|e| e.contains("press L")));
    let effects = act(&mut app, Action::Login);
    assert_eq!(effects, [Effect::Login { account: Some(app.sources[1].account.clone()) }]);
    let again = murre::app::Source::new(app.sources[1].account.clone(), Network::Bluesky);
    let effects = update(&mut app, Msg::AccountReady(again));
    assert!(!app.sources[1].needs_login && app.sources[1].error.is_none());
    assert!(matches!(effects.as_slice(), [Effect::Fetch { source: 1, at: Cursor::Newest, .. }]));
}

#[test]
fn a_new_account_from_the_switcher_joins_the_sources_and_loads() {
    let mut app = app();
    act(&mut app, Action::Accounts);
    assert_eq!(act(&mut app, Action::AddAccount), [Effect::Login { account: None }]);
    assert_eq!(app.overlay, None);
    let id = murre::model::AccountId("mastodon:work@office.example".into());
    let effects = update(&mut app, Msg::AccountReady(murre::app::Source::new(id.clone(), Network::Mastodon)));
    assert_eq!(app.sources.last().map(|s| &s.account), Some(&id));
    assert!(matches!(effects.as_slice(), [Effect::Fetch { source: 3, .. }]));
}

#[test]
fn an_account_pane_beside_the_merged_one_with_its_own_rows_focus_and_filter() {
    let mut app = app();
    act(&mut app, Action::Accounts);
    act(&mut app, Action::SelectNext);
    let effects = act(&mut app, Action::TogglePane);
    act(&mut app, Action::Back);
    let bluesky = app.sources[1].account.clone();
    assert_eq!(app.panes.len(), 2);
    assert!(
        matches!(effects.as_slice(), [Effect::SaveAccountChoices(c)] if c.iter().any(|c| c.account == bluesky && c.pane))
    );
    let pane = &app.panes[1];
    assert!(!pane.rows.is_empty());
    assert!(pane.rows.iter().all(|&s| app.timeline.post(s).is_some_and(|p| p.id.account == bluesky)));
    // Tab: merged -> the account's pane -> detail -> merged.
    act(&mut app, Action::FocusNext);
    assert_eq!((app.focus, app.pane), (Focus::Timeline, 1));
    act(&mut app, Action::SelectNext);
    assert_eq!((app.panes[0].selected, app.panes[1].selected), (0, 1), "keys move the focused pane only");
    act(&mut app, Action::FocusNext);
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.selected_post().map(|p| &p.id.account), Some(&bluesky), "the detail follows the focused pane");
    act(&mut app, Action::FocusNext);
    assert_eq!((app.focus, app.pane), (Focus::Timeline, 0));
    act(&mut app, Action::FocusPrev);
    assert_eq!((app.focus, app.pane), (Focus::Detail, 0));
    // Taking the pane away again keeps the merged pane and the focus on it.
    act(&mut app, Action::Accounts);
    act(&mut app, Action::SelectNext);
    act(&mut app, Action::TogglePane);
    assert_eq!((app.panes.len(), app.pane), (1, 0));
}

#[test]
fn logging_out_from_the_switcher_asks_twice_then_the_account_leaves_the_timeline() {
    let mut app = app();
    act(&mut app, Action::Accounts);
    act(&mut app, Action::SelectNext);
    assert!(act(&mut app, Action::Logout).is_empty(), "the first X only asks");
    assert_eq!(app.overlay, Some(Overlay::Accounts { selected: 1, confirm: true }));
    act(&mut app, Action::SelectNext);
    act(&mut app, Action::SelectPrev);
    assert!(act(&mut app, Action::Logout).is_empty(), "moving away cancelled the question");
    let bluesky = app.sources[1].account.clone();
    assert_eq!(act(&mut app, Action::Logout), [Effect::Logout { account: bluesky.clone() }]);
    update(&mut app, Msg::LoggedOut(bluesky.clone()));
    assert!(app.sources[1].logged_out && !app.sources[1].included);
    assert!(app.pane().rows.iter().all(|&s| app.timeline.post(s).is_some_and(|p| p.id.account != bluesky)));
}

#[test]
fn compose_types_text_counts_per_network_and_sends_to_the_posting_accounts() {
    let mut app = app();
    app.sources[0].posting = true;
    app.sources[1].posting = true;
    act(&mut app, Action::Compose);
    assert_eq!(app.mode(), murre::app::Mode::Compose);
    typed(&mut app, "日本語 👩‍👩‍👧 q\nsecond line");
    let c = app.compose.as_ref().unwrap_or_else(|| panic!("no compose"));
    assert_eq!(c.text(), "日本語 👩‍👩‍👧 q\nsecond line", "q is text here, not quit");
    assert!(!app.quit);
    let counts: Vec<usize> = c.counters().iter().map(|(_, n)| n.used).collect();
    assert_eq!(counts, [19, 19], "graphemes on Mastodon and Bluesky: {counts:?}");
    let effects = chord(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    match effects.as_slice() {
        [Effect::Publish(r)] => {
            assert_eq!(r.text, "日本語 👩‍👩‍👧 q\nsecond line");
            assert_eq!(r.targets, [app.sources[0].account.clone(), app.sources[1].account.clone()]);
        }
        other => panic!("expected a publish, got {other:?}"),
    }
    assert!(app.compose.is_none(), "the outbox owns the draft now");
}

#[test]
fn compose_refuses_what_a_target_cannot_take_and_keeps_the_text() {
    let mut app = app();
    app.sources[1].posting = true;
    act(&mut app, Action::Compose);
    typed(&mut app, &"word ".repeat(70));
    assert!(chord(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL).is_empty());
    assert!(app.toasts.last().is_some_and(|t| t.error && t.text.contains("too long")));
    // Tab to the target row (past the warning and image lines), pick Mastodon instead of Bluesky, send.
    chord(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    chord(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    chord(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    chord(&mut app, KeyCode::Char(' '), KeyModifiers::NONE); // Mastodon on
    chord(&mut app, KeyCode::Right, KeyModifiers::NONE);
    chord(&mut app, KeyCode::Char(' '), KeyModifiers::NONE); // Bluesky off
    let effects = chord(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(matches!(effects.as_slice(), [Effect::Publish(r)] if r.targets == [app.sources[0].account.clone()]));
}

#[test]
fn esc_puts_the_draft_away_c_brings_it_back_and_ctrl_d_discards_it() {
    let mut app = app();
    act(&mut app, Action::Compose);
    typed(&mut app, "keep me");
    chord(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.mode(), murre::app::Mode::Normal);
    act(&mut app, Action::Compose);
    assert_eq!(app.compose.as_ref().map(|c| c.text()), Some("keep me".to_string()));
    chord(&mut app, KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert!(app.compose.is_none());
}

#[test]
fn a_partly_failed_publish_says_so_and_refreshes() {
    let mut app = app();
    let outcomes = vec![
        murre::publish::Outcome {
            account: app.sources[0].account.clone(),
            url: Some("https://x/1".into()),
            error: None,
            notes: vec!["@nobody.example was not found on Bluesky: it is plain text".into()],
        },
        murre::publish::Outcome {
            account: app.sources[1].account.clone(),
            url: None,
            error: Some("server error 503".into()),
            notes: Vec::new(),
        },
    ];
    update(&mut app, Msg::Progress(outcomes[1].clone()));
    assert!(app.toasts.last().is_some_and(|t| t.error && t.text.contains("503")), "each target as it answers");
    let effects = update(&mut app, Msg::Published(outcomes));
    assert!(app.toasts.last().is_some_and(|t| t.error && t.text.contains("1 of 2") && t.text.contains("outbox")));
    assert!(app.toasts.iter().any(|t| t.text.contains("@nobody.example was not found")), "notes are shown");
    assert_eq!(effects.len(), 3, "every source refreshes");
}

#[test]
fn r_replies_from_the_account_that_sees_the_post_on_its_network_only() {
    let mut app = app();
    for s in &mut app.sources {
        s.posting = true;
    }
    act(&mut app, Action::Reply);
    let (post_account, post_key) = {
        let p = app.selected_post().unwrap_or_else(|| panic!("no post"));
        (p.id.account.clone(), p.id.key.clone())
    };
    let c = app.compose.as_ref().unwrap_or_else(|| panic!("no reply box"));
    assert_eq!(c.targets.len(), 1);
    assert_eq!(c.targets[0].0, post_account);
    assert!(c.text().starts_with('@'), "a Mastodon reply starts with the mention: {:?}", c.text());
    typed(&mut app, "agreed");
    let effects = chord(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        matches!(effects.as_slice(), [Effect::Publish(r)] if r.reply_to == Some(post_key.clone()) && r.targets == [post_account.clone()])
    );
    // A Tumblr post has no replies.
    let tumblr =
        app.pane().rows.iter().position(|&s| app.timeline.post(s).is_some_and(|p| p.network() == Network::Tumblr));
    act(&mut app, Action::SelectFirst);
    for _ in 0..tumblr.unwrap_or(0) {
        act(&mut app, Action::SelectNext);
    }
    act(&mut app, Action::Reply);
    assert!(app.compose.is_none());
    assert!(app.toasts.last().is_some_and(|t| t.text.contains("Tumblr has no replies")));
}

#[test]
fn a_draft_the_outbox_could_not_store_goes_back_to_the_compose_box() {
    let mut app = app();
    let request = murre::publish::prepare::Request {
        text: "not lost".into(),
        cw: "cw".into(),
        visibility: murre::model::Visibility::Public,
        targets: vec![app.sources[0].account.clone()],
        reply_to: None,
        ..Default::default()
    };
    update(&mut app, Msg::PublishFailed { request, error: "disk full".into() });
    let c = app.compose.as_ref().unwrap_or_else(|| panic!("the draft is gone"));
    assert_eq!((c.text(), c.warning_text()), ("not lost".to_string(), "cw".to_string()));
    assert!(app.toasts.last().is_some_and(|t| t.error && t.text.contains("disk full")));
}
