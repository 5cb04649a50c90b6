//! The detail pane with an image preview drawn in half-blocks (a fixed picker: 10x20 pixel cells,
//! so the frame is the same everywhere) under its alt text, and without the `images` feature the
//! alt text alone.

mod common;

use common::*;
use murre::app::images::Entry;
use murre::app::{Action, App, Msg, update};

/// The test app with the image post selected and its preview decoded from the demo's sunset.
fn with_preview(width: u16, height: u16) -> App {
    let mut app = sized(width, height);
    while app.selected_post().is_some_and(|p| p.media.is_empty()) {
        update(&mut app, Msg::Action(Action::SelectNext));
    }
    app.images.enabled = true;
    #[cfg(feature = "images")]
    {
        app.images.picker = Some(ratatui_image::picker::Picker::halfblocks());
        let preview = murre::runtime::images::decode(include_bytes!("../src/demo/media/sunset.png"))
            .unwrap_or_else(|e| panic!("{e}"));
        app.images.insert("https://img.example/1.png", Entry::Ready(preview));
    }
    #[cfg(not(feature = "images"))]
    app.images
        .insert("https://img.example/1.png", Entry::Ready(murre::app::images::Preview { width: 160, height: 96 }));
    app
}

#[cfg(feature = "images")]
#[test]
fn detail_with_a_half_block_preview() {
    let app = with_preview(160, 40);
    let shown = screen(&app, 160, 40);
    assert!(shown.contains("[image] a murre on a cliff"));
    let blocks = shown.lines().filter(|l| l.contains('▀') || l.contains('▄')).count();
    assert!(blocks >= 4, "the preview takes rows under the alt text:\n{shown}");
    insta::assert_snapshot!(shown);
}

#[cfg(feature = "images")]
#[test]
fn the_preview_is_not_drawn_under_an_overlay() {
    let mut app = with_preview(160, 40);
    update(&mut app, Msg::Action(Action::ToggleHelp));
    let shown = screen(&app, 160, 40);
    assert!(!shown.contains('▀') && !shown.contains('▄'), "{shown}");
}

#[cfg(not(feature = "images"))]
#[test]
fn without_the_feature_the_alt_text_shows_alone() {
    let app = with_preview(160, 40);
    let shown = screen(&app, 160, 40);
    assert!(shown.contains("[image] a murre on a cliff"));
    assert!(!shown.contains('▀') && !shown.contains('▄') && !shown.contains("image not shown"));
}
