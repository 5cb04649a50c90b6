//! Changing what the timeline already holds: finding every copy of one post (the post and the
//! reposts of it, whoever fetched them) and taking a deleted post out of the rows.

use super::{Timeline, insert_sorted};
use crate::model::{Post, PostKey};

impl Timeline {
    /// Every post still in the timeline (not taken out by `remove`), with its slot.
    pub fn live(&self) -> impl Iterator<Item = (u32, &Post)> {
        self.posts.iter().enumerate().filter_map(|(i, p)| {
            let slot = u32::try_from(i).ok()?;
            (self.by_key.get(&self.keys[i]) == Some(&slot)).then_some((slot, p))
        })
    }

    /// The live slots holding `key`'s post: the post itself and every repost of it.
    pub fn copies(&self, key: &PostKey) -> Vec<u32> {
        self.live().filter(|(_, p)| p.id.key.same_post(key)).map(|(slot, _)| slot).collect()
    }

    /// Takes every copy of `key`'s post out of the rows (a deleted post) and returns how many went.
    /// Slots stay allocated, since the panes and caches index by slot; the feed keys are freed, so
    /// the post could come back from a later page. A cross-post group keeps its other members.
    pub fn remove(&mut self, key: &PostKey) -> usize {
        let gone = self.copies(key);
        self.remove_slots(&gone)
    }

    /// Takes these slots out of the rows (as `remove` does for one post's copies); returns how many.
    pub fn remove_slots(&mut self, gone: &[u32]) -> usize {
        for &slot in gone {
            let feed_key = self.keys[slot as usize].clone();
            self.by_key.remove(&feed_key);
            self.ungroup(slot);
        }
        self.order.retain(|e| !gone.contains(&e.slot));
        gone.len()
    }

    /// Takes `slot` out of its cross-post group: a member leaves the list; a primary hands its row
    /// to its first remaining member.
    fn ungroup(&mut self, slot: u32) {
        for members in self.also.values_mut() {
            members.retain(|&m| m != slot);
        }
        self.also.retain(|_, members| !members.is_empty());
        let Some(mut members) = self.also.remove(&slot) else { return };
        let heir = members.remove(0);
        if !members.is_empty() {
            self.also.insert(heir, members);
        }
        let entry = self.entry(heir);
        let mut order = std::mem::take(&mut self.order);
        insert_sorted(&mut order, &[entry], |a, b| self.cmp_entries(a, b));
        self.order = order;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountId, Author, Repost};
    use jiff::Timestamp;

    fn post(net: &str, uri: &str, secs: i64, text: &str) -> Post {
        let key = match net {
            "m" => PostKey::Mastodon { id: uri.into(), uri: uri.into() },
            _ => PostKey::Bluesky { uri: uri.into(), cid: "c".into() },
        };
        let at = Timestamp::from_second(1_700_000_000 + secs).unwrap_or(Timestamp::UNIX_EPOCH);
        Post::sample(key, &AccountId(format!("{net}:me")), "alice", at, text)
    }

    fn texts(t: &Timeline) -> Vec<String> {
        t.rows(None).iter().filter_map(|s| t.post(*s)).map(|p| p.text.to_plain()).collect()
    }

    #[test]
    fn a_post_and_its_reposts_are_its_copies_and_leave_together() {
        let mut t = Timeline::new();
        let mut boost = post("m", "u1", 10, "orig");
        let later = Timestamp::from_second(1_700_000_050).unwrap_or(Timestamp::UNIX_EPOCH);
        boost.repost = Some(Repost { by: Author { handle: "bob".into(), ..Author::default() }, at: later, id: None });
        t.merge("m", vec![post("m", "u1", 10, "orig"), post("m", "u2", 20, "other"), boost]);
        let key = PostKey::Mastodon { id: "x".into(), uri: "u1".into() };
        assert_eq!(t.copies(&key).len(), 2);
        assert_eq!(t.remove(&key), 2);
        assert_eq!(texts(&t), ["other"]);
        assert!(t.copies(&key).is_empty(), "gone for good");
        assert_eq!(t.remove(&key), 0);
    }

    #[test]
    fn removing_the_primary_of_a_cross_post_keeps_the_other_network() {
        let mut t = Timeline::new();
        t.merge("m", vec![post("m", "u1", 10, "same words")]);
        t.merge("b", vec![post("b", "at://1", 11, "same words")]);
        assert_eq!(t.rows(None).len(), 1, "grouped");
        assert_eq!(t.remove(&PostKey::Mastodon { id: "u1".into(), uri: "u1".into() }), 1);
        let rows = t.rows(None);
        assert_eq!(rows.len(), 1);
        assert_eq!(t.post(rows[0]).map(|p| p.network()), Some(crate::model::Network::Bluesky));
        assert!(t.also(rows[0]).is_empty());
    }
}
