//! Pure state tests of search (`/`) and tags (`#`): the prompt takes keys as text, Esc cancels,
//! Enter asks every account, answers merge newest first with each post once, a network that fails
//! or cannot search leaves a note, stale answers are dropped, and actions work on the rows.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyModifiers};
use murre::app::views::search::Results;
use murre::app::views::{Answer, Body, Request};
use murre::app::{Action, App, Effect, Mode, Msg, Overlay, ReqId, update};
use murre::backend::search::{Found, SearchKind, TUMBLR_NO_SEARCH};
use murre::backend::{BackendError, Interaction};
use murre::model::{AccountId, Network, Post};

fn press(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    chord(app, code, KeyModifiers::NONE)
}

/// The search requests among `effects`: (req, view, account, kind, query).
fn requests(effects: &[Effect]) -> Vec<(ReqId, u64, AccountId, SearchKind, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::View(Request::Search { req, view, account, kind, query, cursor: None }) => {
                Some((*req, *view, account.clone(), *kind, query.clone()))
            }
            _ => None,
        })
        .collect()
}

fn results(app: &App) -> &Results {
    match app.top_view().map(|v| &v.body) {
        Some(Body::Search(r)) => r,
        other => panic!("no search view: {other:?}"),
    }
}

fn found(posts: Vec<Post>) -> Result<Found, BackendError> {
    Ok(Found { posts, older: None, note: None })
}

/// Opens `#tag` through the prompt and returns its requests.
fn open_tag(app: &mut App, tag: &str) -> Vec<(ReqId, u64, AccountId, SearchKind, String)> {
    press(app, Action::Hashtag);
    chord(app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(app, tag);
    requests(&key(app, KeyCode::Enter))
}

fn answer(app: &mut App, asked: &(ReqId, u64, AccountId, SearchKind, String), result: Result<Found, BackendError>) {
    let (req, view, account, ..) = asked.clone();
    update(app, Msg::View(Answer::Search { req, view, account, result }));
}

#[test]
fn the_prompt_takes_every_printable_key_as_text_and_esc_cancels() {
    let mut app = app();
    press(&mut app, Action::Search);
    assert_eq!(app.mode(), Mode::Prompt);
    typed(&mut app, "q j k / # 日本 🦀");
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.overlay, Some(Overlay::Prompt { kind: SearchKind::Posts, text: "q j k / # 日本 ".into() }));
    assert!(app.views.is_empty() && !app.quit, "keys were text, not actions");
    let effects = key(&mut app, KeyCode::Esc);
    assert!(effects.is_empty() && app.overlay.is_none() && app.views.is_empty());
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn enter_on_an_empty_prompt_opens_nothing() {
    let mut app = app();
    press(&mut app, Action::Search);
    typed(&mut app, "   ");
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(app.views.is_empty());
    assert_eq!(app.mode(), Mode::Prompt, "the prompt stays for the words");
}

#[test]
fn enter_asks_every_account_for_the_tag_without_its_hash() {
    let mut app = app();
    let asked = open_tag(&mut app, "#Rust ");
    assert_eq!(asked.len(), 3);
    let accounts: Vec<AccountId> = asked.iter().map(|a| a.2.clone()).collect();
    assert_eq!(accounts, Network::ALL.map(account).to_vec());
    assert!(asked.iter().all(|a| a.3 == SearchKind::Tag && a.4 == "Rust"));
    assert!(app.overlay.is_none());
    assert_eq!(results(&app).pages.waiting.len(), 3);
}

#[test]
fn a_post_search_skips_tumblr_with_a_note() {
    let mut app = app();
    press(&mut app, Action::Search);
    typed(&mut app, "terminal fonts");
    let asked = requests(&key(&mut app, KeyCode::Enter));
    let nets: Vec<_> = asked.iter().map(|a| a.2.network()).collect();
    assert_eq!(nets, vec![Some(Network::Mastodon), Some(Network::Bluesky)]);
    assert_eq!(results(&app).notes, vec![TUMBLR_NO_SEARCH.to_string()]);
}

#[test]
fn answers_merge_newest_first_and_a_post_found_twice_shows_once() {
    let mut app = app();
    let asked = open_tag(&mut app, "rust");
    let old = post(Network::Mastodon, "m1", 50, "Ann", "old #rust");
    let new = post(Network::Bluesky, "b1", 5, "Bo", "new #rust");
    let mid = post(Network::Tumblr, "t1", 20, "Cy", "mid #rust");
    answer(&mut app, &asked[0], found(vec![old.clone(), old.clone()]));
    answer(&mut app, &asked[1], found(vec![new.clone()]));
    answer(&mut app, &asked[2], found(vec![mid.clone()]));
    let texts: Vec<String> = results(&app).posts.iter().map(|p| p.text.to_plain()).collect();
    assert_eq!(texts, ["new #rust", "mid #rust", "old #rust"]);
    assert!(results(&app).pages.waiting.is_empty() && results(&app).notes.is_empty());
}

#[test]
fn one_network_failing_leaves_a_note_while_the_others_show() {
    let mut app = app();
    let asked = open_tag(&mut app, "rust");
    answer(&mut app, &asked[1], Err(BackendError::Network("connection refused".into())));
    answer(&mut app, &asked[0], found(vec![post(Network::Mastodon, "m1", 5, "Ann", "#rust one")]));
    answer(&mut app, &asked[2], found(vec![post(Network::Tumblr, "t1", 9, "Cy", "#rust two")]));
    let r = results(&app);
    assert_eq!(r.posts.len(), 2);
    assert_eq!(r.notes.len(), 1);
    assert!(r.notes[0].starts_with("bluesky:ada.bsky.example: "), "{:?}", r.notes);
}

#[test]
fn stale_answers_are_dropped_after_r_reads_the_view_again() {
    let mut app = app();
    let asked = open_tag(&mut app, "rust");
    let again = requests(&press(&mut app, Action::Refresh));
    assert_eq!(again.len(), 3);
    assert!(again.iter().all(|a| a.4 == "rust" && a.3 == SearchKind::Tag));
    answer(&mut app, &asked[0], found(vec![post(Network::Mastodon, "m1", 5, "Ann", "#rust stale")]));
    assert!(results(&app).posts.is_empty());
    answer(&mut app, &again[0], found(vec![post(Network::Mastodon, "m1", 5, "Ann", "#rust fresh")]));
    assert_eq!(results(&app).posts.len(), 1);
}

#[test]
fn hash_is_prefilled_with_the_selected_posts_first_tag_and_actions_work_on_rows() {
    let mut app = app();
    let asked = open_tag(&mut app, "rust");
    let mut tagged = post(Network::Mastodon, "m1", 5, "Ann", "a post");
    tagged.tags = vec!["ferris".into(), "rust".into()];
    answer(&mut app, &asked[0], found(vec![tagged]));
    press(&mut app, Action::Hashtag);
    assert_eq!(app.overlay, Some(Overlay::Prompt { kind: SearchKind::Tag, text: "ferris".into() }));
    key(&mut app, KeyCode::Esc);
    let effects = press(&mut app, Action::Like);
    assert!(matches!(effects.as_slice(), [Effect::Interact { act: Interaction::Like, .. }]), "{effects:?}");
    press(&mut app, Action::Back);
    assert!(app.views.is_empty(), "Esc goes back to the timeline");
}

/// The requests for older pages among `effects`: (req, account, cursor).
fn older_asked(effects: &[Effect]) -> Vec<(ReqId, AccountId, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::View(Request::Search { req, account, cursor: Some(c), .. }) => {
                Some((*req, account.clone(), c.clone()))
            }
            _ => None,
        })
        .collect()
}

/// `n` posts of `net` numbered from `from`, newer first, `step` minutes apart.
fn many(net: Network, from: usize, n: usize, step: i64) -> Vec<Post> {
    (from..from + n).map(|i| post(net, &format!("{i}"), i as i64 * step, "Ann", &format!("#rust {i}"))).collect()
}

#[test]
fn older_pages_are_asked_per_account_as_the_selection_nears_the_end() {
    let mut app = app();
    let asked = open_tag(&mut app, "rust");
    let page = |posts, older: Option<&str>| Ok(Found { posts, older: older.map(str::to_string), note: None });
    answer(&mut app, &asked[0], page(many(Network::Mastodon, 0, 20, 2), Some("m-cursor")));
    answer(&mut app, &asked[1], page(many(Network::Bluesky, 100, 20, 2), Some("b-cursor")));
    answer(&mut app, &asked[2], page(many(Network::Tumblr, 200, 3, 1), None));
    assert!(older_asked(&press(&mut app, Action::SelectNext)).is_empty(), "far from the end");
    let more = older_asked(&press(&mut app, Action::SelectLast));
    let want = [(account(Network::Mastodon), "m-cursor"), (account(Network::Bluesky), "b-cursor")];
    assert_eq!(more.iter().map(|m| (m.1.clone(), m.2.as_str())).collect::<Vec<_>>(), want, "Tumblr is at its end");
    assert!(older_asked(&press(&mut app, Action::SelectPrev)).is_empty(), "one request per account at a time");
    let selected = app.selected_post().map(|p| p.id.key.clone());
    // Mastodon's older page ends; Bluesky's fails and is asked again at the next move.
    let (m, b) = (more[0].clone(), more[1].clone());
    update(
        &mut app,
        Msg::View(Answer::Search {
            req: m.0,
            view: asked[0].1,
            account: m.1,
            result: page(many(Network::Mastodon, 20, 5, 2), None),
        }),
    );
    assert_eq!(app.selected_post().map(|p| p.id.key.clone()), selected, "the selection stays on its post");
    assert_eq!(results(&app).posts.len(), 48);
    let effects = update(
        &mut app,
        Msg::View(Answer::Search {
            req: b.0,
            view: asked[0].1,
            account: b.1,
            result: Err(BackendError::Network("down".into())),
        }),
    );
    assert!(older_asked(&effects).is_empty(), "a failure is not asked again at once");
    assert_eq!(results(&app).notes.len(), 1);
    let again = older_asked(&press(&mut app, Action::SelectLast));
    assert_eq!(again.iter().map(|m| m.2.as_str()).collect::<Vec<_>>(), ["b-cursor"]);
}

#[test]
fn an_older_page_answer_is_stale_after_r() {
    let mut app = app();
    let asked = open_tag(&mut app, "rust");
    let page = |posts, older: Option<&str>| Ok(Found { posts, older: older.map(str::to_string), note: None });
    answer(&mut app, &asked[0], page(many(Network::Mastodon, 0, 30, 1), Some("c")));
    let more = older_asked(&press(&mut app, Action::SelectLast));
    assert_eq!(more.len(), 1);
    press(&mut app, Action::Refresh);
    let (req, account, _) = more[0].clone();
    update(
        &mut app,
        Msg::View(Answer::Search {
            req,
            view: asked[0].1,
            account,
            result: page(many(Network::Mastodon, 30, 5, 1), None),
        }),
    );
    assert!(results(&app).posts.is_empty(), "the old view's page does not land in the new one");
}
