//! A profile's header: name, handle and follow state, counts, the bio (two lines of rich text), and
//! a note when the profile or its posts cannot be shown. The posts are rows below.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::rows::rich_lines;
use crate::app::App;
use crate::model::Profile;
use crate::text::{truncate, width};
use crate::ui::Theme;

/// Lines of the bio shown in the header.
const BIO_LINES: usize = 2;

/// The header, `PROFILE_HEADER` lines.
pub fn header(app: &App, p: &Profile, cols: u16, theme: &Theme) -> Vec<Line<'static>> {
    let cols = usize::from(cols);
    let net = p.account.network();
    let badge = net.map(|n| format!(" {}", n.title())).unwrap_or_default();
    let name = truncate(p.person.shown_name(), cols.saturating_sub(width(&badge)));
    let mut name_line = vec![Span::styled(name, theme.text.add_modifier(Modifier::BOLD))];
    if let Some(n) = net {
        name_line.push(Span::styled(badge, theme.network(n)));
    }
    let mut lines = vec![Line::from(name_line)];
    let relation = relation(app, p);
    lines.push(Line::styled(truncate(&format!("@{} · {relation}", p.person.handle), cols), theme.muted));
    lines.push(Line::styled(truncate(&counts(p), cols), theme.muted));
    let mut bio = rich_lines(&p.bio, cols, BIO_LINES);
    bio.resize(BIO_LINES, String::new());
    lines.extend(bio.into_iter().map(|l| Line::styled(l, theme.text)));
    lines.push(match &p.note {
        Some(note) => Line::styled(truncate(note, cols), theme.warn),
        None => Line::styled("─".repeat(cols), theme.muted),
    });
    lines
}

/// Whether the account follows the person, and what F does.
fn relation(app: &App, p: &Profile) -> String {
    let target = crate::app::views::profile_target(app).map(|(t, _)| t);
    if p.person.handle.eq_ignore_ascii_case(p.account.handle()) {
        return "you".into();
    }
    if p.note.is_some() && p.viewer.following.is_none() {
        return "cannot be followed from here".into();
    }
    let waiting = target.is_some_and(|t| {
        app.interactions.iter().any(|i| i.target.post.account == t.post.account && i.target.author_id == t.author_id)
    });
    let locked = if p.locked { " · approves followers" } else { "" };
    let state = match (waiting, p.viewer.following) {
        (true, _) => "asking the server…",
        (false, Some(true)) => "following · F unfollows",
        (false, Some(false)) => "not following · F follows",
        (false, None) => "F follows or unfollows",
    };
    format!("{state}{locked}")
}

fn counts(p: &Profile) -> String {
    let n = |v: Option<u64>, what: &str| v.map(|v| format!("{v} {what}"));
    let parts: Vec<String> =
        [n(p.posts, "posts"), n(p.followers, "followers"), n(p.following, "following")].into_iter().flatten().collect();
    if parts.is_empty() { "no counts shown".into() } else { parts.join(" · ") }
}
