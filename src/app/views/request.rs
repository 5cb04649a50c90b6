//! The views' work for the runtime (one `Effect::View`) and its answers (one `Msg::View`), each
//! tagged with its request and view so stale answers are dropped.

use jiff::Timestamp;

use crate::app::ReqId;
use crate::backend::feeds::{Feed, Feeds};
use crate::backend::search::{Found, SearchKind};
use crate::backend::views::{Notifications, ReadMark, Unread};
use crate::backend::{BackendError, Page};
use crate::model::{AccountId, Author, Post, ProfilePage, Thread};

/// Something a view needs read or written.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// The conversation around `post`, through the account that fetched it.
    Thread { req: ReqId, view: u64, post: Box<Post> },
    /// The notifications of `account`.
    /// (`cursor`: the page older than it; `None` the newest).
    Notifications { req: ReqId, view: u64, account: AccountId, cursor: Option<String> },
    /// `person`'s profile as `account` sees them.
    Profile { req: ReqId, view: u64, account: AccountId, person: Author },
    /// Posts with a tag or matching words, as `account` sees them (`cursor`: the page older than it).
    Search { req: ReqId, view: u64, account: AccountId, kind: SearchKind, query: String, cursor: Option<String> },
    /// The lists and saved feeds of `account`.
    Feeds { req: ReqId, account: AccountId },
    /// A page of `account`'s list or feed `feed` (`cursor`: the page older than it; `None` the newest).
    Feed { req: ReqId, view: u64, account: AccountId, feed: Feed, cursor: Option<String> },
    /// The posts of `person` older than `cursor`, for a profile view.
    ProfilePosts { req: ReqId, view: u64, account: AccountId, person: Author, cursor: String },
    /// How many notifications of `account` are unread (`read_here`: what murre itself marked read).
    Unread { req: ReqId, account: AccountId, read_here: Option<Timestamp> },
    /// Tell `account`'s server that everything up to `mark` was read.
    MarkRead { account: AccountId, mark: ReadMark },
}

// Posts hold no floating point: equality is total, as `Effect` needs.
impl Eq for Request {}

/// What the runtime found.
#[derive(Debug)]
pub enum Answer {
    Thread {
        req: ReqId,
        view: u64,
        result: Result<Thread, BackendError>,
    },
    Notifications {
        req: ReqId,
        view: u64,
        account: AccountId,
        result: Result<Notifications, BackendError>,
    },
    Profile {
        req: ReqId,
        view: u64,
        result: Result<Box<ProfilePage>, BackendError>,
    },
    Unread {
        req: ReqId,
        account: AccountId,
        result: Result<Unread, BackendError>,
    },
    Search {
        req: ReqId,
        view: u64,
        account: AccountId,
        result: Result<Found, BackendError>,
    },
    /// A page of posts for view `view` (a profile's older posts, a list's or feed's page).
    Posts {
        req: ReqId,
        view: u64,
        result: Result<Page<Post>, BackendError>,
    },
    Feeds {
        req: ReqId,
        account: AccountId,
        result: Result<Feeds, BackendError>,
    },
    /// `Ok(false)`: the network keeps no read state murre can set (murre keeps it).
    MarkedRead {
        account: AccountId,
        result: Result<bool, BackendError>,
    },
}
