//! The outbox overlay: each waiting draft (its start, when it was written) and every target's state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, centered, relative};
use crate::app::App;
use crate::store::outbox::{Draft, State};
use crate::text::{sanitize_line, truncate};

/// Draws the outbox over the panes.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, selected: usize, confirm: bool, theme: &Theme) {
    let targets: usize = app.outbox.iter().map(|d| d.targets.len() + 1).sum();
    let rect =
        centered(area, area.width.saturating_sub(8).clamp(24, 100), u16::try_from(targets + 5).unwrap_or(u16::MAX));
    let cols = usize::from(rect.width.saturating_sub(2));
    let mut lines = Vec::new();
    for (i, draft) in app.outbox.iter().enumerate() {
        lines.push(head(draft, i == selected, app, cols, theme));
        for t in &draft.targets {
            let (mark, why, style) = match &t.state {
                State::Sent { url } => ("✓ sent", url.clone().unwrap_or_default(), theme.muted),
                State::Attempted => ("? not confirmed", "r looks for it first, then sends".to_string(), theme.warn),
                State::Failed { error } => ("✗ refused", error.clone(), theme.error),
                State::Pending => ("· waiting", String::new(), theme.muted),
            };
            let text = format!("    {mark:<16} {}  {}", t.account, sanitize_line(&why));
            lines.push(Line::styled(truncate(&text, cols), style));
        }
    }
    lines.push(Line::raw(""));
    let help = if confirm {
        Line::styled("Press X again to discard this draft for good; any other key keeps it.", theme.error)
    } else {
        Line::styled("r: send again where it is missing · X: discard · Esc: close", theme.muted)
    };
    lines.push(help);
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).border_style(theme.accent).title(" Outbox ");
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

fn head(draft: &Draft, selected: bool, app: &App, cols: usize, theme: &Theme) -> Line<'static> {
    let pointer = if selected { "› " } else { "  " };
    let images = match draft.images.len() {
        0 => String::new(),
        n => format!(" [{n} image(s)]"),
    };
    let when = relative(draft.created, app.now);
    let first = draft.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("(no text)");
    let budget = cols.saturating_sub(when.len() + images.len() + 6);
    let style = if selected { theme.selection } else { theme.text };
    Line::from(vec![
        Span::styled(format!("{pointer}{}", truncate(&sanitize_line(first), budget)), style),
        Span::styled(format!("{images}  {when}"), theme.muted),
    ])
}
