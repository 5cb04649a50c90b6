//! Reading feeds: asking a source for what is new or for its next older page, and merging the
//! answer (or saying why it failed) into the timeline. Pure.

use super::update::toast;
use super::{App, Effect, FetchKind, live, nav};
use crate::backend::{BackendError, Cursor, Page};
use crate::model::{PageTag, Post};

/// Asks source `i` for what is newer than what it has (its newest page at first).
pub(super) fn fetch_newest(app: &mut App, i: usize) -> Vec<Effect> {
    let req = app.next_req();
    let Some(source) = app.sources.get_mut(i) else { return Vec::new() };
    let at = source.newer.clone().map_or(Cursor::Newest, Cursor::Newer);
    // A newer request supersedes one still in flight: its answer will be dropped.
    source.pending_newer = Some(req);
    vec![fetch_effect(app, req, i, at, FetchKind::Newer)]
}

/// The request for a page of source `i`: of its account's home feed, or of its list or feed.
pub(super) fn fetch_effect(app: &App, req: super::ReqId, i: usize, at: Cursor, kind: FetchKind) -> Effect {
    let feed = app.sources.get(i).and_then(|s| Some((s.account.clone(), s.feed.clone()?)));
    Effect::Fetch { req, source: i, at, kind, feed }
}

/// Asks the source holding the watermark for its next older page, unless it is already asked.
pub(super) fn load_older(app: &mut App) -> Vec<Effect> {
    let Some(key) = app.timeline.source_holding_watermark().map(str::to_string) else { return Vec::new() };
    let Some(i) = app.source_of(&key) else { return Vec::new() };
    load_older_from(app, i)
}

/// Asks source `i` for its next older page, unless it is already asked or at its end.
pub(super) fn load_older_from(app: &mut App, i: usize) -> Vec<Effect> {
    if app.sources.get(i).is_none_or(|s| s.pending_older.is_some()) {
        return Vec::new();
    }
    let Some(cursor) = app.sources[i].older.clone() else { return Vec::new() };
    let req = app.next_req();
    app.sources[i].pending_older = Some(req);
    vec![fetch_effect(app, req, i, Cursor::Older(cursor), FetchKind::Older)]
}

pub(super) fn feed_loaded(
    app: &mut App,
    req: super::ReqId,
    i: usize,
    kind: FetchKind,
    result: Result<Page<Post>, BackendError>,
) -> Vec<Effect> {
    // The source is found by its request: a login may have put an account before the lists since.
    let Some(i) = app.source_answering(i, |s| pending_of(s, kind) == Some(req)) else {
        return Vec::new(); // a stale answer: a newer request replaced it
    };
    let source = &mut app.sources[i];
    *pending(source, kind) = None;
    let network = source.network;
    if kind == FetchKind::Newer {
        live::polled(app, i, result.as_ref().err());
    }
    match result {
        Ok(page) if kind == FetchKind::Above => super::evict::above_loaded(app, i, page),
        Ok(mut page) => {
            super::cache::settle(app, i, &mut page);
            merge_page(app, i, kind, page)
        }
        Err(e) => {
            let needs_login = matches!(e, BackendError::Auth(_));
            let text = if needs_login {
                format!("{} · press L to log in again", e.user_message(network))
            } else {
                e.user_message(network)
            };
            let text = match &app.sources[i].feed {
                Some(feed) => format!("{}: {text}", feed.name),
                None => text,
            };
            app.sources[i].error = Some(text.clone());
            app.sources[i].needs_login = needs_login;
            toast(app, text, true);
            Vec::new()
        }
    }
}

fn pending_of(s: &super::Source, kind: FetchKind) -> Option<super::ReqId> {
    match kind {
        FetchKind::Newer => s.pending_newer,
        FetchKind::Older => s.pending_older,
        FetchKind::Above => s.pending_above,
    }
}

fn pending(s: &mut super::Source, kind: FetchKind) -> &mut Option<super::ReqId> {
    match kind {
        FetchKind::Newer => &mut s.pending_newer,
        FetchKind::Older => &mut s.pending_older,
        FetchKind::Above => &mut s.pending_above,
    }
}

fn merge_page(app: &mut App, i: usize, kind: FetchKind, page: Page<Post>) -> Vec<Effect> {
    let now = app.now;
    let source = &mut app.sources[i];
    source.error = None;
    source.needs_login = false;
    if kind == FetchKind::Newer {
        // "Last updated": when the source last said what is new (an older page is not news).
        source.last_refresh = Some(now);
    }
    let first_load = source.older.is_none() && source.newer.is_none();
    // Where the page came from, so its posts can be dropped and fetched again (see `evict`).
    let tag = PageTag {
        fetched_with: if kind == FetchKind::Older { source.older.clone() } else { None },
        next: page.older.clone(),
    };
    if page.newer.is_some() || source.newer.is_none() {
        source.newer = page.newer.clone().or(source.newer.take());
    }
    let key = source.key().into_owned();
    if kind == FetchKind::Older || first_load {
        source.older = page.older.clone();
        app.timeline.set_has_more(&key, page.older.is_some());
    }
    if kind == FetchKind::Older {
        super::read::older_page(app);
    }
    app.timeline.merge_page(&key, page.items, tag);
    nav::rebuild_keeping_view(app);
    super::evict::bound(app);
    let mut effects = nav::maybe_load_older(app);
    effects.extend(super::evict::maybe_load_above(app));
    effects
}
