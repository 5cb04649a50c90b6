//! The read position across restarts, as the TUI runs: saved to the state file and the Mastodon
//! home marker once still and at quit, and opened at by the next start (the demo servers, a paused
//! clock).

mod common;

use std::time::Duration;

use common::demo::{Setup, setup};
use common::now;
use murre::app::live::LiveConfig;
use murre::app::{Action, App, Msg, Source};
use murre::backend::Client;
use murre::runtime::{Clock, Driver, Runtime};

fn driver(s: &Setup, state: &std::path::Path) -> Driver {
    let sources = s.clients.iter().map(|c| Source::new(c.account().clone(), c.network())).collect();
    let mut app = App::new(sources, now());
    app.live = LiveConfig { poll: None, stream: false, read_position: true };
    app.size = (120, 30);
    let keymap = murre::ui::Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let outbox = murre::store::outbox::Outbox::new(&state.join("outbox"));
    let mut rt = Runtime::new(s.clients.clone(), murre::ui::Theme::default(), keymap, outbox);
    rt.clock = Clock::tokio(now());
    rt.live.state_dir = Some(state.to_path_buf());
    Driver::start(app, rt)
}

fn state_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("murre-read-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn selected_key(app: &App) -> String {
    app.selected_post().map(murre::model::Post::feed_key).unwrap_or_default()
}

/// The feed keys of the selected row (its post and the cross-posts grouped with it).
fn row_keys(app: &App) -> Vec<String> {
    let Some(slot) = app.selected_slot() else { return Vec::new() };
    let slots = std::iter::once(slot).chain(app.timeline.also(slot).iter().copied());
    slots.filter_map(|s| app.timeline.post(s)).map(murre::model::Post::feed_key).collect()
}

async fn settled(d: &mut Driver) {
    assert!(d.run_until(Duration::from_secs(60), App::settled).await, "the start never ended");
}

#[tokio::test(start_paused = true)]
async fn a_restart_opens_where_the_reader_stopped() {
    let s = setup(Duration::from_secs(20)).await;
    let dir = state_dir("restart");
    let mut first = driver(&s, &dir);
    settled(&mut first).await;
    for _ in 0..25 {
        first.send(Msg::Action(Action::SelectNext));
    }
    let stopped_at = selected_key(&first.app);
    // Saved once the reader has been still for a moment: the file, and the Mastodon marker.
    first.run_for(Duration::from_secs(10)).await;
    let saved = murre::store::reading::load(&dir).unwrap_or_else(|| panic!("nothing saved"));
    assert_eq!(saved.key, stopped_at);
    let Client::Mastodon(m) = &s.clients[0] else { panic!("the first client is Mastodon") };
    let marker = m.home_marker().await.unwrap_or_else(|e| panic!("{e}"));
    let (_, id) = saved.markers.first().cloned().unwrap_or_else(|| panic!("no marker in {saved:?}"));
    assert_eq!(marker.map(|m| m.last_read_id), Some(id), "the server's marker names the same place");
    // Two more rows, then quit at once: the quit saves.
    first.send(Msg::Action(Action::SelectNext));
    first.send(Msg::Action(Action::SelectNext));
    let quit_at = selected_key(&first.app);
    first.quit().await;

    let mut second = driver(&s, &dir);
    settled(&mut second).await;
    assert_eq!(selected_key(&second.app), quit_at, "opened where the reader quit");
    assert_eq!(second.app.pane().offset, second.app.pane().selected, "at the top of the view");
    assert!(second.app.pane().fresh > 0, "what came before counts as new");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(start_paused = true)]
async fn another_clients_marker_is_followed_when_the_file_is_older() {
    let s = setup(Duration::from_secs(20)).await;
    let dir = state_dir("marker");
    let mut first = driver(&s, &dir);
    settled(&mut first).await;
    first.run_for(Duration::from_secs(10)).await;
    first.quit().await;
    // Another client moves the marker (later than murre's save) to an older status.
    let Client::Mastodon(m) = &s.clients[0] else { panic!("the first client is Mastodon") };
    let page = s.clients[0].home(murre::backend::Cursor::Newest).await.unwrap_or_else(|e| panic!("{e}"));
    let target = page.items.iter().filter(|p| p.repost.is_none()).nth(12).cloned();
    let target = target.unwrap_or_else(|| panic!("too few posts"));
    let murre::model::PostKey::Mastodon { id, .. } = &target.id.key else { panic!("not Mastodon") };
    // The marker's time comes from the server's wall clock: the file's save time must be older.
    let mut old = murre::store::reading::load(&dir).unwrap_or_else(|| panic!("nothing saved"));
    old.saved = jiff::Timestamp::UNIX_EPOCH;
    murre::store::reading::save(&dir, &old).unwrap_or_else(|e| panic!("{e}"));
    m.set_home_marker(id).await.unwrap_or_else(|e| panic!("{e}"));

    let mut second = driver(&s, &dir);
    settled(&mut second).await;
    assert!(
        row_keys(&second.app).contains(&target.feed_key()),
        "opened at the marker's status (or its cross-post row)"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
