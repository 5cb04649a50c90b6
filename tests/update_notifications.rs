//! Pure state tests of the notifications view (n) and the unread count: notifications of every
//! account merged and grouped, an account's error as a note, the read marker moved only where
//! something was unread, counts added up across networks, older counts dropped, and what murre
//! showed of a network without read state kept read.

mod common;

use common::*;
use murre::app::views::{Answer, Body, Request};
use murre::app::{Action, App, Effect, Msg, ReqId, update};
use murre::backend::BackendError;
use murre::backend::views::{Notifications, ReadMark, Unread};
use murre::model::{AccountId, Author, Network, Notification, NotificationKind, Post};

fn press(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

fn answer(app: &mut App, a: Answer) -> Vec<Effect> {
    update(app, Msg::View(a))
}

/// The one thread request an action made: the post it is on.
fn thread_post(effects: &[Effect]) -> Post {
    match effects {
        [Effect::View(Request::Thread { post, .. })] => (**post).clone(),
        other => panic!("expected a thread request, got {other:?}"),
    }
}

fn note(
    account: &AccountId,
    id: &str,
    kind: NotificationKind,
    who: &str,
    mins: i64,
    subject: Option<&Post>,
) -> Notification {
    Notification {
        id: id.into(),
        account: account.clone(),
        kind,
        label: None,
        actor: Author { name: who.into(), handle: format!("{who}.example"), url: None, id: Some(format!("id-{who}")) },
        at: ago(mins),
        subject: subject.cloned(),
        excerpt: None,
        unread: mins < 60,
    }
}

/// The notifications view open, with the requests it made (one per account).
fn open_notifications(app: &mut App) -> Vec<(ReqId, u64, AccountId)> {
    press(app, Action::Notifications)
        .into_iter()
        .map(|e| match e {
            Effect::View(Request::Notifications { req, view, account, cursor: None }) => (req, view, account),
            other => panic!("expected notification requests, got {other:?}"),
        })
        .collect()
}

#[test]
fn notifications_from_every_account_merge_group_and_are_marked_read_where_they_came_from() {
    let mut app = app();
    let asked = open_notifications(&mut app);
    assert_eq!(asked.len(), 3, "every account");
    let mine = post(Network::Mastodon, "mine", 90, "Ada", "my post");
    let m = &asked[0].2;
    let items = vec![
        note(m, "n4", NotificationKind::Like, "dana", 5, Some(&mine)),
        note(m, "n3", NotificationKind::Like, "carol", 9, Some(&mine)),
        note(m, "n2", NotificationKind::Like, "bob", 20, Some(&mine)),
        note(m, "n1", NotificationKind::Follow, "erin", 200, None),
    ];
    let effects = answer(
        &mut app,
        Answer::Notifications {
            req: asked[0].0,
            view: asked[0].1,
            account: m.clone(),
            result: Ok(Notifications { items, note: None, older: None }),
        },
    );
    let [Effect::View(Request::MarkRead { account, mark })] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!((account, mark), (m, &ReadMark { id: "n4".into(), at: ago(5) }), "up to the newest one");
    let b = &asked[1].2;
    let reply = post(Network::Bluesky, "re", 1, "Fay", "a reply");
    let read = vec![Notification { unread: false, ..note(b, "b1", NotificationKind::Reply, "fay", 1, Some(&reply)) }];
    let effects = answer(
        &mut app,
        Answer::Notifications {
            req: asked[1].0,
            view: asked[1].1,
            account: b.clone(),
            result: Ok(Notifications { items: read, note: None, older: None }),
        },
    );
    assert!(effects.is_empty(), "nothing unread: no marker to move");
    let t = &asked[2].2;
    answer(
        &mut app,
        Answer::Notifications {
            req: asked[2].0,
            view: asked[2].1,
            account: t.clone(),
            result: Err(BackendError::RateLimited { retry_after: None }),
        },
    );
    let Some(Body::Notifications(inbox)) = app.top_view().map(|v| &v.body) else { panic!("no inbox") };
    let rows: Vec<(NotificationKind, usize, bool)> =
        inbox.groups.iter().map(|g| (g.kind, g.actors.len(), g.unread)).collect();
    assert_eq!(
        rows,
        [(NotificationKind::Reply, 1, false), (NotificationKind::Like, 3, true), (NotificationKind::Follow, 1, false)]
    );
    assert!(inbox.pages.waiting.is_empty());
    assert_eq!(inbox.notes, ["tumblr:ada: Tumblr: rate limited; try again later"]);
    assert_eq!(app.selected_post().map(|p| p.text.to_plain()), Some("a reply".into()), "a row's post");
    press(&mut app, Action::SelectNext);
    assert_eq!(app.selected_post().map(|p| p.text.to_plain()), Some("my post".into()));
    assert_eq!(thread_post(&press(&mut app, Action::OpenThread)).text.to_plain(), "my post");
}

fn count(app: &mut App, effects: &[Effect], n: u32) {
    for e in effects {
        if let Effect::View(Request::Unread { req, account, .. }) = e {
            let result = Ok(Unread { count: n, more: account.network() == Some(Network::Tumblr) });
            answer(app, Answer::Unread { req: *req, account: account.clone(), result });
        }
    }
}

#[test]
fn unread_counts_add_up_and_opening_the_notifications_clears_what_was_shown() {
    let mut app = App::new(sources(), now());
    let effects = murre::app::start(&mut app);
    count(&mut app, &effects, 4);
    assert_eq!(app.notices.total(), (12, true), "4 each, Tumblr's page was full");
    let stale = press(&mut app, Action::Refresh);
    let again = press(&mut app, Action::Refresh);
    count(&mut app, &stale, 100);
    assert_eq!(app.notices.total(), (12, true), "an answer to an older count is dropped");
    count(&mut app, &again, 1);
    assert_eq!(app.notices.total(), (3, true));
    let asked = open_notifications(&mut app);
    let t = &asked[2];
    let items = vec![
        note(&t.2, "t2", NotificationKind::Like, "zoe", 5, None),
        note(&t.2, "t1", NotificationKind::Like, "yan", 30, None),
    ];
    let marked = answer(
        &mut app,
        Answer::Notifications {
            req: t.0,
            view: t.1,
            account: t.2.clone(),
            result: Ok(Notifications { items: items.clone(), note: Some("local only".into()), older: None }),
        },
    );
    assert_eq!(marked.len(), 1);
    assert_eq!(app.notices.total(), (2, false), "Tumblr's count is cleared");
    press(&mut app, Action::Back);
    let asked = open_notifications(&mut app);
    let t = &asked[2];
    answer(
        &mut app,
        Answer::Notifications {
            req: t.0,
            view: t.1,
            account: t.2.clone(),
            result: Ok(Notifications { items, note: None, older: None }),
        },
    );
    let Some(Body::Notifications(inbox)) = app.top_view().map(|v| &v.body) else { panic!("no inbox") };
    assert!(inbox.groups.iter().all(|g| !g.unread), "what murre showed stays read, whatever the network says");
    let unread_asks = press(&mut app, Action::Refresh);
    let read_here = unread_asks.iter().find_map(|e| match e {
        Effect::View(Request::Unread { account, read_here, .. }) if account == &t.2 => Some(*read_here),
        _ => None,
    });
    assert_eq!(read_here, Some(Some(ago(5))), "the next count starts after what was shown");
}
