//! Neutral text to Mastodon status HTML: paragraphs, `<br />`, mention h-cards, hashtag links and
//! shortened links with `invisible`/`ellipsis` spans, exactly as Mastodon's formatter emits them.
//!
//! Pure; no IO.

use super::account;
use crate::demo::content::Content;
use crate::demo::markup::{self, Mark, Piece};
use serde_json::{Value, json};

/// How many characters of a link (after the scheme) Mastodon shows before the ellipsis.
const SHOWN: usize = 30;

/// A status body as HTML plus the `mentions` and `tags` arrays that go with it.
pub struct Rendered {
    /// The `content` HTML.
    pub html: String,
    /// Mention entities (`id`, `username`, `url`, `acct`).
    pub mentions: Vec<Value>,
    /// Tag entities (`name`, `url`).
    pub tags: Vec<Value>,
}

/// Renders `text` (empty text gives empty HTML, as Mastodon sends for media-only posts).
pub fn render(text: &str, content: &Content, base: &str) -> Rendered {
    let mut out = Rendered { html: String::new(), mentions: Vec::new(), tags: Vec::new() };
    for paragraph in text.split("\n\n").filter(|p| !p.is_empty()) {
        out.html.push_str("<p>");
        for (i, line) in paragraph.split('\n').enumerate() {
            if i > 0 {
                out.html.push_str("<br />");
            }
            line_html(line, content, base, &mut out);
        }
        out.html.push_str("</p>");
    }
    out
}

/// Appends one line's pieces.
fn line_html(line: &str, content: &Content, base: &str, out: &mut Rendered) {
    for piece in markup::pieces(line) {
        match piece {
            Piece::Plain(s) => out.html.push_str(&escape(s)),
            Piece::Marked(_, Mark::Link(url)) => out.html.push_str(&link(&url)),
            Piece::Marked(_, Mark::Tag(tag)) => {
                let url = format!("{base}/tags/{}", percent(&tag.to_lowercase()));
                out.html.push_str(&format!(
                    r#"<a href="{}" class="mention hashtag" rel="tag">#<span>{}</span></a>"#,
                    escape(&url),
                    escape(&tag)
                ));
                out.tags.push(json!({"name": tag.to_lowercase(), "url": url}));
            }
            Piece::Marked(s, Mark::Mention(name)) => mention(s, &name, content, base, out),
        }
    }
}

/// A mention of a known person becomes an h-card; an unknown name stays plain text.
fn mention(source: &str, name: &str, content: &Content, base: &str, out: &mut Rendered) {
    if !content.people.iter().any(|p| p.key == name) {
        out.html.push_str(&escape(source));
        return;
    }
    let url = account::profile_url(name, base);
    out.html.push_str(&format!(
        r#"<span class="h-card" translate="no"><a href="{}" class="u-url mention">@<span>{}</span></a></span>"#,
        escape(&url),
        escape(name)
    ));
    out.mentions.push(json!({
        "id": account::id(content, name),
        "username": name,
        "url": url,
        "acct": crate::demo::ids::handle(crate::demo::content::Net::Mastodon, name),
    }));
}

/// A link shortened the Mastodon way: scheme hidden, the first 30 characters shown, the rest hidden.
pub fn link(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").map_or(("", url), |(s, r)| (s, r));
    let shown: String = rest.chars().take(SHOWN).collect();
    let hidden: String = rest.chars().skip(SHOWN).collect();
    let class = if hidden.is_empty() { "" } else { "ellipsis" };
    format!(
        r#"<a href="{}" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">{}://</span><span class="{class}">{}</span><span class="invisible">{}</span></a>"#,
        escape(url),
        escape(scheme),
        escape(&shown),
        escape(&hidden)
    )
}

/// HTML-escapes text the way Mastodon does (`&`, `<`, `>`, `"`, `'`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes everything but ASCII letters, digits and `_` (for tag URLs).
fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b == b'_' { char::from(b).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_and_escaping() {
        let content = crate::demo::content::build(jiff::Timestamp::UNIX_EPOCH);
        let out = render("a <b>\nc\n\nd & 'e'", &content, "http://x");
        assert_eq!(out.html, "<p>a &lt;b&gt;<br />c</p><p>d &amp; &#39;e&#39;</p>");
    }

    #[test]
    fn long_links_are_shortened_with_an_ellipsis() {
        let html = link("https://example.com/a/very/long/path/that/goes/on");
        assert!(html.contains(
            r#"<span class="invisible">https://</span><span class="ellipsis">example.com/a/very/long/path/t</span>"#
        ));
        assert!(html.contains(r#"<span class="invisible">hat/goes/on</span>"#));
    }
}
