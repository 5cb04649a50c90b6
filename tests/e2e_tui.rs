//! The TUI in tmux against the demo servers (run by this test), in the end-to-end tier because it
//! needs tmux: the timeline cache draws the last run's posts while every server hangs.

mod common;

use std::time::Duration;

use common::tmux::Tmux;

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn the_last_runs_posts_are_on_screen_while_every_server_hangs() {
    let net = murre::demo::DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = common::binary::demo_accounts(&net, "tui-cache").await;
    let first = Tmux::start("tui-cache-1", &dir);
    first.wait_for("murre.demo.test ✓").await;
    first.wait_for("Coffee first").await;
    first.keys(&["q"]);
    let cache = dir.join("cache/timeline");
    let end = std::time::Instant::now() + Duration::from_secs(10);
    while std::fs::read_dir(&cache).map(|d| d.count()).unwrap_or(0) < 3 {
        assert!(std::time::Instant::now() < end, "no cache written at quit");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for faults in [&net.mastodon.faults, &net.bluesky.faults, &net.tumblr.faults] {
        faults.set_latency(Duration::from_secs(60));
    }
    let again = Tmux::start("tui-cache-2", &dir);
    again.wait_for("Coffee first").await;
    let screen = again.screen();
    assert!(screen.contains("Alice Lindqvist"), "cached rows, no server answered yet:\n{screen}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A closed terminal window (SIGHUP): the terminal cannot be restored, but the unsent draft and the
/// timeline cache are still kept.
#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn a_hang_up_keeps_the_unsent_draft_and_the_cache() {
    let net = murre::demo::DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = common::binary::demo_accounts(&net, "tui-hangup").await;
    let tui = Tmux::start("tui-hangup", &dir);
    tui.wait_for("murre.demo.test ✓").await;
    tui.keys(&["c"]);
    tui.wait_for("New post").await;
    tui.keys(&["-l", "half written 日本語 👩‍👩‍👧"]);
    // The whole text, emoji included: a hang-up before the last keys are read keeps only part of it.
    tui.wait_for("half written 日本語 👩‍👩‍👧").await;
    tui.hang_up();
    let unsent = dir.join("data/outbox/unsent.txt.json");
    let end = std::time::Instant::now() + Duration::from_secs(10);
    while !unsent.exists() || std::fs::read_dir(dir.join("cache/timeline")).map(|d| d.count()).unwrap_or(0) < 3 {
        assert!(std::time::Instant::now() < end, "nothing kept after the hang-up");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let kept = std::fs::read_to_string(&unsent).unwrap_or_default();
    assert!(kept.contains("half written 日本語 👩‍👩‍👧"), "{kept}");
    let _ = std::fs::remove_dir_all(&dir);
}
