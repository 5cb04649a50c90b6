//! The TUI's state and logic: `App` is plain data; `update(&mut App, Msg) -> Vec<Effect>` is pure
//! and synchronous. No IO, no awaits, no clocks (time arrives as `Msg::Tick`).

mod accounts;
mod action;
pub mod cache;
pub mod compose;
mod effect;
mod evict;
pub mod feeds;
mod fetch;
pub mod images;
mod interact;
pub mod live;
mod msg;
mod nav;
mod optimistic;
mod outbox;
mod pane;
mod place;
pub mod read;
mod seek;
mod source;
mod update;
pub mod views;

pub use action::Action;
pub use effect::{AccountChoice, Effect};
pub use interact::{Confirm, Pending, deleting};
pub use msg::{FetchKind, Msg};
pub use pane::Pane;
pub use place::Place;
pub use source::{Source, feed_key};
pub use update::{start, update};

use std::collections::HashSet;

use jiff::Timestamp;

use crate::model::{Post, Timeline};

/// Identifies a request so that stale answers can be dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReqId(pub u64);

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Timeline,
    Detail,
}

/// A window drawn over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// The link picker: (label, real target) pairs and the selected one.
    Links {
        links: Vec<(String, String)>,
        selected: usize,
    },
    /// The account switcher; `selected` indexes `App::sources`; `confirm` is set after a first X
    /// (log out), which a second X on the same account confirms.
    Accounts {
        selected: usize,
        confirm: bool,
    },
    /// The outbox; `selected` indexes `App::outbox`; `confirm` is set after a first X (discard).
    Outbox {
        selected: usize,
        confirm: bool,
    },
    /// The one-line prompt of `/` (words) or `#` (a tag): keys are text.
    Prompt {
        kind: crate::backend::search::SearchKind,
        text: String,
    },
    /// The picker of every account's lists and custom feeds.
    Feeds(views::picker::Picker),
}

/// The key context, used by the keymap to pick a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Normal,
    Help,
    Links,
    Accounts,
    Outbox,
    /// Typing in the compose box: keys are text, not actions.
    Compose,
    /// Typing in the search or tag prompt: keys are text, not actions.
    Prompt,
    /// The picker of lists and feeds.
    Feeds,
}

/// A short message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub error: bool,
    pub until: Timestamp,
}

/// The whole TUI state. Plain data.
#[derive(Debug)]
pub struct App {
    pub now: Timestamp,
    pub sources: Vec<Source>,
    pub timeline: Timeline,
    /// The list panes: the merged timeline first, then accounts shown beside it.
    pub panes: Vec<Pane>,
    /// The list pane with the keyboard (index into `panes`).
    pub pane: usize,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    /// Rows whose content warning the user opened (by slot).
    pub revealed: HashSet<u32>,
    /// Lines scrolled in the detail pane.
    pub detail_scroll: u16,
    pub toasts: Vec<Toast>,
    /// Terminal size, for page sizes.
    pub size: (u16, u16),
    pub quit: bool,
    /// The draft in the compose box (kept while the box is put away).
    pub compose: Option<compose::Compose>,
    /// Drafts not yet published everywhere, as the outbox last said.
    pub outbox: Vec<crate::store::outbox::Draft>,
    /// Whether the outbox was read once (the first reading says when drafts wait).
    pub outbox_seen: bool,
    /// Whether images need alt text (config `compose.alt_required`).
    pub alt_required: bool,
    /// Interactions (likes, deletes...) waiting for their server's answer.
    pub interactions: Vec<Pending>,
    /// A question the next key answers (delete this post?).
    pub confirm: Option<Confirm>,
    /// What live updates run (polling, streams, the read position).
    pub live: live::LiveConfig,
    /// The start (opening at the read position) and the position to remember.
    pub reading: read::Reading,
    /// Posts drawn from the timeline cache, per source, until its first fresh page.
    pub cached: Vec<cache::Cached>,
    /// Threads, notifications and profiles opened over the panes; the last one shows.
    pub views: Vec<views::View>,
    /// Unread notifications per account, for the status bar.
    pub notices: views::Notices,
    /// Image previews in the detail pane.
    pub images: images::Images,
    /// Links in the detail pane are made clickable (OSC 8) where the terminal can.
    pub hyperlinks: bool,
    next_req: u64,
    next_view: u64,
}

impl App {
    /// A fresh app over these sources, at time `now`.
    pub fn new(sources: Vec<Source>, now: Timestamp) -> Self {
        App {
            now,
            sources,
            timeline: Timeline::new(),
            panes: vec![Pane::merged()],
            pane: 0,
            focus: Focus::Timeline,
            overlay: None,
            revealed: HashSet::new(),
            detail_scroll: 0,
            toasts: Vec::new(),
            size: (80, 24),
            quit: false,
            compose: None,
            outbox: Vec::new(),
            outbox_seen: false,
            alt_required: true,
            interactions: Vec::new(),
            confirm: None,
            live: live::LiveConfig::default(),
            reading: read::Reading::default(),
            cached: Vec::new(),
            views: Vec::new(),
            notices: views::Notices::default(),
            images: images::Images::default(),
            hyperlinks: false,
            next_req: 0,
            next_view: 0,
        }
    }

    /// The accounts: the sources that are home feeds (always before the lists and feeds).
    pub fn accounts(&self) -> impl Iterator<Item = &Source> {
        self.sources.iter().filter(|s| s.is_home())
    }

    /// Whether source `i` is a list or feed nothing shows (out of the timeline, in no pane): it is
    /// then neither polled nor streamed. (It keeps its place: requests and streams name sources by
    /// index.)
    pub fn idle(&self, i: usize) -> bool {
        let Some(s) = self.sources.get(i) else { return true };
        if s.is_home() || s.included {
            return false;
        }
        let key = s.key();
        !self.panes.iter().any(|p| p.sources.iter().any(|k| *k == key))
    }

    /// The index of the source the timeline names `key` (`Source::key`).
    pub fn source_of(&self, key: &str) -> Option<usize> {
        self.sources.iter().position(|s| s.key() == key)
    }

    /// The source an answer is for: `hint` (the index the request named) when `is_it` holds there,
    /// else the first that it holds for (a login may have put an account before the lists since).
    pub(super) fn source_answering(&self, hint: usize, is_it: impl Fn(&Source) -> bool) -> Option<usize> {
        std::iter::once(hint).chain(0..self.sources.len()).find(|&j| self.sources.get(j).is_some_and(&is_it))
    }

    /// True when no account is configured: the welcome screen is shown.
    pub fn first_run(&self) -> bool {
        self.sources.is_empty()
    }

    /// The key context now.
    pub fn mode(&self) -> Mode {
        if self.compose.as_ref().is_some_and(|c| c.open) {
            return Mode::Compose;
        }
        match self.overlay {
            Some(Overlay::Help) => Mode::Help,
            Some(Overlay::Links { .. }) => Mode::Links,
            Some(Overlay::Accounts { .. }) => Mode::Accounts,
            Some(Overlay::Outbox { .. }) => Mode::Outbox,
            Some(Overlay::Prompt { .. }) => Mode::Prompt,
            Some(Overlay::Feeds(_)) => Mode::Feeds,
            None => Mode::Normal,
        }
    }

    /// The list pane with the keyboard.
    pub fn pane(&self) -> &Pane {
        let last = self.panes.len().saturating_sub(1);
        &self.panes[self.pane.min(last)]
    }

    /// The list pane with the keyboard, to change.
    pub fn pane_mut(&mut self) -> &mut Pane {
        let last = self.panes.len().saturating_sub(1);
        &mut self.panes[self.pane.min(last)]
    }

    /// The selected row's slot (in the pane with the keyboard); `None` while a view shows.
    pub fn selected_slot(&self) -> Option<u32> {
        if !self.views.is_empty() {
            return None;
        }
        self.pane().selected_slot()
    }

    /// The selected post: the top view's, else the focused pane's.
    pub fn selected_post(&self) -> Option<&Post> {
        self.selected_place().and_then(|p| self.post_at(p))
    }

    /// Whether the content warning of `slot` is open.
    pub fn is_revealed(&self, slot: u32) -> bool {
        self.revealed.contains(&slot)
    }

    /// The requests the app is waiting for, for the status bar.
    pub fn loading(&self) -> bool {
        self.sources.iter().any(Source::loading)
    }

    fn next_req(&mut self) -> ReqId {
        self.next_req += 1;
        ReqId(self.next_req)
    }
}
