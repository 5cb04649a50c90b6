//! Pure state tests of the compose box's images, visibility, audience confirmation and editor, and of
//! the outbox overlay.

mod common;

use std::sync::Arc;

use common::*;
use crossterm::event::{KeyCode, KeyModifiers};
use murre::app::compose::Field;
use murre::app::{Action, Effect, Msg, Overlay, update};
use murre::model::{AccountId, Visibility};
use murre::store::attachment::Attachment;
use murre::store::outbox::{Draft, State, Target};

fn ctrl(app: &mut murre::app::App, ch: char) -> Vec<Effect> {
    chord(app, KeyCode::Char(ch), KeyModifiers::CONTROL)
}

fn tab_to(app: &mut murre::app::App, field: Field) {
    for _ in 0..4 {
        if app.compose.as_ref().is_some_and(|c| c.field == field) {
            return;
        }
        chord(app, KeyCode::Tab, KeyModifiers::NONE);
    }
    panic!("never reached {field:?}");
}

fn image(name: &str) -> Attachment {
    Attachment {
        name: name.into(),
        mime: "image/png".into(),
        alt: String::new(),
        size: 3,
        data: Arc::new(vec![1, 2, 3]),
    }
}

fn composing() -> murre::app::App {
    let mut app = app();
    app.sources[0].posting = true;
    app.sources[1].posting = true;
    update(&mut app, Msg::Action(Action::Compose));
    app
}

#[test]
fn an_image_is_attached_by_path_then_described_and_can_be_dropped() {
    let mut app = composing();
    typed(&mut app, "look");
    tab_to(&mut app, Field::Images);
    typed(&mut app, "~/pics/heron.png");
    let effects = chord(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let home = std::env::var("HOME").unwrap_or_default();
    assert_eq!(effects, [Effect::LoadImage(std::path::PathBuf::from(home).join("pics/heron.png"))]);
    update(&mut app, Msg::ImageLoaded(Ok(image("heron.png"))));
    let c = app.compose.as_ref().unwrap_or_else(|| panic!("no box"));
    assert_eq!((c.images.len(), c.alt_for), (1, Some(0)), "the line now asks for its alt text");

    let sent = ctrl(&mut app, 's');
    assert!(sent.is_empty(), "no alt text yet: refused");
    assert!(app.toasts.last().is_some_and(|t| t.text.contains("no alt text")));
    typed(&mut app, "A heron 🪶\n");
    let c = app.compose.as_ref().unwrap_or_else(|| panic!("no box"));
    assert_eq!((c.images[0].alt.as_str(), c.alt_for), ("A heron 🪶", None));
    match ctrl(&mut app, 's').as_slice() {
        [Effect::Publish(r)] => assert_eq!((r.images.len(), r.images[0].alt.as_str()), (1, "A heron 🪶")),
        other => panic!("expected a publish, got {other:?}"),
    }
}

#[test]
fn a_file_that_cannot_be_attached_says_why_and_ctrl_x_drops_the_last_image() {
    let mut app = composing();
    tab_to(&mut app, Field::Images);
    update(&mut app, Msg::ImageLoaded(Err("notes.txt: not an image (PNG, JPEG, GIF or WebP)".into())));
    assert!(app.toasts.last().is_some_and(|t| t.error && t.text.contains("not an image")));
    update(&mut app, Msg::ImageLoaded(Ok(image("a.png"))));
    update(&mut app, Msg::ImageLoaded(Ok(image("b.png"))));
    ctrl(&mut app, 'x');
    let names: Vec<String> = app.compose.iter().flat_map(|c| c.images.iter().map(|i| i.name.clone())).collect();
    assert_eq!(names, ["a.png"]);
}

#[test]
fn a_followers_only_post_to_a_public_network_needs_a_second_ctrl_s() {
    let mut app = composing();
    typed(&mut app, "for friends");
    tab_to(&mut app, Field::Targets);
    chord(&mut app, KeyCode::Char('v'), KeyModifiers::NONE);
    chord(&mut app, KeyCode::Char('v'), KeyModifiers::NONE);
    assert_eq!(app.compose.as_ref().map(|c| c.visibility), Some(Visibility::Private));
    assert!(ctrl(&mut app, 's').is_empty(), "the first Ctrl-S only warns");
    let warning = app.toasts.last().map(|t| t.text.clone()).unwrap_or_default();
    assert!(warning.contains("public on bluesky:") && warning.contains("Ctrl-S again"), "{warning}");
    // An edit in between asks again.
    tab_to(&mut app, Field::Body);
    typed(&mut app, "!");
    assert!(ctrl(&mut app, 's').is_empty());
    match ctrl(&mut app, 's').as_slice() {
        [Effect::Publish(r)] => assert!(r.widen_confirmed && r.visibility == Visibility::Private),
        other => panic!("expected a publish, got {other:?}"),
    }
}

#[test]
fn a_reply_keeps_the_visibility_of_the_post_it_answers() {
    let mut app = app();
    let slot = app.pane().rows[0];
    if let Some(p) = app.timeline.post_mut(slot) {
        p.visibility = Visibility::Private;
    }
    update(&mut app, Msg::Action(Action::Reply));
    assert_eq!(app.compose.as_ref().map(|c| c.visibility), Some(Visibility::Private));
}

#[test]
fn ctrl_e_hands_the_text_to_the_editor_and_takes_its_result() {
    let mut app = composing();
    typed(&mut app, "draft");
    assert_eq!(ctrl(&mut app, 'e'), [Effect::Edit("draft".into())]);
    update(&mut app, Msg::Edited(Ok("draft, edited\nwith 日本語\n".into())));
    assert_eq!(app.compose.as_ref().map(|c| c.text()), Some("draft, edited\nwith 日本語".to_string()));
    update(&mut app, Msg::Edited(Err("vi exited with 1".into())));
    assert_eq!(app.compose.as_ref().map(|c| c.text()), Some("draft, edited\nwith 日本語".to_string()));
    assert!(app.toasts.last().is_some_and(|t| t.error && t.text.contains("unchanged")));
}

fn waiting(id: &str) -> Draft {
    let target =
        |account: &str, state| Target { account: AccountId(account.into()), key: "k".into(), state, rules: None };
    Draft {
        id: id.into(),
        created: ago(3),
        text: "half sent 👩‍👩‍👧".into(),
        cw: String::new(),
        visibility: Visibility::Public,
        reply_to: None,
        images: Vec::new(),
        split: false,
        quote: None,
        targets: vec![
            target("mastodon:ada@social.example", State::Sent { url: Some("https://social.example/@ada/1".into()) }),
            target("bluesky:ada.bsky.example", State::Attempted),
        ],
    }
}

#[test]
fn waiting_drafts_are_announced_once_and_the_outbox_retries_or_discards_them() {
    let mut app = app();
    update(&mut app, Msg::Outbox(vec![waiting("a1"), waiting("b2")]));
    assert!(app.toasts.last().is_some_and(|t| t.text.contains("2 unfinished draft(s)") && t.text.contains("O")));
    let toasts = app.toasts.len();
    update(&mut app, Msg::Outbox(vec![waiting("a1"), waiting("b2")]));
    assert_eq!(app.toasts.len(), toasts, "said once");

    update(&mut app, Msg::Action(Action::Outbox));
    assert_eq!(app.mode(), murre::app::Mode::Outbox);
    update(&mut app, Msg::Action(Action::SelectNext));
    assert_eq!(update(&mut app, Msg::Action(Action::RetryDraft)), [Effect::Retry("b2".into())]);
    assert!(update(&mut app, Msg::Action(Action::DiscardDraft)).is_empty(), "the first X only asks");
    assert_eq!(app.overlay, Some(Overlay::Outbox { selected: 1, confirm: true }));
    assert_eq!(update(&mut app, Msg::Action(Action::DiscardDraft)), [Effect::Discard("b2".into())]);
    assert_eq!(app.outbox.len(), 1);
    update(&mut app, Msg::Outbox(Vec::new()));
    assert_eq!(app.overlay, None, "nothing left to show");
    update(&mut app, Msg::Action(Action::Outbox));
    assert!(app.toasts.last().is_some_and(|t| t.text.contains("empty")));
}

#[test]
fn q_quotes_a_bluesky_post_from_the_account_that_sees_it_and_explains_elsewhere() {
    let mut app = app();
    let rows = app.pane().rows.clone();
    let on = |app: &murre::app::App, n: murre::model::Network| {
        rows.iter().position(|&s| app.timeline.post(s).is_some_and(|p| p.network() == n && p.repost.is_none()))
    };
    let (Some(sky), Some(masto)) =
        (on(&app, murre::model::Network::Bluesky), on(&app, murre::model::Network::Mastodon))
    else {
        panic!("fixture has both")
    };
    for _ in 0..masto {
        update(&mut app, Msg::Action(Action::SelectNext));
    }
    update(&mut app, Msg::Action(Action::Quote));
    assert!(app.compose.is_none() && app.toasts.last().is_some_and(|t| t.text.contains("boost it")));
    update(&mut app, Msg::Action(Action::SelectFirst));
    for _ in 0..sky {
        update(&mut app, Msg::Action(Action::SelectNext));
    }
    update(&mut app, Msg::Action(Action::Quote));
    let c = app.compose.as_ref().unwrap_or_else(|| panic!("no quote box"));
    assert_eq!(c.targets.len(), 1);
    assert_eq!(c.targets[0].1, murre::model::Network::Bluesky);
    typed(&mut app, "this 👆");
    match ctrl(&mut app, 's').as_slice() {
        [Effect::Publish(r)] => assert!(matches!(r.quote, Some(murre::model::PostKey::Bluesky { .. }))),
        other => panic!("expected a publish, got {other:?}"),
    }
}

#[test]
fn the_compose_box_counts_by_the_servers_own_limit_once_it_says() {
    let mut app = composing();
    let masto = app.sources[0].account.clone();
    let limit = |app: &murre::app::App| {
        app.compose.as_ref().and_then(|c| c.counters().into_iter().find(|(a, _)| *a == masto)).map(|(_, n)| n.limit)
    };
    assert_eq!(limit(&app), Some(500));
    let rules = murre::publish::prepare::Rules { chars: 5000, per_url: 23, media: 4 };
    update(&mut app, Msg::Rules { account: masto.clone(), rules });
    assert_eq!(limit(&app), Some(5000));
    assert_eq!(app.sources[0].rules, Some(rules), "kept for the next draft");
}
