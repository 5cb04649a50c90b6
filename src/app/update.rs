//! `update`: the one place the app's state changes. Pure: returns effects, never performs them.

use jiff::{SignedDuration, Timestamp};

use super::fetch::fetch_newest;
use super::{Action, App, Effect, Focus, Msg, Overlay, Toast, live, nav};
use crate::model::Network;

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
        Msg::FeedLoaded { req, source, kind, result } => super::fetch::feed_loaded(app, req, source, kind, result),
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
        Action::ToggleIncluded | Action::SetPosting | Action::TogglePane | Action::AddToPane | Action::Logout => {
            Vec::new()
        }
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
    let live: Vec<usize> = (0..app.sources.len()).filter(|&i| !app.idle(i)).collect();
    live.into_iter().flat_map(|i| fetch_newest(app, i)).collect()
}
