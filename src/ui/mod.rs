//! Pure draw functions over `&App`: one file per pane or overlay. Nothing here changes the app.

mod accounts;
mod compose;
mod detail;
mod doc;
mod feeds;
mod help;
pub mod keymap;
mod links;
mod outbox;
pub mod preview;
mod prompt;
mod status;
pub mod theme;
mod time;
mod timeline;
mod views;
mod welcome;

pub use keymap::Keymap;
pub use theme::Theme;
pub use time::relative;
pub use views::view_rows;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::{App, Focus, Overlay};

/// Lines per timeline row: a header and one line of text.
pub const ROW_HEIGHT: u16 = 2;

/// Width from which the timeline and the detail pane are shown side by side.
pub const SPLIT_WIDTH: u16 = 100;

/// Where each pane goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Areas {
    pub tabs: Rect,
    /// The list panes drawn, as (index into `App::panes`, area).
    pub lists: Vec<(usize, Rect)>,
    pub detail: Option<Rect>,
    pub status: Rect,
}

/// Splits the screen: tabs on top, status at the bottom, the list panes and the detail between
/// (side by side when wide; when narrow, only the pane with the keyboard).
pub fn layout(area: Rect, focus: Focus, panes: usize, active: usize) -> Areas {
    let [tabs, body, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let panes = panes.max(1);
    if area.width >= SPLIT_WIDTH {
        let detail_share = if panes == 1 { 55 } else { 40 };
        let [lists, detail] =
            Layout::horizontal([Constraint::Percentage(100 - detail_share), Constraint::Percentage(detail_share)])
                .areas(body);
        let columns =
            Layout::horizontal(vec![Constraint::Ratio(1, u32::try_from(panes).unwrap_or(1)); panes]).split(lists);
        Areas { tabs, lists: columns.iter().copied().enumerate().collect(), detail: Some(detail), status }
    } else if focus == Focus::Detail {
        Areas { tabs, lists: Vec::new(), detail: Some(body), status }
    } else {
        Areas { tabs, lists: vec![(active, body)], detail: None, status }
    }
}

/// How many timeline rows fit on a screen of `size` (width, height).
pub fn list_rows(size: (u16, u16)) -> usize {
    let area = Rect::new(0, 0, size.0, size.1);
    let body = layout(area, Focus::Timeline, 1, 0).lists.first().map_or(0, |(_, r)| r.height);
    usize::from(body.saturating_sub(2) / ROW_HEIGHT)
}

/// A link on screen: `width` cells from (`x`, `y`) show a link to `url`, its real target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpot {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub url: String,
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, keymap: &Keymap) {
    draw_with_links(frame, app, theme, keymap);
}

/// Draws the whole screen; returns where the detail pane's links are (for the runtime to make them
/// clickable), none when an overlay may cover them.
pub fn draw_with_links(frame: &mut Frame, app: &App, theme: &Theme, keymap: &Keymap) -> Vec<LinkSpot> {
    let area = frame.area();
    if app.first_run() {
        welcome::draw(frame, area, theme);
        return Vec::new();
    }
    // A view shows alone where the list panes go.
    let view = app.top_view();
    let (panes, active) = if view.is_some() { (1, 0) } else { (app.panes.len(), app.pane) };
    let areas = layout(area, app.focus, panes, active);
    status::draw_tabs(frame, areas.tabs, app, theme);
    for &(index, list) in &areas.lists {
        match view {
            Some(view) => views::draw(frame, list, app, view, theme),
            None => timeline::draw(frame, list, app, index, theme),
        }
    }
    let links = match areas.detail {
        Some(detail) => detail::draw(frame, detail, app, theme),
        None => Vec::new(),
    };
    status::draw(frame, areas.status, app, theme);
    match &app.overlay {
        Some(Overlay::Help) => help::draw(frame, area, keymap, theme),
        Some(Overlay::Links { links, selected }) => links::draw(frame, area, links, *selected, theme),
        Some(Overlay::Accounts { selected, confirm }) => accounts::draw(frame, area, app, *selected, *confirm, theme),
        Some(Overlay::Outbox { selected, confirm }) => outbox::draw(frame, area, app, *selected, *confirm, theme),
        Some(Overlay::Prompt { kind, text }) => prompt::draw(frame, areas.status, *kind, text, theme),
        Some(Overlay::Feeds(picker)) => feeds::draw(frame, area, app, picker, theme),
        None => {}
    }
    if let Some(c) = app.compose.as_ref().filter(|c| c.open) {
        compose::draw(frame, area, c, theme);
    }
    links
}

/// A rectangle of at most `width` x `height` centred in `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
}
