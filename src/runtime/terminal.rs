//! Terminal setup and restore: raw mode, alternate screen, mouse; restored on quit, error,
//! panic (ratatui's hook), SIGTERM and SIGHUP; Ctrl-Z suspends and resumes cleanly.

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use crate::app::{Action, Msg};

/// Enters the TUI: raw mode, alternate screen, mouse capture, and a panic hook that restores.
pub fn enter() -> anyhow::Result<DefaultTerminal> {
    let term = ratatui::try_init()?;
    execute!(std::io::stdout(), EnableMouseCapture)?;
    Ok(term)
}

/// Leaves the TUI and gives the terminal back as it was.
pub fn leave() -> anyhow::Result<()> {
    let mouse = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::try_restore()?;
    mouse?;
    Ok(())
}

/// Ctrl-Z: restore the terminal, stop the process, and take the terminal back on `fg`.
pub fn suspend(term: &mut DefaultTerminal) -> anyhow::Result<()> {
    leave()?;
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    resume(term)
}

/// Takes the terminal back after `leave` (a suspend, a login), keeping the same `Terminal`: making a
/// new one, or clearing it, would ask the terminal for the cursor position, an answer the key reader
/// thread may swallow (and murre then fails waiting for it).
pub fn resume(term: &mut DefaultTerminal) -> anyhow::Result<()> {
    use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
    enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        Clear(ClearType::All),
        crossterm::cursor::Hide
    )?;
    // `Terminal::clear` would read the cursor position; a blank "previous" buffer forces the same
    // full repaint on the next draw.
    term.swap_buffers();
    term.swap_buffers();
    Ok(())
}

/// SIGTERM and SIGHUP quit through the normal path, so the terminal is restored.
pub fn spawn_signals(tx: mpsc::UnboundedSender<Msg>) {
    use tokio::signal::unix::{SignalKind, signal};
    for kind in [SignalKind::terminate(), SignalKind::hangup()] {
        let tx = tx.clone();
        if let Ok(mut stream) = signal(kind) {
            tokio::spawn(async move {
                if stream.recv().await.is_some() {
                    let _ = tx.send(Msg::Action(Action::Quit));
                }
            });
        }
    }
}
