//! Render snapshots of the views on `TestBackend`, at fixed sizes and a fixed `now`: a deep thread
//! with CJK, emoji and right-to-left text (wide, beside the detail pane, and narrow), grouped
//! notifications with unread marks and a note, a profile with a hostile bio, and the unread count in
//! the status bar.

mod common;

use common::*;
use murre::app::views::{Answer, Request};
use murre::app::{Action, App, Effect, Msg, update};
use murre::backend::views::{Notifications, Unread};
use murre::model::{
    Author, Branch, Network, Notification, NotificationKind, Post, Profile, ProfilePage, Thread, ThreadItem, Viewer,
};

fn press(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

/// A reply chain `depth` deep under the anchor, each in another script, plus a gone post and a
/// Tumblr-style comment.
fn deep_thread(anchor: &Post, depth: usize) -> Thread {
    let texts = [
        "日本語の返信です。二列の文字幅。",
        "مرحبا، هذا رد باللغة العربية من اليمين إلى اليسار",
        "family 👩‍👩‍👧‍👦 wave 👋🏽 flag 🇫🇮 café e\u{301}",
        "中文回复：每个汉字占两列宽度，换行时不能切开。",
        "שלום, תשובה בעברית",
    ];
    let mut branch: Option<Branch> = None;
    for i in (0..depth).rev() {
        let p = post(Network::Mastodon, &format!("d{i}"), 0, &format!("Level {}", i + 1), texts[i % texts.len()]);
        branch = Some(Branch { item: ThreadItem::Post(Box::new(p)), replies: branch.into_iter().collect() });
    }
    let gone = Branch {
        item: ThreadItem::Gone { why: "a post hidden by a block (its author blocks you, or you block them)".into() },
        replies: vec![],
    };
    let comment = ThreadItem::Comment {
        author: Author { name: "Trail".into(), handle: "trailblog".into(), url: None, id: None },
        text: murre::model::RichText::plain("A reblog-trail entry above the post."),
        at: None,
    };
    let root = ThreadItem::Post(Box::new(post(Network::Mastodon, "root", 60, "小林", "スレッドの最初の投稿")));
    Thread::new(vec![root, comment], anchor.clone(), branch.into_iter().chain([gone]).collect())
}

fn open_thread(app: &mut App, depth: usize) {
    let effects = press(app, Action::OpenThread);
    let [Effect::View(Request::Thread { req, view, post })] = effects.as_slice() else { panic!("{effects:?}") };
    let thread = deep_thread(post, depth);
    update(app, Msg::View(Answer::Thread { req: *req, view: *view, result: Ok(thread) }));
}

#[test]
fn a_deep_thread_beside_the_detail_pane() {
    let mut app = sized(110, 34);
    open_thread(&mut app, 6);
    press(&mut app, Action::SelectNext);
    insta::assert_snapshot!(screen(&app, 110, 34));
}

#[test]
fn a_thread_deeper_than_the_guides_on_a_narrow_screen() {
    let mut app = sized(48, 30);
    open_thread(&mut app, 14);
    press(&mut app, Action::SelectLast);
    press(&mut app, Action::SelectPrev);
    let shown = screen(&app, 48, 30);
    assert!(shown.contains("┆"), "depth past the cap is written out:\n{shown}");
    insta::assert_snapshot!(shown);
}

fn note(n: Network, id: &str, kind: NotificationKind, who: &str, mins: i64, subject: Option<&Post>) -> Notification {
    Notification {
        id: id.into(),
        account: account(n),
        kind,
        label: None,
        actor: Author { name: who.into(), handle: format!("{}.example", who.to_lowercase()), url: None, id: None },
        at: ago(mins),
        subject: subject.cloned(),
        excerpt: None,
        unread: mins < 30,
    }
}

#[test]
fn notifications_grouped_with_unread_marks_and_a_note() {
    let mut app = sized(100, 24);
    let effects = press(&mut app, Action::Notifications);
    let mine = post(Network::Mastodon, "mine", 90, "Ada", "Hello from my terminal! 👋🏽 日本語も。");
    let theirs = post(
        Network::Bluesky,
        "re",
        3,
        "Fay",
        "@ada a reply in your mentions with a link https://example.com/a/long/path",
    );
    let pages = [
        vec![
            note(Network::Mastodon, "1", NotificationKind::Like, "Bob", 2, Some(&mine)),
            note(Network::Mastodon, "2", NotificationKind::Like, "陈静", 5, Some(&mine)),
            note(Network::Mastodon, "3", NotificationKind::Like, "Carol 👋🏽", 9, Some(&mine)),
            note(Network::Mastodon, "4", NotificationKind::Like, "أميرة", 12, Some(&mine)),
            note(Network::Mastodon, "5", NotificationKind::Repost, "Dana", 40, Some(&mine)),
        ],
        vec![
            note(Network::Bluesky, "b1", NotificationKind::Reply, "Fay", 3, Some(&theirs)),
            note(Network::Bluesky, "b2", NotificationKind::Follow, "Gus", 50, None),
            note(Network::Bluesky, "b3", NotificationKind::Follow, "Hal", 55, None),
        ],
        vec![Notification {
            excerpt: Some("Welcome to Tumblr!".into()),
            ..note(Network::Tumblr, "t1", NotificationKind::Reply, "zoe", 20, Some(&mine))
        }],
    ];
    for (effect, items) in effects.iter().zip(pages) {
        let Effect::View(Request::Notifications { req, view, account, cursor: None }) = effect else {
            panic!("{effect:?}")
        };
        let note = (account.network() == Some(Network::Tumblr)).then(|| murre::backend::tumblr::READ_NOTE.to_string());
        let result = Ok(Notifications { items, note, older: None });
        update(&mut app, Msg::View(Answer::Notifications { req: *req, view: *view, account: account.clone(), result }));
    }
    let shown = screen(&app, 100, 24);
    assert!(shown.contains("Bob and 3 others favourited"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn a_profile_with_a_hostile_bio() {
    let mut app = sized(100, 24);
    let effects = press(&mut app, Action::Profile);
    let [Effect::View(Request::Profile { req, view, account, person })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let bio = murre::text::html_to_rich(
        "<p>\u{1b}]0;pwned\u{7}Bio with \u{1b}[2Jescapes and <a href=\"https://evil.example/\">https://good.example/</a> \u{202e}txt.exe\u{202c}</p><p>中文 العربية 👩\u{200d}👩\u{200d}👧\u{200d}👦 second paragraph</p>",
    );
    let mut person = person.clone();
    person.name = "Mallory\u{1b}[31m RED\u{202e}evil".into();
    person.name = murre::text::sanitize_line(&person.name);
    let profile = Profile {
        account: account.clone(),
        person,
        bio,
        posts: Some(1200),
        followers: Some(34),
        following: Some(5),
        viewer: Viewer { following: Some(false), ..Viewer::default() },
        locked: true,
        note: None,
    };
    let posts = tricky().into_iter().filter(|p| p.network() == Network::Mastodon).collect();
    let page = ProfilePage { profile, posts, older: None };
    update(&mut app, Msg::View(Answer::Profile { req: *req, view: *view, result: Ok(Box::new(page)) }));
    let shown = screen(&app, 100, 24);
    assert!(!shown.contains('\u{1b}') && !shown.contains('\u{202e}'), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_unread_count_in_the_status_bar_and_a_failed_view() {
    let mut app = sized(100, 12);
    for (i, n) in Network::ALL.into_iter().enumerate() {
        let effects = press(&mut app, Action::Refresh);
        let req = effects.iter().find_map(|e| match e {
            Effect::View(Request::Unread { req, account, .. }) if *account == common::account(n) => Some(*req),
            _ => None,
        });
        let req = req.unwrap_or_else(|| panic!("no unread request"));
        let result = Ok(Unread { count: u32::try_from(i + 2).unwrap_or(0), more: false });
        update(&mut app, Msg::View(Answer::Unread { req, account: common::account(n), result }));
    }
    let effects = press(&mut app, Action::OpenThread);
    let [Effect::View(Request::Thread { req, view, .. })] = effects.as_slice() else { panic!("{effects:?}") };
    let result = Err(murre::backend::BackendError::server(503, "the AppView is busy"));
    update(&mut app, Msg::View(Answer::Thread { req: *req, view: *view, result }));
    insta::assert_snapshot!(screen(&app, 100, 12));
}
