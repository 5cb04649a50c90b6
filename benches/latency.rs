//! Key press to frame while the backends load: three sources keep delivering pages of 40 posts
//! while the reader presses keys. The event loop handles one batch of messages, then draws; a key
//! that arrives during a batch waits for it. So each sample is the worst case: a batch of one
//! page per source is merged and drawn, then the key is handled and drawn. Printed as p50, p99
//! and max over every key, while the timeline grows from 0 to 30,000 rows (no bound) and with the
//! default bound. Run with `cargo bench --bench latency`.

use std::time::{Duration, Instant};

use murre::app::{Action, App, Effect, FetchKind, Msg, Source, update};
use murre::backend::Page;
use murre::model::{AccountId, Network, Post, PostKey};
use murre::ui::{Keymap, Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const PAGES: usize = 250;

fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_780_000_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

fn accounts() -> [(AccountId, Network); 3] {
    [
        (AccountId("mastodon:bench@x".into()), Network::Mastodon),
        (AccountId("bluesky:bench.x".into()), Network::Bluesky),
        (AccountId("tumblr:bench".into()), Network::Tumblr),
    ]
}

/// Page `p` of source `s`: 40 posts, each source's interleaved with the others'.
fn page(s: usize, p: usize) -> Page<Post> {
    let (account, network) = &accounts()[s];
    let items = (0..40)
        .map(|i| {
            let n = p * 40 + i;
            let key = match network {
                Network::Mastodon => PostKey::Mastodon { id: n.to_string(), uri: format!("https://x/s/{n}") },
                Network::Bluesky => PostKey::Bluesky { uri: format!("at://x/app.bsky.feed.post/{n}"), cid: "c".into() },
                Network::Tumblr => PostKey::Tumblr {
                    blog: "b".into(),
                    blog_uuid: "t:b".into(),
                    id: n.to_string(),
                    reblog_key: "k".into(),
                },
            };
            let secs = i64::try_from(n * 21 + s * 7).unwrap_or(0);
            let at = jiff::Timestamp::from_second(1_780_000_000 - secs).unwrap_or(now());
            let text =
                format!("post {n} of {network:?}: some words 日本語 👩‍👩‍👧‍👦 مرحبا and a link https://example.com/{n}");
            Post::sample(key, account, "bench", at, &text)
        })
        .collect();
    Page { items, older: Some(format!("c{}", p + 1)), newer: None }
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

fn run(bound: usize) {
    let keymap = Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let theme = Theme::default();
    let sources = accounts().into_iter().map(|(a, n)| Source::new(a, n)).collect();
    let mut app = App::new(sources, now());
    app.timeline.max_posts = bound;
    update(&mut app, Msg::Resize { width: 200, height: 60 });
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap_or_else(|e| panic!("{e}"));
    let mut pending: Vec<(usize, murre::app::ReqId, FetchKind)> = fetches(&murre::app::start(&mut app));
    let (mut keys, mut behind) = (Vec::new(), Vec::new());
    let mut next = [0usize; 3];
    for round in 0..PAGES {
        // A batch: one page per source that asked, then its frame.
        let started = Instant::now();
        let mut asked = Vec::new();
        for (s, req, kind) in pending.drain(..) {
            let msg = Msg::FeedLoaded { req, source: s, kind, result: Ok(page(s, next[s])) };
            next[s] += 1;
            asked.extend(fetches(&update(&mut app, msg)));
        }
        let _ = term.draw(|f| draw(f, &app, &theme, &keymap));
        let batch = started.elapsed();
        // The key that waited for it: j, or k every third key, or G to the end every tenth round
        // (which asks for older pages).
        let action = match round % 10 {
            0 => Action::SelectLast,
            3 | 6 => Action::SelectPrev,
            _ => Action::SelectNext,
        };
        let started = Instant::now();
        asked.extend(fetches(&update(&mut app, Msg::Action(action))));
        let _ = term.draw(|f| draw(f, &app, &theme, &keymap));
        let key = started.elapsed();
        keys.push(key);
        behind.push(batch + key);
        if asked.is_empty() {
            asked.extend(fetches(&update(&mut app, Msg::Action(Action::SelectLast))));
        }
        pending = asked;
    }
    keys.sort();
    behind.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let label = if bound == 0 { "no bound".to_string() } else { format!("bound {bound}") };
    println!(
        "{label}: {} keys, timeline {} rows at the end\n  key alone:        p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms\n  key behind pages: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        keys.len(),
        app.timeline.len(),
        ms(percentile(&keys, 0.5)),
        ms(percentile(&keys, 0.99)),
        ms(keys.last().copied().unwrap_or_default()),
        ms(percentile(&behind, 0.5)),
        ms(percentile(&behind, 0.99)),
        ms(behind.last().copied().unwrap_or_default()),
    );
}

fn fetches(effects: &[Effect]) -> Vec<(usize, murre::app::ReqId, FetchKind)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Fetch { req, source, kind, .. } => Some((*source, *req, *kind)),
            _ => None,
        })
        .collect()
}

fn main() {
    run(0);
    run(murre::store::config::TimelineConfig::default().row_bound());
}
