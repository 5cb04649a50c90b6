//! Work for the runtime to do: returned by `update` as data, never done by it.

use super::ReqId;
use crate::backend::{Cursor, Interaction, Target};
use crate::model::AccountId;
use crate::model::Feed;

/// What the reader chose for one account in the switcher, to keep in config.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountChoice {
    pub account: AccountId,
    pub included: bool,
    pub posting: bool,
    /// Shown in its own pane beside the merged timeline.
    pub pane: bool,
}

/// A command for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Fetch a page of source `source`'s feed (the home feed of the source's account, or with
    /// `feed`, that account's list or custom feed); the answer comes back as `Msg::FeedLoaded`.
    Fetch { req: ReqId, source: usize, at: Cursor, kind: super::FetchKind, feed: Option<(AccountId, Feed)> },
    /// Open a URL in the user's browser.
    OpenUrl(String),
    /// Put this text on the clipboard (through the terminal, OSC 52).
    Copy(String),
    /// Log in outside the TUI (the terminal is handed to the login flow, then taken back): again to
    /// `account`, or to a new account when `None`. The result comes back as `Msg::AccountReady`.
    Login { account: Option<AccountId> },
    /// Log out of `account`: revoke where the server allows, forget it in config and secrets.
    Logout { account: AccountId },
    /// Publish through the outbox; the outcome comes back as `Msg::Published`.
    Publish(crate::publish::prepare::Request),
    /// Read the image at this path for the compose box; the answer comes back as `Msg::ImageLoaded`.
    LoadImage(std::path::PathBuf),
    /// Hand the terminal to `$EDITOR` on this text; the result comes back as `Msg::Edited`.
    Edit(String),
    /// Send the outbox draft with this id again (only to the targets that do not have it).
    Retry(String),
    /// Drop the outbox draft with this id.
    Discard(String),
    /// Remember the switcher's choices (which accounts feed the timeline, which one posts).
    SaveAccountChoices(Vec<AccountChoice>),
    /// Remember which lists and feeds are in the timeline, and the panes of lists and feeds.
    SaveFeeds { timeline: Vec<crate::store::config::FeedConfig>, panes: Vec<crate::store::config::PaneConfig> },
    /// Do `act` on `target` through the account that fetched the post; the answer comes back as
    /// `Msg::Interacted` or `Msg::InteractFailed`.
    Interact { req: ReqId, target: Target, act: Interaction },
    /// Ask whether the fetching account follows `target`'s author; the answer comes back as
    /// `Msg::FollowingChecked`.
    CheckFollowing { req: ReqId, target: Target },
    /// Read or mark what a view needs (a thread, notifications, a profile, unread counts); the
    /// answer comes back as `Msg::View`.
    View(super::views::Request),
    /// Open source `source`'s live stream; what it delivers comes back as `Msg::StreamOpened`,
    /// `Msg::StreamEvent` and finally `Msg::StreamClosed`. Replaces a stream the source had. With
    /// `list`, the stream of that Mastodon list of the account's, else the account's user stream.
    OpenStream { req: ReqId, source: usize, list: Option<(AccountId, String)> },
    /// Close source `source`'s live stream, if it has one.
    CloseStream { source: usize },
    /// Read where the reader stopped last time; the answer comes back as `Msg::Remembered`.
    LoadReadPosition,
    /// Remember where the reader is (the state file, and each Mastodon account's home marker).
    SaveReadPosition(super::read::Position),
    /// Download and decode the image at `url` for a preview (size cap, timeout); the answer comes
    /// back as `Msg::ImageFetched`.
    FetchImage { req: ReqId, url: String },
    /// Open these images (their real addresses) in the image viewer.
    OpenImages(Vec<String>),
}
