//! Clickable links (OSC 8): the exact bytes written for a link, refusal of an address with control
//! characters, ESC or BEL in it, the links the detail pane reports (their real targets, where they
//! are drawn), and a post whose text carries an OSC 8 sequence of its own, which never reaches the
//! terminal as one.

mod common;

use common::*;
use murre::app::{Action, App, Msg, update};
use murre::runtime::osc8;
use murre::ui::{Keymap, LinkSpot, Theme, draw_with_links};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

#[test]
fn a_link_is_exactly_the_osc_8_opener_the_text_and_the_closer() {
    assert_eq!(
        osc8::sequence("https://example.com/a?b=1", "example.com/a"),
        Some("\x1b]8;;https://example.com/a?b=1\x1b\\example.com/a\x1b]8;;\x1b\\".to_string())
    );
}

#[test]
fn an_address_with_control_characters_escape_or_bell_is_refused_not_cleaned() {
    for url in [
        "https://example.com/\x1b]8;;https://evil.example\x1b\\",
        "https://example.com/\x07",
        "https://example.com/\n",
        "https://example.com/\u{9b}2J",
        "https://example.com/a b",
        "https://例え.jp/",
        "javascript:alert(1)",
        "file:///etc/passwd",
    ] {
        assert_eq!(osc8::safe_target(url), None, "{url:?}");
        assert_eq!(osc8::sequence(url, "text"), None, "{url:?}");
    }
    assert!(osc8::safe_target(&format!("https://example.com/{}", "a".repeat(3000))).is_none());
}

#[test]
fn links_are_written_over_the_cells_they_were_drawn_in() {
    let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, 20, 2));
    buffer.set_string(2, 1, "see 日本 ok", ratatui::style::Style::default());
    let spots = [
        LinkSpot { x: 6, y: 1, width: 4, url: "https://example.jp/".into() },
        LinkSpot { x: 0, y: 0, width: 3, url: "https://bad.example/\x1b".into() },
    ];
    let bytes = String::from_utf8(osc8::render(&spots, &buffer)).unwrap_or_default();
    assert!(bytes.starts_with("\x1b[2;7H\x1b]8;;https://example.jp/\x1b\\"), "{bytes:?}");
    assert!(bytes.contains("日") && bytes.contains("本") && !bytes.contains("ok"), "{bytes:?}");
    assert_eq!(bytes.matches("\x1b]8;;").count(), 2, "one opener and one closer: the bad address is skipped");
    assert!(!bytes.contains("bad.example"));
    assert!(osc8::render(&[], &buffer).is_empty());
}

#[test]
fn hyperlinks_are_off_on_dumb_and_linux_terminals_and_by_the_switch() {
    assert!(osc8::supported(true, Some("xterm-256color")));
    assert!(!osc8::supported(true, Some("dumb")));
    assert!(!osc8::supported(true, Some("linux")));
    assert!(!osc8::supported(true, None));
    assert!(!osc8::supported(false, Some("xterm-256color")));
}

/// The screen and the links of `app`, drawn on a test terminal.
fn drawn(app: &App, width: u16, height: u16) -> (Buffer, Vec<LinkSpot>) {
    let keymap = Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut term = ratatui::Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
    let mut links = Vec::new();
    term.draw(|f| links = draw_with_links(f, app, &Theme::default(), &keymap)).unwrap_or_else(|e| panic!("{e}"));
    (term.backend().buffer().clone(), links)
}

fn text_at(buffer: &Buffer, spot: &LinkSpot) -> String {
    (spot.x..spot.x + spot.width).filter_map(|x| buffer.cell((x, spot.y)).map(|c| c.symbol().to_string())).collect()
}

/// A Mastodon post whose text hides an OSC 8 sequence (with another target) inside a real link.
fn hostile_post(app: &mut App) {
    let slot = app.selected_slot().unwrap_or(0);
    if let Some(p) = app.timeline.post_mut(slot) {
        p.text = murre::text::html_to_rich(
            "<p>read <a href=\"https://real.example/page\">\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\</a> now</p>",
        );
        p.url = Some("https://social.example/@ada/1".into());
    }
    update(app, Msg::Action(Action::Open));
}

#[test]
fn the_detail_pane_reports_each_link_with_its_real_target_where_it_is_drawn() {
    let mut app = sized(120, 30);
    hostile_post(&mut app);
    let (buffer, links) = drawn(&app, 120, 30);
    let targets: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(targets, ["https://real.example/page", "https://social.example/@ada/1"]);
    assert!(text_at(&buffer, &links[0]).contains("click me"));
    assert_eq!(text_at(&buffer, &links[1]), "https://social.example/@ada/1");
    // The picker (o) offers the same targets.
    update(&mut app, Msg::Action(Action::OpenLink));
    let Some(murre::app::Overlay::Links { links: picked, .. }) = &app.overlay else { panic!("no picker") };
    for t in &targets {
        assert!(picked.iter().any(|(_, u)| u == t), "{t} is not in the picker");
    }
    // Under an overlay no link is written (it would draw over the overlay).
    assert!(drawn(&app, 120, 30).1.is_empty());
}

#[test]
fn an_osc_8_sequence_in_post_text_never_reaches_the_terminal_as_one() {
    let mut app = sized(120, 30);
    hostile_post(&mut app);
    let (buffer, links) = drawn(&app, 120, 30);
    let cells: String = buffer.content().iter().map(|c| c.symbol()).collect();
    assert!(!cells.contains('\x1b') && !cells.contains('\x07'));
    let bytes = String::from_utf8(osc8::render(&links, &buffer)).unwrap_or_default();
    // Exactly one opener and one closer per link, each opener naming a real target.
    assert_eq!(bytes.matches("\x1b]8;;").count(), 2 * links.len());
    let openers: Vec<&str> =
        bytes.split("\x1b]8;;").skip(1).step_by(2).map(|s| s.split('\x1b').next().unwrap_or("")).collect();
    assert_eq!(openers, ["https://real.example/page", "https://social.example/@ada/1"]);
    assert!(!bytes.contains("\x1b]8;;https://evil"));
}
