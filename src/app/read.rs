//! Where the reader stopped: remembered across restarts (a state file, and each Mastodon account's
//! home marker), and opened at on start: once the first pages are in, murre loads older pages until
//! it finds the post (at most `MAX_PAGES`), or says why not. Until then nothing is anchored, so the
//! first pages simply fill the view; from then on new posts never move what the reader reads.
//! Pure: the runtime reads and writes; this decides.

use jiff::{SignedDuration, Timestamp};

use super::{App, Effect, update};
use crate::backend::mastodon::Marker;
use crate::model::{AccountId, Network, PostKey};

/// Older pages loaded at most while looking for the remembered post.
pub const MAX_PAGES: u32 = 12;
/// The position is saved once it has not changed for this long.
const QUIET_SECS: i64 = 5;

pub use crate::store::reading::Position;

/// What the runtime found at start: the state file and the servers' home markers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Remembered {
    pub file: Option<Position>,
    pub markers: Vec<(AccountId, Marker)>,
}

/// The post to open at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A feed item murre remembered itself.
    Item { key: String, at: Timestamp },
    /// A status a Mastodon marker names (moved by another client since murre's last save).
    Status { account: AccountId, id: String },
}

/// Where the reading stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// The first pages are loading; `known` once the runtime said what was remembered.
    Starting { target: Option<Target>, known: bool },
    /// Loading older pages to find `target`.
    Seeking { target: Target },
    /// The reader reads: new posts keep the view, and the position is saved as it changes.
    Settled,
}

/// The reading state of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub phase: Phase,
    /// The position's key as last seen, and since when.
    seen: Option<(String, Timestamp)>,
    /// The position's key as last saved.
    saved: Option<String>,
    /// Older pages loaded during the start (the search stops at `MAX_PAGES`).
    pub(super) pages: u32,
}

impl Default for Reading {
    fn default() -> Self {
        Reading { phase: Phase::Starting { target: None, known: true }, seen: None, saved: None, pages: 0 }
    }
}

impl App {
    /// Whether the start is over (first pages in, remembered position found or given up).
    pub fn settled(&self) -> bool {
        self.reading.phase == Phase::Settled
    }
}

/// At start: ask what was remembered, if the app remembers.
pub(super) fn start(app: &mut App) -> Vec<Effect> {
    if !app.live.read_position {
        return Vec::new();
    }
    app.reading.phase = Phase::Starting { target: None, known: false };
    vec![Effect::LoadReadPosition]
}

/// The runtime answered: pick the newer of the file and the markers moved by other clients.
pub(super) fn remembered(app: &mut App, r: super::read::Remembered) -> Vec<Effect> {
    if let Phase::Starting { known: false, .. } = app.reading.phase {
        app.reading.phase = Phase::Starting { target: choose(&r), known: true };
    }
    Vec::new()
}

fn choose(r: &Remembered) -> Option<Target> {
    let file = r.file.as_ref();
    let moved = r.markers.iter().filter(|(account, m)| {
        // A marker still naming what murre saved is murre's own: the file says more.
        let ours = file.is_some_and(|f| f.markers.iter().any(|(a, id)| a == account && *id == m.last_read_id));
        let newer = match (m.updated_at, file) {
            (Some(at), Some(f)) => at > f.saved,
            (None, Some(_)) => false,
            (_, None) => true,
        };
        !ours && newer
    });
    let newest = moved.max_by_key(|(_, m)| m.updated_at);
    match (newest, file) {
        (Some((account, m)), _) => Some(Target::Status { account: account.clone(), id: m.last_read_id.clone() }),
        (None, Some(f)) => Some(Target::Item { key: f.key.clone(), at: f.at }),
        (None, None) => None,
    }
}

/// An older page arrived: during the start, it counts towards the search's bound (whoever asked).
pub(super) fn older_page(app: &mut App) {
    if !app.settled() {
        app.reading.pages += 1;
    }
}

/// The reader moved before the start was over: their choice wins.
pub(super) fn moved(app: &mut App) {
    if !app.settled() {
        app.reading.phase = Phase::Settled;
    }
}

/// After every message: moves the start along, and notes position changes to save.
pub(super) fn advance(app: &mut App) -> Vec<Effect> {
    match app.reading.phase.clone() {
        Phase::Starting { target, known: true } if first_pages_in(app) => match target {
            Some(target) => super::seek::seek(app, target),
            None => {
                app.reading.phase = Phase::Settled;
                Vec::new()
            }
        },
        Phase::Starting { .. } => Vec::new(),
        Phase::Seeking { target } => super::seek::seek(app, target),
        Phase::Settled => {
            note(app);
            Vec::new()
        }
    }
}

/// Every source of the merged timeline (the accounts, and lists or feeds put in it) answered its
/// first request (or failed it).
fn first_pages_in(app: &App) -> bool {
    app.sources
        .iter()
        .filter(|s| s.is_home() || s.included)
        .all(|s| s.logged_out || (s.pending_newer.is_none() && (s.last_refresh.is_some() || s.error.is_some())))
}

fn note(app: &mut App) {
    if !app.live.read_position {
        return;
    }
    let key =
        app.panes.first().and_then(|p| p.selected_slot()).and_then(|s| app.timeline.key_of(s)).map(str::to_string);
    let Some(key) = key else { return };
    if app.reading.seen.as_ref().is_none_or(|(seen, _)| *seen != key) {
        app.reading.seen = Some((key, app.now));
    }
}

/// On a tick: saves the position once it has been still for a moment.
pub(super) fn tick(app: &mut App) -> Vec<Effect> {
    let Some((key, since)) = app.reading.seen.clone() else { return Vec::new() };
    let quiet = app.now.duration_since(since) >= SignedDuration::from_secs(QUIET_SECS);
    if !app.settled() || !quiet || app.reading.saved.as_ref() == Some(&key) {
        return Vec::new();
    }
    let Some(position) = position(app) else { return Vec::new() };
    app.reading.saved = Some(key);
    vec![Effect::SaveReadPosition(position)]
}

/// Where the reader is now, to remember: `None` before the start is over (nothing read yet).
pub fn position(app: &App) -> Option<Position> {
    if !app.settled() || !app.live.read_position {
        return None;
    }
    let slot = app.panes.first()?.selected_slot()?;
    let post = app.timeline.post(slot)?;
    let rows = app.timeline.rows(None);
    let from = rows.iter().position(|&s| s == slot).unwrap_or(rows.len());
    let markers = app
        .accounts()
        .filter(|s| s.network == Network::Mastodon && !s.logged_out)
        .filter_map(|s| marker_at(app, &rows[from..], &s.account).map(|id| (s.account.clone(), id)))
        .collect();
    // The key the timeline holds it under: a list's own copy is found again once the list loads.
    let key = app.timeline.key_of(slot)?.to_string();
    Some(Position { key, at: post.feed_time(), saved: app.now, markers })
}

/// The first status of `account`'s own (not a boost, whose id is not the timeline's) among `rows`.
fn marker_at(app: &App, rows: &[u32], account: &AccountId) -> Option<String> {
    rows.iter()
        .flat_map(|&row| std::iter::once(row).chain(app.timeline.also(row).iter().copied()))
        .filter_map(|slot| app.timeline.post(slot))
        .find(|p| p.id.account == *account && p.repost.is_none())
        .and_then(|p| match &p.id.key {
            PostKey::Mastodon { id, .. } => Some(id.clone()),
            _ => None,
        })
}

/// Ends the start: opens the reader at `row` of the merged pane (at the top of the view), or stays
/// at the newest with `why` said.
pub(super) fn settle(app: &mut App, row: Option<usize>, why: Option<String>) {
    app.reading.phase = Phase::Settled;
    if let (Some(row), Some(pane)) = (row, app.panes.first_mut()) {
        pane.selected = row.min(pane.rows.len().saturating_sub(1));
        pane.offset = pane.selected;
        pane.fresh = pane.selected;
    }
    if let Some(why) = why {
        update::toast(app, why, false);
    }
}
