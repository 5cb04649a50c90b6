//! Pure state tests of the view stack (t thread, p profile; n in tests/update_notifications.rs):
//! opening and popping, moving inside a view, answers (stale ones dropped), and the post actions on
//! a view's post reaching every copy, F on a profile among them.

mod common;

use common::*;
use murre::app::views::{Answer, Body, Load, Request};
use murre::app::{Action, App, Effect, Focus, Msg, ReqId, update};
use murre::backend::{BackendError, Interaction, Outcome};
use murre::model::{Author, Branch, Network, Post, Profile, ProfilePage, Thread, ThreadItem, Viewer};

fn press(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

fn answer(app: &mut App, a: Answer) -> Vec<Effect> {
    update(app, Msg::View(a))
}

/// The one thread request an action made.
fn thread_request(effects: &[Effect]) -> (ReqId, u64, Post) {
    match effects {
        [Effect::View(Request::Thread { req, view, post })] => (*req, *view, (**post).clone()),
        other => panic!("expected a thread request, got {other:?}"),
    }
}

/// Selects the first timeline row of `network` that is not a repost.
fn select(app: &mut App, network: Network) -> Post {
    let i = app
        .pane()
        .rows
        .iter()
        .position(|&s| app.timeline.post(s).is_some_and(|p| p.network() == network && p.repost.is_none()));
    app.pane_mut().selected = i.unwrap_or_else(|| panic!("no {network} row"));
    app.selected_post().cloned().unwrap_or_else(|| panic!("nothing selected"))
}

/// A thread around `anchor`: a root above it, two replies below (one with a reply of its own).
fn thread_of(anchor: &Post) -> Thread {
    let n = anchor.network();
    let root = post(n, "root", 30, "Root", "the root post");
    let r1 = post(n, "r1", 0, "Una", "first reply");
    let r2 = post(n, "r2", 0, "Dos", "second reply");
    let r11 = post(n, "r11", 0, "Tres", "reply to the first");
    let replies = vec![
        Branch {
            item: ThreadItem::Post(Box::new(r1)),
            replies: vec![Branch { item: ThreadItem::Post(Box::new(r11)), replies: vec![] }],
        },
        Branch { item: ThreadItem::Post(Box::new(r2)), replies: vec![] },
    ];
    Thread::new(vec![ThreadItem::Post(Box::new(root))], anchor.clone(), replies)
}

/// The app with the thread of its selected Mastodon post open and loaded.
fn with_thread() -> (App, u64, Post) {
    let mut app = app();
    let anchor = select(&mut app, Network::Mastodon);
    let (req, view, asked) = thread_request(&press(&mut app, Action::OpenThread));
    assert_eq!(asked.id, anchor.id, "the selected post, through the account that fetched it");
    answer(&mut app, Answer::Thread { req, view, result: Ok(thread_of(&anchor)) });
    (app, view, anchor)
}

#[test]
fn t_opens_the_thread_on_its_post_and_esc_gives_the_timeline_back_as_it_was() {
    let mut app = app();
    select(&mut app, Network::Mastodon);
    press(&mut app, Action::SelectNext);
    let (pane_row, slot) = (app.pane().selected, app.selected_slot());
    let (req, view, anchor) = thread_request(&press(&mut app, Action::OpenThread));
    assert!(matches!(&app.top_view().map(|v| &v.body), Some(Body::Thread { load: Load::Loading, .. })));
    answer(&mut app, Answer::Thread { req, view, result: Ok(thread_of(&anchor)) });
    let v = app.top_view().unwrap_or_else(|| panic!("no view"));
    assert_eq!((v.len(), v.selected), (5, 1), "root, anchor, three replies; the anchor selected");
    assert_eq!(app.selected_post().map(|p| &p.id), Some(&anchor.id));
    assert_eq!(app.selected_slot(), None, "the timeline's selection is not the one acted on");
    press(&mut app, Action::SelectLast);
    assert_eq!(app.selected_post().map(|p| p.text.to_plain()), Some("second reply".into()));
    press(&mut app, Action::SelectFirst);
    press(&mut app, Action::PageDown);
    assert_eq!(app.top_view().map(|v| v.selected), Some(4), "a page is more than the thread");
    press(&mut app, Action::Back);
    assert!(app.views.is_empty());
    assert_eq!((app.pane().selected, app.selected_slot(), app.focus), (pane_row, slot, Focus::Timeline));
}

#[test]
fn enter_in_the_detail_pane_opens_the_thread_and_esc_returns_to_the_detail_pane() {
    let mut app = app();
    select(&mut app, Network::Bluesky);
    press(&mut app, Action::Open);
    assert_eq!(app.focus, Focus::Detail);
    let (_, _, post) = thread_request(&press(&mut app, Action::Open));
    assert_eq!(post.network(), Network::Bluesky);
    assert_eq!(app.focus, Focus::Timeline, "the view's list has the keyboard");
    press(&mut app, Action::Back);
    assert_eq!((app.views.len(), app.focus), (0, Focus::Detail));
}

#[test]
fn answers_for_a_closed_or_reloaded_view_are_dropped() {
    let mut app = app();
    let anchor = select(&mut app, Network::Mastodon);
    let (req, view, _) = thread_request(&press(&mut app, Action::OpenThread));
    let reload = press(&mut app, Action::Refresh);
    let (fresh, same_view, _) = thread_request(&reload[..1]);
    assert_eq!(same_view, view, "R reads the same view again");
    assert!(reload[1..].iter().all(|e| matches!(e, Effect::View(Request::Unread { .. }))), "and the unread counts");
    answer(&mut app, Answer::Thread { req, view, result: Ok(thread_of(&anchor)) });
    assert!(matches!(app.top_view().map(|v| &v.body), Some(Body::Thread { load: Load::Loading, .. })), "stale");
    answer(&mut app, Answer::Thread { req: fresh, view, result: Err(BackendError::server(500, "boom")) });
    let Some(Body::Thread { load: Load::Failed(why), .. }) = app.top_view().map(|v| &v.body) else {
        panic!("not failed")
    };
    assert!(why.contains("server error 500"), "{why}");
    press(&mut app, Action::Back);
    answer(&mut app, Answer::Thread { req: fresh, view, result: Ok(thread_of(&anchor)) });
    assert!(app.views.is_empty(), "a closed view stays closed");
}

#[test]
fn a_like_in_a_thread_flips_the_timeline_copy_too_and_a_failure_takes_both_back() {
    let (mut app, view, anchor) = with_thread();
    let slot = app.timeline.copies(&anchor.id.key)[0];
    let before = app.timeline.post(slot).map(|p| p.viewer.liked);
    let effects = press(&mut app, Action::Like);
    let [Effect::Interact { req, target, act: Interaction::Like }] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(target.post, anchor.id);
    assert_eq!(app.selected_post().map(|p| p.viewer.liked), Some(true));
    assert_eq!(app.timeline.post(slot).map(|p| p.viewer.liked), Some(true), "the timeline's copy");
    update(&mut app, Msg::InteractFailed { req: *req, error: BackendError::Network("timed out".into()) });
    assert_eq!(app.selected_post().map(|p| p.viewer.liked), Some(false));
    assert_eq!(app.timeline.post(slot).map(|p| p.viewer.liked), before);
    assert_eq!(app.top_view().map(|v| v.id), Some(view));
}

#[test]
fn reply_and_delete_act_on_the_views_post() {
    let (mut app, _, _) = with_thread();
    press(&mut app, Action::SelectLast);
    press(&mut app, Action::Reply);
    let compose = app.compose.as_ref().unwrap_or_else(|| panic!("no compose box"));
    assert_eq!(compose.reply_to.as_ref().map(|r| r.1.as_str()), Some("dos.example"));
    app.compose = None;
    let mine = app.top_view().and_then(|v| v.post(v.selected)).cloned().unwrap_or_else(|| panic!("no post"));
    let mut own = mine.clone();
    own.author.handle = own.id.account.handle().to_string();
    if let Some(p) = app.views.last_mut().and_then(|v| v.post_mut(v.selected)) {
        *p = own;
    }
    assert!(press(&mut app, Action::Delete).is_empty(), "asks first");
    let effects = press(&mut app, Action::Delete);
    let [Effect::Interact { req, act: Interaction::Delete, .. }] = effects.as_slice() else { panic!("{effects:?}") };
    update(&mut app, Msg::Interacted { req: *req, outcome: Outcome::default() });
    let view = app.top_view().unwrap_or_else(|| panic!("no view"));
    assert!(
        matches!(&view.body, Body::Thread { load: Load::Ready(t), .. } if matches!(t.nodes[4].item, ThreadItem::Gone { .. }))
    );
}

/// The profile view of the selected Bluesky post's author, loaded.
fn with_profile(following: Option<bool>) -> (App, Author) {
    let mut app = app();
    let post = select(&mut app, Network::Bluesky);
    let effects = press(&mut app, Action::Profile);
    let [Effect::View(Request::Profile { req, view, account, person })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!((account, &person.handle), (&post.id.account, &post.author.handle));
    let mut person = person.clone();
    person.id = Some("did:plc:author".into());
    for slot in app.timeline.copies(&post.id.key) {
        if let Some(p) = app.timeline.post_mut(slot) {
            p.author.id = person.id.clone();
        }
    }
    let profile = Profile {
        account: account.clone(),
        person: person.clone(),
        bio: murre::model::RichText::plain("a bio"),
        posts: Some(1),
        followers: Some(2),
        following: Some(3),
        viewer: Viewer {
            following,
            follow_record: following.filter(|f| *f).map(|_| "at://me/follow/1".into()),
            ..Viewer::default()
        },
        locked: false,
        note: None,
    };
    let mut theirs = post.clone();
    theirs.author.id = person.id.clone();
    let page = ProfilePage { profile, posts: vec![theirs], older: None };
    answer(&mut app, Answer::Profile { req: *req, view: *view, result: Ok(Box::new(page)) });
    (app, person)
}

#[test]
fn f_on_a_profile_follows_the_person_everywhere_at_once_and_a_failure_takes_it_back() {
    let (mut app, person) = with_profile(Some(false));
    let effects = press(&mut app, Action::Follow);
    let [Effect::Interact { req, target, act: Interaction::Follow }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(target.author_id, person.id);
    let header = |app: &App| app.top_view().and_then(|v| v.profile()).and_then(|p| p.viewer.following);
    assert_eq!(header(&app), Some(true));
    let by_author = |app: &App| {
        app.timeline
            .live()
            .filter(|(_, p)| p.author.id == person.id)
            .map(|(_, p)| p.viewer.following)
            .collect::<Vec<_>>()
    };
    assert!(!by_author(&app).is_empty() && by_author(&app).iter().all(|f| *f == Some(true)), "timeline posts too");
    assert_eq!(
        app.top_view().and_then(|v| v.post(0)).and_then(|p| p.viewer.following),
        Some(true),
        "the profile's posts"
    );
    update(&mut app, Msg::InteractFailed { req: *req, error: BackendError::server(502, "bad gateway") });
    assert_eq!(header(&app), Some(false));
    let effects = press(&mut app, Action::Follow);
    let [Effect::Interact { req, .. }] = effects.as_slice() else { panic!("{effects:?}") };
    update(
        &mut app,
        Msg::Interacted { req: *req, outcome: Outcome { record: Some("at://me/follow/2".into()), requested: false } },
    );
    let record = app.top_view().and_then(|v| v.profile()).and_then(|p| p.viewer.follow_record.clone());
    assert_eq!(record.as_deref(), Some("at://me/follow/2"), "kept to unfollow with");
    assert_eq!(press(&mut app, Action::Follow).len(), 1);
}

#[test]
fn an_unknown_follow_state_on_a_profile_is_asked_first() {
    let (mut app, _) = with_profile(None);
    assert!(matches!(press(&mut app, Action::Follow).as_slice(), [Effect::CheckFollowing { .. }]));
}

#[test]
fn the_stack_is_bounded_and_filters_leave_the_views_alone() {
    let mut app = app();
    let post = select(&mut app, Network::Mastodon);
    for _ in 0..murre::app::views::MAX_VIEWS {
        let effects = press(&mut app, Action::Profile);
        let [Effect::View(Request::Profile { req, view, account, person })] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        let profile = Profile::missing(account.clone(), person.clone(), "test");
        let page = ProfilePage { profile, posts: vec![post.clone()], older: None };
        answer(&mut app, Answer::Profile { req: *req, view: *view, result: Ok(Box::new(page)) });
    }
    assert!(press(&mut app, Action::Profile).is_empty());
    assert_eq!(app.views.len(), murre::app::views::MAX_VIEWS);
    assert!(app.toasts.last().is_some_and(|t| t.text.contains("Esc goes back")));
    press(&mut app, Action::FilterTumblr);
    assert_eq!(app.pane().filter, None, "the timeline's filter waits for the timeline");
    for _ in 0..murre::app::views::MAX_VIEWS {
        press(&mut app, Action::Back);
    }
    assert!(app.views.is_empty());
}
