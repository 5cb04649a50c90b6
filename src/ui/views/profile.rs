//! A profile's header: name, handle and follow state, counts, the bio (two lines of rich text), and
//! a note when the profile or its posts cannot be shown. The posts are rows below.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::rows::rich_lines;
use crate::app::App;
use crate::model::{Link, Profile, RichText};
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
    let mut bio = rich_lines(&honest(&p.bio), cols, BIO_LINES);
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

/// The bio with every link whose text names another address than its target followed by the real
/// target, since the header cannot open links: `https://good.example/ (→ evil.example)`.
fn honest(bio: &RichText) -> RichText {
    let mut out = bio.clone();
    for span in out.blocks.iter_mut().flat_map(|b| b.spans.iter_mut()) {
        let Some(Link::Url { url }) = &span.link else { continue };
        let target = host(url);
        let shown = span.text.trim();
        let looks_like_address = shown.contains("://") || shown.starts_with("www.");
        if looks_like_address && host(shown) != target {
            span.text = format!("{} (→ {target})", span.text);
        }
    }
    out
}

/// The host of an address (`evil.example` of `https://evil.example/x`), or the text itself.
fn host(address: &str) -> &str {
    let rest = address.split_once("://").map_or(address, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind, Span};

    #[test]
    fn a_link_whose_text_is_another_address_shows_its_target() {
        let span = |text: &str, url: &str| Span { link: Some(Link::Url { url: url.into() }), ..Span::plain(text) };
        let bio = RichText {
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                spans: vec![
                    span("https://good.example/", "https://evil.example/x"),
                    span("my site", "https://a.example/"),
                    span("https://a.example/p", "https://a.example/p"),
                ],
            }],
        };
        assert_eq!(honest(&bio).to_plain(), "https://good.example/ (→ evil.example)my sitehttps://a.example/p");
    }
}
