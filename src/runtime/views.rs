//! Runs the views' requests (threads, notifications, profiles, searches, lists and feeds, unread counts,
//! read markers) on the client of the account they name; each answer comes back as `Msg::View`.

use tokio::sync::mpsc;

use super::effects::{Runtime, not_connected};
use crate::app::Msg;
use crate::app::views::{Answer, Request};
use crate::backend::{BackendError, Client, Cursor};
use crate::model::AccountId;

impl Runtime {
    /// Starts a view's request; never blocks the event loop.
    pub(super) fn view(&self, request: Request, tx: mpsc::UnboundedSender<Msg>) {
        let account = match &request {
            Request::Thread { post, .. } => post.id.account.clone(),
            Request::Notifications { account, .. }
            | Request::Profile { account, .. }
            | Request::Search { account, .. }
            | Request::Feeds { account, .. }
            | Request::ProfilePosts { account, .. }
            | Request::Feed { account, .. }
            | Request::Unread { account, .. }
            | Request::MarkRead { account, .. } => account.clone(),
        };
        let client = self.client_of(&account);
        tokio::spawn(async move {
            let answer = run(client.as_ref().ok_or_else(|| not_connected(&account)), request, &account).await;
            let _ = tx.send(Msg::View(answer));
        });
    }
}

/// Does the request with `client` (or answers the reason there is none).
async fn run(client: Result<&Client, BackendError>, request: Request, account: &AccountId) -> Answer {
    let account = account.clone();
    match request {
        Request::Thread { req, view, post } => {
            let result = match client {
                Ok(c) => c.thread(&post).await,
                Err(e) => Err(e),
            };
            Answer::Thread { req, view, result }
        }
        Request::Notifications { req, view, cursor, .. } => {
            let result = match client {
                Ok(c) => c.notifications(cursor.as_deref()).await,
                Err(e) => Err(e),
            };
            Answer::Notifications { req, view, account, result }
        }
        Request::Profile { req, view, person, .. } => {
            let result = match client {
                Ok(c) => c.profile(&person).await.map(Box::new),
                Err(e) => Err(e),
            };
            Answer::Profile { req, view, result }
        }
        Request::Search { req, view, kind, query, cursor, .. } => {
            let result = match client {
                Ok(c) => c.search(kind, &query, cursor.as_deref()).await,
                Err(e) => Err(e),
            };
            Answer::Search { req, view, account, result }
        }
        Request::ProfilePosts { req, view, person, cursor, .. } => {
            let result = match client {
                Ok(c) => c.profile_posts(&person, &cursor).await,
                Err(e) => Err(e),
            };
            Answer::Posts { req, view, result }
        }
        Request::Feeds { req, .. } => {
            let result = match client {
                Ok(c) => c.feeds().await,
                Err(e) => Err(e),
            };
            Answer::Feeds { req, account, result }
        }
        Request::Feed { req, view, feed, cursor, .. } => {
            let at = cursor.map_or(Cursor::Newest, Cursor::Older);
            let result = match client {
                Ok(c) => c.feed(&feed, at).await,
                Err(e) => Err(e),
            };
            Answer::Posts { req, view, result }
        }
        Request::Unread { req, read_here, .. } => {
            let result = match client {
                Ok(c) => c.unread(read_here).await,
                Err(e) => Err(e),
            };
            Answer::Unread { req, account, result }
        }
        Request::MarkRead { mark, .. } => {
            let result = match client {
                Ok(c) => c.mark_read(&mark).await,
                Err(e) => Err(e),
            };
            Answer::MarkedRead { account, result }
        }
    }
}
