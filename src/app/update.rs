//! `update`: the one place the app's state changes. Pure: returns effects, never performs them.

use jiff::{SignedDuration, Timestamp};

use super::{Action, App, Effect, FetchKind, Focus, Msg, Overlay, Toast, live, nav};
use crate::backend::{BackendError, Cursor, Page};
use crate::model::{Network, PageTag, Post};

/// How long a toast stays.
const TOAST_SECS: i64 = 6;

/// Applies `msg` to `app` and returns the work to do.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut effects = dispatch(app, msg);
    effects.extend(super::read::advance(app));
    nav::follow(app);
    super::views::follow(app);
    effects.extend(super::images::follow(app));
    effects
}

fn dispatch(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Action(action) => act(app, action),
        Msg::Tick(now) => tick(app, now),
        Msg::Resize { width, height } => {
            app.size = (width, height);
            nav::clamp(app);
            Vec::new()
        }
        Msg::Scroll(lines) => {
            app.confirm = None;
            super::read::moved(app);
            nav::scroll(app, lines)
        }
        Msg::FeedLoaded { req, source, kind, result } => feed_loaded(app, req, source, kind, result),
        Msg::AccountReady(source) => super::accounts::ready(app, source),
        Msg::LoggedOut(account) => super::accounts::logged_out(app, &account),
        Msg::Key(key) if app.mode() == super::Mode::Prompt => super::views::search::key(app, key),
        Msg::Key(key) => super::compose::key(app, key),
        Msg::Published(outcomes) => published(app, &outcomes),
        Msg::Rules { account, rules } => {
            if let Some(s) = app.sources.iter_mut().find(|s| s.account == account) {
                s.rules = Some(rules);
            }
            if let Some(c) = app.compose.as_mut() {
                c.rules.retain(|(a, _)| *a != account);
                c.rules.push((account, rules));
            }
            Vec::new()
        }
        Msg::Progress(o) => {
            match &o.error {
                None => toast(app, format!("✓ {} {}", o.account, o.url.as_deref().unwrap_or("")), false),
                Some(e) => toast(app, format!("✗ {}: {e}", o.account), true),
            }
            Vec::new()
        }
        Msg::ImageLoaded(result) => super::compose::image_loaded(app, result),
        Msg::Edited(result) => super::compose::edited(app, result),
        Msg::Outbox(drafts) => super::outbox::loaded(app, drafts),
        Msg::PublishFailed { request, error } => {
            super::compose::restore(app, &request.text, &request.cw, request.images);
            toast(app, format!("nothing was sent, the draft is back in the compose box (c): {error}"), true);
            Vec::new()
        }
        Msg::OpenFailed(text) => {
            toast(app, text, true);
            Vec::new()
        }
        Msg::Interacted { req, outcome } => super::interact::done(app, req, Ok(outcome)),
        Msg::InteractFailed { req, error } => super::interact::done(app, req, Err(error)),
        Msg::FollowingChecked { req, result } => super::interact::checked(app, req, result),
        Msg::View(answer) => super::views::answered(app, answer),
        Msg::StreamOpened { req, source } => live::opened(app, req, source),
        Msg::StreamEvent { req, source, event } => live::event(app, req, source, event),
        Msg::StreamClosed { req, source, end } => live::closed(app, req, source, &end),
        Msg::Remembered(remembered) => super::read::remembered(app, remembered),
        Msg::ImageFetched { req, url, result } => super::images::fetched(app, req, &url, result),
    }
}

/// Fetches the newest page of every source, opens the streams and asks where the reader stopped:
/// the first thing the app does.
pub fn start(app: &mut App) -> Vec<Effect> {
    let mut effects = refresh(app);
    effects.extend(super::views::fetch_unread(app));
    effects.extend(live::start(app));
    effects.extend(super::read::start(app));
    effects
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    if app.confirm.is_some() {
        return super::interact::answer(app, action);
    }
    if let Some(Overlay::Links { .. }) = app.overlay {
        return nav::links_action(app, action);
    }
    if let Some(Overlay::Accounts { .. }) = app.overlay {
        return super::accounts::action(app, action);
    }
    if let Some(Overlay::Outbox { .. }) = app.overlay {
        return super::outbox::action(app, action);
    }
    if let Some(Overlay::Feeds(_)) = app.overlay {
        return super::views::picker::action(app, action);
    }
    if let Some(effects) = super::views::act(app, action) {
        return effects;
    }
    if is_move(action) {
        super::read::moved(app);
    }
    match action {
        Action::Quit => {
            app.quit = true;
            Vec::new()
        }
        Action::SelectNext => nav::move_by(app, 1),
        Action::SelectPrev => nav::move_by(app, -1),
        Action::SelectFirst => nav::move_to(app, 0),
        Action::SelectLast => nav::move_to(app, usize::MAX),
        Action::PageDown => nav::move_pages(app, 1, 1),
        Action::PageUp => nav::move_pages(app, -1, 1),
        Action::HalfPageDown => nav::move_pages(app, 1, 2),
        Action::HalfPageUp => nav::move_pages(app, -1, 2),
        Action::Open => open(app),
        Action::Back => back(app),
        Action::ToggleCw => toggle_cw(app),
        Action::OpenLink => nav::open_links(app),
        Action::CopyUrl => nav::copy_url(app),
        Action::Refresh => {
            let mut effects = refresh(app);
            effects.extend(super::views::fetch_unread(app));
            effects
        }
        Action::FilterMastodon => filter(app, Some(Network::Mastodon)),
        Action::FilterBluesky => filter(app, Some(Network::Bluesky)),
        Action::FilterTumblr => filter(app, Some(Network::Tumblr)),
        Action::FilterAll => filter(app, None),
        Action::FocusNext => switch_focus(app, true),
        Action::FocusPrev => switch_focus(app, false),
        Action::Accounts => super::accounts::open(app),
        Action::ToggleIncluded | Action::SetPosting | Action::TogglePane | Action::Logout => Vec::new(),
        Action::RetryDraft | Action::DiscardDraft => Vec::new(),
        Action::Compose => super::compose::open(app),
        Action::Reply => super::compose::reply(app),
        Action::Quote => super::compose::quote(app),
        Action::Outbox => super::outbox::open(app),
        Action::Login => {
            let account = app.sources.iter().find(|s| s.needs_login).map(|s| s.account.clone());
            vec![Effect::Login { account }]
        }
        Action::AddAccount => vec![Effect::Login { account: None }],
        Action::OpenImage => super::images::open(app),
        Action::Like | Action::Boost | Action::Bookmark | Action::Delete | Action::Follow => {
            super::interact::start(app, action)
        }
        // Handled by `views::act` above.
        Action::OpenThread
        | Action::Notifications
        | Action::Profile
        | Action::Search
        | Action::Hashtag
        | Action::Feeds => Vec::new(),
        Action::ToggleHelp => {
            app.overlay = if app.overlay == Some(Overlay::Help) { None } else { Some(Overlay::Help) };
            Vec::new()
        }
    }
}

/// Whether `action` moves through the timeline (the reader takes over from the start).
fn is_move(action: Action) -> bool {
    use Action::*;
    matches!(action, SelectNext | SelectPrev | SelectFirst | SelectLast | PageDown | PageUp | HalfPageDown | HalfPageUp)
}

fn tick(app: &mut App, now: Timestamp) -> Vec<Effect> {
    app.now = now;
    app.toasts.retain(|t| t.until > now);
    let mut effects = live::tick(app);
    effects.extend(super::read::tick(app));
    effects
}

/// A publish finished: say how it went, and load what is new (the post itself among it).
fn published(app: &mut App, outcomes: &[crate::publish::Outcome]) -> Vec<Effect> {
    let ok = outcomes.iter().filter(|o| o.error.is_none()).count();
    let failed: Vec<String> =
        outcomes.iter().filter_map(|o| o.error.as_ref().map(|e| format!("{}: {e}", o.account))).collect();
    for note in outcomes.iter().flat_map(|o| o.notes.iter().map(move |n| format!("{}: {n}", o.account))) {
        toast(app, note, true);
    }
    if failed.is_empty() {
        toast(app, format!("posted to {ok} account(s)"), false);
    } else {
        toast(app, format!("posted to {ok} of {}; {} (kept in the outbox)", outcomes.len(), failed.join("; ")), true);
    }
    refresh(app)
}

/// Shows a message in the status bar for a few seconds.
pub(super) fn toast(app: &mut App, text: String, error: bool) {
    let until = app.now.checked_add(SignedDuration::from_secs(TOAST_SECS)).unwrap_or(app.now);
    app.toasts.push(Toast { text, error, until });
}

/// Enter: the selected post in the detail pane; in the detail pane, the post's thread.
fn open(app: &mut App) -> Vec<Effect> {
    if app.focus == Focus::Detail {
        return super::views::open_thread(app);
    }
    if app.selected_place().is_some() {
        app.focus = Focus::Detail;
        app.detail_scroll = 0;
    }
    Vec::new()
}

fn back(app: &mut App) -> Vec<Effect> {
    if app.overlay.is_some() {
        app.overlay = None;
    } else {
        app.focus = Focus::Timeline;
    }
    Vec::new()
}

/// Tab: through the list panes in order, then the detail pane; Shift-Tab the other way.
fn switch_focus(app: &mut App, forward: bool) -> Vec<Effect> {
    let last = app.panes.len().saturating_sub(1);
    let detail_ok = app.selected_slot().is_some();
    (app.focus, app.pane) = match (app.focus, forward) {
        (Focus::Timeline, true) if app.pane < last => (Focus::Timeline, app.pane + 1),
        (Focus::Timeline, true) if detail_ok => (Focus::Detail, app.pane),
        (Focus::Timeline, true) => (Focus::Timeline, 0),
        (Focus::Timeline, false) if app.pane > 0 => (Focus::Timeline, app.pane - 1),
        (Focus::Timeline, false) if detail_ok => (Focus::Detail, app.pane),
        (Focus::Timeline, false) => (Focus::Timeline, last),
        (Focus::Detail, true) => (Focus::Timeline, 0),
        (Focus::Detail, false) => (Focus::Timeline, last),
    };
    Vec::new()
}

fn toggle_cw(app: &mut App) -> Vec<Effect> {
    if let Some(slot) = app.selected_slot()
        && !app.revealed.remove(&slot)
    {
        app.revealed.insert(slot);
    }
    Vec::new()
}

fn filter(app: &mut App, network: Option<Network>) -> Vec<Effect> {
    app.pane_mut().filter = network;
    // Other rows now: which of them are new is no longer known.
    app.pane_mut().fresh = 0;
    nav::rebuild_rows(app);
    Vec::new()
}

fn refresh(app: &mut App) -> Vec<Effect> {
    (0..app.sources.len()).flat_map(|i| fetch_newest(app, i)).collect()
}

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
    let Some(i) = app.sources.iter().position(|s| s.key() == key) else { return Vec::new() };
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

fn feed_loaded(
    app: &mut App,
    req: super::ReqId,
    i: usize,
    kind: FetchKind,
    result: Result<Page<Post>, BackendError>,
) -> Vec<Effect> {
    // The source is found by its request: a login may have put an account before the lists since.
    let Some(i) = std::iter::once(i)
        .chain(0..app.sources.len())
        .find(|&j| app.sources.get_mut(j).is_some_and(|s| *pending(s, kind) == Some(req)))
    else {
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
