//! The live timeline as the TUI runs it (effects spawned, answers fed back, ticks from the clock),
//! against the demo servers, on a paused tokio clock: an hour of polling takes a moment. Requests
//! are counted and timed at the servers.

mod common;

use std::time::Duration;

use common::demo::{Setup, setup};
use common::now;
use jiff::SignedDuration;
use murre::app::live::{LiveConfig, Stream};
use murre::app::{App, Source};
use murre::runtime::{Clock, Driver, Runtime};
use tokio::time::Instant;

const BLUESKY_HOME: &str = "/xrpc/app.bsky.feed.getTimeline";
const TUMBLR_HOME: &str = "/v2/user/dashboard";
const MASTODON_HOME: &str = "/api/v1/timelines/home";

/// The app over the setup's three clients, live as configured, on a clock that follows tokio's.
fn driver(s: &Setup, live: LiveConfig) -> Driver {
    let sources = s.clients.iter().map(|c| Source::new(c.account().clone(), c.network())).collect();
    let mut app = App::new(sources, now());
    app.live = live;
    app.size = (120, 30);
    let keymap = murre::ui::Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let outbox = murre::store::outbox::Outbox::new(&std::env::temp_dir().join("murre-no-outbox"));
    let mut rt = Runtime::new(s.clients.clone(), murre::ui::Theme::default(), keymap, outbox);
    rt.clock = Clock::tokio(now());
    Driver::start(app, rt)
}

fn polling(stream: bool) -> LiveConfig {
    LiveConfig { poll: Some(SignedDuration::from_secs(60)), stream, read_position: false }
}

/// The start of each poll (hits less than 3 s apart are one poll and its retries), in seconds
/// since `t0`.
fn polls(hits: &[Instant], t0: Instant) -> Vec<u64> {
    let mut starts: Vec<Instant> = Vec::new();
    for &hit in hits {
        if starts.last().is_none_or(|&last| hit.duration_since(last) >= Duration::from_secs(3)) {
            starts.push(hit);
        }
    }
    starts.iter().map(|s| s.duration_since(t0).as_secs()).collect()
}

fn gaps(starts: &[u64]) -> Vec<u64> {
    starts.windows(2).map(|w| w[1] - w[0]).collect()
}

/// `gap` is `wait` plus at most the jitter (a tenth of the interval), a tick and the retries.
fn about(gap: u64, wait: u64) -> bool {
    (wait..=wait + 6 + 2).contains(&gap)
}

#[tokio::test(start_paused = true)]
async fn an_hour_of_polling_keeps_its_interval_backs_off_and_honours_retry_after() {
    let s = setup(Duration::from_secs(20)).await;
    let t0 = Instant::now();
    let mut d = driver(&s, polling(true));
    d.run_for(Duration::from_secs(600)).await;
    // Three failing polls (each retried twice at once inside the request), then a good one.
    s.net.bluesky.faults.fail_next(9, 503);
    d.run_for(Duration::from_secs(1200)).await;
    s.net.bluesky.faults.rate_limit_next(1, 900);
    d.run_for(Duration::from_secs(1800)).await;

    let starts = polls(&s.net.bluesky.faults.hits(BLUESKY_HOME), t0);
    let gaps = gaps(&starts);
    let failing = starts.iter().position(|&t| t > 600).unwrap_or_else(|| panic!("no poll after 600 s: {starts:?}"));
    let g = |i: usize| gaps.get(i).copied().unwrap_or(0);
    assert!(gaps[..failing - 1].iter().all(|&gap| about(gap, 60)), "every minute at first: {gaps:?}");
    assert!(about(g(failing - 1), 60), "the first failing poll came on time: {gaps:?}");
    for (k, wait) in [120, 240, 480].into_iter().enumerate() {
        assert!(about(g(failing + k), wait), "backoff {wait} s after failure {}: {gaps:?}", k + 1);
    }
    let limited = starts.iter().position(|&t| t > 1800).unwrap_or_else(|| panic!("no poll after 1800 s"));
    assert!(gaps[failing + 3..limited - 1].iter().all(|&gap| about(gap, 60)), "back to a minute: {gaps:?}");
    assert!(g(limited) >= 900, "Retry-After 900 s honoured: {gaps:?}");
    assert!(gaps[limited + 1..].iter().all(|&gap| about(gap, 60)), "then every minute again: {gaps:?}");
    // The streaming Mastodon account was not polled: its first page and one catch-up only.
    assert!(s.net.mastodon.faults.hits(MASTODON_HOME).len() <= 2, "Mastodon was polled while streaming");
    assert_eq!(s.net.mastodon.faults.streams_opened(), 1);
    assert!(d.app.sources.iter().all(|src| src.error.is_none()), "all recovered");
}

#[tokio::test(start_paused = true)]
async fn a_hanging_poll_is_never_doubled_and_backs_off_after_its_timeout() {
    let s = setup(Duration::from_secs(20)).await;
    let t0 = Instant::now();
    let mut d = driver(&s, polling(false));
    d.run_for(Duration::from_secs(100)).await;
    s.net.tumblr.faults.hang_next(1);
    d.run_for(Duration::from_secs(600)).await;
    let starts = polls(&s.net.tumblr.faults.hits(TUMBLR_HOME), t0);
    let hung = starts.iter().position(|&t| t > 100).unwrap_or_else(|| panic!("no poll after 100 s: {starts:?}"));
    let gaps = gaps(&starts);
    // The hung request times out after 20 s; only then is the next poll planned, 120 s later.
    assert!(gaps[hung] >= 140, "nothing asked while it hung, then a backoff: {gaps:?}");
    assert!(about(gaps[hung] - 20, 120), "{gaps:?}");
}

/// Runs until `done` or an hour passes; fails with `what` if it never holds.
async fn until(d: &mut Driver, what: &str, done: impl Fn(&App) -> bool) {
    assert!(d.run_until(Duration::from_secs(3600), done).await, "never: {what}");
}

fn has_text(app: &App, text: &str) -> bool {
    app.pane().rows.iter().filter_map(|&r| app.timeline.post(r)).any(|p| p.text.to_plain() == text)
}

fn mastodon_stream(app: &App) -> Stream {
    app.sources[0].live.stream
}

#[tokio::test(start_paused = true)]
async fn a_killed_stream_falls_back_to_polling_and_comes_back() {
    let s = setup(Duration::from_secs(20)).await;
    let m = &s.net.mastodon;
    let mut d = driver(&s, polling(true));
    until(&mut d, "the stream opens", |app| app.sources[0].live.streaming()).await;
    until(&mut d, "the first pages are in", murre::app::App::settled).await;
    m.push_post("alice", "live through the stream", now());
    let polls_before = m.faults.hits(MASTODON_HOME).len();
    until(&mut d, "the streamed post shows", |app| has_text(app, "live through the stream")).await;
    assert!(m.faults.hits(MASTODON_HOME).len() <= polls_before + 1, "it came by the stream, not a poll");

    // The stream dies and new streams are refused for a while: murre polls meanwhile.
    m.faults.refuse_streams(Some(503));
    m.faults.kill_streams();
    until(&mut d, "the loss is noticed", |app| matches!(mastodon_stream(app), Stream::Lost { .. })).await;
    let lost_at = Instant::now();
    m.push_post("bob", "found by polling", now());
    until(&mut d, "the polled post shows", |app| has_text(app, "found by polling")).await;
    d.run_for(Duration::from_secs(300)).await;
    let polled = m.faults.hits(MASTODON_HOME).into_iter().filter(|&t| t >= lost_at).count();
    assert!((5..=7).contains(&polled), "polled every minute while the stream was down: {polled}");
    assert!(m.faults.hits("/api/v1/streaming").len() >= 3, "and kept trying the stream");

    // Streams are welcome again: the next attempt holds and polling stops.
    m.faults.refuse_streams(None);
    until(&mut d, "the stream is back", |app| app.sources[0].live.streaming()).await;
    let back = m.faults.hits(MASTODON_HOME).len();
    d.run_for(Duration::from_secs(600)).await;
    assert!(m.faults.hits(MASTODON_HOME).len() <= back + 1, "no polling once the stream is back (one catch-up)");
    assert_eq!(m.faults.streams_opened(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_stream_that_goes_silent_is_noticed_and_replaced() {
    let s = setup(Duration::from_secs(20)).await;
    let m = &s.net.mastodon;
    let mut d = driver(&s, polling(true));
    until(&mut d, "the stream opens", |app| app.sources[0].live.streaming()).await;
    m.faults.mute_streams();
    let muted = Instant::now();
    until(&mut d, "the silence is noticed", |app| matches!(mastodon_stream(app), Stream::Lost { .. })).await;
    let noticed = muted.elapsed().as_secs();
    assert!((60..=110).contains(&noticed), "a silent stream is dropped within two minutes: {noticed} s");
    until(&mut d, "a new stream opens", |app| app.sources[0].live.streaming()).await;
    m.push_post("carol", "on the new stream", now());
    until(&mut d, "its post shows", |app| has_text(app, "on the new stream")).await;
}

/// A pane of a Mastodon list: the list's own stream brings a member's new post into the pane (and
/// not into the merged timeline), with no poll of the list.
#[tokio::test(start_paused = true)]
async fn a_lists_stream_brings_a_members_post_into_its_pane() {
    use murre::store::config::{FeedConfig, PaneConfig};
    let s = setup(Duration::from_secs(20)).await;
    let m = &s.net.mastodon;
    let sources = s.clients.iter().map(|c| Source::new(c.account().clone(), c.network())).collect();
    let mut app = App::new(sources, now());
    app.live = polling(true);
    app.size = (120, 30);
    let account = s.clients[0].account().clone();
    let entry = FeedConfig { account, list: Some("1".into()), feed: None, name: Some("Friends".into()) };
    murre::app::feeds::configure(&mut app, &[], &[PaneConfig { name: "Friends".into(), sources: vec![entry] }]);
    let keymap = murre::ui::Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let outbox = murre::store::outbox::Outbox::new(&std::env::temp_dir().join("murre-no-outbox"));
    let mut rt = Runtime::new(s.clients.clone(), murre::ui::Theme::default(), keymap, outbox);
    rt.clock = Clock::tokio(now());
    let mut d = Driver::start(app, rt);
    until(&mut d, "the list's stream opens", |app| app.sources[3].live.streaming()).await;
    until(&mut d, "the list's first page is in", |app| !app.panes[1].rows.is_empty()).await;
    let polls_before = m.faults.hits("/api/v1/timelines/list/1").len();
    m.push_post("alice", "live in the list", now());
    m.push_post("bob", "not a member", now());
    let in_pane = |app: &App| {
        app.panes[1].rows.iter().filter_map(|&r| app.timeline.post(r)).any(|p| p.text.to_plain() == "live in the list")
    };
    until(&mut d, "the member's post shows in the pane", in_pane).await;
    d.run_for(Duration::from_secs(5)).await;
    let app = &d.app;
    let pane: Vec<String> =
        app.panes[1].rows.iter().filter_map(|&r| app.timeline.post(r)).map(|p| p.text.to_plain()).collect();
    assert!(!pane.contains(&"not a member".to_string()), "{pane:?}");
    assert!(m.faults.hits("/api/v1/timelines/list/1").len() <= polls_before + 1, "by the stream, not a poll");
}
