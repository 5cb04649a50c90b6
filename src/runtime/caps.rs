//! What the terminal can do, decided once at start: image previews (config, SSH, the terminal's
//! name, then a query of the terminal before the key reader starts, since both read stdin) and
//! clickable links.

use crate::store::config::Switch;

/// What the environment says about the terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermEnv {
    /// `$TERM`.
    pub term: Option<String>,
    /// Over SSH (`SSH_CONNECTION` or `SSH_TTY` set).
    pub ssh: bool,
}

impl TermEnv {
    /// Read from the process environment.
    pub fn from_env() -> TermEnv {
        let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
        TermEnv { term: std::env::var("TERM").ok(), ssh: set("SSH_CONNECTION") || set("SSH_TTY") }
    }

    /// A terminal known to draw neither images nor links (or no name at all).
    fn plain(&self) -> bool {
        matches!(self.term.as_deref(), Some("dumb" | "linux") | None)
    }
}

/// Whether to try image previews: `on` always (when built with them), `auto` unless over SSH or on
/// a plain terminal, `off` never.
pub fn images_wanted(switch: Switch, env: &TermEnv) -> bool {
    cfg!(feature = "images")
        && match switch {
            Switch::On => true,
            Switch::Off => false,
            Switch::Auto => !env.ssh && !env.plain(),
        }
}

/// Whether links are made clickable: the switch on, and not on a plain terminal.
pub fn hyperlinks_wanted(on: bool, env: &TermEnv) -> bool {
    super::osc8::supported(on, env.term.as_deref())
}

/// Asks the terminal how it draws images (kitty, sixel, iTerm2) and its cell size in pixels; a
/// terminal that does not answer gets half-blocks. Call after entering the TUI and before the key
/// reader starts.
#[cfg(feature = "images")]
pub fn query(app: &mut crate::app::App) {
    use ratatui_image::picker::{Picker, cap_parser::QueryStdioOptions};
    if !app.images.enabled {
        return;
    }
    let options = QueryStdioOptions { timeout: std::time::Duration::from_millis(800), ..Default::default() };
    let picker = match Picker::from_query_stdio_with_options(options) {
        Ok(p) => p,
        Err(e) => {
            tracing::info!("the terminal did not say how it draws images ({e}): half-blocks");
            Picker::halfblocks()
        }
    };
    tracing::info!(protocol = ?picker.protocol_type(), font = ?picker.font_size(), "image previews");
    app.images.picker = Some(picker);
}

/// Without the `images` feature there is nothing to ask.
#[cfg(not(feature = "images"))]
pub fn query(_: &mut crate::app::App) {}
