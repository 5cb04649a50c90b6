//! The event loop without a terminal: messages in, `update`, effects out, exactly as `run` does
//! between two frames. Integration tests drive the app with it (on a paused tokio clock, hours of
//! polling take milliseconds); nothing here draws or reads keys.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::{Instant, timeout_at};

use super::{Runtime, apply, finish, live, remember};
use crate::app::{self, App, Msg};

/// A headless app and its runtime.
pub struct Driver {
    pub app: App,
    pub rt: Runtime,
    tx: mpsc::UnboundedSender<Msg>,
    rx: mpsc::UnboundedReceiver<Msg>,
}

impl Driver {
    /// Starts the ticker and the app's first effects.
    pub fn start(mut app: App, rt: Runtime) -> Driver {
        let (tx, rx) = mpsc::unbounded_channel();
        live::spawn_ticker(tx.clone(), rt.clock);
        for effect in app::start(&mut app) {
            rt.spawn(effect, tx.clone());
        }
        Driver { app, rt, tx, rx }
    }

    /// Applies `msg` as if it had arrived (a key, say); effects that need a terminal are dropped.
    pub fn send(&mut self, msg: Msg) {
        let _ = apply(&mut self.app, &self.rt, msg, &self.tx);
    }

    /// Runs for `span` of (tokio) time.
    pub async fn run_for(&mut self, span: Duration) {
        let end = Instant::now() + span;
        while let Ok(Some(msg)) = timeout_at(end, self.rx.recv()).await {
            self.send(msg);
        }
    }

    /// Runs until `done` holds (checked after every message) or `limit` passes; true if it held.
    pub async fn run_until(&mut self, limit: Duration, done: impl Fn(&App) -> bool) -> bool {
        let end = Instant::now() + limit;
        while !done(&self.app) {
            match timeout_at(end, self.rx.recv()).await {
                Ok(Some(msg)) => self.send(msg),
                _ => return false,
            }
        }
        true
    }

    /// Quits as `run` does: remembers the read position.
    pub async fn quit(mut self) -> App {
        self.send(Msg::Action(app::Action::Quit));
        finish(remember(&self.app, &self.rt)).await;
        self.app
    }
}
