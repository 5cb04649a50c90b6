//! Threads and notifications on Bluesky: `app.bsky.feed.getPostThread` (a nested thread view whose
//! parents and replies may be `notFoundPost` or `blockedPost`, shown as notes),
//! `app.bsky.notification.listNotifications` (the posts they are about read with `getPosts`),
//! `getUnreadCount` and `updateSeen`.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::{Client, convert, wire_views as wire};
use crate::backend::BackendError;
use crate::backend::views::{Notifications, Unread};
use crate::model::moderation::Context;
use crate::model::{AccountId, Branch, Notification, NotificationKind, Post, PostKey, Thread, ThreadItem};
use crate::text::sanitize_line;

/// Levels of replies and of parents asked for; kept under the JSON reader's nesting limit.
const DEPTH: &str = "12";
const PARENTS: &str = "40";
/// Notifications read per request, and posts per `getPosts` (its maximum).
const PAGE: &str = "50";
const POSTS_PER_CALL: usize = 25;

impl Client {
    /// The conversation around `post`, read fresh from the AppView.
    pub async fn thread(&self, post: &Post) -> Result<Thread, BackendError> {
        let PostKey::Bluesky { uri, .. } = &post.id.key else {
            return Err(BackendError::Invalid("not a Bluesky post".into()));
        };
        let params = [("uri", uri.as_str()), ("depth", DEPTH), ("parentHeight", PARENTS)];
        let answer: wire::ThreadAnswer = self.query("app.bsky.feed.getPostThread", &params).await?.json()?;
        let top = &answer.thread;
        let ThreadItem::Post(anchor) = item(top, self.account()) else {
            let why = gone_reason(top);
            return Err(BackendError::Invalid(format!("the post cannot be shown: {why}")));
        };
        let replies = replies(top, self.account(), 0);
        let mut thread = Thread::new(ancestors(top, &anchor, self.account()), *anchor, replies);
        let (prefs, own) = (self.prefs_now(), self.did());
        for node in &mut thread.nodes {
            let ThreadItem::Post(post) = &node.item else { continue };
            node.item = match super::prefs::moderated((**post).clone(), &prefs, own.as_deref(), Context::View) {
                Some(post) => ThreadItem::Post(Box::new(post)),
                None => ThreadItem::Gone { why: "a post hidden by a label or your Bluesky preferences".into() },
            };
        }
        Ok(thread)
    }

    /// The newest notifications, with the posts they are about.
    pub async fn notifications(&self) -> Result<Notifications, BackendError> {
        let list: wire::NotificationList =
            self.query("app.bsky.notification.listNotifications", &[("limit", PAGE)]).await?.json()?;
        let wanted: Vec<String> = list.notifications.iter().filter_map(subject_uri).collect();
        // The notifications stay readable without their posts when getPosts fails.
        let posts = self.posts(&wanted).await.unwrap_or_default();
        let items = list.notifications.into_iter().filter_map(|n| notification(n, &posts, self.account())).collect();
        Ok(Notifications { items, note: None })
    }

    /// `app.bsky.notification.getUnreadCount`.
    pub async fn unread(&self) -> Result<Unread, BackendError> {
        let answer: wire::UnreadCount = self.query("app.bsky.notification.getUnreadCount", &[]).await?.json()?;
        Ok(Unread { count: u32::try_from(answer.count).unwrap_or(u32::MAX), more: false })
    }

    /// `app.bsky.notification.updateSeen` up to `at` (the newest notification shown). The AppView
    /// compares the seen time with its own sort time of each notification, which can sit a moment
    /// after the `indexedAt` it shows (seen on the reference AppView: the newest stayed unread at
    /// exactly its own time), so a second is added.
    pub async fn mark_read(&self, at: Timestamp) -> Result<(), BackendError> {
        let at = at.checked_add(jiff::SignedDuration::from_secs(1)).unwrap_or(at);
        let body = json!({"seenAt": format!("{at:.3}")});
        self.procedure("app.bsky.notification.updateSeen", &body).await.map(|_| ())
    }

    /// The posts at `uris` (`app.bsky.feed.getPosts`, 25 at a time); missing ones are left out.
    async fn posts(&self, uris: &[String]) -> Result<Vec<Post>, BackendError> {
        let mut out = Vec::new();
        for chunk in uris.chunks(POSTS_PER_CALL) {
            let params: Vec<(&str, &str)> = chunk.iter().map(|u| ("uris", u.as_str())).collect();
            let answer: wire::Posts = self.query("app.bsky.feed.getPosts", &params).await?.json()?;
            let posts = answer.posts.iter().filter_map(|p| convert::post_view(p, self.account())).collect();
            out.extend(self.moderate(posts, Context::View));
        }
        Ok(out)
    }
}

/// One node of a thread view.
fn item(v: &Value, account: &AccountId) -> ThreadItem {
    let post = v.get("post").cloned().and_then(|p| serde_json::from_value(p).ok());
    match post.and_then(|p| convert::post_view(&p, account)) {
        Some(post) => ThreadItem::Post(Box::new(post)),
        None => ThreadItem::Gone { why: gone_reason(v) },
    }
}

fn gone_reason(v: &Value) -> String {
    let kind = v.get("$type").and_then(Value::as_str).unwrap_or_default();
    if kind.ends_with("#blockedPost") || v.get("blocked") == Some(&Value::Bool(true)) {
        "a post hidden by a block (its author blocks you, or you block them)".into()
    } else if kind.ends_with("#notFoundPost") || v.get("notFound") == Some(&Value::Bool(true)) {
        "a post that was deleted or cannot be found".into()
    } else {
        "a post murre cannot read".into()
    }
}

/// The parents of the thread's post, root first; a note on top when the chain stops early.
fn ancestors(top: &Value, anchor: &Post, account: &AccountId) -> Vec<ThreadItem> {
    let mut chain = Vec::new();
    let mut at = top;
    while let Some(parent) = at.get("parent").filter(|p| p.is_object()) {
        chain.push(item(parent, account));
        at = parent;
    }
    let highest = match chain.last() {
        Some(item) => item.post(),
        None => Some(anchor),
    };
    // The walk ended at a post that still answers another: the server stopped giving parents.
    if highest.is_some_and(|p| p.reply_to.is_some()) {
        chain.push(ThreadItem::Gone { why: "earlier posts of this conversation were not loaded".into() });
    }
    chain.reverse();
    chain
}

/// The replies below a thread view node, depth first.
fn replies(v: &Value, account: &AccountId, depth: usize) -> Vec<Branch> {
    let list = v.get("replies").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    list.iter()
        .map(|r| Branch {
            item: item(r, account),
            replies: if depth < crate::model::thread::MAX_DEPTH { replies(r, account, depth + 1) } else { Vec::new() },
        })
        .collect()
}

/// The post a notification is about: the liked or reposted post, or the new post itself.
fn subject_uri(n: &wire::Notification) -> Option<String> {
    match n.reason.as_str() {
        "like" | "repost" => n.reason_subject.clone(),
        "reply" | "mention" | "quote" => Some(n.uri.clone()),
        _ => None,
    }
}

fn notification(n: wire::Notification, posts: &[Post], account: &AccountId) -> Option<Notification> {
    let at = n.indexed_at.parse().ok()?;
    let uri = subject_uri(&n);
    let subject =
        uri.and_then(|u| posts.iter().find(|p| matches!(&p.id.key, PostKey::Bluesky { uri, .. } if *uri == u)));
    let (kind, label) = match n.reason.as_str() {
        "like" => (NotificationKind::Like, None),
        "repost" => (NotificationKind::Repost, None),
        "follow" => (NotificationKind::Follow, None),
        "mention" => (NotificationKind::Mention, None),
        "reply" => (NotificationKind::Reply, None),
        "quote" => (NotificationKind::Quote, None),
        "starterpack-joined" => (NotificationKind::Other, Some("joined through your starter pack".into())),
        other => (NotificationKind::Other, Some(format!("({})", sanitize_line(other)))),
    };
    let excerpt = match subject {
        Some(_) => None,
        None => n.record.get("text").and_then(Value::as_str).map(sanitize_line).filter(|t| !t.is_empty()),
    };
    Some(Notification {
        id: sanitize_line(&n.uri),
        account: account.clone(),
        kind,
        label,
        actor: convert::author(&n.author),
        at,
        subject: subject.cloned(),
        excerpt,
        unread: !n.is_read,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_and_blocked_nodes_become_notes() {
        let account = AccountId("bluesky:me".into());
        let blocked = json!({"$type": "app.bsky.feed.defs#blockedPost", "uri": "at://x", "blocked": true});
        let missing = json!({"$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://y", "notFound": true});
        assert!(matches!(item(&blocked, &account), ThreadItem::Gone { why } if why.contains("block")));
        assert!(matches!(item(&missing, &account), ThreadItem::Gone { why } if why.contains("deleted")));
    }
}
