//! Pieces of rows shared by the views: a post's head line (badge, name, handle, marks, time), its
//! text cut to a few lines, and a two-line post row like the timeline's.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::views::View;
use crate::app::{App, Place};
use crate::model::{MediaKind, Post, RichText};
use crate::text::{truncate, width, wrap_plain, wrap_rich};
use crate::ui::{Theme, relative};

/// The head line of `post` in `cols` columns, after `lead` (guides, markers).
pub fn head(app: &App, lead: Vec<Span<'static>>, post: &Post, cols: usize, theme: &Theme) -> Line<'static> {
    let mut spans = lead;
    spans.push(Span::styled(format!("{} ", post.network().badge()), theme.network(post.network())));
    let who = match &post.repost {
        Some(r) => format!("{} ↻ {}", r.by.shown_name(), post.author.shown_name()),
        None => post.author.shown_name().to_string(),
    };
    let time = relative(post.feed_time(), app.now);
    let marks = crate::ui::timeline::marks(app, post, theme);
    let used = spans.iter().chain(&marks).map(|s| width(&s.content)).sum::<usize>() + width(&time) + 1;
    let name = truncate(&who, cols.saturating_sub(used + 1));
    let handle = truncate(&format!(" @{}", post.author.handle), cols.saturating_sub(used + width(&name)));
    let pad = cols.saturating_sub(used + width(&name) + width(&handle));
    spans.push(Span::styled(name, theme.text.add_modifier(Modifier::BOLD)));
    spans.push(Span::styled(handle, theme.muted));
    spans.push(Span::raw(" ".repeat(pad + 1)));
    spans.extend(marks);
    spans.push(Span::styled(time, theme.muted));
    Line::from(spans)
}

/// The post's text in at most `max` lines of `cols` columns (the last one ends in `…` when cut);
/// a content warning not opened shows instead of the text.
pub fn text_lines(post: &Post, revealed: bool, cols: usize, max: usize, theme: &Theme) -> Vec<(String, Style)> {
    if let Some(cw) = post.cw.as_ref().filter(|_| !revealed) {
        return cut(wrap_plain(&format!("CW: {cw}"), cols), cols, max).into_iter().map(|l| (l, theme.warn)).collect();
    }
    if post.text.is_empty() {
        return vec![(truncate(&fallback(post), cols), theme.muted)];
    }
    rich_lines(&post.text, cols, max).into_iter().map(|l| (l, theme.text)).collect()
}

/// The post's first line of text cut to `cols` (as the timeline previews it), or its warning.
pub fn one_line(post: &Post, revealed: bool, cols: usize, theme: &Theme) -> (String, Style) {
    if let Some(cw) = post.cw.as_ref().filter(|_| !revealed) {
        return (truncate(&format!("CW: {cw}"), cols), theme.warn);
    }
    let plain = post.text.to_plain();
    match plain.split('\n').map(str::trim).find(|l| !l.is_empty()) {
        Some(line) => (truncate(line, cols), theme.text),
        None => (truncate(&fallback(post), cols), theme.muted),
    }
}

/// Rich text as plain lines, at most `max`, blank lines left out.
pub fn rich_lines(text: &RichText, cols: usize, max: usize) -> Vec<String> {
    let lines: Vec<String> = wrap_rich(text, cols)
        .into_iter()
        .map(|l| l.pieces.into_iter().map(|p| p.text).collect::<String>())
        .filter(|l| !l.trim().is_empty())
        .collect();
    cut(lines, cols, max)
}

fn cut(mut lines: Vec<String>, cols: usize, max: usize) -> Vec<String> {
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            *last = truncate(&format!("{last}…"), cols);
        }
    }
    lines
}

/// What an empty post shows: its media, or where it was reblogged from.
fn fallback(post: &Post) -> String {
    if let Some(m) = post.media.first() {
        let kind = if m.kind == MediaKind::Image { "image" } else { "media" };
        return format!("[{kind}: {}]", m.alt.as_deref().unwrap_or("no description"));
    }
    if let Some(t) = post.trail.last() {
        return format!("reblogged from {}", t.author.handle);
    }
    "(no text)".to_string()
}

/// A two-line row for the post in `row` of `view` (profile posts).
pub fn post_row(app: &App, view: &View, row: usize, cols: u16, theme: &Theme) -> Vec<Line<'static>> {
    let Some(post) = view.post(row) else { return Vec::new() };
    let cols = usize::from(cols);
    let revealed = app.is_revealed_at(Place::View { view: view.id, row });
    let marker = if post.reply_to.is_some() { "↳ " } else { "  " };
    let (line, style) = one_line(post, revealed, cols.saturating_sub(2), theme);
    vec![
        head(app, Vec::new(), post, cols, theme),
        Line::from(vec![Span::styled(marker, theme.muted), Span::styled(line, style)]),
    ]
}
