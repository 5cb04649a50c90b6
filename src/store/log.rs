//! Logs go to a file in the state dir, never to the terminal (the TUI owns it).

use std::path::Path;
use std::sync::Mutex;

/// Starts logging to `STATE/murre.log`; without a writable state dir, logging is off.
pub fn init(state_dir: &Path) -> Option<()> {
    std::fs::create_dir_all(state_dir).ok()?;
    let file = std::fs::OpenOptions::new().create(true).append(true).open(state_dir.join("murre.log")).ok()?;
    let level = if std::env::var_os("MURRE_DEBUG").is_some() { tracing::Level::DEBUG } else { tracing::Level::INFO };
    tracing_subscriber::fmt().with_writer(Mutex::new(file)).with_ansi(false).with_max_level(level).try_init().ok()
}
