//! List panes: the merged timeline, one pane per account the reader put beside it, and panes of
//! lists and custom feeds (merged across networks like the timeline).

use crate::model::{AccountId, Network, Scope};

/// One list pane: its rows, selection and network filter.
#[derive(Debug, Default)]
pub struct Pane {
    /// The account it shows; `None` for the merged timeline and panes of lists and feeds.
    pub account: Option<AccountId>,
    /// The sources it shows (`Source::key`); empty for the merged timeline.
    pub sources: Vec<String>,
    /// Its name, for a pane of lists and feeds.
    pub name: Option<String>,
    pub filter: Option<Network>,
    /// Slots of the rows shown, newest first.
    pub rows: Vec<u32>,
    /// Index into `rows`.
    pub selected: usize,
    /// First row shown; kept by `update` so the selection stays in view (draw only reads it).
    pub offset: usize,
    /// Rows above the view that arrived since the reader was last at the top ("N new posts").
    pub fresh: usize,
}

impl Pane {
    /// The merged timeline.
    pub fn merged() -> Self {
        Pane::default()
    }

    /// One account's own timeline.
    pub fn of(account: AccountId) -> Self {
        Pane { sources: vec![account.0.clone()], account: Some(account), ..Pane::default() }
    }

    /// A pane of lists and feeds (and home feeds) merged: `sources` are their keys.
    pub fn of_feeds(name: String, sources: Vec<String>) -> Self {
        Pane { sources, name: Some(name), ..Pane::default() }
    }

    /// The sources whose rows it shows.
    pub fn scope(&self) -> Scope<'_> {
        if self.sources.is_empty() { Scope::Merged } else { Scope::Only(&self.sources) }
    }

    /// The first row to show when `visible` rows fit: the remembered offset, moved just enough to
    /// keep the selection in view, and never past the point where the last row sits at the bottom.
    pub fn view_offset(&self, visible: usize) -> usize {
        let last_start = self.rows.len().saturating_sub(visible);
        let offset = self.offset.min(last_start).min(self.selected);
        if self.selected >= offset + visible { self.selected + 1 - visible } else { offset }
    }

    /// The selected row's slot.
    pub fn selected_slot(&self) -> Option<u32> {
        self.rows.get(self.selected).copied()
    }

    /// The pane's title: what it shows.
    pub fn title(&self) -> String {
        let network = self.filter.map(|n| n.title());
        if let Some(name) = &self.name {
            return network.map_or_else(|| name.clone(), |n| format!("{name} · {n}"));
        }
        match (&self.account, network) {
            (None, None) => "All networks".to_string(),
            (None, Some(n)) => n.to_string(),
            (Some(a), None) => a.0.clone(),
            (Some(a), Some(n)) => format!("{} · {n}", a.0),
        }
    }
}
