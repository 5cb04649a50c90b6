//! Lists and custom feeds as sources: merged into the timeline (space in the picker), in a pane of
//! their own (s in the picker), or in panes that merge several across networks (a in the picker adds
//! one to the focused pane; the config can name them too).
//! Each is a `Source` of its own (after the accounts), polled like a home feed, its posts kept apart
//! from the home feeds' (see `model::timeline_scope`). Pure: the config comes in as data; the
//! choices go out as an effect to save.

use super::{App, Effect, Pane, Source, nav, update};
use crate::model::Feed;
use crate::model::{AccountId, Network};
use crate::store::config::{FeedConfig, PaneConfig};

/// At start: the config's feeds in the timeline and its panes of feeds (before the first fetch).
pub fn configure(app: &mut App, timeline: &[FeedConfig], panes: &[PaneConfig]) {
    if app.first_run() {
        return; // the welcome screen: no account to read them with
    }
    for entry in timeline {
        let key = key_of(app, entry);
        include(app, &key, true);
    }
    for pane in panes {
        let sources: Vec<String> = pane.sources.iter().map(|entry| key_of(app, entry)).collect();
        let name = crate::text::sanitize_line(&pane.name);
        if !sources.is_empty() && !app.panes.iter().any(|p| p.name.as_deref() == Some(name.as_str())) {
            app.panes.push(Pane::of_feeds(name, sources));
        }
    }
}

/// The key of the source `entry` names, adding the source when it is a feed not read yet.
fn key_of(app: &mut App, entry: &FeedConfig) -> String {
    match entry.to_feed() {
        None => entry.account.0.clone(),
        Some(feed) => {
            let i = source(app, &entry.account, feed);
            app.sources[i].key().into_owned()
        }
    }
}

/// The index of `account`'s source for `feed`, added (after every other source) if new.
fn source(app: &mut App, account: &AccountId, feed: Feed) -> usize {
    let key = super::feed_key(account, &feed);
    if let Some(i) = app.source_of(&key) {
        return i;
    }
    let network = account.network().unwrap_or(Network::Mastodon);
    app.timeline.keep_apart(&key);
    app.sources.push(Source::of_feed(account.clone(), network, feed));
    app.sources.len() - 1
}

fn include(app: &mut App, key: &str, included: bool) {
    if let Some(i) = app.source_of(key) {
        app.sources[i].included = included;
    }
    app.timeline.set_excluded(key, !included);
}

/// Where `account`'s `feed` shows: whether in the merged timeline, and the panes of lists and feeds
/// that hold it (a pane of its own is named after it).
pub fn placed<'a>(app: &'a App, account: &AccountId, feed: &Feed) -> (bool, Vec<&'a str>) {
    let key = super::feed_key(account, feed);
    let included = app.source_of(&key).is_some_and(|i| app.sources[i].included);
    let panes = app.panes.iter().filter(|p| p.sources.contains(&key)).filter_map(|p| p.name.as_deref()).collect();
    (included, panes)
}

fn own_pane(app: &App, key: &str) -> Option<usize> {
    app.panes.iter().position(|p| p.name.is_some() && p.sources.len() == 1 && p.sources[0] == key)
}

/// Space in the picker: the feed joins the merged timeline, or leaves it.
pub(super) fn toggle_included(app: &mut App, account: &AccountId, feed: Feed) -> Vec<Effect> {
    let (name, (included, _)) = (feed.name.clone(), placed(app, account, &feed));
    let i = source(app, account, feed);
    let was_idle = app.idle(i);
    let key = app.sources[i].key().into_owned();
    include(app, &key, !included);
    let said = if included { "left the timeline" } else { "joins the timeline" };
    update::toast(app, format!("{name} {said}"), false);
    changed(app, i, was_idle)
}

/// S in the picker: the feed gets a pane of its own beside the timeline, or loses it.
pub(super) fn toggle_pane(app: &mut App, account: &AccountId, feed: Feed) -> Vec<Effect> {
    let name = feed.name.clone();
    let i = source(app, account, feed);
    let was_idle = app.idle(i);
    let key = app.sources[i].key().into_owned();
    match own_pane(app, &key) {
        Some(p) => {
            app.panes.remove(p);
            app.pane = app.pane.min(app.panes.len().saturating_sub(1));
        }
        None => app.panes.push(Pane::of_feeds(name, vec![key])),
    }
    changed(app, i, was_idle)
}

/// A in the picker: the feed joins the focused pane of lists and feeds, merged with what it shows
/// (its name grows by the feed's), or leaves it (a pane left with nothing closes).
pub(super) fn toggle_in_pane(app: &mut App, account: &AccountId, feed: Feed) -> Vec<Effect> {
    let p = app.pane;
    if app.panes.get(p).is_none_or(|pane| pane.name.is_none()) {
        let why = "focus a pane of lists and feeds first (s in this picker makes one)";
        update::toast(app, why.into(), false);
        return Vec::new();
    }
    let name = feed.name.clone();
    let i = source(app, account, feed);
    let was_idle = app.idle(i);
    let key = app.sources[i].key().into_owned();
    let pane = &mut app.panes[p];
    let joined = format!(" + {name}");
    match pane.sources.iter().position(|k| *k == key) {
        Some(at) => {
            pane.sources.remove(at);
            pane.name = pane.name.take().map(|n| n.replacen(&joined, "", 1));
            if pane.sources.is_empty() {
                app.panes.remove(p);
                app.pane = p.saturating_sub(1);
            }
        }
        None => {
            pane.sources.push(key);
            pane.name = pane.name.take().map(|n| n + &joined);
        }
    }
    changed(app, i, was_idle)
}

/// After a choice: a source nothing showed (or a new one) loads and streams; one nothing shows any
/// more stops; rows follow; the choices are saved.
fn changed(app: &mut App, i: usize, was_idle: bool) -> Vec<Effect> {
    let mut effects = Vec::new();
    match (was_idle, app.idle(i)) {
        (false, true) => {
            app.sources[i].live = super::live::Live::default();
            effects.push(Effect::CloseStream { source: i });
        }
        (true, false) => {
            effects.extend(super::fetch::fetch_newest(app, i));
            effects.extend(super::live::start_source(app, i));
        }
        _ => {}
    }
    nav::rebuild_rows(app);
    effects.push(save(app));
    effects
}

/// The feeds in the timeline and the panes of feeds, as config.toml keeps them.
pub(super) fn save(app: &App) -> Effect {
    let entry = |key: &String| match app.source_of(key).map(|i| &app.sources[i]) {
        Some(s) => FeedConfig::of(&s.account, s.feed.as_ref()),
        None => FeedConfig::of(&AccountId(key.clone()), None),
    };
    let timeline = app.sources.iter().filter(|s| !s.is_home() && s.included).map(|s| entry(&s.key().into_owned()));
    let panes = app.panes.iter().filter_map(|p| {
        let name = p.name.clone()?;
        Some(PaneConfig { name, sources: p.sources.iter().map(entry).collect() })
    });
    Effect::SaveFeeds { timeline: timeline.collect(), panes: panes.collect() }
}
