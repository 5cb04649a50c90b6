//! Questions on the terminal: a visible line, or a hidden one for secrets (nothing is echoed).

use std::io::{IsTerminal, Write};

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;

/// Asks on stderr and reads one visible line from stdin.
pub fn line(question: &str) -> anyhow::Result<String> {
    anyhow::ensure!(std::io::stdin().is_terminal(), "no terminal to ask {question:?}: give it on stdin instead");
    eprint!("{question}");
    std::io::stderr().flush()?;
    let mut text = String::new();
    std::io::stdin().read_line(&mut text)?;
    Ok(text.trim().to_string())
}

/// Asks on stderr and reads a line without echoing it. Ctrl-C or Esc cancels.
pub fn hidden(question: &str) -> anyhow::Result<String> {
    anyhow::ensure!(std::io::stdin().is_terminal(), "no terminal to ask {question:?}: give it on stdin instead");
    eprint!("{question}");
    std::io::stderr().flush()?;
    terminal::enable_raw_mode()?;
    let typed = read_hidden();
    let restored = terminal::disable_raw_mode();
    eprintln!();
    restored?;
    let text = typed?;
    anyhow::ensure!(!text.is_empty(), "nothing was typed");
    Ok(text)
}

fn read_hidden() -> anyhow::Result<String> {
    let mut text = String::new();
    loop {
        let Event::Key(key) = event::read()? else { continue };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        match key.code {
            KeyCode::Enter => return Ok(text),
            KeyCode::Esc => anyhow::bail!("cancelled"),
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => anyhow::bail!("cancelled"),
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Char(c) => text.push(c),
            _ => {}
        }
    }
}
