//! The notifications: one row per group ("Alice and 3 others liked your post", then the post's
//! first line), unread ones marked, newest first, every account merged; notes on top (a network that
//! failed, one that keeps read state to itself). Also the unread count in the status bar.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::rows::one_line;
use crate::app::views::{Inbox, View};
use crate::app::{App, Place};
use crate::model::{Group, Network, NotificationKind};
use crate::text::{truncate, width};
use crate::ui::{Theme, relative};

/// The notes above the rows, at most `max`.
pub fn header(inbox: &Inbox, max: usize, cols: u16, theme: &Theme) -> Vec<Line<'static>> {
    inbox.notes.iter().take(max).map(|n| Line::styled(truncate(n, usize::from(cols)), theme.warn)).collect()
}

/// Row `row`: who did what, then what it is about.
pub fn row(app: &App, view: &View, inbox: &Inbox, row: usize, cols: u16, theme: &Theme) -> Vec<Line<'static>> {
    let Some(g) = inbox.groups.get(row) else { return Vec::new() };
    let cols = usize::from(cols);
    let net = g.account.network().unwrap_or(Network::Mastodon);
    let dot = if g.unread { Span::styled("● ", theme.accent) } else { Span::raw("  ") };
    let icon = Span::styled(format!("{} ", icon(g.kind)), theme.accent);
    let tail = format!("{} {}", relative(g.at, app.now), net.badge());
    let room = cols.saturating_sub(width(&tail) + 5);
    let text = truncate(&sentence(g, net), room);
    let pad = cols.saturating_sub(width(&text) + width(&tail) + 4);
    let style = if g.unread { theme.text.add_modifier(Modifier::BOLD) } else { theme.text };
    let first = Line::from(vec![
        dot,
        icon,
        Span::styled(text, style),
        Span::raw(" ".repeat(pad)),
        Span::styled(tail, theme.network(net)),
    ]);
    let revealed = app.is_revealed_at(Place::View { view: view.id, row });
    // What someone wrote (a reply's text) says more than the post it answers.
    let own_words = matches!(g.kind, NotificationKind::Reply | NotificationKind::Mention | NotificationKind::Quote);
    let room = cols.saturating_sub(4);
    let excerpt = |e: &String| (truncate(e.lines().next().unwrap_or_default(), room), theme.text);
    let (about, about_style) = match (&g.subject, &g.excerpt) {
        (_, Some(e)) if own_words => excerpt(e),
        (Some(post), _) => one_line(post, revealed, room, theme),
        (None, Some(e)) => excerpt(e),
        (None, None) => (truncate(&handles(g), room), theme.muted),
    };
    vec![first, Line::from(vec![Span::raw("    "), Span::styled(about, about_style)])]
}

fn icon(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::Like => "♥",
        NotificationKind::Repost => "↻",
        NotificationKind::Follow | NotificationKind::FollowRequest => "+",
        NotificationKind::Mention => "@",
        NotificationKind::Reply => "↩",
        NotificationKind::Quote => "❝",
        NotificationKind::Other => "•",
    }
}

/// "Alice and 3 others liked your post", in the network's words.
pub fn sentence(g: &Group, net: Network) -> String {
    let who = match g.actors.as_slice() {
        [] => "someone".to_string(),
        [one] => one.shown_name().to_string(),
        [one, two] => format!("{} and {}", one.shown_name(), two.shown_name()),
        [one, rest @ ..] => format!("{} and {} others", one.shown_name(), rest.len()),
    };
    let what = match (g.kind, net) {
        (NotificationKind::Like, Network::Mastodon) => "favourited your post",
        (NotificationKind::Like, _) => "liked your post",
        (NotificationKind::Repost, Network::Mastodon) => "boosted your post",
        (NotificationKind::Repost, Network::Bluesky) => "reposted your post",
        (NotificationKind::Repost, Network::Tumblr) => "reblogged your post",
        (NotificationKind::Follow, _) => "followed you",
        (NotificationKind::FollowRequest, _) => "asked to follow you",
        (NotificationKind::Mention, _) => "mentioned you",
        (NotificationKind::Reply, _) => "replied to you",
        (NotificationKind::Quote, _) => g.label.as_deref().unwrap_or("quoted your post"),
        (NotificationKind::Other, _) => g.label.as_deref().unwrap_or("did something"),
    };
    format!("{who} {what}")
}

fn handles(g: &Group) -> String {
    g.actors.iter().map(|a| format!("@{}", a.handle)).collect::<Vec<_>>().join(" ")
}

/// The unread count for the status bar (`None` when nothing waits).
pub fn unread_chip(app: &App, compact: bool, theme: &Theme) -> Option<Span<'static>> {
    let (count, more) = app.notices.total();
    if count == 0 && !more {
        return None;
    }
    let plus = if more { "+" } else { "" };
    let text = if compact { format!("n:{count}{plus} ") } else { format!("{count}{plus} unread (n) ") };
    Some(Span::styled(text, theme.accent.add_modifier(Modifier::BOLD)))
}
