//! Pure state tests of paging inside the notifications view: every account's next page is asked
//! as the selection nears the end (one request per account at a time, none at an account's end),
//! older pages merge by time with the selection kept on its row and move no read marker, a
//! failed page is asked again at the next move, and answers for a view read again are dropped.
//! A profile's posts page the same way.

mod common;

use common::*;
use murre::app::views::{Answer, Body, Inbox, Request};
use murre::app::{Action, App, Effect, Msg, ReqId, update};
use murre::backend::views::Notifications;
use murre::backend::{BackendError, Page};
use murre::model::{AccountId, Author, Network, Notification, NotificationKind, Post, Profile, ProfilePage, Viewer};

/// A notification request: (req, view, account, cursor).
type Asked = (ReqId, u64, AccountId, Option<String>);

fn press(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

/// `n` mentions of `account`, each on its own post (one row each), `step` minutes apart from `from`.
fn mentions(account: &AccountId, net: Network, from: i64, n: i64, step: i64) -> Vec<Notification> {
    (0..n)
        .map(|i| {
            let mins = from + i * step;
            let subject = post(net, &format!("{net:?}{mins}"), mins, "Ann", &format!("mention {mins}"));
            Notification {
                id: format!("{net:?}-{mins}"),
                account: account.clone(),
                kind: NotificationKind::Mention,
                label: None,
                actor: Author { name: "Ann".into(), handle: "ann.example".into(), url: None, id: None },
                at: ago(mins),
                subject: Some(subject),
                excerpt: None,
                unread: false,
            }
        })
        .collect()
}

/// The notification requests among `effects`: (req, view, account, cursor).
fn asked(effects: &[Effect]) -> Vec<Asked> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::View(Request::Notifications { req, view, account, cursor }) => {
                Some((*req, *view, account.clone(), cursor.clone()))
            }
            _ => None,
        })
        .collect()
}

fn answer(app: &mut App, to: &Asked, result: Result<Notifications, BackendError>) -> Vec<Effect> {
    update(app, Msg::View(Answer::Notifications { req: to.0, view: to.1, account: to.2.clone(), result }))
}

fn page(items: Vec<Notification>, older: Option<&str>) -> Result<Notifications, BackendError> {
    Ok(Notifications { items, note: None, older: older.map(str::to_string) })
}

fn inbox(app: &App) -> &Inbox {
    match app.top_view().map(|v| &v.body) {
        Some(Body::Notifications(inbox)) => inbox,
        other => panic!("no notifications: {other:?}"),
    }
}

/// The notifications open, every account answered with 15 rows (Tumblr at its end).
fn opened(app: &mut App) -> Vec<Asked> {
    let first = asked(&press(app, Action::Notifications));
    let nets = [(Network::Mastodon, 0, Some("m1")), (Network::Bluesky, 1, Some("b1")), (Network::Tumblr, 2, None)];
    for (net, i, older) in nets {
        let more = answer(app, &first[i], page(mentions(&account(net), net, i as i64, 15, 3), older));
        assert!(asked(&more).is_empty(), "{net:?}: a screenful is there, nothing more asked yet");
    }
    first
}

#[test]
fn every_accounts_next_page_is_asked_near_the_end_once() {
    let mut app = app();
    opened(&mut app);
    assert_eq!(inbox(&app).groups.len(), 45);
    assert!(asked(&press(&mut app, Action::SelectNext)).is_empty(), "far from the end");
    let more = asked(&press(&mut app, Action::SelectLast));
    let cursors: Vec<(AccountId, Option<String>)> = more.iter().map(|m| (m.2.clone(), m.3.clone())).collect();
    assert_eq!(
        cursors,
        [(account(Network::Mastodon), Some("m1".to_string())), (account(Network::Bluesky), Some("b1".to_string()))]
    );
    assert!(asked(&press(&mut app, Action::SelectPrev)).is_empty(), "one request per account at a time");
}

#[test]
fn older_pages_merge_by_time_keep_the_selection_and_move_no_marker() {
    let mut app = app_with_pages();
    let (m, b) = pending(&mut app);
    let selected = selected_id(&app);
    assert!(selected.is_some());
    // Mastodon's older page is older than every row; Bluesky's slips in between (and is unread).
    let effects = answer(&mut app, &m, page(mentions(&account(Network::Mastodon), Network::Mastodon, 200, 5, 1), None));
    assert!(asked(&effects).iter().all(|a| a.3.is_some()), "{effects:?}");
    let mut fresh = mentions(&account(Network::Bluesky), Network::Bluesky, 20, 2, 1);
    fresh.iter_mut().for_each(|n| n.unread = true);
    let effects = answer(&mut app, &b, page(fresh, None));
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::View(Request::MarkRead { .. }))),
        "an older page moves no marker"
    );
    assert_eq!(selected_id(&app), selected, "the selection stays on its row");
    let times: Vec<_> = inbox(&app).groups.iter().map(|g| g.at).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "merged by time");
    assert_eq!(inbox(&app).groups.len(), 52);
    assert!(asked(&press(&mut app, Action::SelectLast)).is_empty(), "every account at its end");
}

#[test]
fn a_failed_older_page_is_asked_again_at_the_next_move_and_stale_pages_are_dropped() {
    let mut app = app_with_pages();
    let (m, b) = pending(&mut app);
    let effects = answer(&mut app, &m, Err(BackendError::Network("down".into())));
    assert!(asked(&effects).is_empty(), "not asked again at once");
    assert_eq!(inbox(&app).notes.len(), 1);
    let again = asked(&press(&mut app, Action::SelectNext));
    assert_eq!(again.iter().map(|a| a.3.as_deref()).collect::<Vec<_>>(), [Some("m1")]);
    press(&mut app, Action::Refresh);
    answer(&mut app, &b, page(mentions(&account(Network::Bluesky), Network::Bluesky, 300, 2, 1), None));
    assert!(inbox(&app).groups.is_empty(), "the page of the view before R is dropped");
}

/// The app with the notifications open and every account's first page in.
fn app_with_pages() -> App {
    let mut app = app();
    opened(&mut app);
    app
}

/// Moves down a row at a time until the older pages are asked: the Mastodon and Bluesky requests.
fn pending(app: &mut App) -> (Asked, Asked) {
    for _ in 0..45 {
        let more = asked(&press(app, Action::SelectNext));
        if !more.is_empty() {
            assert_eq!(more.len(), 2, "{more:?}");
            return (more[0].clone(), more[1].clone());
        }
    }
    panic!("no older page asked");
}

fn selected_id(app: &App) -> Option<String> {
    let v = app.top_view()?;
    let Body::Notifications(inbox) = &v.body else { return None };
    inbox.groups.get(v.selected).and_then(|g| g.ids.first().cloned())
}

/// `n` posts of one person, numbered from `from`.
fn their_posts(from: usize, n: usize) -> Vec<Post> {
    (from..from + n).map(|i| post(Network::Mastodon, &format!("p{i}"), i as i64, "Ann", &format!("post {i}"))).collect()
}

/// The profile of the selected post's author, loaded with 30 posts and more to come.
fn profile_open(app: &mut App) -> u64 {
    let effects = press(app, Action::Profile);
    let [Effect::View(Request::Profile { req, view, account, person })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let profile = Profile {
        account: account.clone(),
        person: person.clone(),
        bio: murre::model::RichText::plain("bio"),
        posts: Some(100),
        followers: None,
        following: None,
        viewer: Viewer::default(),
        locked: false,
        note: None,
    };
    let page = ProfilePage { profile, posts: their_posts(0, 30), older: Some("p1".into()) };
    let effects = update(app, Msg::View(Answer::Profile { req: *req, view: *view, result: Ok(Box::new(page)) }));
    assert!(effects.is_empty(), "a screenful is there: {effects:?}");
    *view
}

fn profile_asked(effects: &[Effect]) -> Vec<(ReqId, u64, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::View(Request::ProfilePosts { req, view, cursor, .. }) => Some((*req, *view, cursor.clone())),
            _ => None,
        })
        .collect()
}

fn profile_posts(app: &App) -> usize {
    app.top_view().map_or(0, |v| v.len())
}

#[test]
fn a_profiles_posts_page_to_the_end_one_request_at_a_time() {
    let mut app = app();
    let view = profile_open(&mut app);
    let more = profile_asked(&press(&mut app, Action::SelectLast));
    assert_eq!(more.iter().map(|m| (m.1, m.2.as_str())).collect::<Vec<_>>(), [(view, "p1")]);
    assert!(profile_asked(&press(&mut app, Action::SelectPrev)).is_empty(), "one request at a time");
    let page = Ok(Page { items: their_posts(29, 20), older: Some("p2".into()), newer: None });
    update(&mut app, Msg::View(Answer::Posts { req: more[0].0, view, result: page }));
    assert_eq!(profile_posts(&app), 49, "the repeated post shows once");
    let last = profile_asked(&press(&mut app, Action::SelectLast));
    assert_eq!(last.iter().map(|m| m.2.as_str()).collect::<Vec<_>>(), ["p2"]);
    let end = Ok(Page { items: Vec::new(), older: None, newer: None });
    update(&mut app, Msg::View(Answer::Posts { req: last[0].0, view, result: end }));
    assert!(profile_asked(&press(&mut app, Action::SelectFirst)).is_empty());
    assert!(profile_asked(&press(&mut app, Action::SelectLast)).is_empty(), "the end: nothing more");
}

#[test]
fn a_failed_profile_page_keeps_the_posts_and_a_stale_one_is_dropped() {
    let mut app = app();
    let view = profile_open(&mut app);
    let more = profile_asked(&press(&mut app, Action::SelectLast));
    let failed = Err(BackendError::server(500, "boom"));
    let effects = update(&mut app, Msg::View(Answer::Posts { req: more[0].0, view, result: failed }));
    assert!(profile_asked(&effects).is_empty(), "not asked again at once");
    assert_eq!(profile_posts(&app), 30);
    assert!(app.toasts.iter().any(|t| t.error && t.text.contains("boom")), "{:?}", app.toasts);
    let again = profile_asked(&press(&mut app, Action::SelectPrev));
    assert_eq!(again.len(), 1, "the next move asks again");
    press(&mut app, Action::Refresh);
    let page = Ok(Page { items: their_posts(100, 5), older: None, newer: None });
    update(&mut app, Msg::View(Answer::Posts { req: again[0].0, view, result: page }));
    assert_eq!(profile_posts(&app), 0, "the profile is being read again: the old page is dropped");
}
