//! Clickable links (OSC 8). ratatui's cells cannot carry a hyperlink, so after a frame is drawn the
//! runtime writes each link of the detail pane again at the same cells, with the same text and
//! style, between `ESC ] 8 ; ; URL ESC \` and `ESC ] 8 ; ; ESC \`. The address is the link's parsed
//! target (what the link picker shows), never text from a post, and one with anything but
//! printable ASCII in it is refused, not cleaned.

use std::io::Write;

use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Buffer;
use ratatui::crossterm::{cursor::MoveTo, queue, style};

use crate::ui::LinkSpot;

/// Longest address made clickable.
const MAX_URL: usize = 2048;

/// Whether links may be made clickable on a terminal named `term` with the config switch `on`.
pub fn supported(on: bool, term: Option<&str>) -> bool {
    on && !matches!(term, Some("dumb" | "linux") | None)
}

/// The address as it goes into the sequence, or `None` when it is refused: not `http(s)://`, too
/// long, or holding anything but printable ASCII (a control character, ESC, BEL, a space).
pub fn safe_target(url: &str) -> Option<&str> {
    let printable = url.bytes().all(|b| (0x21..=0x7e).contains(&b));
    let web = url.starts_with("https://") || url.starts_with("http://");
    (printable && web && url.len() <= MAX_URL).then_some(url)
}

/// `text` as a link to `url`: exactly `ESC ] 8 ; ; URL ESC \` `text` `ESC ] 8 ; ; ESC \`; `None`
/// when the address is refused.
pub fn sequence(url: &str, text: &str) -> Option<String> {
    let url = safe_target(url)?;
    Some(format!("\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\"))
}

/// The bytes that make each spot of `buffer` a link: the cursor moved there, the link opened, the
/// cells written again as drawn (symbol and style), the link closed. Refused addresses are skipped.
pub fn render(spots: &[LinkSpot], buffer: &Buffer) -> Vec<u8> {
    let mut out = Vec::new();
    for spot in spots {
        let Some(url) = safe_target(&spot.url) else { continue };
        let _ = queue!(out, MoveTo(spot.x, spot.y));
        let _ = write!(out, "\x1b]8;;{url}\x1b\\");
        cells(&mut out, spot, buffer);
        let _ = write!(out, "\x1b]8;;\x1b\\");
    }
    if !out.is_empty() {
        let _ = queue!(out, style::SetAttribute(style::Attribute::Reset), style::ResetColor);
    }
    out
}

/// The cells of `spot` as drawn: each symbol in its style; the cell after a wide one is skipped,
/// as the terminal fills it.
fn cells(out: &mut Vec<u8>, spot: &LinkSpot, buffer: &Buffer) {
    let mut skip = 0usize;
    let mut last = None;
    for x in spot.x..spot.x.saturating_add(spot.width) {
        let Some(cell) = buffer.cell((x, spot.y)) else { break };
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let symbol = cell.symbol();
        // The buffer holds no control characters (ratatui drops them), and post text was sanitized.
        if symbol.chars().any(char::is_control) {
            continue;
        }
        if last != Some(cell.style()) {
            let _ = queue!(
                out,
                style::SetAttribute(style::Attribute::Reset),
                style::SetStyle(cell.style().into_crossterm())
            );
            last = Some(cell.style());
        }
        let _ = out.write_all(symbol.as_bytes());
        skip = crate::text::width(symbol).saturating_sub(1);
    }
}

/// Writes the links of the last frame to the terminal.
pub fn write(spots: &[LinkSpot], buffer: &Buffer) {
    let bytes = render(spots, buffer);
    if bytes.is_empty() {
        return;
    }
    let mut stdout = std::io::stdout();
    let _ = stdout.write_all(&bytes);
    let _ = stdout.flush();
}
