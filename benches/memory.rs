//! Peak memory of the timeline murre keeps: the demo's posts of all three networks, read through
//! murre's real decoders, repeated under fresh ids until 1,000 and then 50,000 posts are merged, the
//! panes rebuilt and a 200x60 frame drawn. Prints the process's resident memory (VmRSS) and its peak
//! (VmHWM) after each step. Run with `cargo bench --bench memory`.

use murre::app::{Action, App, Msg, Source, update};
use murre::model::{AccountId, Network, Post, PostKey};
use murre::ui::{Keymap, Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or_default();
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// The demo's home feeds, decoded by murre's backends.
fn demo_posts() -> Vec<Post> {
    let rt = tokio::runtime::Runtime::new().unwrap_or_else(|e| panic!("{e}"));
    rt.block_on(async {
        let net = murre::demo::DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
        let connected = clients(&net);
        let mut all = Vec::new();
        for client in connected {
            let mut at = murre::backend::Cursor::Newest;
            while let Ok(page) = client.home(at.clone()).await {
                all.extend(page.items);
                match page.older {
                    Some(c) => at = murre::backend::Cursor::Older(c),
                    None => break,
                }
            }
        }
        all
    })
}

fn clients(net: &murre::demo::DemoNetwork) -> Vec<murre::backend::Client> {
    use murre::backend::{Client, bluesky, mastodon, tumblr};
    use murre::demo;
    let h = murre::backend::http::client(std::time::Duration::from_secs(10)).unwrap_or_else(|e| panic!("{e}"));
    let session = bluesky::Session {
        did: demo::BLUESKY_DID.into(),
        handle: demo::BLUESKY_HANDLE.into(),
        access_jwt: demo::BLUESKY_ACCESS_JWT.into(),
        refresh_jwt: demo::BLUESKY_REFRESH_JWT.into(),
    };
    let id = |s: &str| AccountId(s.into());
    let all = [
        mastodon::Client::new(h.clone(), &net.mastodon.url, id("mastodon:murre@demo"), demo::MASTODON_TOKEN.into())
            .map(Client::Mastodon),
        bluesky::Client::new(h.clone(), &net.bluesky.url, id("bluesky:murre.demo.test"), session).map(Client::Bluesky),
        tumblr::Client::new(h, &net.tumblr.url, id("tumblr:murre-demo"), demo::TUMBLR_TOKEN.into()).map(Client::Tumblr),
    ];
    all.into_iter().map(|c| c.unwrap_or_else(|e| panic!("{e}"))).collect()
}

/// `n` posts: the demo's, repeated with fresh identities and times.
fn posts(demo: &[Post], n: usize) -> Vec<Post> {
    posts_in(demo, 0..n)
}

/// Posts `range` of the same endless feed.
fn posts_in(demo: &[Post], range: std::ops::Range<usize>) -> Vec<Post> {
    range
        .map(|i| {
            let mut p = demo[i % demo.len()].clone();
            let at =
                jiff::Timestamp::from_second(1_780_000_000 - i64::try_from(i).unwrap_or(0) * 7).unwrap_or(p.created_at);
            (p.created_at, p.repost) = (at, None);
            p.id.account = AccountId("mastodon:bench@x".into());
            p.id.key = PostKey::Mastodon { id: i.to_string(), uri: format!("https://x/s/{i}") };
            p
        })
        .collect()
}

fn main() {
    let demo = demo_posts();
    println!(
        "baseline (demo network decoded, {} posts): VmRSS {} kB, VmHWM {} kB",
        demo.len(),
        status_kb("VmRSS"),
        status_kb("VmHWM")
    );
    let keymap = Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    held(&demo, &keymap, 1_000);
    // Second (VmHWM only grows, so the 1k figure comes first and 50k held comes last): a reader
    // who scrolls through 50,000 posts, page by page, under the default bound of 5,000 rows.
    let mut app =
        App::new(vec![Source::new(AccountId("mastodon:bench@x".into()), Network::Mastodon)], jiff::Timestamp::now());
    app.timeline.max_posts = murre::store::config::TimelineConfig::default().row_bound();
    update(&mut app, Msg::Resize { width: 200, height: 60 });
    let mut effects = murre::app::start(&mut app);
    for i in 0..50_000 / 40 {
        let Some((req, kind)) = effects.iter().find_map(|e| match e {
            murre::app::Effect::Fetch { req, kind, .. } => Some((*req, *kind)),
            _ => None,
        }) else {
            break;
        };
        let page = murre::backend::Page {
            items: posts_in(&demo, i * 40..i * 40 + 40),
            older: Some(format!("max_id={i}")),
            newer: None,
        };
        update(&mut app, Msg::FeedLoaded { req, source: 0, kind, result: Ok(page) });
        effects = update(&mut app, Msg::Action(Action::SelectLast));
    }
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap_or_else(|e| panic!("{e}"));
    let _ = term.draw(|f| draw(f, &app, &Theme::default(), &keymap));
    println!(
        "50000 posts read through, bound {}: VmRSS {} kB, VmHWM {} kB (timeline rows {})",
        app.timeline.max_posts,
        status_kb("VmRSS"),
        status_kb("VmHWM"),
        app.timeline.len()
    );
    drop(app);
    held(&demo, &keymap, 50_000);
}

/// `n` posts held at once: merged in one go, the panes rebuilt and a frame drawn; prints the memory.
fn held(demo: &[Post], keymap: &Keymap, n: usize) {
    let mut app =
        App::new(vec![Source::new(AccountId("mastodon:bench@x".into()), Network::Mastodon)], jiff::Timestamp::now());
    app.timeline.merge("mastodon:bench@x", posts(demo, n));
    update(&mut app, Msg::Action(Action::FilterAll));
    update(&mut app, Msg::Resize { width: 200, height: 60 });
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap_or_else(|e| panic!("{e}"));
    let _ = term.draw(|f| draw(f, &app, &Theme::default(), keymap));
    println!(
        "{n} posts: VmRSS {} kB, VmHWM {} kB (timeline rows {})",
        status_kb("VmRSS"),
        status_kb("VmHWM"),
        app.pane().rows.len()
    );
    drop(app);
}
