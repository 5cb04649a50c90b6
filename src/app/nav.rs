//! Movement through the timeline and the link picker, and the rows the timeline shows. Pure.

use super::fetch::load_older_from;
use super::update::toast;
use super::{Action, App, Effect, Focus, Overlay};
use crate::model::Link;

/// Rows before the end at which the next older page is requested.
const PREFETCH_ROWS: usize = 10;

/// Recomputes every pane's rows (after a merge or a filter change), keeping each selected post
/// selected.
pub(super) fn rebuild_rows(app: &mut App) {
    for pane in &mut app.panes {
        let selected = pane.selected_slot();
        pane.rows = app.timeline.rows_in(pane.scope(), pane.filter);
        if let Some(i) = selected.and_then(|slot| pane.rows.iter().position(|&s| s == slot)) {
            pane.selected = i;
        }
        pane.selected = pane.selected.min(pane.rows.len().saturating_sub(1));
    }
}

/// Recomputes every pane's rows after new items arrived. Once the start is over, what the reader
/// reads stays put: the selection keeps its post and its place on the screen (the offset moves by
/// the rows that came in above it), and those rows count as new until the reader scrolls to them.
pub(super) fn rebuild_keeping_view(app: &mut App) {
    if !app.settled() {
        return rebuild_rows(app);
    }
    let before: Vec<(usize, usize)> = app.panes.iter().map(|p| (p.selected, p.offset)).collect();
    let had_rows: Vec<bool> = app.panes.iter().map(|p| !p.rows.is_empty()).collect();
    rebuild_rows(app);
    for ((pane, (selected, offset)), had) in app.panes.iter_mut().zip(before).zip(had_rows) {
        if !had {
            continue;
        }
        // Rows came in above the selection (or, after a delete, left from above it).
        let moved = isize::try_from(pane.selected).unwrap_or(0) - isize::try_from(selected).unwrap_or(0);
        pane.offset = offset.saturating_add_signed(moved);
        pane.fresh += moved.max(0).unsigned_abs();
    }
}

/// Keeps every pane's selection in view (after any message: moves, merges, filters, resizes); rows
/// the reader scrolled back to are no longer new.
pub(super) fn follow(app: &mut App) {
    let visible = crate::ui::list_rows(app.size).max(1);
    for pane in &mut app.panes {
        pane.offset = pane.view_offset(visible);
        pane.fresh = pane.fresh.min(pane.offset);
    }
}

/// Keeps the selection inside the rows.
pub(super) fn clamp(app: &mut App) {
    let pane = app.pane_mut();
    pane.selected = pane.selected.min(pane.rows.len().saturating_sub(1));
}

fn page_rows(app: &App) -> usize {
    match app.views.last() {
        Some(view) => crate::ui::view_rows(app.size, view).max(1),
        None => crate::ui::list_rows(app.size).max(1),
    }
}

/// Moves the selection by `delta` rows (or scrolls the detail pane when it has focus).
pub(super) fn move_by(app: &mut App, delta: isize) -> Vec<Effect> {
    if app.focus == Focus::Detail {
        let lines = i32::from(app.detail_scroll) + i32::try_from(delta).unwrap_or(0);
        app.detail_scroll = u16::try_from(lines.max(0)).unwrap_or(u16::MAX);
        return Vec::new();
    }
    if !app.views.is_empty() {
        return super::views::move_by(app, delta);
    }
    let target = app.pane().selected.saturating_add_signed(delta);
    move_to(app, target)
}

/// Selects row `index` (clamped), then fetches older posts when near the end.
pub(super) fn move_to(app: &mut App, index: usize) -> Vec<Effect> {
    if !app.views.is_empty() {
        return super::views::move_to(app, index);
    }
    let before = app.pane().selected;
    app.pane_mut().selected = index;
    clamp(app);
    if app.pane().selected != before {
        app.detail_scroll = 0;
    }
    let mut effects = maybe_load_older(app);
    effects.extend(super::evict::maybe_load_above(app));
    effects
}

/// Moves by whole (`divisor` 1) or half (`divisor` 2) pages.
pub(super) fn move_pages(app: &mut App, sign: isize, divisor: usize) -> Vec<Effect> {
    let step = isize::try_from((page_rows(app) / divisor).max(1)).unwrap_or(1);
    if app.focus == Focus::Detail {
        let lines = crate::ui::list_rows(app.size) * 2 / divisor;
        return move_by(app, sign * isize::try_from(lines).unwrap_or(1));
    }
    move_by(app, sign * step)
}

/// The mouse wheel: three lines or one row per notch.
pub(super) fn scroll(app: &mut App, notches: i16) -> Vec<Effect> {
    let per = if app.focus == Focus::Detail { 3 } else { 1 };
    move_by(app, isize::from(notches) * per)
}

/// Requests the next older page when the selection is near the end of the rows.
pub(super) fn maybe_load_older(app: &mut App) -> Vec<Effect> {
    let pane = app.pane();
    if pane.rows.len().saturating_sub(pane.selected) > PREFETCH_ROWS.max(page_rows(app)) {
        return Vec::new();
    }
    let holder = app.timeline.source_holding_watermark_in(pane.scope()).map(str::to_string);
    match holder.and_then(|key| app.source_of(&key)) {
        Some(i) => load_older_from(app, i),
        None => Vec::new(),
    }
}

/// Opens the selected post's link, or the picker when it has several.
pub(super) fn open_links(app: &mut App) -> Vec<Effect> {
    let Some(post) = app.selected_post() else { return Vec::new() };
    let mut links: Vec<(String, String)> =
        post.text.links().into_iter().filter_map(|l| Some((link_label(l), l.target()?.to_string()))).collect();
    if let Some(crate::model::Embed::Link(card)) = &post.embed {
        links.push((format!("card: {}", card.title), card.url.clone()));
    }
    links.extend(
        post.media.iter().map(|m| (format!("media: {}", m.alt.as_deref().unwrap_or("no description")), m.url.clone())),
    );
    if let Some(url) = &post.url {
        links.push(("the post itself".to_string(), url.clone()));
    }
    links.dedup_by(|a, b| a.1 == b.1);
    match links.len() {
        0 => {
            toast(app, "this post has no links".to_string(), false);
            Vec::new()
        }
        1 => vec![Effect::OpenUrl(links.remove(0).1)],
        _ => {
            app.overlay = Some(Overlay::Links { links, selected: 0 });
            Vec::new()
        }
    }
}

fn link_label(link: &Link) -> String {
    match link {
        Link::Url { url } => url.clone(),
        Link::Mention { handle, .. } => format!("@{handle}"),
        Link::Tag { tag } => format!("#{tag}"),
    }
}

/// Keys while the link picker is open.
pub(super) fn links_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Links { links, selected }) = &mut app.overlay else { return Vec::new() };
    match action {
        Action::SelectNext => *selected = (*selected + 1).min(links.len().saturating_sub(1)),
        Action::SelectPrev => *selected = selected.saturating_sub(1),
        Action::Open | Action::OpenLink => {
            let url = links.get(*selected).map(|l| l.1.clone());
            app.overlay = None;
            return url.map(Effect::OpenUrl).into_iter().collect();
        }
        Action::CopyUrl => {
            let url = links.get(*selected).map(|l| l.1.clone());
            app.overlay = None;
            return copy(app, url);
        }
        Action::Back | Action::Quit => app.overlay = None,
        _ => {}
    }
    Vec::new()
}

/// `y`: copies the selected post's address (in the link picker: the selected link) to the clipboard.
pub(super) fn copy_url(app: &mut App) -> Vec<Effect> {
    let url = app.selected_post().and_then(|p| p.url.clone());
    copy(app, url)
}

fn copy(app: &mut App, url: Option<String>) -> Vec<Effect> {
    match url {
        Some(url) => {
            toast(app, format!("copied {url}"), false);
            vec![Effect::Copy(url)]
        }
        None => {
            toast(app, "this post has no web address".into(), true);
            Vec::new()
        }
    }
}
