//! The event loop: one task owns `App`; the terminal reader, a ticker, signals and effect tasks
//! send `Msg`s on one channel. Effects are executed here, never in `update`.

pub mod caps;
mod drafts;
mod driver;
mod editor;
mod effects;
pub mod images;
mod live;
mod login;
pub mod osc8;
mod terminal;
mod views;

pub use driver::Driver;
pub use effects::{Runtime, open_url};
pub use live::{Clock, LiveState};
pub use login::Home;

use std::time::Duration;

use crossterm::event::{Event, EventStream, KeyCode, KeyEventKind, KeyModifiers, MouseEventKind};
use futures_util::StreamExt;
use tokio::sync::mpsc;

use crate::app::{self, Action, App, Msg};

/// When the process started (`mark_start`), for the start-up figures in the log.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Notes the process start; call first thing in `main`.
pub fn mark_start() {
    let _ = STARTED.set(std::time::Instant::now());
}

/// Logs the first frame, and the first frame with a post in it, with their time since the start.
fn log_start(app: &App, framed: &mut (bool, bool)) {
    let ms = || STARTED.get().map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
    if !framed.0 {
        framed.0 = true;
        tracing::info!("first frame drawn {:.1} ms after start", ms());
    }
    if !framed.1 && !app.pane().rows.is_empty() {
        framed.1 = true;
        tracing::info!("first post on screen {:.1} ms after start", ms());
    }
}

/// Runs the TUI until the user quits or a signal asks to stop. The terminal is restored on every exit.
pub async fn run(mut app: App, rt: Runtime) -> anyhow::Result<()> {
    let mut term = terminal::enter()?;
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    live::spawn_ticker(tx.clone(), rt.clock);
    terminal::spawn_signals(tx.clone());
    let size = term.size()?;
    app.size = (size.width, size.height);
    // The first frame, then the terminal is asked how it draws images: before the key reader
    // starts, which would take the answer for keys.
    term.draw(|f| crate::ui::draw(f, &app, &rt.theme, &rt.keymap))?;
    caps::query(&mut app);
    let mut events = EventStream::new();
    // The home pages go first; the rest of the start (limits, unread counts, markers, streams) waits
    // for the first page or the first tick, so a server that answers one request at a time serves
    // the timeline before anything else.
    let (fetches, mut later): (Vec<_>, Vec<_>) =
        app::start(&mut app).into_iter().partition(|e| matches!(e, app::Effect::Fetch { .. }));
    for effect in fetches {
        rt.spawn(effect, tx.clone());
    }
    rt.report_outbox(tx.clone());
    let mut deferred = true;
    let started = std::time::Instant::now();
    let mut framed = (false, false);
    let result = loop {
        let mut links = Vec::new();
        match term.draw(|f| links = crate::ui::draw_with_links(f, &app, &rt.theme, &rt.keymap)) {
            Ok(frame) if app.hyperlinks => osc8::write(&links, frame.buffer),
            Ok(_) => {}
            Err(e) => break Err(e.into()),
        }
        log_start(&app, &mut framed);
        if app.quit {
            break Ok(());
        }
        let first = tokio::select! {
            Some(msg) = rx.recv() => Some(msg),
            Some(event) = events.next() => match event {
                Ok(Event::Key(k)) if is_suspend(&k) => {
                    terminal::suspend(&mut term)?;
                    None
                }
                Ok(e) => to_msg(&app, &rt, e),
                Err(e) => break Err(e.into()),
            },
        };
        let mut handover = None;
        for msg in first.into_iter().chain(std::iter::from_fn(|| rx.try_recv().ok())) {
            let waited = matches!(msg, Msg::Tick(_)) && started.elapsed() >= Duration::from_secs(1);
            if deferred && (matches!(msg, Msg::FeedLoaded { .. }) || waited) {
                deferred = false;
                for effect in later.drain(..) {
                    rt.spawn(effect, tx.clone());
                }
                rt.ask_rules(tx.clone());
            }
            handover = apply(&mut app, &rt, msg, &tx).or(handover);
        }
        if let Some(effect) = handover {
            // The login or the editor owns the terminal meanwhile: no key reader may steal its input.
            drop(events);
            terminal::leave()?;
            let msgs = match effect {
                app::Effect::Login { account } => {
                    let known = app.sources.iter().map(|s| s.account.clone()).collect();
                    match rt.login(account, known).await {
                        Ok(sources) => sources.into_iter().map(Msg::AccountReady).collect(),
                        Err(e) => vec![Msg::OpenFailed(e)],
                    }
                }
                app::Effect::Edit(text) => {
                    let edited = tokio::task::spawn_blocking(move || editor::edit(&text)).await;
                    vec![Msg::Edited(edited.unwrap_or_else(|e| Err(e.to_string())))]
                }
                _ => Vec::new(),
            };
            terminal::resume(&mut term)?;
            events = EventStream::new();
            for msg in msgs {
                let _ = tx.send(msg);
            }
        }
    };
    // Saved before the terminal is restored: after a hang-up the terminal is gone and restoring it
    // fails, but a draft never sent must still survive (the next start offers it again).
    let (text, cw) = app.compose.as_ref().map(|c| (c.text(), c.warning_text())).unwrap_or_default();
    let kept = rt.outbox.keep_unsent(&text, &cw);
    save_cache(&app, &rt);
    // The read position file is written at once; the servers' markers may take a moment more.
    let remembering = remember(&app, &rt);
    let left = terminal::leave();
    if let Err(e) = kept {
        eprintln!("murre: the unsent draft could not be kept: {e}\n{text}");
    }
    finish(remembering).await;
    left?;
    result
}

/// Keeps each source's newest posts for the next start's first frame (not in the demo).
fn save_cache(app: &App, rt: &Runtime) {
    let Some(home) = &rt.home else { return };
    let cache = crate::store::cache::TimelineCache::new(&home.dirs.cache);
    for source in app.accounts().filter(|s| !s.logged_out) {
        let slots = app.timeline.rows_of(&source.account.0, None);
        let posts: Vec<_> =
            slots.iter().filter_map(|&s| app.timeline.post(s)).take(crate::store::cache::KEEP).collect();
        if let Err(e) = cache.save(&source.account, &posts) {
            tracing::warn!(account = %source.account, "timeline cache not saved: {e}");
        }
    }
}

fn is_suspend(k: &crossterm::event::KeyEvent) -> bool {
    k.kind == KeyEventKind::Press && k.code == KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL)
}

/// Turns a terminal event into a message (keys through the keymap of the current mode).
fn to_msg(app: &App, rt: &Runtime, event: Event) -> Option<Msg> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            if matches!(app.mode(), crate::app::Mode::Compose | crate::app::Mode::Prompt) {
                return Some(Msg::Key(k));
            }
            if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
                return Some(Msg::Action(Action::Quit));
            }
            rt.keymap.resolve(app.mode(), &k).map(Msg::Action)
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Msg::Scroll(1)),
            MouseEventKind::ScrollUp => Some(Msg::Scroll(-1)),
            _ => None,
        },
        Event::Resize(width, height) => Some(Msg::Resize { width, height }),
        _ => None,
    }
}

/// Applies one message and starts its effects; returns the one that needs the terminal (a login,
/// the editor), if any, for the caller to run.
fn apply(app: &mut App, rt: &Runtime, msg: Msg, tx: &mpsc::UnboundedSender<Msg>) -> Option<app::Effect> {
    let mut handover = None;
    for effect in app::update(app, msg) {
        match effect {
            app::Effect::Login { .. } | app::Effect::Edit(_) => handover = Some(effect),
            other => rt.spawn(other, tx.clone()),
        }
    }
    handover
}

/// At quit: starts remembering where the reader is (the file at once, then the servers' markers).
fn remember(app: &App, rt: &Runtime) -> Option<tokio::task::JoinHandle<()>> {
    app::read::position(app).map(|position| rt.save_read_position(position))
}

/// Waits (a few seconds at most) for what `remember` started.
async fn finish(remembering: Option<tokio::task::JoinHandle<()>>) {
    if let Some(task) = remembering {
        let _ = tokio::time::timeout(Duration::from_secs(3), task).await;
    }
}
