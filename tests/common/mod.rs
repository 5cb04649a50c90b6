//! Shared fixtures: an app with three sources and posts of tricky text, at a fixed `now`.
#![allow(dead_code)]

pub mod binary;
pub mod demo;
pub mod live;
pub mod real;
pub mod tmux;

use jiff::Timestamp;
use murre::app::{App, FetchKind, Msg, ReqId, Source, update};
use murre::backend::Page;
use murre::model::*;

pub fn now() -> Timestamp {
    Timestamp::from_second(1_780_000_000).unwrap_or(Timestamp::UNIX_EPOCH)
}

pub fn ago(mins: i64) -> Timestamp {
    Timestamp::from_second(1_780_000_000 - mins * 60).unwrap_or(Timestamp::UNIX_EPOCH)
}

pub fn account(n: Network) -> AccountId {
    match n {
        Network::Mastodon => AccountId("mastodon:ada@social.example".into()),
        Network::Bluesky => AccountId("bluesky:ada.bsky.example".into()),
        Network::Tumblr => AccountId("tumblr:ada".into()),
    }
}

pub fn post(n: Network, id: &str, mins: i64, name: &str, text: &str) -> Post {
    let key = match n {
        Network::Mastodon => PostKey::Mastodon { id: id.into(), uri: format!("https://social.example/s/{id}") },
        Network::Bluesky => {
            PostKey::Bluesky { uri: format!("at://did:plc:x/app.bsky.feed.post/{id}"), cid: "c".into() }
        }
        Network::Tumblr => {
            PostKey::Tumblr { blog: "b".into(), blog_uuid: "t:b".into(), id: id.into(), reblog_key: "k".into() }
        }
    };
    let mut p = Post::sample(key, &account(n), &format!("{}.example", name.to_lowercase()), ago(mins), text);
    p.author.name = name.into();
    p
}

/// Posts covering the tricky cases: CJK, RTL, ZWJ emoji, combining marks, a long word, CW, image only.
pub fn tricky() -> Vec<Post> {
    let mut cw = post(Network::Mastodon, "cw", 3, "Grace", "The hidden body of the post.");
    cw.cw = Some("spoilers for the finale".into());
    let mut image = post(Network::Bluesky, "img", 4, "Linus", "");
    image.media.push(Media {
        kind: MediaKind::Image,
        url: "https://img.example/1.png".into(),
        preview_url: None,
        alt: Some("a murre on a cliff".into()),
    });
    let mut boost = post(Network::Mastodon, "b1", 40, "Ken", "Boosted text");
    boost.repost = Some(Repost {
        by: Author { name: "Ada".into(), handle: "ada@social.example".into(), url: None, id: None },
        at: ago(5),
        id: Some("b1-boost".into()),
    });
    vec![
        post(Network::Mastodon, "1", 1, "Ada", "Hello from Mastodon https://example.com/page"),
        post(Network::Bluesky, "2", 2, "小林", "日本語のテキストとリンク https://example.jp/ 終わり"),
        cw,
        image,
        boost,
        post(Network::Tumblr, "3", 6, "سارة", "مرحبا بالعالم — שלום עולם"),
        post(Network::Bluesky, "4", 7, "Emoji 👩‍👩‍👧‍👦", "family 👩‍👩‍👧‍👦 wave 👋🏽 café e\u{301} Việt"),
        post(Network::Mastodon, "5", 8, "Long", &"a".repeat(300)),
        post(Network::Tumblr, "6", 9, "Empty", ""),
    ]
}

pub fn sources() -> Vec<Source> {
    Network::ALL.into_iter().map(|n| Source::new(account(n), n)).collect()
}

/// An app whose three sources answered their first page with `tricky()` posts.
pub fn app() -> App {
    let mut app = App::new(sources(), now());
    app.size = (80, 24);
    let effects = murre::app::start(&mut app);
    let posts = tricky();
    for (i, n) in Network::ALL.into_iter().enumerate() {
        let items: Vec<Post> = posts.iter().filter(|p| p.network() == n).cloned().collect();
        let req = fetch_req(&effects, i);
        update(&mut app, loaded(req, i, FetchKind::Newer, Ok(Page { items, older: None, newer: None })));
    }
    app
}

pub fn fetch_req(effects: &[murre::app::Effect], source: usize) -> ReqId {
    effects
        .iter()
        .find_map(|e| match e {
            murre::app::Effect::Fetch { req, source: s, .. } if *s == source => Some(*req),
            _ => None,
        })
        .unwrap_or(ReqId(0))
}

pub fn loaded(
    req: ReqId,
    source: usize,
    kind: FetchKind,
    result: Result<Page<Post>, murre::backend::BackendError>,
) -> Msg {
    Msg::FeedLoaded { req, source, kind, result }
}

/// Types `text` into whatever has the keyboard (newlines as Enter).
pub fn typed(app: &mut murre::app::App, text: &str) {
    for ch in text.chars() {
        let code = if ch == '\n' { crossterm::event::KeyCode::Enter } else { crossterm::event::KeyCode::Char(ch) };
        update(app, Msg::Key(crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE)));
    }
}

/// One key with modifiers.
pub fn chord(
    app: &mut murre::app::App,
    code: crossterm::event::KeyCode,
    modifiers: crossterm::event::KeyModifiers,
) -> Vec<murre::app::Effect> {
    update(app, Msg::Key(crossterm::event::KeyEvent::new(code, modifiers)))
}

/// The screen `app` draws at `width` x `height` on a test terminal, as text.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    use murre::ui::{Keymap, Theme, draw};
    let keymap = Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
    term.draw(|f| draw(f, app, &Theme::default(), &keymap)).unwrap_or_else(|e| panic!("{e}"));
    format!("{}", term.backend())
}

/// The test app at `width` x `height`.
pub fn sized(width: u16, height: u16) -> App {
    let mut app = app();
    update(&mut app, Msg::Resize { width, height });
    app
}

/// Every page of `feed` read by `client`, and how many pages there were (a list or custom feed).
pub async fn feed_pages(client: &murre::backend::Client, feed: &murre::backend::feeds::Feed) -> (Vec<Post>, usize) {
    use murre::backend::Cursor;
    let (mut out, mut at) = (Vec::new(), Cursor::Newest);
    for pages in 1..60 {
        let page = client.feed(feed, at).await.unwrap_or_else(|e| panic!("{}: {e}", feed.name));
        out.extend(page.items);
        match page.older {
            Some(c) => at = Cursor::Older(c),
            None => return (out, pages),
        }
    }
    panic!("paging never ended");
}
