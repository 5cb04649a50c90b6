//! What the demo servers find for a search or a tag, shared by the three networks: posts (not
//! boosts) on a network, newest first, whose text holds a tag or every word of a query. Pure.

use super::content::{Content, Net, Post};
use super::markup::{Mark, scan};

/// The posts on `net` that `keep` accepts, newest first; boosts are left out (they are not posts).
pub fn posts(c: &Content, net: Net, keep: impl Fn(&Post) -> bool) -> Vec<&Post> {
    let mut found: Vec<&Post> = c.posts.iter().filter(|p| p.nets.has(net) && p.boost_of.is_none() && keep(p)).collect();
    found.sort_by_key(|p| std::cmp::Reverse((p.at, p.key)));
    found
}

/// Whether `text` holds `#tag` (case-insensitive, as every network treats tags).
pub fn has_tag(text: &str, tag: &str) -> bool {
    let tag = tag.trim_start_matches('#').to_lowercase();
    scan(text).iter().any(|t| matches!(&t.mark, Mark::Tag(found) if found.to_lowercase() == tag))
}

/// Whether `text` holds every word of `query` (case-insensitive); `#word` must be a tag.
pub fn matches(text: &str, query: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    !words.is_empty()
        && words.iter().all(|w| match w.strip_prefix('#') {
            Some(tag) if !tag.is_empty() => has_tag(text, tag),
            _ => lower.contains(&w.to_lowercase()),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_words_match_without_case() {
        assert!(has_tag("Coffee first ☕ #Coffee", "coffee"));
        assert!(!has_tag("coffee", "coffee"));
        assert!(matches("Shipping a new #rust crate", "RUST crate"));
        assert!(matches("Shipping a new #rust crate", "#rust"));
        assert!(!matches("rust without a tag", "#rust"));
        assert!(!matches("anything", "  "));
    }
}
