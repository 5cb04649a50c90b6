//! Benchmarks for the budgets in DESIGN.md: frame draw at 1k and 50k posts, merge, Mastodon page conversion.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use murre::app::{App, Msg, Source, update};
use murre::model::{AccountId, Network, Post, PostKey, Scope, Timeline};
use murre::ui::{Keymap, Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_780_000_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

fn posts(n: usize, offset: usize) -> Vec<Post> {
    let account = AccountId("mastodon:bench@x".into());
    (offset..offset + n)
        .map(|i| {
            let key = PostKey::Mastodon { id: i.to_string(), uri: format!("https://x/s/{i}") };
            let at = jiff::Timestamp::from_second(1_780_000_000 - i64::try_from(i).unwrap_or(0) * 7).unwrap_or(now());
            Post::sample(
                key,
                &account,
                "bench@x",
                at,
                &format!("post number {i} with some text 日本語 👩‍👩‍👧‍👦 and more words"),
            )
        })
        .collect()
}

fn app_with(n: usize) -> App {
    let mut app = App::new(vec![Source::new(AccountId("mastodon:bench@x".into()), Network::Mastodon)], now());
    app.timeline.merge("mastodon:bench@x", posts(n, 0));
    update(&mut app, Msg::Action(murre::app::Action::FilterAll));
    update(&mut app, Msg::Resize { width: 200, height: 60 });
    update(&mut app, Msg::Action(murre::app::Action::PageDown));
    app
}

fn frame(c: &mut Criterion) {
    let keymap = Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let theme = Theme::default();
    for n in [1_000, 50_000] {
        let app = app_with(n);
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap_or_else(|e| panic!("{e}"));
        c.bench_function(&format!("draw 200x60 frame, {n} posts"), |b| {
            b.iter(|| term.draw(|f| draw(f, black_box(&app), &theme, &keymap)).map(|_| ()))
        });
    }
}

/// A key press as the event loop handles it: `update` with the action, then the frame it asks for.
fn key_to_frame(c: &mut Criterion) {
    let keymap = Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let theme = Theme::default();
    let mut app = app_with(50_000);
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap_or_else(|e| panic!("{e}"));
    let mut down = true;
    c.bench_function("key press to frame (j/k), 50,000 posts", |b| {
        b.iter(|| {
            let action = if down { murre::app::Action::SelectNext } else { murre::app::Action::SelectPrev };
            down = !down;
            update(&mut app, Msg::Action(action));
            term.draw(|f| draw(f, black_box(&app), &theme, &keymap)).map(|_| ())
        })
    });
}

fn merge(c: &mut Criterion) {
    let mut base = Timeline::new();
    base.merge("a", posts(50_000, 101));
    let page = posts(100, 0);
    // A clone's vectors are exactly full, a live timeline's are not: one post merged in the setup
    // grows them as merges do, so the timing is the merge, not a copy of every vector.
    let warm = posts(1, 100);
    c.bench_function("merge 100 posts into 50,000", |b| {
        b.iter_batched(
            || {
                let mut t = base.clone();
                t.merge("a", warm.clone());
                (t, page.clone())
            },
            |(mut t, page)| {
                let outcome = t.merge("b", black_box(page));
                (t, outcome) // dropped outside the timing
            },
            criterion::BatchSize::LargeInput,
        )
    });
}

/// The rows a pane shows, built after every merge: the merged timeline of 50,000 posts, and a pane
/// of a list and a feed (their 25,000 posts kept apart, the same posts again in the home feed).
fn rows(c: &mut Criterion) {
    let mut t = Timeline::new();
    t.merge("mastodon:bench@x", posts(50_000, 0));
    c.bench_function("rows of the merged timeline, 50,000 posts", |b| b.iter(|| black_box(t.rows(None))));
    let (list, feed) = ("mastodon:bench@x list 1".to_string(), "mastodon:bench@x feed f".to_string());
    t.keep_apart(&list);
    t.keep_apart(&feed);
    t.merge(&list, posts(12_500, 0));
    t.merge(&feed, posts(12_500, 12_500));
    c.bench_function("rows of the merged timeline, 50,000 posts (+25,000 kept apart)", |b| {
        b.iter(|| black_box(t.rows_in(Scope::Merged, None)))
    });
    let pane = [list, feed];
    c.bench_function("rows of a pane of a list and a feed, 25,000 of 75,000 posts", |b| {
        b.iter(|| black_box(t.rows_in(Scope::Only(&pane), None)))
    });
}

fn convert(c: &mut Criterion) {
    let status = r#"{"id":"ID","uri":"https://social.example/users/ada/statuses/ID","url":"https://social.example/@ada/ID","created_at":"2026-11-26T10:00:00.000Z","account":{"id":"1","username":"ada","acct":"ada","display_name":"Ada 👩‍💻","url":"https://social.example/@ada"},"content":"<p>Hello <span class=\"h-card\"><a href=\"https://social.example/@grace\" class=\"u-url mention\">@<span>grace</span></a></span>! See <a href=\"https://example.com/a/long/path\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">example.com/a/long</span><span class=\"invisible\">/path</span></a> <a href=\"https://social.example/tags/rust\" class=\"mention hashtag\" rel=\"tag\">#<span>rust</span></a></p><p>日本語のテキスト &amp; more<br/>second line</p>","spoiler_text":"","sensitive":false,"visibility":"public","media_attachments":[{"type":"image","url":"https://img.example/1.png","preview_url":"https://img.example/1s.png","description":"alt text"}],"mentions":[],"tags":[{"name":"rust"}],"replies_count":1,"reblogs_count":2,"favourites_count":3}"#;
    let page = format!("[{}]", (0..40).map(|i| status.replace("ID", &i.to_string())).collect::<Vec<_>>().join(","));
    let account = AccountId("mastodon:ada@social.example".into());
    c.bench_function("convert a 40-status Mastodon page", |b| {
        b.iter(|| {
            murre::backend::mastodon::decode_page(black_box(page.as_bytes()), &account, "social.example").map(|p| p.1)
        })
    });
}

/// Fetches one page body from a demo server (its own wire format), once, outside the timing.
fn demo_body(path: &str, token: &str) -> Vec<u8> {
    let rt = tokio::runtime::Runtime::new().unwrap_or_else(|e| panic!("{e}"));
    rt.block_on(async {
        let net = murre::demo::DemoNetwork::start(now()).await.unwrap_or_else(|e| panic!("{e}"));
        let base = if path.starts_with("/xrpc") { &net.bluesky.url } else { &net.tumblr.url };
        let http = murre::backend::http::client(std::time::Duration::from_secs(10)).unwrap_or_else(|e| panic!("{e}"));
        let resp = http.get(format!("{base}{path}")).bearer_auth(token).send().await;
        let body = resp.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}"));
        body.bytes().await.unwrap_or_else(|e| panic!("{e}")).to_vec()
    })
}

fn convert_other_networks(c: &mut Criterion) {
    let body = demo_body("/xrpc/app.bsky.feed.getTimeline?limit=50", murre::demo::BLUESKY_ACCESS_JWT);
    let account = AccountId("bluesky:murre.demo.test".into());
    c.bench_function("convert a 50-item Bluesky timeline page", |b| {
        b.iter(|| murre::backend::bluesky::decode_timeline(black_box(&body), &account).map(|p| p.items.len()))
    });
    let body = demo_body("/v2/user/dashboard?npf=true&limit=20", murre::demo::TUMBLR_TOKEN);
    let account = AccountId("tumblr:murre-demo".into());
    c.bench_function("convert a 20-post Tumblr dashboard page", |b| {
        b.iter(|| murre::backend::tumblr::decode_dashboard(black_box(&body), &account).map(|p| p.1))
    });
}

criterion_group!(benches, frame, key_to_frame, merge, rows, convert, convert_other_networks);
criterion_main!(benches);
