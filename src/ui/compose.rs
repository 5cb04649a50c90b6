//! The compose box: the content warning line, the text, and the target row with each account's
//! counter in its network's unit (red when over).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, centered};
use crate::app::compose::{Compose, Field};
use crate::text::truncate;

/// Draws the box over the panes.
pub fn draw(frame: &mut Frame, area: Rect, c: &Compose, theme: &Theme) {
    let rect = centered(area, area.width.saturating_sub(6).clamp(30, 100), area.height.saturating_sub(4).clamp(10, 20));
    frame.render_widget(Clear, rect);
    let title = match &c.reply_to {
        Some((_, handle)) => format!(" Reply to @{} ", truncate(handle, 40)),
        None => " New post ".to_string(),
    };
    let outer = Block::default().borders(Borders::ALL).border_style(theme.accent).title(title);
    let inner = outer.inner(rect);
    frame.render_widget(outer, rect);
    let [cw, body, targets, help] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(3), Constraint::Length(1), Constraint::Length(1)])
            .areas(inner);
    let style = |field: Field| if c.field == field { theme.accent } else { theme.muted };
    let mut warning = c.warning.clone();
    warning.set_block(Block::default().borders(Borders::ALL).border_style(style(Field::Warning)).title(" CW "));
    frame.render_widget(&warning, cw);
    let mut text = c.body.clone();
    text.set_block(Block::default().borders(Borders::ALL).border_style(style(Field::Body)).title(" Text "));
    frame.render_widget(&text, body);
    frame.render_widget(Paragraph::new(target_row(c, theme)), targets);
    let keys = "Ctrl-S send · Tab next field · Space picks a target · Esc put away · Ctrl-D discard";
    frame.render_widget(Paragraph::new(Line::styled(truncate(keys, usize::from(help.width)), theme.muted)), help);
}

fn target_row(c: &Compose, theme: &Theme) -> Line<'static> {
    let counters = c.counters();
    let mut spans = vec![Span::styled("To: ", theme.muted)];
    for (i, (account, network, on)) in c.targets.iter().enumerate() {
        let under_cursor = c.field == Field::Targets && i == c.cursor;
        let mark = if *on { "[x]" } else { "[ ]" };
        let label_style = if under_cursor { theme.selection } else { theme.text };
        spans.push(Span::styled(format!("{mark} "), label_style));
        spans.push(Span::styled(format!("{} ", network.badge()), theme.network(*network)));
        spans.push(Span::styled(account.handle().to_string(), label_style));
        if let Some((_, count)) = counters.iter().find(|(a, _)| a == account) {
            let over = count.over() && *network != crate::model::Network::Tumblr;
            let style = if over { theme.error } else { theme.muted };
            let bytes = count.bytes.filter(|(u, m)| u > m).map(|(u, m)| format!(" {u}/{m}B")).unwrap_or_default();
            spans.push(Span::styled(format!(" {}/{}{bytes}", count.used, count.limit), style));
        }
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
}
