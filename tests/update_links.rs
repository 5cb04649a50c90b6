//! Copying addresses: `y` puts the selected post's web address on the clipboard (an effect the
//! runtime turns into OSC 52); in the link picker, `y` copies the chosen link's real target.

mod common;

use common::*;
use murre::app::{Action, Effect, Msg, Overlay, update};

#[test]
fn y_copies_the_posts_address_or_says_it_has_none() {
    let mut app = app();
    let slot = app.pane().rows[0];
    if let Some(p) = app.timeline.post_mut(slot) {
        p.url = Some("https://social.example/@ada/1".into());
    }
    assert_eq!(update(&mut app, Msg::Action(Action::CopyUrl)), [Effect::Copy("https://social.example/@ada/1".into())]);
    if let Some(p) = app.timeline.post_mut(slot) {
        p.url = None;
    }
    assert!(update(&mut app, Msg::Action(Action::CopyUrl)).is_empty());
    assert!(app.toasts.last().is_some_and(|t| t.error && t.text.contains("no web address")));
}

#[test]
fn in_the_link_picker_y_copies_the_real_target() {
    let mut app = app();
    app.overlay = Some(Overlay::Links {
        links: vec![
            ("example.com/a…".into(), "https://example.com/a/very/long".into()),
            ("#tag".into(), "https://social.example/tags/tag".into()),
        ],
        selected: 0,
    });
    update(&mut app, Msg::Action(Action::SelectNext));
    assert_eq!(
        update(&mut app, Msg::Action(Action::CopyUrl)),
        [Effect::Copy("https://social.example/tags/tag".into())]
    );
    assert_eq!(app.overlay, None);
}
