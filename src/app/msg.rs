//! Facts delivered to `update`: user actions, time, terminal changes and backend results.

use jiff::Timestamp;

use super::{Action, ReqId};
use crate::backend::{BackendError, Outcome, Page};
use crate::model::Post;

/// Which part of a feed a request asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchKind {
    /// The newest page, or what is newer than what is loaded.
    Newer,
    /// The next older page.
    Older,
    /// A page fetched again above the reader, after the timeline dropped it (see `evict`).
    Above,
}

/// Something that happened.
#[derive(Debug)]
pub enum Msg {
    /// The user asked for something (already resolved by the keymap).
    Action(Action),
    /// The clock moved.
    Tick(Timestamp),
    /// The terminal was resized.
    Resize { width: u16, height: u16 },
    /// The mouse wheel turned: negative is up.
    Scroll(i16),
    /// A feed request finished.
    FeedLoaded { req: ReqId, source: usize, kind: FetchKind, result: Result<Page<Post>, BackendError> },
    /// Opening a URL failed.
    OpenFailed(String),
    /// A key while typing (the compose box takes keys as text).
    Key(crossterm::event::KeyEvent),
    /// A Mastodon-API server said its limits (characters, URL length, images).
    Rules { account: crate::model::AccountId, rules: crate::publish::prepare::Rules },
    /// One target of a publish answered (a progress line).
    Progress(crate::publish::Outcome),
    /// A publish finished: how each target went.
    Published(Vec<crate::publish::Outcome>),
    /// The draft could not even be stored: nothing was sent, the text goes back to the compose box.
    PublishFailed { request: crate::publish::prepare::Request, error: String },
    /// An image for the compose box was read (or why not).
    ImageLoaded(Result<crate::store::attachment::Attachment, String>),
    /// `$EDITOR` gave back the text (or why not).
    Edited(Result<String, String>),
    /// What the outbox holds now (at start, and after every send, retry or discard).
    Outbox(Vec<crate::store::outbox::Draft>),
    /// A logout finished.
    LoggedOut(crate::model::AccountId),
    /// A login finished and the account's client is ready (at the end of the sources if it is new).
    AccountReady(super::Source),
    /// An interaction succeeded.
    Interacted { req: ReqId, outcome: Outcome },
    /// An interaction failed: what it changed is taken back.
    InteractFailed { req: ReqId, error: BackendError },
    /// Whether the account follows a post's author, as its server said.
    FollowingChecked { req: ReqId, result: Result<bool, BackendError> },
    /// What a view asked for (a thread, notifications, a profile, an unread count).
    View(super::views::Answer),
    /// Source `source`'s live stream is open.
    StreamOpened { req: ReqId, source: usize },
    /// Source `source`'s live stream delivered an event.
    StreamEvent { req: ReqId, source: usize, event: crate::backend::StreamEvent },
    /// Source `source`'s live stream ended (or never opened).
    StreamClosed { req: ReqId, source: usize, end: crate::backend::StreamEnd },
    /// Where the reader stopped last time, as the state file and the servers' markers say.
    Remembered(super::read::Remembered),
    /// An image for a preview was downloaded and decoded (or why not, in words).
    ImageFetched { req: ReqId, url: String, result: Result<super::images::Preview, String> },
}
