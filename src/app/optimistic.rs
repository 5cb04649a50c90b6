//! The optimistic half of an interaction: the change shown before the server answers, written down
//! so that a failure takes back exactly that and nothing else. Pure.

use crate::backend::{Interaction, Target};
use crate::model::{Post, Timeline};

/// A viewer flag an interaction changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Liked,
    Reposted,
    Bookmarked,
    Following,
}

/// One thing changed on one slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A viewer flag of the acting account's copy, and its value before.
    Flag { slot: u32, field: Field, before: Option<bool> },
    /// A public count (likes or reposts), moved by `delta` (what was really added: 0 at the floor).
    Count { slot: u32, field: Field, delta: i64 },
}

/// The flag `act` sets, and to what; `None` for a delete (nothing to show before it is done).
pub fn effect_of(act: Interaction) -> Option<(Field, bool)> {
    use Interaction::*;
    match act {
        Like => Some((Field::Liked, true)),
        Unlike => Some((Field::Liked, false)),
        Repost => Some((Field::Reposted, true)),
        Unrepost => Some((Field::Reposted, false)),
        Bookmark => Some((Field::Bookmarked, true)),
        Unbookmark => Some((Field::Bookmarked, false)),
        Follow => Some((Field::Following, true)),
        Unfollow => Some((Field::Following, false)),
        Delete => None,
    }
}

/// The slots `act` touches: every copy of the post (any account: counts are public), or for a
/// follow every post by the author that the acting account fetched.
pub fn slots(timeline: &Timeline, target: &Target, field: Field) -> Vec<u32> {
    if field != Field::Following {
        return timeline.copies(&target.post.key);
    }
    let Some(author) = target.author_id.as_deref() else { return Vec::new() };
    timeline
        .live()
        .filter(|(_, p)| p.id.account == target.post.account && p.author.id.as_deref() == Some(author))
        .map(|(slot, _)| slot)
        .collect()
}

/// Shows `act` at once: the acting account's copies get the flag, every copy the count.
pub fn apply(timeline: &mut Timeline, target: &Target, act: Interaction) -> Vec<Change> {
    let Some((field, on)) = effect_of(act) else { return Vec::new() };
    let mut changes = Vec::new();
    for slot in slots(timeline, target, field) {
        let Some(post) = timeline.post_mut(slot) else { continue };
        if post.id.account == target.post.account {
            let before = flag(post, field);
            if before != Some(on) {
                set_flag(post, field, Some(on));
                changes.push(Change::Flag { slot, field, before });
            }
        }
        if let Some(count) = count(post, field) {
            let was = *count;
            *count = if on { was.saturating_add(1) } else { was.saturating_sub(1) };
            let delta = i64::try_from(*count).unwrap_or(i64::MAX) - i64::try_from(was).unwrap_or(i64::MAX);
            if delta != 0 {
                changes.push(Change::Count { slot, field, delta });
            }
        }
    }
    changes
}

/// Takes back exactly `changes`.
pub fn roll_back(timeline: &mut Timeline, changes: &[Change]) {
    for change in changes {
        match *change {
            Change::Flag { slot, field, before } => {
                if let Some(post) = timeline.post_mut(slot) {
                    set_flag(post, field, before);
                }
            }
            Change::Count { slot, field, delta } => {
                if let Some(count) = timeline.post_mut(slot).and_then(|p| count(p, field)) {
                    *count = count.saturating_add_signed(-delta);
                }
            }
        }
    }
}

fn flag(post: &Post, field: Field) -> Option<bool> {
    let v = &post.viewer;
    match field {
        Field::Liked => Some(v.liked),
        Field::Reposted => Some(v.reposted),
        Field::Bookmarked => Some(v.bookmarked),
        Field::Following => v.following,
    }
}

fn set_flag(post: &mut Post, field: Field, value: Option<bool>) {
    let v = &mut post.viewer;
    match field {
        Field::Liked => v.liked = value.unwrap_or(false),
        Field::Reposted => v.reposted = value.unwrap_or(false),
        Field::Bookmarked => v.bookmarked = value.unwrap_or(false),
        Field::Following => v.following = value,
    }
}

/// The public count a field moves, when the network gives it.
fn count(post: &mut Post, field: Field) -> Option<&mut u64> {
    match field {
        Field::Liked => post.counts.likes.as_mut(),
        Field::Reposted => post.counts.reposts.as_mut(),
        Field::Bookmarked | Field::Following => None,
    }
}
