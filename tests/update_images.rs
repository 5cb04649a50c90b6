//! Image previews as pure state: which image is asked for when a post with images is shown in the
//! detail pane, what happens to answers that come back after the reader moved on, the note for an
//! image that failed, `i` for the viewer, and the cache's bounds.

mod common;

use common::*;
use murre::app::images::{Entry, Images, Limits, Preview};
use murre::app::{Action, App, Effect, Focus, Msg, ReqId, update};

/// The test app, wide (the detail pane always shows), previews on, the image post selected.
fn on_image_post() -> App {
    let mut app = sized(160, 40);
    while app.selected_post().is_some_and(|p| p.media.is_empty()) {
        let before = app.selected_slot();
        update(&mut app, Msg::Action(Action::SelectNext));
        assert_ne!(before, app.selected_slot(), "no post with an image");
    }
    app.images.enabled = true;
    app
}

fn fetches(effects: &[Effect]) -> Vec<(ReqId, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::FetchImage { req, url } => Some((*req, url.clone())),
            _ => None,
        })
        .collect()
}

/// Selects the image post from the one above it and returns what that asked for.
fn arrive(app: &mut App) -> Vec<(ReqId, String)> {
    update(app, Msg::Action(Action::SelectPrev));
    fetches(&update(app, Msg::Action(Action::SelectNext)))
}

#[cfg(feature = "images")]
fn preview() -> Preview {
    murre::runtime::images::decode(include_bytes!("../src/demo/media/sunset.png")).unwrap_or_else(|e| panic!("{e}"))
}

#[cfg(not(feature = "images"))]
fn preview() -> Preview {
    Preview { width: 160, height: 96 }
}

#[test]
fn showing_a_post_with_an_image_asks_for_it_once() {
    let mut app = on_image_post();
    let asked = arrive(&mut app);
    assert_eq!(asked.iter().map(|(_, u)| u.as_str()).collect::<Vec<_>>(), ["https://img.example/1.png"]);
    assert!(matches!(app.images.get("https://img.example/1.png"), Some(Entry::Loading(r)) if *r == asked[0].0));
    // Back again while it loads: not asked twice.
    assert!(arrive(&mut app).is_empty());
}

#[test]
fn nothing_is_asked_when_previews_are_off_or_the_pane_is_hidden() {
    let mut app = on_image_post();
    app.images.enabled = false;
    assert!(arrive(&mut app).is_empty());
    app.images.enabled = true;
    update(&mut app, Msg::Resize { width: 80, height: 24 });
    assert_eq!(app.focus, Focus::Timeline);
    assert!(arrive(&mut app).is_empty(), "the detail pane is not on screen at 80 columns");
    let asked = fetches(&update(&mut app, Msg::Action(Action::Open)));
    assert_eq!(asked.len(), 1, "Enter shows the detail pane: the image is asked for");
}

#[test]
fn an_image_behind_a_closed_content_warning_waits_until_it_opens() {
    let mut app = on_image_post();
    let slot = app.selected_slot().unwrap_or(0);
    if let Some(p) = app.timeline.post_mut(slot) {
        p.cw = Some("birds".into());
    }
    assert!(arrive(&mut app).is_empty());
    assert_eq!(fetches(&update(&mut app, Msg::Action(Action::ToggleCw))).len(), 1);
}

#[test]
fn an_answer_after_the_reader_moved_on_is_kept_for_when_they_come_back() {
    let mut app = on_image_post();
    let (req, url) = arrive(&mut app).remove(0);
    update(&mut app, Msg::Action(Action::SelectNext));
    update(&mut app, Msg::ImageFetched { req, url: url.clone(), result: Ok(preview()) });
    assert!(matches!(app.images.get(&url), Some(Entry::Ready(_))));
    assert!(arrive(&mut app).is_empty(), "the cached image is not fetched again");
}

#[test]
fn an_answer_nobody_waits_for_is_dropped() {
    let mut app = on_image_post();
    let (req, url) = arrive(&mut app).remove(0);
    // An answer to another request for the same address (an older one, say) changes nothing.
    update(&mut app, Msg::ImageFetched { req: ReqId(req.0 + 1000), url: url.clone(), result: Err("late".into()) });
    assert!(matches!(app.images.get(&url), Some(Entry::Loading(_))));
    // Nor does an answer for an address nobody asked for.
    update(&mut app, Msg::ImageFetched { req, url: "https://other.example/x.png".into(), result: Ok(preview()) });
    assert!(app.images.get("https://other.example/x.png").is_none());
}

#[test]
fn a_failure_becomes_a_note_in_the_detail_pane_and_the_alt_text_stays() {
    let mut app = on_image_post();
    let (req, url) = arrive(&mut app).remove(0);
    let loading = screen(&app, 160, 40);
    assert!(loading.contains("loading the image…") && loading.contains("a murre on a cliff"));
    let why = "the server answered 404 Not Found".to_string();
    update(&mut app, Msg::ImageFetched { req, url: url.clone(), result: Err(why.clone()) });
    assert!(matches!(app.images.get(&url), Some(Entry::Failed(w)) if *w == why));
    let shown = screen(&app, 160, 40);
    assert!(shown.contains("image not shown: the server answered 404 Not Found"), "{shown}");
    assert!(shown.contains("[image] a murre on a cliff"));
    insta::assert_snapshot!(shown);
}

#[test]
fn i_hands_the_full_images_to_the_viewer() {
    let mut app = on_image_post();
    let slot = app.selected_slot().unwrap_or(0);
    if let Some(p) = app.timeline.post_mut(slot) {
        p.media[0].preview_url = Some("https://img.example/1.small.png".into());
    }
    let effects = update(&mut app, Msg::Action(Action::OpenImage));
    assert_eq!(effects[0], Effect::OpenImages(vec!["https://img.example/1.png".into()]));
    update(&mut app, Msg::Action(Action::SelectNext));
    assert!(update(&mut app, Msg::Action(Action::OpenImage)).is_empty());
    assert!(app.toasts.last().is_some_and(|t| t.text.contains("no images")));
}

#[test]
fn the_cache_drops_the_least_recently_used_past_its_count() {
    let mut images = Images::default();
    images.limits = Limits { count: 2, bytes: usize::MAX };
    images.insert("a", Entry::Failed("x".into()));
    images.insert("b", Entry::Failed("x".into()));
    images.insert("a", Entry::Failed("y".into())); // used again: now the most recent
    images.insert("c", Entry::Failed("x".into()));
    assert!(images.get("b").is_none(), "b was the least recently used");
    assert!(images.get("a").is_some() && images.get("c").is_some());
    assert_eq!(images.held().0, 2);
}

#[test]
fn the_cache_stays_under_its_bytes_and_keeps_the_newest_even_if_alone_too_big() {
    let p = preview();
    let one = p.bytes();
    assert_eq!(one, 160 * 96 * 4);
    let mut images = Images::default();
    images.limits = Limits { count: 100, bytes: one * 2 };
    for url in ["a", "b", "c"] {
        images.insert(url, Entry::Ready(p.clone()));
    }
    assert_eq!(images.held(), (2, one * 2));
    assert!(images.get("a").is_none());
    let mut big = p.clone();
    (big.width, big.height) = (4000, 4000);
    images.insert("big", Entry::Ready(big));
    assert_eq!(images.held().0, 1, "only the image just fetched is left");
    assert!(images.get("big").is_some());
    images.insert("big", Entry::Failed("gone".into()));
    assert_eq!(images.held(), (1, 0), "bytes follow the entry that replaced it");
}

#[test]
fn previews_are_off_over_ssh_and_on_plain_terminals_unless_switched_on() {
    use murre::runtime::caps::{TermEnv, images_wanted};
    use murre::store::config::Switch;
    let local = TermEnv { term: Some("xterm-256color".into()), ssh: false };
    let ssh = TermEnv { ssh: true, ..local.clone() };
    let dumb = TermEnv { term: Some("dumb".into()), ssh: false };
    let built = cfg!(feature = "images");
    assert_eq!(images_wanted(Switch::Auto, &local), built);
    assert!(!images_wanted(Switch::Auto, &ssh));
    assert!(!images_wanted(Switch::Auto, &dumb));
    assert_eq!(images_wanted(Switch::On, &ssh), built, "on means on, where the build has previews");
    assert!(!images_wanted(Switch::Off, &local));
}

#[test]
fn the_ui_section_of_the_config() {
    use murre::store::config::{Config, Switch};
    let config: Config = toml::from_str("[ui]\nimages = \"off\"\nhyperlinks = false\nviewer = \"imv -f\"\n")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (config.ui.images, config.ui.hyperlinks, config.ui.viewer.as_deref()),
        (Switch::Off, false, Some("imv -f"))
    );
    let default: Config = toml::from_str("").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((default.ui.images, default.ui.hyperlinks), (Switch::Auto, true));
    assert!(toml::from_str::<Config>("[ui]\nimages = \"maybe\"\n").is_err());
    if std::env::var_os("MURRE_VIEWER").is_none() {
        let viewer = murre::runtime::images::viewer;
        assert_eq!(viewer(Some("feh --scale-down")), Some(vec!["feh".to_string(), "--scale-down".to_string()]));
        assert_eq!(viewer(Some("  ")), None);
    }
}
