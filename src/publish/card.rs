//! A link card for the first link of a Bluesky post, as the official app makes one: the page's title,
//! description and image, fetched with a short timeout and a size cap. Anything missing or slow means
//! no card (or no image): the post never waits long for it and never fails because of it. The page
//! is hostile text: sanitized and cut short.

use std::time::Duration;

use html5gum::{HtmlString, Token, Tokenizer};

use crate::store::attachment::{self, Attachment};
use crate::text::{sanitize_line, truncate};

/// How long the page (and then its image) may take.
const TIMEOUT: Duration = Duration::from_secs(4);
/// How much of the page is read: the head is at its start.
const PAGE_BYTES: usize = 256 * 1024;
/// The largest image Bluesky takes as a blob.
const IMAGE_BYTES: usize = 1_000_000;

/// What a card shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub uri: String,
    pub title: String,
    pub description: String,
    pub image: Option<Attachment>,
}

/// The card for `url`, or `None` when the page cannot give one in time.
pub async fn fetch(url: &str) -> Option<Card> {
    let page = url::Url::parse(url).ok().filter(|u| matches!(u.scheme(), "http" | "https"))?;
    let http = client()?;
    let html = read(&http, page.clone(), PAGE_BYTES, |t| t.starts_with("text/html")).await?;
    let meta = parse(&String::from_utf8_lossy(&html));
    if meta.title.is_empty() && meta.description.is_empty() {
        return None;
    }
    let image = match meta.image.and_then(|i| page.join(&i).ok()) {
        Some(src) => read(&http, src, IMAGE_BYTES, |t| t.starts_with("image/")).await.and_then(|bytes| {
            let mime = attachment::sniff(&bytes)?;
            Some(Attachment {
                name: "card".into(),
                mime: mime.into(),
                alt: String::new(),
                size: bytes.len(),
                data: std::sync::Arc::new(bytes),
            })
        }),
        None => None,
    };
    Some(Card { uri: url.to_string(), title: meta.title, description: meta.description, image })
}

/// A client that carries no token, so it may follow a few redirects.
fn client() -> Option<reqwest::Client> {
    crate::backend::http::install_tls_provider();
    reqwest::Client::builder()
        .user_agent(concat!("murre/", env!("CARGO_PKG_VERSION"), " (link preview)"))
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::limited(3))
        .build()
        .ok()
}

/// At most `cap` bytes of `url` when its type passes `wanted`; `None` for anything else (a larger
/// image is refused rather than cut).
async fn read(http: &reqwest::Client, url: url::Url, cap: usize, wanted: fn(&str) -> bool) -> Option<Vec<u8>> {
    let mut response = http.get(url).send().await.ok()?.error_for_status().ok()?;
    let kind = response.headers().get(reqwest::header::CONTENT_TYPE)?.to_str().ok()?.to_ascii_lowercase();
    if !wanted(&kind) {
        return None;
    }
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        body.extend_from_slice(&chunk);
        if body.len() > cap {
            return kind.starts_with("text/").then(|| body[..cap].to_vec());
        }
    }
    Some(body)
}

/// The page's head as a card sees it.
#[derive(Debug, Default, PartialEq, Eq)]
struct Meta {
    title: String,
    description: String,
    image: Option<String>,
}

/// Open Graph (then Twitter, then plain) title, description and image of an HTML head.
fn parse(html: &str) -> Meta {
    let (mut og, mut plain, mut in_title) = (Meta::default(), Meta::default(), false);
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) if name(&tag.name) == "meta" => {
                let attr = |k: &str| tag.attributes.get(k.as_bytes()).map(|v| String::from_utf8_lossy(v).into_owned());
                let key = attr("property").or_else(|| attr("name")).unwrap_or_default().to_ascii_lowercase();
                let value = attr("content").unwrap_or_default();
                match key.as_str() {
                    "og:title" => og.title = value,
                    "og:description" => og.description = value,
                    "og:image" => og.image = Some(value),
                    "twitter:title" | "title" => plain.title = value,
                    "twitter:description" | "description" => plain.description = value,
                    "twitter:image" => plain.image = Some(value),
                    _ => {}
                }
            }
            Token::StartTag(tag) if name(&tag.name) == "title" => in_title = true,
            Token::EndTag(tag) if name(&tag.name) == "title" => in_title = false,
            Token::StartTag(tag) if name(&tag.name) == "body" => break,
            Token::String(text) if in_title && plain.title.is_empty() => {
                plain.title = String::from_utf8_lossy(&text.value).into_owned();
            }
            _ => {}
        }
    }
    let pick = |a: String, b: String| if a.trim().is_empty() { b } else { a };
    Meta {
        title: truncate(&sanitize_line(pick(og.title, plain.title).trim()), 300),
        description: truncate(&sanitize_line(pick(og.description, plain.description).trim()), 1000),
        image: og.image.or(plain.image).filter(|i| !i.trim().is_empty()),
    }
}

fn name(s: &HtmlString) -> String {
    String::from_utf8_lossy(s).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_graph_wins_then_twitter_then_the_title_and_hostile_text_is_cleaned() {
        let html = concat!(
            "<html><head><title>Plain title</title>",
            "<meta property=\"og:title\" content=\"Herons &amp; rivers 日本語 \u{1b}]0;pwned\u{7}\">",
            "<meta name=\"description\" content=\"A page about herons\">",
            "<meta property=\"og:image\" content=\"/img/heron.png\"></head>",
            "<body><meta property=\"og:title\" content=\"late\"></body>"
        );
        let meta = parse(html);
        assert_eq!(meta.title, "Herons & rivers 日本語 ]0;pwned");
        assert_eq!(meta.description, "A page about herons");
        assert_eq!(meta.image.as_deref(), Some("/img/heron.png"));
        let bare = parse("<title>Only a title</title>");
        assert_eq!((bare.title.as_str(), bare.description.as_str(), bare.image), ("Only a title", "", None));
        assert_eq!(parse("not html at all <<<"), Meta::default());
    }
}
