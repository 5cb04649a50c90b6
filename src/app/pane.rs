//! List panes: the merged timeline, and one pane per account the reader put beside it.

use std::cell::Cell;

use crate::model::{AccountId, Network};

/// One list pane: its rows, selection and network filter.
#[derive(Debug, Default)]
pub struct Pane {
    /// The account it shows; `None` for the merged timeline.
    pub account: Option<AccountId>,
    pub filter: Option<Network>,
    /// Slots of the rows shown, newest first.
    pub rows: Vec<u32>,
    /// Index into `rows`.
    pub selected: usize,
    /// First row shown: derived render state, remembered between frames.
    pub offset: Cell<usize>,
}

impl Pane {
    /// The merged timeline.
    pub fn merged() -> Self {
        Pane::default()
    }

    /// One account's own timeline.
    pub fn of(account: AccountId) -> Self {
        Pane { account: Some(account), ..Pane::default() }
    }

    /// The selected row's slot.
    pub fn selected_slot(&self) -> Option<u32> {
        self.rows.get(self.selected).copied()
    }

    /// The pane's title: what it shows.
    pub fn title(&self) -> String {
        let network = self.filter.map(|n| n.title());
        match (&self.account, network) {
            (None, None) => "All networks".to_string(),
            (None, Some(n)) => n.to_string(),
            (Some(a), None) => a.0.clone(),
            (Some(a), Some(n)) => format!("{} · {n}", a.0),
        }
    }
}
