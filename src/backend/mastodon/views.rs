//! Threads and notifications on a Mastodon-API server: `GET /api/v1/statuses/:id/context`,
//! `GET /api/v1/notifications`, and the read position in `GET/POST /api/v1/markers`.
//!
//! Ids are opaque, so unread is never decided by comparing them: a notification is unread when it
//! comes before the marker's id in the newest-first list (all of a page that does not hold it).

use reqwest::Method;

use super::interact::checked;
use super::{Client, convert, link, wire_views as wire};
use crate::backend::views::{Notifications, Unread};
use crate::backend::{BackendError, http};
use crate::model::{Author, Notification, NotificationKind, Post, PostKey, Thread, ThreadItem};
use crate::text::sanitize_line;

/// Notifications read per request (the API's default is 40 at most on many servers).
const PAGE: &str = "40";

/// What a missing parent says.
const GONE_PARENT: &str = "the post this answers is gone (deleted, or not visible to this account)";

impl Client {
    /// The conversation around `post`: its context, with the post in the middle.
    pub async fn thread(&self, post: &Post) -> Result<Thread, BackendError> {
        let PostKey::Mastodon { id, .. } = &post.id.key else {
            return Err(BackendError::Invalid("not a Mastodon post".into()));
        };
        let path = format!("/api/v1/statuses/{}/context", checked(id)?);
        let context: wire::Context = self.read(&path, &[]).await?.json()?;
        let ctx = self.ctx();
        let convert = |list: Vec<super::wire::Status>| -> Vec<Post> {
            list.into_iter().filter_map(|s| convert::status(s, &ctx)).collect()
        };
        let ancestors = convert(context.ancestors);
        let anchor = Post { repost: None, ..post.clone() };
        let top = ancestors.first().unwrap_or(&anchor);
        let mut items: Vec<ThreadItem> = Vec::new();
        if top.reply_to.is_some() {
            items.push(ThreadItem::Gone { why: GONE_PARENT.into() });
        }
        items.extend(ancestors.into_iter().map(|p| ThreadItem::Post(Box::new(p))));
        let replies = Thread::tree(&anchor.id.key, convert(context.descendants));
        Ok(Thread::new(items, anchor, replies))
    }

    /// The newest notifications, unread as the notifications marker says; or, after `cursor` (the
    /// Link header's `max_id`), an older page, counted read (what is unread is in the newest page
    /// the marker is compared with).
    pub async fn notifications(&self, cursor: Option<&str>) -> Result<Notifications, BackendError> {
        let Some(cursor) = cursor else {
            let (page, older) = self.notification_page(None).await?;
            let last_read = self.last_read().await?;
            let unread = unread_prefix(&page, last_read.as_deref());
            let ctx = self.ctx();
            let items = page.into_iter().enumerate().filter_map(|(i, n)| notification(n, i < unread, &ctx)).collect();
            return Ok(Notifications { items, note: None, older });
        };
        let (page, older) = self.notification_page(Some(cursor)).await?;
        let ctx = self.ctx();
        let items = page.into_iter().filter_map(|n| notification(n, false, &ctx)).collect();
        Ok(Notifications { items, note: None, older })
    }

    /// How many notifications come before the marker (a full page of them: more).
    pub async fn unread(&self) -> Result<Unread, BackendError> {
        let (page, _) = self.notification_page(None).await?;
        let last_read = self.last_read().await?;
        let count = unread_prefix(&page, last_read.as_deref());
        let more = count == page.len() && page.len() >= PAGE.parse().unwrap_or(40);
        Ok(Unread { count: u32::try_from(count).unwrap_or(u32::MAX), more })
    }

    /// Moves the notifications marker to `id` (`POST /api/v1/markers`).
    pub async fn mark_read(&self, id: &str) -> Result<(), BackendError> {
        let form = [("notifications[last_read_id]", checked(id)?)];
        let request = self.request(Method::POST, "/api/v1/markers").form(&form);
        http::check_status(http::send(request).await?, "the server refused the read marker").map(|_| ())
    }

    /// A page of notifications and the cursor of the next older one (the Link header's, else the
    /// last id's `max_id`; `None` after an empty page).
    async fn notification_page(
        &self,
        cursor: Option<&str>,
    ) -> Result<(Vec<wire::Notification>, Option<String>), BackendError> {
        let mut query = vec![("limit".to_string(), PAGE.to_string())];
        query.extend(cursor.map(link::decode_cursor).unwrap_or_default());
        let answer = self.read("/api/v1/notifications", &query).await?;
        let page: Vec<wire::Notification> = answer.json()?;
        let fallback = || page.last().map(|n| link::encode_cursor([("max_id", n.id.as_str())]));
        let older = if page.is_empty() { None } else { link::parse(&answer.headers).next.or_else(fallback) };
        Ok((page, older))
    }

    /// The notifications marker's id; `None` when the account never set one.
    async fn last_read(&self) -> Result<Option<String>, BackendError> {
        let query = [("timeline[]".to_string(), "notifications".to_string())];
        let markers: wire::Markers = self.read("/api/v1/markers", &query).await?.json()?;
        Ok(markers.notifications.map(|m| m.last_read_id).filter(|id| !id.is_empty()))
    }
}

/// How many of the newest-first `page` come before the one named `last_read` (all when absent).
fn unread_prefix(page: &[wire::Notification], last_read: Option<&str>) -> usize {
    last_read.and_then(|id| page.iter().position(|n| n.id == id)).unwrap_or(page.len())
}

/// One notification; `None` without a readable time or actor.
fn notification(n: wire::Notification, unread: bool, ctx: &convert::Ctx) -> Option<Notification> {
    let at = n.created_at.parse().ok()?;
    let actor: Author = convert::author(n.account.as_ref()?, ctx);
    let subject = n.status.and_then(|s| convert::status(s, ctx));
    let (kind, label) = match n.kind.as_str() {
        "mention" if subject.as_ref().is_some_and(|p| p.reply_to.is_some()) => (NotificationKind::Reply, None),
        "mention" => (NotificationKind::Mention, None),
        "favourite" => (NotificationKind::Like, None),
        "reblog" => (NotificationKind::Repost, None),
        "follow" => (NotificationKind::Follow, None),
        "follow_request" => (NotificationKind::FollowRequest, None),
        "quote" => (NotificationKind::Quote, None),
        other => (NotificationKind::Other, Some(label(other))),
    };
    Some(Notification {
        id: sanitize_line(&n.id),
        account: ctx.account.clone(),
        kind,
        label,
        actor,
        at,
        subject,
        excerpt: None,
        unread,
    })
}

/// Words for the other notification types.
fn label(kind: &str) -> String {
    match kind {
        "poll" => "a poll you voted in or made has ended".into(),
        "status" => "posted".into(),
        "update" => "edited a post you interacted with".into(),
        "admin.sign_up" => "signed up".into(),
        "admin.report" => "filed a report".into(),
        other => format!("({})", sanitize_line(other)),
    }
}
