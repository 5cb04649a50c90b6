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
