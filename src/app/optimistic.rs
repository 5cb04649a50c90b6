//! The optimistic half of an interaction: the change shown before the server answers, written down
//! so that a failure takes back exactly that and nothing else. Every copy of the post is changed,
//! wherever it shows: timeline slots, rows of the open views, and (for a follow) profile headers.
//! Pure.

use super::App;
use super::place::Place;
use crate::backend::{Interaction, Target};
use crate::model::{Counts, Viewer};

/// A viewer flag an interaction changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Liked,
    Reposted,
    Bookmarked,
    Following,
}

/// One thing changed in one place. `owner` is what the place held then (the post's global id, or
/// the person's id for a profile header): a view reloaded since may hold something else there,
/// which a roll-back must leave alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A viewer flag of the acting account's copy, and its value before.
    Flag { place: Place, owner: String, field: Field, before: Option<bool> },
    /// A public count (likes or reposts), moved by `delta` (what was really added: 0 at the floor).
    Count { place: Place, owner: String, field: Field, delta: i64 },
}

impl Change {
    /// The same change at the place `to` gives (`None`: the place is gone).
    pub fn moved(self, to: impl Fn(Place) -> Option<Place>) -> Option<Change> {
        Some(match self {
            Change::Flag { place, owner, field, before } => Change::Flag { place: to(place)?, owner, field, before },
            Change::Count { place, owner, field, delta } => Change::Count { place: to(place)?, owner, field, delta },
        })
    }
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

/// The places `act` touches, with their owner: every copy of the post (any account: counts are
/// public), or for a follow every post by the author that the acting account fetched and the
/// author's open profiles.
pub fn places(app: &App, target: &Target, field: Field) -> Vec<(Place, String)> {
    if field != Field::Following {
        return app
            .places()
            .into_iter()
            .filter(|(_, p)| p.id.key.same_post(&target.post.key))
            .map(|(place, p)| (place, p.id.global()))
            .collect();
    }
    let Some(author) = target.author_id.as_deref() else { return Vec::new() };
    let mut out: Vec<(Place, String)> = app
        .places()
        .into_iter()
        .filter(|(_, p)| p.id.account == target.post.account && p.author.id.as_deref() == Some(author))
        .map(|(place, p)| (place, p.id.global()))
        .collect();
    out.extend(
        app.profile_places()
            .into_iter()
            .filter(|(_, p)| p.account == target.post.account && p.person.id.as_deref() == Some(author))
            .map(|(place, _)| (place, author.to_string())),
    );
    out
}

/// The viewer flags and counts at `place`, with the account that fetched them, while it still holds
/// `owner`.
pub fn parts_mut<'a>(app: &'a mut App, place: Place, owner: &str) -> Option<Parts<'a>> {
    if let Place::Profile(view) = place {
        let p = app.profile_mut(view).filter(|p| p.person.id.as_deref() == Some(owner))?;
        return Some(Parts { viewer: &mut p.viewer, counts: None });
    }
    let post = app.post_at_mut(place).filter(|p| p.id.global() == owner)?;
    Some(Parts { viewer: &mut post.viewer, counts: Some(&mut post.counts) })
}

/// What one place lets an interaction change.
pub struct Parts<'a> {
    pub viewer: &'a mut Viewer,
    pub counts: Option<&'a mut Counts>,
}

/// Shows `act` at once: the acting account's copies get the flag, every copy the count.
pub fn apply(app: &mut App, target: &Target, act: Interaction) -> Vec<Change> {
    let Some((field, on)) = effect_of(act) else { return Vec::new() };
    let mut changes = Vec::new();
    for (place, owner) in places(app, target, field) {
        // A profile header is always the acting account's (`places` picked it so).
        let acting = app.post_at(place).is_none_or(|p| p.id.account == target.post.account);
        let Some(parts) = parts_mut(app, place, &owner) else { continue };
        if acting {
            let before = flag(parts.viewer, field);
            if before != Some(on) {
                set_flag(parts.viewer, field, Some(on));
                changes.push(Change::Flag { place, owner: owner.clone(), field, before });
            }
        }
        if let Some(count) = parts.counts.and_then(|c| count(c, field)) {
            let was = *count;
            *count = if on { was.saturating_add(1) } else { was.saturating_sub(1) };
            let delta = i64::try_from(*count).unwrap_or(i64::MAX) - i64::try_from(was).unwrap_or(i64::MAX);
            if delta != 0 {
                changes.push(Change::Count { place, owner, field, delta });
            }
        }
    }
    changes
}

/// Takes back exactly `changes` (where the place still holds what it held).
pub fn roll_back(app: &mut App, changes: &[Change]) {
    for change in changes {
        match change {
            Change::Flag { place, owner, field, before } => {
                if let Some(parts) = parts_mut(app, *place, owner) {
                    set_flag(parts.viewer, *field, *before);
                }
            }
            Change::Count { place, owner, field, delta } => {
                if let Some(count) = parts_mut(app, *place, owner).and_then(|p| p.counts).and_then(|c| count(c, *field))
                {
                    *count = count.saturating_add_signed(-delta);
                }
            }
        }
    }
}

fn flag(v: &Viewer, field: Field) -> Option<bool> {
    match field {
        Field::Liked => Some(v.liked),
        Field::Reposted => Some(v.reposted),
        Field::Bookmarked => Some(v.bookmarked),
        Field::Following => v.following,
    }
}

/// Sets a viewer flag (a follow's `None` is "not known").
pub fn set_flag(v: &mut Viewer, field: Field, value: Option<bool>) {
    match field {
        Field::Liked => v.liked = value.unwrap_or(false),
        Field::Reposted => v.reposted = value.unwrap_or(false),
        Field::Bookmarked => v.bookmarked = value.unwrap_or(false),
        Field::Following => v.following = value,
    }
}

/// The public count a field moves, when the network gives it.
fn count(counts: &mut Counts, field: Field) -> Option<&mut u64> {
    match field {
        Field::Liked => counts.likes.as_mut(),
        Field::Reposted => counts.reposts.as_mut(),
        Field::Bookmarked | Field::Following => None,
    }
}
