//! The compose box: the content warning line, the text, and the target row with each account's
//! counter in its network's unit (red when over).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, centered};
use crate::app::compose::{Compose, Field};
use crate::model::{Network, Visibility};
use crate::text::truncate;

/// Draws the box over the panes.
pub fn draw(frame: &mut Frame, area: Rect, c: &Compose, theme: &Theme) {
    let rect = centered(area, area.width.saturating_sub(6).clamp(30, 100), area.height.saturating_sub(4).clamp(14, 24));
    frame.render_widget(Clear, rect);
    let title = match (&c.reply_to, &c.quote) {
        (Some((_, handle)), _) => format!(" Reply to @{} ", truncate(handle, 40)),
        (None, Some((_, handle))) => format!(" Quote @{} ", truncate(handle, 40)),
        (None, None) => " New post ".to_string(),
    };
    let outer = Block::default().borders(Borders::ALL).border_style(theme.accent).title(title);
    let inner = outer.inner(rect);
    frame.render_widget(outer, rect);
    let [cw, body, images, targets, notes, help] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let style = |field: Field| if c.field == field { theme.accent } else { theme.muted };
    let mut warning = c.warning.clone();
    warning.set_block(Block::default().borders(Borders::ALL).border_style(style(Field::Warning)).title(" CW "));
    frame.render_widget(&warning, cw);
    let mut text = c.body.clone();
    text.set_block(Block::default().borders(Borders::ALL).border_style(style(Field::Body)).title(" Text "));
    frame.render_widget(&text, body);
    let mut attach = c.attach.clone();
    let block = Block::default().borders(Borders::ALL).border_style(style(Field::Images)).title(image_title(c, theme));
    attach.set_block(block);
    frame.render_widget(&attach, images);
    frame.render_widget(Paragraph::new(target_row(c, theme)), targets);
    let notes_line = notes_line(c, usize::from(notes.width));
    frame.render_widget(Paragraph::new(Line::styled(notes_line, theme.muted)), notes);
    let keys = match c.field {
        Field::Images => "Enter attach / set alt · Ctrl-X drop last image · Tab next field · Ctrl-S send",
        Field::Targets => "Space pick target · v visibility · Tab next field · Ctrl-S send · Esc put away",
        _ => "Ctrl-S send · Ctrl-E editor · Ctrl-T thread · Tab next field · Esc put away · Ctrl-D discard",
    };
    frame.render_widget(Paragraph::new(Line::styled(truncate(keys, usize::from(help.width)), theme.muted)), help);
}

/// The image box's title: each image with whether it has alt text.
fn image_title(c: &Compose, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" Images ")];
    for (i, image) in c.images.iter().enumerate() {
        let described = !image.alt.trim().is_empty();
        let (mark, style) = if described { ("alt ✓", theme.muted) } else { ("no alt", theme.error) };
        let editing = if c.alt_for == Some(i) { "✎ " } else { "" };
        spans.push(Span::styled(format!("{editing}{} ", truncate(&image.name, 24)), theme.text));
        spans.push(Span::styled(format!("({mark}) "), style));
    }
    Line::from(spans)
}

/// Visibility and how the content warning reaches the networks without one (shown before sending).
fn notes_line(c: &Compose, cols: usize) -> String {
    let visibility = match c.visibility {
        Visibility::Public => "public",
        Visibility::Unlisted => "unlisted",
        Visibility::Private => "followers only",
        Visibility::Direct => "direct (mentioned people only)",
    };
    let mut note = format!("Mastodon: {visibility}");
    let others = c.targets.iter().any(|t| t.2 && t.1 != Network::Mastodon);
    // The warnings first: the line is cut at the box's width.
    if others && matches!(c.visibility, Visibility::Private | Visibility::Direct) {
        note.push_str(" · public on Bluesky/Tumblr!");
    }
    if others && !c.warning_text().trim().is_empty() {
        let bluesky = c.targets.iter().any(|t| t.2 && t.1 == Network::Bluesky);
        if bluesky && !c.images.is_empty() {
            note.push_str(" · Bluesky hides the images from readers with adult content off");
        }
        note.push_str(
            " · Bluesky/Tumblr get \"CW: …\" as the first line (Bluesky images labelled graphic-media, Tumblr tag cw)",
        );
    }
    truncate(&note, cols)
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
        let thread = if *on && c.split { c.pieces(account, *network) } else { 1 };
        if thread > 1 {
            spans.push(Span::styled(format!(" → thread of {thread}"), theme.accent));
        } else if let Some((_, count)) = counters.iter().find(|(a, _)| a == account) {
            let over = count.over() && *network != Network::Tumblr;
            let style = if over { theme.error } else { theme.muted };
            let bytes = count.bytes.filter(|(u, m)| u > m).map(|(u, m)| format!(" {u}/{m}B")).unwrap_or_default();
            spans.push(Span::styled(format!(" {}/{}{bytes}", count.used, count.limit), style));
        }
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
}
