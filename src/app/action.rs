//! User intent, produced by the keymap from keys. Names are what config files bind keys to.

use serde::Deserialize;

/// Something the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Quit murre.
    Quit,
    /// Select the next post.
    SelectNext,
    /// Select the previous post.
    SelectPrev,
    /// Jump to the newest post.
    SelectFirst,
    /// Jump to the oldest loaded post.
    SelectLast,
    /// Move one page down.
    PageDown,
    /// Move one page up.
    PageUp,
    /// Move half a page down.
    HalfPageDown,
    /// Move half a page up.
    HalfPageUp,
    /// Open the selected post in the detail pane.
    Open,
    /// Go back or close what is open.
    Back,
    /// Show or hide a content warning.
    ToggleCw,
    /// Open a link of the post (a picker when it has several).
    OpenLink,
    /// Copy the post's web address (in the link picker: the link).
    CopyUrl,
    /// Load what is new from every source.
    Refresh,
    /// Show only Mastodon.
    FilterMastodon,
    /// Show only Bluesky.
    FilterBluesky,
    /// Show only Tumblr.
    FilterTumblr,
    /// Show every network.
    FilterAll,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Show or hide this help.
    ToggleHelp,
    /// Open or close the account switcher.
    Accounts,
    /// In the switcher: put the account in the merged timeline or take it out.
    ToggleIncluded,
    /// In the switcher: post as this account on its network.
    SetPosting,
    /// In the switcher: show this account in its own pane beside the merged one (or stop); in the
    /// lists and feeds picker, the same for a list or feed.
    TogglePane,
    /// In the lists and feeds picker: add the list or feed to the focused pane of lists and feeds
    /// (or take it out), merging it with what the pane shows.
    AddToPane,
    /// Write a post (to the posting accounts; several networks at once).
    Compose,
    /// Reply to the selected post (from the account that sees it).
    Reply,
    /// Quote the selected post in a new one (Bluesky).
    Quote,
    /// In the switcher: log out of this account (press twice).
    Logout,
    /// Log in again to an account the server refused (or, when none is refused, add one).
    Login,
    /// Log in to a new account.
    AddAccount,
    /// Open or close the outbox (drafts not yet published everywhere).
    Outbox,
    /// In the outbox: send the draft again where it is missing.
    RetryDraft,
    /// In the outbox: discard the draft (press twice).
    DiscardDraft,
    /// Like (favourite) the selected post, or take the like back.
    Like,
    /// Boost (repost, reblog) the selected post, or take it back.
    Boost,
    /// Bookmark the selected post, or take the bookmark away.
    Bookmark,
    /// Delete the selected post, the account's own (asks first).
    Delete,
    /// Follow the selected post's author, or stop following.
    Follow,
    /// Open the selected post's conversation.
    OpenThread,
    /// Open the notifications of every account.
    Notifications,
    /// Open the profile of the selected post's author.
    Profile,
    /// Search posts on every network that can (asks for the words).
    Search,
    /// Posts with a hashtag on every network (asks for the tag).
    Hashtag,
    /// Pick a list or custom feed of any account and open it.
    Feeds,
    /// Open the post's images in the image viewer.
    OpenImage,
}

impl Action {
    /// A short description for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::SelectNext => "next post",
            Action::SelectPrev => "previous post",
            Action::SelectFirst => "newest post",
            Action::SelectLast => "oldest loaded post",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::HalfPageDown => "half page down",
            Action::HalfPageUp => "half page up",
            Action::Open => "open post / choose",
            Action::Back => "back / close",
            Action::ToggleCw => "show or hide content warning",
            Action::OpenLink => "open a link",
            Action::CopyUrl => "copy the post's address",
            Action::Refresh => "refresh",
            Action::FilterMastodon => "only Mastodon",
            Action::FilterBluesky => "only Bluesky",
            Action::FilterTumblr => "only Tumblr",
            Action::FilterAll => "all networks",
            Action::FocusNext => "next pane",
            Action::FocusPrev => "previous pane",
            Action::ToggleHelp => "help",
            Action::Accounts => "accounts",
            Action::ToggleIncluded => "show or hide in the merged timeline",
            Action::SetPosting => "post as this account on its network",
            Action::TogglePane => "show in its own pane, or not",
            Action::AddToPane => "add to the focused pane of lists and feeds, or take out",
            Action::Compose => "compose a post",
            Action::Reply => "reply to the post",
            Action::Quote => "quote the post (Bluesky)",
            Action::Logout => "log out of this account",
            Action::Login => "log in again (or add an account)",
            Action::AddAccount => "add an account",
            Action::Outbox => "outbox: drafts not yet sent everywhere",
            Action::RetryDraft => "send the draft again where it is missing",
            Action::DiscardDraft => "discard the draft (press twice)",
            Action::Like => "like / favourite, or undo",
            Action::Boost => "boost / repost, or undo",
            Action::Bookmark => "bookmark, or undo",
            Action::Delete => "delete own post (asks)",
            Action::Follow => "follow the author, or undo",
            Action::OpenThread => "thread of the post",
            Action::Notifications => "notifications (every account)",
            Action::Profile => "profile of the author",
            Action::Search => "search posts",
            Action::Hashtag => "posts with a hashtag",
            Action::Feeds => "lists and custom feeds",
            Action::OpenImage => "open the images in the viewer",
        }
    }
}
