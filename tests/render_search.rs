//! Render snapshots of search and tags on `TestBackend`, at fixed sizes and a fixed `now`: a tag view
//! merged from three networks with CJK, emoji and a ZWJ family, a note for a network that failed,
//! and the one-line prompt over the status bar (wide text scrolled to its end). Also: `/` and `#`
//! are the default keys.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use murre::app::views::{Answer, Request};
use murre::app::{Action, App, Effect, Mode, Msg, update};
use murre::backend::BackendError;
use murre::backend::search::Found;
use murre::model::Network;
use murre::ui::{Keymap, Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn keymap() -> Keymap {
    Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
    term.draw(|f| draw(f, app, &Theme::default(), &keymap())).unwrap_or_else(|e| panic!("{e}"));
    format!("{}", term.backend())
}

fn sized(width: u16, height: u16) -> App {
    let mut app = app();
    update(&mut app, Msg::Resize { width, height });
    app
}

/// Answers each search request: Mastodon and Tumblr with wide text, Bluesky with an error.
fn answer_all(app: &mut App, effects: Vec<Effect>) {
    for e in effects {
        let Effect::View(Request::Search { req, view, account, .. }) = e else { continue };
        let result = match account.network() {
            Some(Network::Mastodon) => Ok(Found {
                older: None,
                posts: vec![
                    post(Network::Mastodon, "m1", 3, "山田太郎", "東京で #日本語 の勉強会 🍣🍜"),
                    post(Network::Mastodon, "m2", 40, "Ana", "family 👩\u{200d}👩\u{200d}👧\u{200d}👦 learns #日本語"),
                ],
                note: None,
            }),
            Some(Network::Tumblr) => Ok(Found {
                older: None,
                posts: vec![post(Network::Tumblr, "t1", 12, "Kiku", "ひらがな練習 ✍️ #日本語 #study")],
                note: None,
            }),
            _ => Err(BackendError::Server { status: 502, message: "Bad Gateway".into() }),
        };
        update(app, Msg::View(Answer::Search { req, view, account, result }));
    }
}

#[test]
fn a_tag_view_merges_networks_with_wide_text_and_a_note_for_the_failed_one() {
    let mut app = sized(100, 20);
    update(&mut app, Msg::Action(Action::Hashtag));
    typed(&mut app, "日本語");
    let effects = update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    answer_all(&mut app, effects);
    insta::assert_snapshot!(screen(&app, 100, 20));
}

#[test]
fn the_prompt_shows_over_the_status_bar_with_the_end_of_long_text() {
    let mut app = sized(60, 12);
    update(&mut app, Msg::Action(Action::Search));
    typed(&mut app, "寿司 🍣 and ramen 🍜 and a very long query that does not fit");
    assert_eq!(app.mode(), Mode::Prompt);
    insta::assert_snapshot!(screen(&app, 60, 12));
}

#[test]
fn slash_and_hash_are_the_default_keys() {
    let k = keymap();
    let press = |c: char, m: KeyModifiers| k.resolve(Mode::Normal, &KeyEvent::new(KeyCode::Char(c), m));
    assert_eq!(press('/', KeyModifiers::NONE), Some(Action::Search));
    assert_eq!(press('#', KeyModifiers::SHIFT), Some(Action::Hashtag));
    assert_eq!(press('#', KeyModifiers::NONE), Some(Action::Hashtag));
}
