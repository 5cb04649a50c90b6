//! Render snapshots of every pane on `TestBackend`, at fixed sizes and a fixed `now`.

mod common;

use common::*;
use murre::app::{Action, App, Msg, update};

#[test]
fn timeline_80x24() {
    insta::assert_snapshot!(screen(&sized(80, 24), 80, 24));
}

#[test]
fn timeline_and_detail_200x60() {
    insta::assert_snapshot!(screen(&sized(200, 60), 200, 60));
}

#[test]
fn timeline_40_columns() {
    insta::assert_snapshot!(screen(&sized(40, 20), 40, 20));
}

#[test]
fn detail_of_a_rich_post() {
    let mut app = sized(100, 30);
    let slot = app.selected_slot().unwrap_or(0);
    if let Some(p) = app.timeline.post_mut(slot) {
        p.text = murre::text::html_to_rich(
            "<p>Hello <span class=\"h-card\"><a href=\"https://social.example/@grace\" class=\"u-url mention\">@<span>grace</span></a></span> see <a href=\"https://example.com/a/very/long/path\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">example.com/a/very/lo</span><span class=\"invisible\">ng/path</span></a> <a href=\"https://social.example/tags/rust\" class=\"mention hashtag\" rel=\"tag\">#<span>rust</span></a></p><ul><li>one</li><li><strong>two</strong></li></ul><blockquote><p>quoted words</p></blockquote>",
        );
        p.tags = vec!["rust".into()];
        p.poll = Some(murre::model::Poll {
            options: vec![
                murre::model::PollOption { title: "yes".into(), votes: Some(3) },
                murre::model::PollOption { title: "no".into(), votes: Some(1) },
            ],
            expires_at: None,
            expired: false,
            multiple: false,
            votes: Some(4),
        });
        p.embed = Some(murre::model::Embed::Link(murre::model::LinkCard {
            url: "https://example.com/a/very/long/path".into(),
            title: "A page".into(),
            description: "What the page is about.".into(),
            image: None,
        }));
    }
    update(&mut app, Msg::Action(Action::Open));
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn content_warning_hidden_then_shown() {
    let mut app = sized(100, 20);
    update(&mut app, Msg::Action(Action::SelectNext));
    update(&mut app, Msg::Action(Action::SelectNext));
    let hidden = screen(&app, 100, 20);
    assert!(hidden.contains("spoilers for the finale") && !hidden.contains("hidden body"));
    insta::assert_snapshot!("cw_hidden", hidden);
    update(&mut app, Msg::Action(Action::ToggleCw));
    let shown = screen(&app, 100, 20);
    assert!(shown.contains("hidden body"));
    insta::assert_snapshot!("cw_shown", shown);
}

#[test]
fn help_overlay() {
    let mut app = sized(80, 30);
    update(&mut app, Msg::Action(Action::ToggleHelp));
    insta::assert_snapshot!(screen(&app, 80, 30));
}

#[test]
fn first_run_screen() {
    let app = App::new(Vec::new(), now());
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn an_error_in_the_status_bar() {
    let mut app = sized(120, 16);
    let req = fetch_req(&update(&mut app, Msg::Action(Action::Refresh)), 1);
    update(
        &mut app,
        loaded(
            req,
            1,
            murre::app::FetchKind::Newer,
            Err(murre::backend::BackendError::server(500, "Internal Server Error")),
        ),
    );
    let s = screen(&app, 120, 16);
    assert!(s.contains("Bluesky: server error 500"));
    insta::assert_snapshot!(s);
}

#[test]
fn wide_emoji_and_rtl_text_keep_the_layout() {
    let mut app = sized(60, 24);
    update(&mut app, Msg::Action(Action::SelectLast));
    update(&mut app, Msg::Action(Action::SelectPrev));
    update(&mut app, Msg::Action(Action::SelectPrev));
    update(&mut app, Msg::Action(Action::Open));
    insta::assert_snapshot!(screen(&app, 60, 24));
}

#[test]
fn link_picker() {
    let mut app = sized(80, 24);
    let slot = app.selected_slot().unwrap_or(0);
    if let Some(p) = app.timeline.post_mut(slot) {
        p.text = murre::text::html_to_rich(
            "<p><a href=\"https://real.example/target\">https://looks-like.example/</a> and <a href=\"https://b.example/\">b</a></p>",
        );
    }
    update(&mut app, Msg::Action(Action::OpenLink));
    let s = screen(&app, 80, 24);
    assert!(s.contains("https://real.example/target"), "the picker shows the real target");
    insta::assert_snapshot!(s);
}

#[test]
fn account_switcher() {
    let mut app = sized(100, 24);
    app.sources[0].posting = true;
    app.sources[1].last_refresh = Some(ago(2));
    app.sources[2].error = Some("Tumblr: server error 503: try later".into());
    update(&mut app, Msg::Action(Action::Accounts));
    update(&mut app, Msg::Action(Action::SelectNext));
    update(&mut app, Msg::Action(Action::ToggleIncluded));
    insta::assert_snapshot!(screen(&app, 100, 24));
}

#[test]
fn a_filter_after_scrolling_far_down_fills_the_list_again() {
    let mut app = sized(80, 12);
    update(&mut app, Msg::Action(Action::SelectLast));
    let _ = screen(&app, 80, 12);
    update(&mut app, Msg::Action(Action::FilterBluesky));
    let shown = screen(&app, 80, 12);
    let rows = app.pane().rows.len();
    let drawn = shown.lines().filter(|l| l.contains("│B ")).count();
    assert_eq!(drawn, rows.min(4), "{shown}");
}

#[test]
fn an_account_pane_beside_the_merged_timeline() {
    let mut app = sized(160, 24);
    update(&mut app, Msg::Action(Action::Accounts));
    update(&mut app, Msg::Action(Action::SelectNext));
    update(&mut app, Msg::Action(Action::TogglePane));
    update(&mut app, Msg::Action(Action::Back));
    update(&mut app, Msg::Action(Action::FocusNext));
    insta::assert_snapshot!(screen(&app, 160, 24));
}

#[test]
fn compose_box_with_counters_in_each_unit() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = sized(100, 30);
    app.sources[0].posting = true;
    app.sources[1].posting = true;
    update(&mut app, Msg::Action(Action::Compose));
    let text = format!("日本語 👩‍👩‍👧 https://example.com/a/very/long/path {}", "x".repeat(260));
    for ch in text.chars() {
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)));
    }
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn compose_box_with_a_warning_images_and_followers_only() {
    use crossterm::event::{KeyCode, KeyModifiers};
    use murre::store::attachment::Attachment;
    let mut app = sized(100, 30);
    app.sources[0].posting = true;
    app.sources[1].posting = true;
    update(&mut app, Msg::Action(Action::Compose));
    typed(&mut app, "Heron at dawn 🪶");
    chord(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    typed(&mut app, "bird photo");
    let image = |name: &str, alt: &str| Attachment {
        name: name.into(),
        mime: "image/png".into(),
        alt: alt.into(),
        size: 3,
        data: Default::default(),
    };
    update(&mut app, Msg::ImageLoaded(Ok(image("heron.png", ""))));
    typed(&mut app, "A grey heron in shallow water\n");
    update(&mut app, Msg::ImageLoaded(Ok(image("pond-日本.jpg", ""))));
    chord(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    chord(&mut app, KeyCode::Char('v'), KeyModifiers::NONE);
    chord(&mut app, KeyCode::Char('v'), KeyModifiers::NONE);
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn outbox_with_each_targets_state() {
    use murre::model::{AccountId, Visibility};
    use murre::store::outbox::{Draft, State, Target};
    let mut app = sized(100, 24);
    let target =
        |account: &str, state| Target { account: AccountId(account.into()), key: "k".into(), state, rules: None };
    let draft = Draft {
        id: "a1".into(),
        created: ago(42),
        text: "\n公園で 👩‍👩‍👧 a post that did not reach everyone\u{1b}[31m".into(),
        cw: String::new(),
        visibility: Visibility::Public,
        reply_to: None,
        images: Vec::new(),
        split: false,
        quote: None,
        targets: vec![
            target("mastodon:ada@social.example", State::Sent { url: Some("https://social.example/@ada/1".into()) }),
            target("bluesky:ada.bsky.example", State::Attempted),
            target("tumblr:ada", State::Failed { error: "tumblr: rate limited, try again in 60 s".into() }),
            target("mastodon:ada@second.example", State::Pending),
        ],
    };
    update(&mut app, Msg::Outbox(vec![draft]));
    update(&mut app, Msg::Action(Action::Outbox));
    insta::assert_snapshot!(screen(&app, 100, 24));
}

#[test]
fn interactions_marked_in_rows_and_detail() {
    let mut app = sized(120, 24);
    let rows = app.pane().rows.clone();
    if let Some(p) = app.timeline.post_mut(rows[1]) {
        p.author.handle = "ada.bsky.example".into();
    }
    update(&mut app, Msg::Action(Action::SelectNext));
    update(&mut app, Msg::Action(Action::Delete));
    update(&mut app, Msg::Action(Action::Delete));
    update(&mut app, Msg::Action(Action::SelectPrev));
    if let Some(p) = app.timeline.post_mut(rows[0]) {
        p.counts = murre::model::Counts { replies: Some(1), reposts: Some(2), likes: Some(3), quotes: None };
        (p.viewer.reposted, p.viewer.bookmarked, p.viewer.following) = (true, true, Some(false));
    }
    update(&mut app, Msg::Action(Action::Like));
    let s = screen(&app, 120, 24);
    assert!(s.contains("deleting…") && s.contains("♥↻⚑ 1m") && s.contains("♥ 4"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn the_delete_question_is_in_the_status_bar_until_answered() {
    let mut app = sized(120, 24);
    let slot = app.selected_slot().unwrap_or(0);
    if let Some(p) = app.timeline.post_mut(slot) {
        p.author.handle = "ada@social.example".into();
    }
    update(&mut app, Msg::Action(Action::Delete));
    assert!(screen(&app, 120, 24).contains("Delete this post? d = yes, any other key = no"));
    update(&mut app, Msg::Action(Action::Back));
    let s = screen(&app, 120, 24);
    assert!(!s.contains("Delete this post?") && s.contains("not deleted"), "{s}");
}
