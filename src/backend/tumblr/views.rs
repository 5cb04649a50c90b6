//! Threads and notifications on Tumblr. Tumblr has no reply threads: a post's conversation is its
//! reblog trail (shown above it) and its notes in `conversation` mode (`GET /v2/blog/{blog}/notes`:
//! replies and reblogs with added text, shown below). Notifications are the blog's activity feed
//! (`GET /v2/blog/{blog}/notifications`), whose posts are read with `/posts?id=`. Tumblr keeps the
//! read position to itself (no API sets it): murre marks them read on its own side only.

use jiff::Timestamp;
use serde_json::Value;

use super::interact::plain;
use super::{Client, convert, decode_dashboard, wire, wire_views};
use crate::backend::BackendError;
use crate::backend::views::{Notifications, Unread};
use crate::model::{Author, Branch, Notification, NotificationKind, Post, PostKey, RichText, Thread, ThreadItem};
use crate::text::{sanitize, sanitize_line};

/// What the thread view says about Tumblr.
pub const THREAD_NOTE: &str =
    "Tumblr has no reply threads: the reblog trail is shown above the post, replies and reblogs with comments below";
/// What the notifications view says about Tumblr.
pub const READ_NOTE: &str = "Tumblr: read state stays on tumblr.com; murre marks these read only here";
/// Posts read for the notifications about them, at most.
const SUBJECTS: usize = 10;
/// Activity items in one page (the service sends about this many).
const PAGE: usize = 20;

impl Client {
    /// The reblog trail above `post`, and its replies and commented reblogs below.
    pub async fn thread(&self, post: &Post) -> Result<Thread, BackendError> {
        let PostKey::Tumblr { blog, id, .. } = &post.id.key else {
            return Err(BackendError::Invalid("not a Tumblr post".into()));
        };
        let trail =
            post.trail.iter().map(|t| ThreadItem::Comment { author: t.author.clone(), text: t.text.clone(), at: None });
        let anchor = Post { repost: None, ..post.clone() };
        let query = [("id", id.clone()), ("mode", "conversation".to_string())];
        let notes = self.get(&format!("/v2/blog/{}/notes", plain(blog)?), &query).await;
        let (replies, failed) = match notes.and_then(|a| a.json::<wire::Envelope<wire_views::Notes>>()) {
            Ok(notes) => (branches(notes.response.notes), None),
            Err(e) => (Vec::new(), Some(e.user_message(crate::model::Network::Tumblr))),
        };
        let mut thread = Thread::new(trail.collect(), anchor, replies);
        thread.note = Some(
            failed.map_or(THREAD_NOTE.to_string(), |e| format!("{THREAD_NOTE}; the notes could not be read ({e})")),
        );
        Ok(thread)
    }

    /// The blog's newest activity, with the blog's own posts it is about.
    pub async fn notifications(&self, cursor: Option<&str>) -> Result<Notifications, BackendError> {
        let items = self.activity(cursor).await?;
        // Asked with `before` (the oldest item's Unix time) until a page comes empty.
        let older = items.iter().map(|i| i.timestamp).min().map(|t| t.to_string());
        let mut targets: Vec<String> = items.iter().filter_map(|i| text_of(&i.target_post_id)).collect();
        targets.dedup();
        targets.truncate(SUBJECTS);
        let mut posts = Vec::new();
        for id in targets {
            // A post that cannot be read leaves its notifications without it, not the view empty.
            if let Ok(found) = self.own_post(&id).await {
                posts.extend(found);
            }
        }
        let items = items.into_iter().filter_map(|i| self.notification(i, &posts)).collect();
        Ok(Notifications { items, note: Some(READ_NOTE.into()), older })
    }

    /// The unread activity items after `read_here` in the newest page.
    pub async fn unread(&self, read_here: Option<Timestamp>) -> Result<Unread, BackendError> {
        let items = self.activity(None).await?;
        let after = read_here.map_or(i64::MIN, |t| t.as_second());
        let count = items.iter().filter(|i| i.unread && i.timestamp > after).count();
        Ok(Unread { count: u32::try_from(count).unwrap_or(u32::MAX), more: count >= PAGE })
    }

    async fn activity(&self, before: Option<&str>) -> Result<Vec<wire_views::ActivityItem>, BackendError> {
        let path = format!("/v2/blog/{}/notifications", plain(self.account().handle())?);
        let query: Vec<(&str, String)> = before.map(|b| ("before", b.to_string())).into_iter().collect();
        let answer: wire::Envelope<wire_views::Activity> = self.get(&path, &query).await?.json()?;
        Ok(answer.response.notifications)
    }

    async fn own_post(&self, id: &str) -> Result<Vec<Post>, BackendError> {
        let path = format!("/v2/blog/{}/posts", plain(self.account().handle())?);
        let query = [("id", id.to_string()), ("npf", "true".to_string())];
        Ok(decode_dashboard(&self.get(&path, &query).await?.body, self.account())?.0)
    }

    fn notification(&self, i: wire_views::ActivityItem, posts: &[Post]) -> Option<Notification> {
        let at = Timestamp::from_second(i.timestamp).ok()?;
        let (kind, label) = kind(&i.kind);
        let target = text_of(&i.target_post_id);
        let subject =
            posts.iter().find(|p| matches!(&p.id.key, PostKey::Tumblr { id, .. } if Some(id) == target.as_ref()));
        let name = i.from_tumblelog_name.as_deref().map(sanitize_line).unwrap_or_else(|| "someone".into());
        let excerpt =
            i.reply_text.as_deref().or(i.added_text.as_deref()).map(sanitize).filter(|t| !t.trim().is_empty());
        Some(Notification {
            id: text_of(&i.id).unwrap_or_else(|| format!("{}:{}", i.kind, i.timestamp)),
            account: self.account().clone(),
            kind,
            label,
            actor: Author {
                name: String::new(),
                url: Some(format!("https://{name}.tumblr.com/")),
                handle: name,
                id: None,
            },
            at,
            subject: subject.cloned(),
            excerpt,
            unread: i.unread,
        })
    }
}

/// The activity type in murre's words.
fn kind(kind: &str) -> (NotificationKind, Option<String>) {
    match kind {
        "like" => (NotificationKind::Like, None),
        "reblog_naked" => (NotificationKind::Repost, None),
        "reblog_with_content" => (NotificationKind::Quote, Some("reblogged your post with a comment".into())),
        "reply" => (NotificationKind::Reply, None),
        "follow" => (NotificationKind::Follow, None),
        "mention_in_reply" | "mention_in_post" => (NotificationKind::Mention, None),
        "ask" => (NotificationKind::Other, Some("sent you an ask".into())),
        "answered_ask" => (NotificationKind::Other, Some("answered your ask".into())),
        other => (NotificationKind::Other, Some(format!("({})", sanitize_line(other)))),
    }
}

/// A JSON string or number as text.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(sanitize_line(s)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Replies and commented reblogs, oldest first, as comments under the post.
fn branches(notes: Vec<wire_views::Note>) -> Vec<Branch> {
    let mut out: Vec<Branch> = notes
        .into_iter()
        .filter_map(|n| {
            let text = match n.kind.as_str() {
                "reply" => n.reply_text?,
                "reblog" => n.added_text?,
                _ => return None,
            };
            let author = convert::blog_author(&wire::Blog {
                name: n.blog_name,
                title: String::new(),
                uuid: n.blog_uuid,
                url: n.blog_url,
                primary: false,
            });
            let at = Timestamp::from_second(n.timestamp).ok();
            let item = ThreadItem::Comment { author, text: RichText::plain(&sanitize(&text)), at };
            Some(Branch { item, replies: Vec::new() })
        })
        .collect();
    out.reverse();
    out
}
