//! The `Link` header's paging parameters. Only the parameters are kept: requests always go to the
//! account's own base URL, never to the host a server names in the header.

use reqwest::Url;
use reqwest::header::{HeaderMap, LINK};

/// Query parameters that page a Mastodon-API timeline.
const PAGING: [&str; 4] = ["max_id", "min_id", "since_id", "offset"];

/// Paging cursors found in a `Link` header (each an encoded query string).
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Links {
    pub next: Option<String>,
    pub prev: Option<String>,
}

/// Reads `rel="next"` and `rel="prev"` from the headers.
pub(super) fn parse(headers: &HeaderMap) -> Links {
    let mut links = Links::default();
    for value in headers.get_all(LINK).iter().filter_map(|v| v.to_str().ok()) {
        for (url, rel) in entries(value) {
            let cursor = cursor_of(url);
            match rel {
                "next" => links.next = links.next.or(cursor),
                "prev" | "previous" => links.prev = links.prev.or(cursor),
                _ => {}
            }
        }
    }
    links
}

/// Splits `<url>; rel="x", <url>; rel="y"` into (url, rel) pairs.
fn entries(value: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else { break };
        let url = &rest[start + 1..start + len];
        let after = &rest[start + len + 1..];
        let params_end = after.find('<').unwrap_or(after.len());
        let rel = after[..params_end]
            .split(';')
            .filter_map(|p| p.trim().strip_prefix("rel="))
            .map(|r| r.trim_end_matches(',').trim().trim_matches('"'))
            .next();
        if let Some(rel) = rel {
            out.push((url, rel));
        }
        rest = &after[params_end..];
    }
    out
}

fn cursor_of(url: &str) -> Option<String> {
    let url = Url::parse(url).ok()?;
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| PAGING.contains(&k.as_ref()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    Some(encode_cursor(pairs))
}

/// A cursor of these paging parameters (`max_id`, ...), as `decode_cursor` reads it back.
pub(super) fn encode_cursor<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

/// Turns a cursor back into query pairs (only paging parameters survive).
pub(super) fn decode_cursor(cursor: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(cursor.as_bytes())
        .filter(|(k, _)| PAGING.contains(&k.as_ref()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn links(v: &str) -> Links {
        let mut h = HeaderMap::new();
        h.insert(LINK, HeaderValue::from_str(v).unwrap_or(HeaderValue::from_static("")));
        parse(&h)
    }

    #[test]
    fn reads_next_and_prev_parameters_and_drops_the_host() {
        let l = links(
            r#"<https://other.host/api/v1/timelines/home?limit=40&max_id=01HX>; rel="next", <https://other.host/api/v1/timelines/home?min_id=01HZ&limit=40>; rel="prev""#,
        );
        assert_eq!(l, Links { next: Some("max_id=01HX".into()), prev: Some("min_id=01HZ".into()) });
    }

    #[test]
    fn ids_stay_opaque_strings() {
        let l = links(r#"<https://h/x?max_id=ABCDEF0123456789abcdef0123456789abcdef0123>; rel="next""#);
        assert_eq!(
            decode_cursor(&l.next.unwrap_or_default()),
            [("max_id".to_string(), "ABCDEF0123456789abcdef0123456789abcdef0123".to_string())]
        );
    }

    #[test]
    fn garbage_gives_no_cursor() {
        assert_eq!(links("nonsense"), Links::default());
        assert_eq!(links(r#"<not a url>; rel="next""#), Links::default());
        assert_eq!(links(r#"<https://h/x?foo=1>; rel="next""#), Links::default());
    }

    #[test]
    fn a_cursor_cannot_smuggle_other_parameters() {
        assert_eq!(decode_cursor("max_id=5&access_token=x&limit=1000"), [("max_id".to_string(), "5".to_string())]);
    }
}
