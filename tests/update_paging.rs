//! Pure state tests of paging inside the notifications view: every account's next page is asked
//! as the selection nears the end (one request per account at a time, none at an account's end),
//! older pages merge by time with the selection kept on its row and move no read marker, a
//! failed page is asked again at the next move, and answers for a view read again are dropped.

mod common;

use common::*;
use murre::app::views::{Answer, Body, Inbox, Request};
use murre::app::{Action, App, Effect, Msg, ReqId, update};
use murre::backend::BackendError;
use murre::backend::views::Notifications;
use murre::model::{AccountId, Author, Network, Notification, NotificationKind};

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
fn asked(effects: &[Effect]) -> Vec<(ReqId, u64, AccountId, Option<String>)> {
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

fn answer(app: &mut App, to: &(ReqId, u64, AccountId, Option<String>), result: Result<Notifications, BackendError>) -> Vec<Effect> {
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
fn opened(app: &mut App) -> Vec<(ReqId, u64, AccountId, Option<String>)> {
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
    assert_eq!(cursors, [
        (account(Network::Mastodon), Some("m1".to_string())),
        (account(Network::Bluesky), Some("b1".to_string()))
    ]);
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
    assert!(!effects.iter().any(|e| matches!(e, Effect::View(Request::MarkRead { .. }))), "an older page moves no marker");
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
fn pending(app: &mut App) -> ((ReqId, u64, AccountId, Option<String>), (ReqId, u64, AccountId, Option<String>)) {
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
