//! Questions on the terminal: a visible line, or a hidden one for secrets (nothing is echoed), and
//! lines read while other work waits (a pasted code while the browser may answer first).

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

/// Lines from stdin, read by a thread of its own: a read still blocked when the work is done never
/// keeps murre from exiting (a tokio blocking task would: the runtime waits for it at shutdown), and
/// every later question reads from here, so no typed line is lost to a reader nobody awaits.
pub struct StdinLines(tokio::sync::mpsc::UnboundedReceiver<String>);

impl StdinLines {
    /// Starts reading stdin. Use only after the last synchronous question (`line`, `hidden`).
    pub fn start() -> Self {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        std::thread::spawn(move || {
            let mut text = String::new();
            while matches!(std::io::stdin().read_line(&mut text), Ok(n) if n > 0) {
                if tx.send(text.trim().to_string()).is_err() {
                    return;
                }
                text.clear();
            }
        });
        StdinLines(rx)
    }

    /// The next line; `None` at the end of input.
    pub async fn next(&mut self) -> Option<String> {
        self.0.recv().await
    }

    /// The next line that is not blank; never resolves at the end of input, so other work can win.
    pub async fn next_filled(&mut self) -> String {
        while let Some(line) = self.next().await {
            if !line.is_empty() {
                return line;
            }
        }
        std::future::pending().await
    }

    /// Asks `question` on stderr and waits for the answer; empty at the end of input.
    pub async fn ask(&mut self, question: &str) -> String {
        eprint!("{question}");
        let _ = std::io::stderr().flush();
        self.next().await.unwrap_or_default()
    }
}
