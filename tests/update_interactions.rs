//! Pure state tests of the interactions, beside tests/update.rs (l like, b boost, m bookmark,
//! d delete, F follow): the optimistic change, the effect, and what the answer keeps or takes back.

mod common;

use common::*;
use murre::app::{Action, App, Effect, Msg, update};
use murre::backend::{BackendError, Interaction, Outcome, Target};
use murre::model::{Network, Post, PostKey};
use std::time::Duration;

fn press(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

/// Selects the first row whose post matches `pick`; returns its slot.
fn select(app: &mut App, pick: impl Fn(&Post) -> bool) -> u32 {
    let i = app.pane().rows.iter().position(|&s| app.timeline.post(s).is_some_and(&pick));
    let i = i.unwrap_or_else(|| panic!("no such row"));
    app.pane_mut().selected = i;
    app.pane().rows[i]
}

fn post(app: &App, slot: u32) -> &Post {
    app.timeline.post(slot).unwrap_or_else(|| panic!("no post in slot {slot}"))
}

/// The one interaction an action asked for.
fn interaction(effects: &[Effect]) -> (murre::app::ReqId, Target, Interaction) {
    match effects {
        [Effect::Interact { req, target, act }] => (*req, target.clone(), *act),
        other => panic!("expected one interaction, got {other:?}"),
    }
}

fn last_toast(app: &App) -> String {
    app.toasts.last().map(|t| t.text.clone()).unwrap_or_default()
}

/// The app with a boost of Ada's first post (the same status, fetched again as Ken's boost).
fn with_a_boost_of_the_first_post() -> (App, u32) {
    let mut app = app();
    let first = app.selected_slot().unwrap_or(0);
    let mut boost = post(&app, first).clone();
    boost.repost = Some(murre::model::Repost { by: post(&app, first).author.clone(), at: ago(0), id: None });
    if let Some(p) = app.timeline.post_mut(first) {
        p.counts.likes = Some(5);
        p.counts.reposts = Some(2);
    }
    boost.counts.likes = Some(5);
    boost.counts.reposts = Some(2);
    app.timeline.merge(&account(Network::Mastodon).0, vec![boost]);
    update(&mut app, Msg::Resize { width: 80, height: 24 });
    (app, first)
}

fn copies(app: &App, slot: u32) -> Vec<u32> {
    app.timeline.copies(&post(app, slot).id.key)
}

#[test]
fn like_flips_every_copy_at_once_and_the_answer_keeps_it() {
    let (mut app, first) = with_a_boost_of_the_first_post();
    let key = post(&app, first).id.key.clone();
    select(&mut app, |p| p.id.key == key && p.repost.is_none());
    let (req, target, act) = interaction(&press(&mut app, Action::Like));
    assert_eq!(act, Interaction::Like);
    assert_eq!(target.post.account, account(Network::Mastodon), "the fetching account acts");
    let both = copies(&app, first);
    assert_eq!(both.len(), 2);
    for &s in &both {
        assert!(post(&app, s).viewer.liked);
        assert_eq!(post(&app, s).counts.likes, Some(6));
    }
    update(&mut app, Msg::Interacted { req, outcome: Outcome::default() });
    assert!(app.interactions.is_empty());
    assert!(both.iter().all(|&s| post(&app, s).viewer.liked && post(&app, s).counts.likes == Some(6)));
    let (_, _, again) = interaction(&press(&mut app, Action::Like));
    assert_eq!(again, Interaction::Unlike, "a second l takes the like back");
}

#[test]
fn a_failure_takes_back_exactly_what_was_changed_and_says_why() {
    let (mut app, first) = with_a_boost_of_the_first_post();
    let (req, _, _) = interaction(&press(&mut app, Action::Boost));
    assert!(copies(&app, first).iter().all(|&s| post(&app, s).viewer.reposted));
    assert!(copies(&app, first).iter().all(|&s| post(&app, s).counts.reposts == Some(3)));
    let error = BackendError::RateLimited { retry_after: Some(Duration::from_secs(30)) };
    update(&mut app, Msg::InteractFailed { req, error });
    for s in copies(&app, first) {
        let p = post(&app, s);
        assert!(!p.viewer.reposted);
        assert_eq!((p.counts.reposts, p.counts.likes), (Some(2), Some(5)), "counts exactly as before");
    }
    assert_eq!(last_toast(&app), "boost failed on mastodon:ada@social.example: rate limited; try again in 30s");
    assert!(app.toasts.last().is_some_and(|t| t.error));
}

#[test]
fn a_count_at_zero_or_unknown_rolls_back_to_itself() {
    let mut app = app();
    let slot = app.selected_slot().unwrap_or(0);
    if let Some(p) = app.timeline.post_mut(slot) {
        (p.viewer.liked, p.counts.likes) = (true, Some(0));
    }
    let (req, _, act) = interaction(&press(&mut app, Action::Like));
    assert_eq!(act, Interaction::Unlike);
    assert_eq!(post(&app, slot).counts.likes, Some(0), "never below zero");
    update(&mut app, Msg::InteractFailed { req, error: BackendError::server(500, "boom") });
    assert_eq!((post(&app, slot).viewer.liked, post(&app, slot).counts.likes), (true, Some(0)));
    let (req, _, _) = interaction(&press(&mut app, Action::Bookmark));
    assert!(post(&app, slot).viewer.bookmarked);
    update(&mut app, Msg::InteractFailed { req, error: BackendError::Network("timed out".into()) });
    assert!(!post(&app, slot).viewer.bookmarked);
    assert!(last_toast(&app).starts_with("bookmark failed on mastodon:ada@social.example: cannot reach"));
}

#[test]
fn a_second_press_while_the_first_is_on_its_way_is_ignored() {
    let mut app = app();
    let slot = app.selected_slot().unwrap_or(0);
    let (req, _, _) = interaction(&press(&mut app, Action::Like));
    assert!(press(&mut app, Action::Like).is_empty(), "no second request");
    assert!(post(&app, slot).viewer.liked, "the shown state is the one asked for");
    assert!(last_toast(&app).contains("still waiting for the favourite"));
    // Another kind of interaction on the same post goes ahead meanwhile.
    assert_eq!(interaction(&press(&mut app, Action::Boost)).2, Interaction::Repost);
    // A stale or unknown answer changes nothing.
    update(&mut app, Msg::InteractFailed { req: murre::app::ReqId(9999), error: BackendError::server(500, "x") });
    assert!(post(&app, slot).viewer.liked);
    update(&mut app, Msg::InteractFailed { req, error: BackendError::server(500, "x") });
    assert!(!post(&app, slot).viewer.liked && post(&app, slot).viewer.reposted, "only the like went back");
}

#[test]
fn bookmarks_on_tumblr_are_refused_without_a_flip() {
    let mut app = app();
    let slot = select(&mut app, |p| p.network() == Network::Tumblr);
    assert!(press(&mut app, Action::Bookmark).is_empty());
    assert!(!post(&app, slot).viewer.bookmarked);
    assert_eq!(last_toast(&app), "Tumblr has no bookmarks");
    // Liking on Tumblr works (the post has a reblog key).
    assert_eq!(interaction(&press(&mut app, Action::Like)).2, Interaction::Like);
}

#[test]
fn bluesky_keeps_the_record_it_made_and_undoes_with_it() {
    let mut app = app();
    let slot = select(&mut app, |p| p.network() == Network::Bluesky);
    let (req, _, _) = interaction(&press(&mut app, Action::Like));
    let record = "at://did:plc:ada/app.bsky.feed.like/3kmine".to_string();
    update(&mut app, Msg::Interacted { req, outcome: Outcome { record: Some(record.clone()), requested: false } });
    assert_eq!(post(&app, slot).viewer.like_record.as_deref(), Some(record.as_str()));
    let (req, target, act) = interaction(&press(&mut app, Action::Like));
    assert_eq!((act, target.like_record.as_deref()), (Interaction::Unlike, Some(record.as_str())));
    update(&mut app, Msg::Interacted { req, outcome: Outcome::default() });
    assert_eq!(post(&app, slot).viewer.like_record, None);
    // A repost seen without its record cannot be undone: said, not flipped.
    if let Some(p) = app.timeline.post_mut(slot) {
        p.viewer.reposted = true;
    }
    assert!(press(&mut app, Action::Boost).is_empty());
    assert!(post(&app, slot).viewer.reposted);
    assert!(last_toast(&app).contains("refresh (R)"));
}

#[test]
fn delete_asks_first_and_any_other_key_keeps_the_post() {
    let mut app = app();
    let slot = select(&mut app, |p| p.network() == Network::Mastodon && p.repost.is_none());
    if let Some(p) = app.timeline.post_mut(slot) {
        p.author.handle = "ada@social.example".into();
    }
    assert!(press(&mut app, Action::Delete).is_empty(), "d only asks");
    assert!(app.confirm.is_some());
    assert!(press(&mut app, Action::SelectNext).is_empty());
    assert_eq!((app.confirm, app.pane().selected), (None, 0), "the other key only cancelled");
    assert_eq!(last_toast(&app), "not deleted");
    press(&mut app, Action::Delete);
    let (req, target, act) = interaction(&press(&mut app, Action::Delete));
    assert_eq!((act, &target.post.key), (Interaction::Delete, &post(&app, slot).id.key));
    assert!(murre::app::deleting(&app, post(&app, slot)), "marked while on its way");
    assert!(app.pane().rows.contains(&slot));
    update(&mut app, Msg::InteractFailed { req, error: BackendError::server(403, "This action is not allowed") });
    assert!(app.pane().rows.contains(&slot) && !murre::app::deleting(&app, post(&app, slot)));
    assert!(last_toast(&app).contains("delete failed") && last_toast(&app).contains("403"));
    press(&mut app, Action::Delete);
    let (req, _, _) = interaction(&press(&mut app, Action::Delete));
    let rows = app.pane().rows.len();
    update(&mut app, Msg::Interacted { req, outcome: Outcome::default() });
    assert!(!app.pane().rows.contains(&slot), "gone on success");
    assert_eq!(app.pane().rows.len(), rows - 1);
    assert_eq!(last_toast(&app), "deleted");
}

#[test]
fn only_the_accounts_own_posts_can_be_deleted() {
    let mut app = app();
    assert!(press(&mut app, Action::Delete).is_empty());
    assert_eq!(app.confirm, None);
    assert_eq!(last_toast(&app), "only your own posts can be deleted: this one is by @ada.example");
}

#[test]
fn a_deleted_post_leaves_the_account_pane_too() {
    let mut app = app();
    let slot = select(&mut app, |p| p.network() == Network::Bluesky);
    if let Some(p) = app.timeline.post_mut(slot) {
        p.author.handle = "ada.bsky.example".into();
    }
    app.panes.push(murre::app::Pane::of(account(Network::Bluesky)));
    press(&mut app, Action::FilterAll); // rebuilds every pane's rows
    assert!(app.panes[1].rows.contains(&slot));
    press(&mut app, Action::Delete);
    let (req, _, _) = interaction(&press(&mut app, Action::Delete));
    update(&mut app, Msg::Interacted { req, outcome: Outcome::default() });
    assert!(!app.panes[0].rows.contains(&slot) && !app.panes[1].rows.contains(&slot));
}

/// Gives every post of `name` on `network` the author id `id` and the follow state `following`.
fn author_is(app: &mut App, network: Network, name: &str, id: &str, following: Option<bool>) -> Vec<u32> {
    let slots: Vec<u32> =
        app.timeline.live().filter(|(_, p)| p.network() == network && p.author.name == name).map(|(s, _)| s).collect();
    for &s in &slots {
        if let Some(p) = app.timeline.post_mut(s) {
            p.author.id = Some(id.into());
            p.viewer.following = following;
        }
    }
    slots
}

#[test]
fn follow_flips_every_post_of_the_author_and_a_failure_flips_them_back() {
    let mut app = app();
    let mut extra = common::post(Network::Bluesky, "9", 30, "小林", "another post");
    extra.author.handle = "小林.example".into();
    app.timeline.merge(&account(Network::Bluesky).0, vec![extra]);
    let slots = author_is(&mut app, Network::Bluesky, "小林", "did:plc:kobayashi", Some(false));
    assert_eq!(slots.len(), 2);
    select(&mut app, |p| p.author.name == "小林");
    let (req, target, act) = interaction(&press(&mut app, Action::Follow));
    assert_eq!((act, target.author_id.as_deref()), (Interaction::Follow, Some("did:plc:kobayashi")));
    assert!(slots.iter().all(|&s| post(&app, s).viewer.following == Some(true)));
    update(&mut app, Msg::InteractFailed { req, error: BackendError::Auth("Token has been revoked".into()) });
    assert!(slots.iter().all(|&s| post(&app, s).viewer.following == Some(false)));
    assert!(last_toast(&app).starts_with("follow failed on bluesky:ada.bsky.example: not authorized"));
    let (req, _, _) = interaction(&press(&mut app, Action::Follow));
    let record = "at://did:plc:ada/app.bsky.graph.follow/3kf".to_string();
    update(&mut app, Msg::Interacted { req, outcome: Outcome { record: Some(record.clone()), requested: false } });
    assert!(slots.iter().all(|&s| post(&app, s).viewer.follow_record.as_deref() == Some(record.as_str())));
    assert_eq!(last_toast(&app), "following @小林.example");
    assert_eq!(interaction(&press(&mut app, Action::Follow)).2, Interaction::Unfollow);
}

#[test]
fn an_unknown_follow_state_is_asked_first_then_toggled() {
    let mut app = app();
    let slots = author_is(&mut app, Network::Mastodon, "Ada", "110", None);
    select(&mut app, |p| p.author.name == "Ada" && p.network() == Network::Mastodon);
    let effects = press(&mut app, Action::Follow);
    let req = match effects.as_slice() {
        [Effect::CheckFollowing { req, target }] if target.author_id.as_deref() == Some("110") => *req,
        other => panic!("expected a check, got {other:?}"),
    };
    assert!(press(&mut app, Action::Follow).is_empty(), "asked once");
    let (req, _, act) = interaction(&update(&mut app, Msg::FollowingChecked { req, result: Ok(true) }));
    assert_eq!(act, Interaction::Unfollow, "already followed: F unfollows");
    assert!(slots.iter().all(|&s| post(&app, s).viewer.following == Some(false)));
    update(&mut app, Msg::InteractFailed { req, error: BackendError::server(500, "x") });
    assert!(slots.iter().all(|&s| post(&app, s).viewer.following == Some(true)), "back to what the server said");
    let mut again = app_with_unknown_ada();
    let req = match press(&mut again, Action::Follow).as_slice() {
        [Effect::CheckFollowing { req, .. }] => *req,
        other => panic!("{other:?}"),
    };
    update(&mut again, Msg::FollowingChecked { req, result: Err(BackendError::Network("timed out".into())) });
    assert!(last_toast(&again).starts_with("cannot tell whether you follow @ada.example"));
    assert!(again.interactions.is_empty());
}

fn app_with_unknown_ada() -> App {
    let mut app = app();
    author_is(&mut app, Network::Mastodon, "Ada", "110", None);
    app
}

#[test]
fn following_oneself_and_an_author_without_an_id_are_refused() {
    let mut app = app();
    let slot = app.selected_slot().unwrap_or(0);
    if let Some(p) = app.timeline.post_mut(slot) {
        p.author.handle = "ada@social.example".into();
    }
    assert!(press(&mut app, Action::Follow).is_empty());
    assert!(last_toast(&app).contains("that is you"));
    select(&mut app, |p| p.network() == Network::Bluesky);
    assert!(press(&mut app, Action::Follow).is_empty());
    assert!(last_toast(&app).contains("did not say who"));
    let key = PostKey::Bluesky { uri: "at://x".into(), cid: "c".into() };
    assert!(app.timeline.copies(&key).is_empty());
}
