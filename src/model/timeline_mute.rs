//! murre's own muted words, across every network: a post whose text, content warning or tags hold a
//! muted word is not shown (a word matches whole, case-insensitively; a phrase or a word in a script
//! without spaces matches anywhere; `#tag` matches the tag). Decided once per post, when it arrives or
//! when the words change, so building rows stays cheap.

use super::{Post, Timeline};

impl Timeline {
    /// Sets the muted words (from config) and re-decides every post.
    pub fn set_muted_words(&mut self, words: &[String]) {
        self.mute_words = words.iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect();
        self.muted.clear();
        for slot in 0..self.posts.len() {
            self.decide_mute(u32::try_from(slot).unwrap_or(u32::MAX));
        }
    }

    /// Whether `slot`'s post is muted.
    pub fn is_muted(&self, slot: u32) -> bool {
        self.muted.contains(&slot)
    }

    pub(super) fn decide_mute(&mut self, slot: u32) {
        let Some(post) = self.posts.get(slot as usize) else { return };
        if !self.mute_words.is_empty() && mutes(&self.mute_words, post) {
            self.muted.insert(slot);
        }
    }
}

pub(crate) fn mutes(words: &[String], post: &Post) -> bool {
    let text = format!("{} {}", post.cw.as_deref().unwrap_or(""), post.text.to_plain()).to_lowercase();
    words.iter().any(|w| match w.strip_prefix('#') {
        Some(tag) => post.tags.iter().any(|t| t.to_lowercase() == tag) || contains_word(&text, w),
        None => contains_word(&text, w),
    })
}

/// `word` in `text` with no letter or digit right before or after it (so "cat" is not in "catalog");
/// a word of a script without spaces (CJK) matches anywhere.
fn contains_word(text: &str, word: &str) -> bool {
    let spaced = word.chars().all(|c| c.is_ascii() || !c.is_alphabetic() || c.len_utf8() < 3);
    text.match_indices(word).any(|(at, _)| {
        if !spaced {
            return true;
        }
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountId, PostKey};

    fn post(i: i64, text: &str, tags: &[&str]) -> Post {
        let key = PostKey::Bluesky { uri: format!("at://x/{i}"), cid: "c".into() };
        let at = jiff::Timestamp::from_second(1_780_000_000 - i).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let mut p = Post::sample(key, &AccountId("bluesky:a".into()), "a", at, text);
        p.tags = tags.iter().map(|t| t.to_string()).collect();
        p
    }

    #[test]
    fn muted_words_match_whole_words_tags_and_cjk_anywhere() {
        let mut t = Timeline::new();
        t.merge(
            "b",
            vec![
                post(1, "The Finale was great", &[]),
                post(2, "a catalog of things", &[]),
                post(3, "nothing here", &["Politics"]),
                post(4, "今日はネタバレ注意", &[]),
                post(5, "keep me", &[]),
            ],
        );
        t.set_muted_words(&["finale".into(), "cat".into(), "#politics".into(), "ネタバレ".into()]);
        let shown: Vec<String> = t.rows(None).iter().filter_map(|s| t.post(*s)).map(|p| p.text.to_plain()).collect();
        assert_eq!(shown, ["a catalog of things", "keep me"]);
        t.merge("b", vec![post(0, "FINALE tonight!", &[])]);
        assert_eq!(t.rows(None).len(), 2, "a new post is decided when it arrives");
        t.set_muted_words(&[]);
        assert_eq!(t.rows(None).len(), 6);
    }
}
