//! The detail pane: the selected post in full, wrapped to the pane's width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::doc::Doc;
use super::preview::Shown;
use super::{LinkSpot, Theme, relative};
use crate::app::{App, Focus, Place};
use crate::model::{Embed, MediaKind, Post, SpanStyle};
use crate::text::wrap_plain;

/// Draws the selected post; returns where its links are on screen (none under an overlay).
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> Vec<LinkSpot> {
    let border = if app.focus == Focus::Detail { theme.accent } else { theme.muted };
    let block = Block::default().borders(Borders::ALL).border_style(border).title(" Post ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (Some(place), Some(post)) = (app.selected_place(), app.selected_post()) else {
        frame.render_widget(Paragraph::new("No post selected.").style(theme.muted), inner);
        return Vec::new();
    };
    let cols = usize::from(inner.width.max(1));
    let mut doc = Doc::default();
    doc.extend(header(app, place, post, cols, theme));
    match &post.cw {
        Some(cw) if !app.is_revealed_at(place) => {
            doc.plain(&format!("CW: {cw}"), cols, theme.warn);
            doc.extend([Line::styled("(Space shows the post)", theme.muted)]);
        }
        cw => {
            if let Some(cw) = cw {
                doc.plain(&format!("CW: {cw}"), cols, theme.warn);
            }
            body(&mut doc, app, post, (cols, inner.height), theme);
        }
    }
    footer(&mut doc, post, cols, theme);
    doc.extend(viewer(app, post, cols, theme));
    let scroll = app.detail_scroll.min(u16::try_from(doc.lines.len().saturating_sub(1)).unwrap_or(u16::MAX));
    let Doc { lines, images, links } = doc;
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
    let covered = app.overlay.is_some() || app.compose.as_ref().is_some_and(|c| c.open);
    if covered {
        return Vec::new();
    }
    let max_rows = preview_rows(inner.height);
    for (line, rows, url) in images {
        if let Some(rect) = on_screen(inner, scroll, line, rows) {
            super::preview::draw(frame, app, &url, Rect { width: inner.width, ..rect }, max_rows);
        }
    }
    links
        .into_iter()
        .filter_map(|s| {
            let rect = on_screen(inner, scroll, s.line, 1)?;
            Some(LinkSpot {
                x: inner.x + s.col,
                y: rect.y,
                width: s.width.min(inner.width - s.col.min(inner.width)),
                url: s.url,
            })
        })
        .filter(|s| s.width > 0)
        .collect()
}

/// Rows of the pane for `rows` lines from line `line` of the content, when all of them show.
fn on_screen(inner: Rect, scroll: u16, line: usize, rows: u16) -> Option<Rect> {
    let first = u16::try_from(line).ok()?.checked_sub(scroll)?;
    (first.checked_add(rows)? <= inner.height).then(|| Rect::new(inner.x, inner.y + first, inner.width, rows))
}

/// The tallest a preview may be in a pane `height` rows high.
fn preview_rows(height: u16) -> u16 {
    (height / 2).clamp(4, super::preview::MAX_ROWS)
}

fn header(app: &App, place: Place, post: &Post, cols: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut spans = Vec::new();
    // A timeline row may group cross-posts; a view's row is one post.
    let (networks, also) = match place {
        Place::Timeline(slot) => (app.timeline.row_networks(slot), app.timeline.also(slot)),
        _ => (vec![post.network()], &[][..]),
    };
    for net in networks {
        spans.push(Span::styled(format!("{} ", net.title()), theme.network(net)));
    }
    spans.push(Span::styled(post.author.shown_name().to_string(), theme.text.add_modifier(Modifier::BOLD)));
    lines.push(Line::from(spans));
    let mut handles = vec![format!("@{}", post.author.handle)];
    handles.extend(also.iter().filter_map(|s| app.timeline.post(*s)).map(|p| format!("@{}", p.author.handle)));
    lines.extend(plain(
        &format!("{} · {}", handles.join(" · "), relative(post.created_at, app.now)),
        cols,
        theme.muted,
    ));
    if let Some(r) = &post.repost {
        lines.extend(plain(&format!("↻ boosted by {} (@{})", r.by.shown_name(), r.by.handle), cols, theme.muted));
    }
    if let Some(reply) = &post.reply_to {
        let to = reply.handle.as_deref().map_or("a post".to_string(), |h| format!("@{h}"));
        lines.extend(plain(&format!("↳ replying to {to}"), cols, theme.muted));
    }
    // A list's or feed's post says which one brought it.
    let feed = match place {
        Place::Timeline(slot) => app.source_of(app.timeline.origin(slot)).and_then(|i| app.sources[i].feed.as_ref()),
        _ => None,
    };
    let via = match feed {
        Some(f) => format!("via {} · {}", f.name, post.id.account),
        None => format!("via {}", post.id.account),
    };
    lines.extend(plain(&via, cols, theme.muted));
    lines.push(Line::default());
    lines
}

fn body(doc: &mut Doc, app: &App, post: &Post, (cols, height): (usize, u16), theme: &Theme) {
    for entry in &post.trail {
        doc.plain(&format!("{}:", entry.author.handle), cols, theme.muted);
        doc.rich(&entry.text, cols, None, theme);
        doc.extend([Line::default()]);
    }
    doc.rich(&post.text, cols, None, theme);
    let wanted = crate::app::images::wanted(post);
    for m in &post.media {
        let kind = match m.kind {
            MediaKind::Image => "image",
            MediaKind::Gif => "gif",
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
            MediaKind::Unknown => "attachment",
        };
        let alt = m.alt.as_deref().unwrap_or("no description");
        doc.plain(&format!("[{kind}] {alt}"), cols, theme.accent);
        let url = m.preview_url.as_deref().unwrap_or(&m.url);
        if !wanted.contains(&url) {
            continue;
        }
        let w = u16::try_from(cols).unwrap_or(u16::MAX);
        match super::preview::shown(app, url, w, preview_rows(height)) {
            Some(Shown::Rows(rows)) => doc.image(url, rows),
            Some(Shown::Note(note)) => doc.plain(&note, cols, theme.muted),
            None => {}
        }
    }
    if let Some(poll) = &post.poll {
        for o in &poll.options {
            let votes = o.votes.map_or(String::new(), |v| format!(" ({v})"));
            doc.plain(&format!("○ {}{votes}", o.title), cols, theme.text);
        }
        let state = if poll.expired { "poll closed" } else { "poll open" };
        doc.plain(&format!("{state} · {} votes", poll.votes.unwrap_or(0)), cols, theme.muted);
    }
    embed(doc, post.embed.as_ref(), cols, theme);
}

fn embed(doc: &mut Doc, embed: Option<&Embed>, cols: usize, theme: &Theme) {
    match embed {
        Some(Embed::Link(card)) => {
            doc.extend([Line::default()]);
            doc.plain(&format!("┌ {}", card.title), cols, theme.text.add_modifier(Modifier::BOLD));
            if !card.description.is_empty() {
                doc.plain(&format!("│ {}", card.description), cols, theme.muted);
            }
            doc.url("└ ", &card.url, cols, theme.link);
        }
        Some(Embed::Quote(q)) => {
            doc.extend([Line::default()]);
            doc.plain(&format!("┌ quoting {} (@{})", q.author.shown_name(), q.author.handle), cols, theme.muted);
            doc.rich(&q.text, cols, Some(Span::styled("│ ", theme.muted)), theme);
        }
        Some(Embed::Unavailable { reason }) => doc.plain(&format!("[{reason}]"), cols, theme.muted),
        None => {}
    }
}

fn footer(doc: &mut Doc, post: &Post, cols: usize, theme: &Theme) {
    doc.extend([Line::default()]);
    if !post.tags.is_empty() {
        let tags: Vec<String> = post.tags.iter().map(|t| format!("#{t}")).collect();
        doc.plain(&tags.join(" "), cols, theme.accent);
    }
    if !post.labels.is_empty() {
        doc.plain(&format!("labels: {}", post.labels.join(", ")), cols, theme.warn);
    }
    let c = post.counts;
    let n = |v: Option<u64>| v.map_or("-".to_string(), |v| v.to_string());
    let counts = format!("↩ {}  ↻ {}  ♥ {}", n(c.replies), n(c.reposts), n(c.likes));
    doc.plain(&counts, cols, theme.muted);
    if let Some(url) = &post.url {
        doc.url("", url, cols, theme.link);
    }
}

/// What the fetching account did to the post and whether it follows the author.
fn viewer(app: &App, post: &Post, cols: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if crate::app::deleting(app, post) {
        lines.extend(plain("deleting…", cols, theme.warn));
    }
    let v = &post.viewer;
    let boosted = match post.network() {
        crate::model::Network::Mastodon => "↻ boosted",
        crate::model::Network::Bluesky => "↻ reposted",
        crate::model::Network::Tumblr => "↻ reblogged",
    };
    let done: Vec<&str> = [(v.liked, "♥ liked"), (v.reposted, boosted), (v.bookmarked, "⚑ bookmarked")]
        .into_iter()
        .filter_map(|(on, label)| on.then_some(label))
        .collect();
    if !done.is_empty() {
        lines.extend(plain(&done.join(" · "), cols, theme.accent));
    }
    let who = &post.author.handle;
    match v.following {
        _ if post.by_fetching_account() => {}
        Some(true) => lines.extend(plain(&format!("following @{who}"), cols, theme.muted)),
        Some(false) => lines.extend(plain(&format!("not following @{who} (F follows)"), cols, theme.muted)),
        None => {}
    }
    lines
}

fn plain(text: &str, cols: usize, style: Style) -> Vec<Line<'static>> {
    wrap_plain(text, cols).into_iter().map(|l| Line::styled(l, style)).collect()
}

pub(super) fn piece_style(s: SpanStyle, link: bool, theme: &Theme) -> Style {
    let mut style = if link { theme.link } else { theme.text };
    if s.bold {
        style = style.add_modifier(Modifier::BOLD);
    }
    if s.italic {
        style = style.add_modifier(Modifier::ITALIC);
    }
    if s.strike {
        style = style.add_modifier(Modifier::CROSSED_OUT);
    }
    if s.code || s.small {
        style = style.add_modifier(Modifier::DIM);
    }
    style
}
