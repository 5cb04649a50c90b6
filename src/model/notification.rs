//! Notifications from every account, network-neutral, and their grouping: the same kind about the
//! same post within a window becomes one row ("alice and 3 others liked your post"). Pure: no IO.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use super::{AccountId, Author, Post};

/// How far apart the newest and oldest notification of one group may be.
pub const GROUP_WINDOW: SignedDuration = SignedDuration::from_hours(24);

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// Someone mentioned the account in a post.
    Mention,
    /// Someone answered one of the account's posts.
    Reply,
    /// Someone quoted one of the account's posts.
    Quote,
    /// A like (favourite) of one of the account's posts.
    Like,
    /// A boost, repost or reblog of one of the account's posts.
    Repost,
    /// A new follower.
    Follow,
    /// Someone asks to follow a locked account.
    FollowRequest,
    /// Anything else the network tells (a poll ended, an ask...): `Notification::label` says what.
    Other,
}

impl NotificationKind {
    /// Whether several of this kind about one post become one row (posts of their own never do).
    pub fn groups(self) -> bool {
        matches!(self, NotificationKind::Like | NotificationKind::Repost | NotificationKind::Follow)
    }
}

/// One notification to one of the user's accounts. Every string in it has passed `text::sanitize`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notification {
    /// The network's id of the notification (what a read marker names).
    pub id: String,
    /// The user's account it came to.
    pub account: AccountId,
    pub kind: NotificationKind,
    /// The network's own word for an `Other` notification ("poll", "ask").
    pub label: Option<String>,
    /// Who did it.
    pub actor: Author,
    pub at: Timestamp,
    /// The post it is about: for a mention, reply or quote the new post itself; for a like or a
    /// repost the account's post. `None` for a follow, or when the network did not send it.
    pub subject: Option<Post>,
    /// Text to show when there is no post to show (a Tumblr reply's text).
    pub excerpt: Option<String>,
    /// Not yet seen, as the network (or murre, where the network keeps no read state) says.
    pub unread: bool,
}

/// Notifications shown as one row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub kind: NotificationKind,
    pub label: Option<String>,
    pub account: AccountId,
    /// Who, newest first, each person once.
    pub actors: Vec<Author>,
    pub subject: Option<Post>,
    pub excerpt: Option<String>,
    /// The newest notification's time.
    pub at: Timestamp,
    /// Whether any of them is unread.
    pub unread: bool,
    /// The network ids of the notifications in the group.
    pub ids: Vec<String>,
}

impl Group {
    fn of(n: Notification) -> Group {
        Group {
            kind: n.kind,
            label: n.label,
            account: n.account,
            actors: vec![n.actor],
            subject: n.subject,
            excerpt: n.excerpt,
            at: n.at,
            unread: n.unread,
            ids: vec![n.id],
        }
    }

    /// Whether `n` joins this group: same account, same kind, same post, within the window.
    fn takes(&self, n: &Notification) -> bool {
        let same_post = match (&self.subject, &n.subject) {
            (Some(a), Some(b)) => a.id.key.same_post(&b.id.key),
            (None, None) => n.kind == NotificationKind::Follow,
            _ => false,
        };
        n.kind.groups()
            && self.kind == n.kind
            && self.account == n.account
            && same_post
            && self.at.duration_since(n.at) <= GROUP_WINDOW
    }

    fn add(&mut self, n: Notification) {
        self.unread |= n.unread;
        self.ids.push(n.id);
        if !self.actors.iter().any(|a| a.handle == n.actor.handle) {
            self.actors.push(n.actor);
        }
    }
}

/// Groups notifications from every account, newest first.
pub fn group(mut items: Vec<Notification>) -> Vec<Group> {
    items.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
    let mut groups: Vec<Group> = Vec::new();
    for n in items {
        match groups.iter_mut().find(|g| g.takes(&n)) {
            Some(g) => g.add(n),
            None => groups.push(Group::of(n)),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PostKey;

    fn at(minutes: i64) -> Timestamp {
        Timestamp::from_second(1_700_000_000 + minutes * 60).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn note(id: &str, kind: NotificationKind, who: &str, minutes: i64, post: Option<&str>) -> Notification {
        let account = AccountId("mastodon:me@x".into());
        let subject = post
            .map(|p| Post::sample(PostKey::Mastodon { id: p.into(), uri: p.into() }, &account, "me@x", at(0), "mine"));
        let actor = Author { handle: who.into(), ..Author::default() };
        Notification {
            id: id.into(),
            account,
            kind,
            label: None,
            actor,
            at: at(minutes),
            subject,
            excerpt: None,
            unread: true,
        }
    }

    #[test]
    fn likes_of_one_post_group_and_other_posts_or_kinds_do_not() {
        use NotificationKind::*;
        let groups = group(vec![
            note("1", Like, "alice", 10, Some("p")),
            note("2", Like, "bob", 20, Some("p")),
            note("3", Like, "carol", 30, Some("q")),
            note("4", Repost, "dana", 40, Some("p")),
            note("5", Like, "bob", 50, Some("p")),
            note("6", Mention, "erin", 60, Some("m1")),
            note("7", Mention, "erin", 61, Some("m2")),
            note("8", Follow, "fay", 62, None),
            note("9", Follow, "gus", 63, None),
        ]);
        let shape: Vec<(NotificationKind, usize)> = groups.iter().map(|g| (g.kind, g.actors.len())).collect();
        assert_eq!(shape, [(Follow, 2), (Mention, 1), (Mention, 1), (Like, 2), (Repost, 1), (Like, 1)]);
        assert_eq!(groups[3].ids.len(), 3, "bob twice is one person, three notifications");
        assert_eq!(groups[3].actors[0].handle, "bob", "newest first");
    }

    #[test]
    fn the_window_splits_a_group() {
        let hours = |h: i64| h * 60;
        let groups = group(vec![
            note("1", NotificationKind::Like, "a", hours(0), Some("p")),
            note("2", NotificationKind::Like, "b", hours(30), Some("p")),
        ]);
        assert_eq!(groups.len(), 2);
    }
}
