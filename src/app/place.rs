//! Where a post the reader can act on lives: a timeline slot, or a row of a view (thread,
//! notifications, profile). Interactions, the detail pane and content warnings name posts by place,
//! so the same code serves the timeline and the views. Pure.

use super::App;
use super::views::View;
use crate::model::{Post, Profile};

/// A post's place, or a profile header's (whose follow state an F changes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// A slot of the merged timeline.
    Timeline(u32),
    /// Row `row` of the view with id `view`.
    View { view: u64, row: usize },
    /// The header of the profile view with this id.
    Profile(u64),
}

impl App {
    /// The view on top of the stack, shown instead of the list panes.
    pub fn top_view(&self) -> Option<&View> {
        self.views.last()
    }

    /// The view with `id`, if it is still open.
    pub fn view(&self, id: u64) -> Option<&View> {
        self.views.iter().find(|v| v.id == id)
    }

    /// The view with `id`, to change.
    pub fn view_mut(&mut self, id: u64) -> Option<&mut View> {
        self.views.iter_mut().find(|v| v.id == id)
    }

    /// The selected post's place: the top view's selected row, else the focused pane's.
    pub fn selected_place(&self) -> Option<Place> {
        match self.top_view() {
            Some(v) => v.post(v.selected).map(|_| Place::View { view: v.id, row: v.selected }),
            None => self.selected_slot().map(Place::Timeline),
        }
    }

    /// The post at `place`.
    pub fn post_at(&self, place: Place) -> Option<&Post> {
        match place {
            Place::Timeline(slot) => self.timeline.post(slot),
            Place::View { view, row } => self.view(view)?.post(row),
            Place::Profile(_) => None,
        }
    }

    /// The post at `place`, to change.
    pub fn post_at_mut(&mut self, place: Place) -> Option<&mut Post> {
        match place {
            Place::Timeline(slot) => self.timeline.post_mut(slot),
            Place::View { view, row } => self.view_mut(view)?.post_mut(row),
            Place::Profile(_) => None,
        }
    }

    /// The profile a profile view shows, to change.
    pub fn profile_mut(&mut self, view: u64) -> Option<&mut Profile> {
        self.view_mut(view)?.profile_mut()
    }

    /// Whether the content warning of the post at `place` is open.
    pub fn is_revealed_at(&self, place: Place) -> bool {
        match place {
            Place::Timeline(slot) => self.is_revealed(slot),
            Place::View { view, row } => self.view(view).is_some_and(|v| v.revealed.contains(&row)),
            Place::Profile(_) => false,
        }
    }

    /// Every post the reader can see anywhere: the live timeline, then each view's rows.
    pub(super) fn places(&self) -> Vec<(Place, &Post)> {
        let mut out: Vec<(Place, &Post)> = self.timeline.live().map(|(slot, p)| (Place::Timeline(slot), p)).collect();
        for v in &self.views {
            out.extend((0..v.len()).filter_map(|row| v.post(row).map(|p| (Place::View { view: v.id, row }, p))));
        }
        out
    }

    /// The profile headers of open profile views.
    pub(super) fn profile_places(&self) -> Vec<(Place, &Profile)> {
        self.views.iter().filter_map(|v| v.profile().map(|p| (Place::Profile(v.id), p))).collect()
    }
}
