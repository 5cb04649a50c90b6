//! The view stack: a thread, the notifications, a profile, a search or a list or feed, shown in place of the list panes (and
//! beside the detail pane when the screen is wide). `t`, `n`, `p`, `/`, `#` and `f` push one; Esc pops back to
//! what was shown before, its selection as it was. Inside a view the usual keys move, open the
//! detail pane and act on the selected post. Pure.

mod answer;
pub mod feed;
mod open;
pub mod paging;
pub mod picker;
mod request;
pub mod search;
mod unread;

pub use answer::answered;
pub use open::{open_notifications, open_profile, open_thread, profile_target};
pub use request::{Answer, Request};
pub use unread::{Notices, fetch_unread};

use std::collections::HashSet;

use super::update::toast;
use super::{Action, App, Effect, Focus, ReqId};
use crate::backend::search::SearchKind;
use crate::model::{AccountId, Author, Group, Notification, Post, PostKey, Profile, ProfilePage, Thread, ThreadItem};

/// Most views open at once; one more is refused (Esc goes back).
pub const MAX_VIEWS: usize = 12;

/// What a view waits for or shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Failed(String),
    Ready(T),
}

/// The notifications of every account, as they arrive.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inbox {
    /// Every account's first page awaited, and the older pages.
    pub pages: paging::Pages,
    /// Every notification received.
    pub items: Vec<Notification>,
    /// `items` grouped: the rows.
    pub groups: Vec<Group>,
    /// Lines above the rows: errors per account, what a network cannot do.
    pub notes: Vec<String>,
}

/// What a view shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// The conversation around `post` (as it was when the view was opened).
    Thread {
        post: Box<Post>,
        req: Option<ReqId>,
        load: Load<Thread>,
    },
    Notifications(Inbox),
    /// `person`'s profile, as `account` sees them.
    Profile {
        account: AccountId,
        person: Author,
        req: Option<ReqId>,
        load: Load<Box<ProfilePage>>,
    },
    /// Posts with a tag, or matching words, across every account.
    Search(search::Results),
    /// A list or custom feed of one account.
    Feed(feed::FeedView),
}

/// One view on the stack.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// Unique for the whole run: answers and interactions name views by it.
    pub id: u64,
    pub body: Body,
    pub selected: usize,
    /// First row shown; kept by `update` so the selection stays in view.
    pub offset: usize,
    /// Rows whose content warning the reader opened.
    pub revealed: HashSet<usize>,
    /// Focus and detail scroll to give back when the view is closed.
    back: (Focus, u16),
}

impl View {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match &self.body {
            Body::Thread { load: Load::Ready(t), .. } => t.nodes.len(),
            Body::Notifications(inbox) => inbox.groups.len(),
            Body::Profile { load: Load::Ready(p), .. } => p.posts.len(),
            Body::Search(r) => r.posts.len(),
            Body::Feed(f) => f.posts.len(),
            _ => 0,
        }
    }

    /// True without rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The post of row `row`, if it has one.
    pub fn post(&self, row: usize) -> Option<&Post> {
        match &self.body {
            Body::Thread { load: Load::Ready(t), .. } => t.nodes.get(row)?.item.post(),
            Body::Notifications(inbox) => inbox.groups.get(row)?.subject.as_ref(),
            Body::Profile { load: Load::Ready(p), .. } => p.posts.get(row),
            Body::Search(r) => r.posts.get(row),
            Body::Feed(f) => f.posts.get(row),
            _ => None,
        }
    }

    /// The post of row `row`, to change.
    pub fn post_mut(&mut self, row: usize) -> Option<&mut Post> {
        match &mut self.body {
            Body::Thread { load: Load::Ready(t), .. } => t.nodes.get_mut(row)?.item.post_mut(),
            Body::Notifications(inbox) => inbox.groups.get_mut(row)?.subject.as_mut(),
            Body::Profile { load: Load::Ready(p), .. } => p.posts.get_mut(row),
            Body::Search(r) => r.posts.get_mut(row),
            Body::Feed(f) => f.posts.get_mut(row),
            _ => None,
        }
    }

    /// The first row to show when `visible` rows fit: the remembered offset, moved just enough to
    /// keep the selection in view (the same rule as a pane's).
    pub fn view_offset(&self, visible: usize) -> usize {
        let last_start = self.len().saturating_sub(visible);
        let offset = self.offset.min(last_start).min(self.selected);
        if self.selected >= offset + visible { self.selected + 1 - visible } else { offset }
    }

    /// The profile a profile view shows, once loaded.
    pub fn profile(&self) -> Option<&Profile> {
        match &self.body {
            Body::Profile { load: Load::Ready(p), .. } => Some(&p.profile),
            _ => None,
        }
    }

    /// The profile, to change (its follow state).
    pub fn profile_mut(&mut self) -> Option<&mut Profile> {
        match &mut self.body {
            Body::Profile { load: Load::Ready(p), .. } => Some(&mut p.profile),
            _ => None,
        }
    }
}

/// Puts a view on the stack and gives it the keyboard; its id, or `None` when the stack is full.
pub(super) fn push(app: &mut App, body: Body) -> Option<u64> {
    if app.views.len() >= MAX_VIEWS {
        toast(app, format!("{MAX_VIEWS} views are open: Esc goes back"), true);
        return None;
    }
    app.next_view += 1;
    let id = app.next_view;
    let back = (app.focus, app.detail_scroll);
    app.views.push(View { id, body, selected: 0, offset: 0, revealed: HashSet::new(), back });
    app.focus = Focus::Timeline;
    app.detail_scroll = 0;
    Some(id)
}

/// Closes the top view: what was shown before comes back as it was.
pub(super) fn pop(app: &mut App) {
    if let Some(view) = app.views.pop() {
        (app.focus, app.detail_scroll) = view.back;
    }
}

/// The keys a view handles itself; `None` lets the usual handling go on (it sees the view's post).
pub(super) fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::OpenThread => return Some(open_thread(app)),
        Action::Notifications => return Some(open_notifications(app)),
        Action::Profile => return Some(open_profile(app)),
        Action::Search => return Some(search::prompt(app, SearchKind::Posts)),
        Action::Hashtag => return Some(search::prompt(app, SearchKind::Tag)),
        Action::Feeds => return Some(picker::open(app)),
        _ if app.views.is_empty() => return None,
        Action::Back if app.overlay.is_none() && app.focus == Focus::Timeline => pop(app),
        Action::Refresh => return Some(reload(app)),
        Action::ToggleCw => toggle_cw(app),
        Action::FocusNext | Action::FocusPrev => {
            let detail = app.selected_place().is_some() && app.focus == Focus::Timeline;
            app.focus = if detail { Focus::Detail } else { Focus::Timeline };
        }
        Action::FilterMastodon | Action::FilterBluesky | Action::FilterTumblr | Action::FilterAll => {
            toast(app, "filters apply to the timeline: Esc goes back to it".into(), false);
        }
        _ => return None,
    }
    Some(Vec::new())
}

fn toggle_cw(app: &mut App) {
    let Some(view) = app.views.last_mut() else { return };
    let row = view.selected;
    if !view.revealed.remove(&row) {
        view.revealed.insert(row);
    }
}

/// R in a view: the view is read again, and the unread counts with it.
fn reload(app: &mut App) -> Vec<Effect> {
    let Some(view) = app.views.pop() else { return Vec::new() };
    let mut effects = open::again(app, view);
    effects.extend(fetch_unread(app));
    effects
}

/// Moves the top view's selection by `delta` rows.
pub(super) fn move_by(app: &mut App, delta: isize) -> Vec<Effect> {
    let target = app.views.last().map_or(0, |v| v.selected.saturating_add_signed(delta));
    move_to(app, target)
}

/// Selects row `index` of the top view (clamped).
pub(super) fn move_to(app: &mut App, index: usize) -> Vec<Effect> {
    let Some(view) = app.views.last_mut() else { return Vec::new() };
    let before = view.selected;
    view.selected = index.min(view.len().saturating_sub(1));
    if view.selected != before {
        app.detail_scroll = 0;
    }
    paging::after_move(app)
}

/// Keeps the top view's selection in view (after any message).
pub(super) fn follow(app: &mut App) {
    let size = app.size;
    if let Some(view) = app.views.last_mut() {
        let visible = crate::ui::view_rows(size, view).max(1);
        view.offset = view.view_offset(visible);
    }
}

/// A post was deleted: each view shows it as gone.
pub(super) fn forget(app: &mut App, key: &PostKey) {
    for view in &mut app.views {
        match &mut view.body {
            Body::Thread { load: Load::Ready(t), .. } => {
                for node in &mut t.nodes {
                    if node.item.post().is_some_and(|p| p.id.key.same_post(key)) {
                        node.item = ThreadItem::Gone { why: "deleted".into() };
                    }
                }
            }
            Body::Notifications(inbox) => {
                for g in &mut inbox.groups {
                    if g.subject.as_ref().is_some_and(|p| p.id.key.same_post(key)) {
                        g.subject = None;
                        g.excerpt = Some("(deleted)".into());
                    }
                }
            }
            Body::Profile { load: Load::Ready(p), .. } => p.posts.retain(|p| !p.id.key.same_post(key)),
            Body::Search(r) => r.posts.retain(|p| !p.id.key.same_post(key)),
            Body::Feed(f) => f.posts.retain(|p| !p.id.key.same_post(key)),
            _ => {}
        }
        view.selected = view.selected.min(view.len().saturating_sub(1));
    }
}
