//! The detail pane: the selected post in full, wrapped to the pane's width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Theme, relative};
use crate::app::{App, Focus, Place};
use crate::model::{Embed, MediaKind, Post, RichText, SpanStyle};
use crate::text::{wrap_plain, wrap_rich};

/// Draws the selected post.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let border = if app.focus == Focus::Detail { theme.accent } else { theme.muted };
    let block = Block::default().borders(Borders::ALL).border_style(border).title(" Post ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (Some(place), Some(post)) = (app.selected_place(), app.selected_post()) else {
        frame.render_widget(Paragraph::new("No post selected.").style(theme.muted), inner);
        return;
    };
    let cols = usize::from(inner.width.max(1));
    let mut lines = header(app, place, post, cols, theme);
    match &post.cw {
        Some(cw) if !app.is_revealed_at(place) => {
            lines.extend(plain(&format!("CW: {cw}"), cols, theme.warn));
            lines.push(Line::styled("(Space shows the post)", theme.muted));
        }
        cw => {
            if let Some(cw) = cw {
                lines.extend(plain(&format!("CW: {cw}"), cols, theme.warn));
            }
            lines.extend(body(post, cols, theme));
        }
    }
    lines.extend(footer(post, cols, theme));
    lines.extend(viewer(app, post, cols, theme));
    let scroll = app.detail_scroll.min(u16::try_from(lines.len().saturating_sub(1)).unwrap_or(u16::MAX));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
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
    lines.extend(plain(&format!("via {}", post.id.account), cols, theme.muted));
    lines.push(Line::default());
    lines
}

fn body(post: &Post, cols: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for entry in &post.trail {
        lines.extend(plain(&format!("{}:", entry.author.handle), cols, theme.muted));
        lines.extend(rich(&entry.text, cols, theme));
        lines.push(Line::default());
    }
    lines.extend(rich(&post.text, cols, theme));
    for m in &post.media {
        let kind = match m.kind {
            MediaKind::Image => "image",
            MediaKind::Gif => "gif",
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
            MediaKind::Unknown => "attachment",
        };
        let alt = m.alt.as_deref().unwrap_or("no description");
        lines.extend(plain(&format!("[{kind}] {alt}"), cols, theme.accent));
    }
    if let Some(poll) = &post.poll {
        for o in &poll.options {
            let votes = o.votes.map_or(String::new(), |v| format!(" ({v})"));
            lines.extend(plain(&format!("○ {}{votes}", o.title), cols, theme.text));
        }
        let state = if poll.expired { "poll closed" } else { "poll open" };
        lines.extend(plain(&format!("{state} · {} votes", poll.votes.unwrap_or(0)), cols, theme.muted));
    }
    lines.extend(embed(post.embed.as_ref(), cols, theme));
    lines
}

fn embed(embed: Option<&Embed>, cols: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    match embed {
        Some(Embed::Link(card)) => {
            lines.push(Line::default());
            lines.extend(plain(&format!("┌ {}", card.title), cols, theme.text.add_modifier(Modifier::BOLD)));
            if !card.description.is_empty() {
                lines.extend(plain(&format!("│ {}", card.description), cols, theme.muted));
            }
            lines.extend(plain(&format!("└ {}", card.url), cols, theme.link));
        }
        Some(Embed::Quote(q)) => {
            lines.push(Line::default());
            lines.extend(plain(
                &format!("┌ quoting {} (@{})", q.author.shown_name(), q.author.handle),
                cols,
                theme.muted,
            ));
            for line in rich(&q.text, cols.saturating_sub(2), theme) {
                let mut spans = vec![Span::styled("│ ", theme.muted)];
                spans.extend(line.spans);
                lines.push(Line::from(spans));
            }
        }
        Some(Embed::Unavailable { reason }) => lines.extend(plain(&format!("[{reason}]"), cols, theme.muted)),
        None => {}
    }
    lines
}

fn footer(post: &Post, cols: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::default()];
    if !post.tags.is_empty() {
        let tags: Vec<String> = post.tags.iter().map(|t| format!("#{t}")).collect();
        lines.extend(plain(&tags.join(" "), cols, theme.accent));
    }
    if !post.labels.is_empty() {
        lines.extend(plain(&format!("labels: {}", post.labels.join(", ")), cols, theme.warn));
    }
    let c = post.counts;
    let n = |v: Option<u64>| v.map_or("-".to_string(), |v| v.to_string());
    let counts = format!("↩ {}  ↻ {}  ♥ {}", n(c.replies), n(c.reposts), n(c.likes));
    lines.extend(plain(&counts, cols, theme.muted));
    if let Some(url) = &post.url {
        lines.extend(plain(url, cols, theme.link));
    }
    lines
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

fn rich(text: &RichText, cols: usize, theme: &Theme) -> Vec<Line<'static>> {
    wrap_rich(text, cols)
        .into_iter()
        .map(|line| {
            Line::from(
                line.pieces
                    .into_iter()
                    .map(|p| Span::styled(p.text, piece_style(p.style, p.link.is_some(), theme)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

fn piece_style(s: SpanStyle, link: bool, theme: &Theme) -> Style {
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
