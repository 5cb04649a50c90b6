//! The demo content, written once in a neutral form that each demo server renders into its own format.
//!
//! Pure; no IO. Times are given as minutes before the `now` passed to [`build`], so tests can fix the
//! clock. Each post says which networks it goes to ([`Nets`]); handles and ids differ per network and
//! are derived by the renderers from the person's `key`.

pub mod feeds;
mod generated;
mod hostile;
mod people;
mod posts;
mod posts_more;
pub mod views;

pub use people::people;
pub use views::{BLOCKER, GHOST, Notice, NoticeKind, Read};

use jiff::{SignedDuration, Timestamp};

/// One of the three demo networks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Net {
    /// The Mastodon client API.
    Mastodon,
    /// Bluesky (atproto XRPC).
    Bluesky,
    /// Tumblr API v2 with NPF.
    Tumblr,
}

/// The set of networks a post goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Nets(u8);

impl Nets {
    /// Mastodon only.
    pub const M: Nets = Nets(1);
    /// Bluesky only.
    pub const B: Nets = Nets(2);
    /// Tumblr only.
    pub const T: Nets = Nets(4);
    /// Every network.
    pub const ALL: Nets = Nets(7);

    /// Whether `net` is in the set.
    pub fn has(self, net: Net) -> bool {
        let bit = match net {
            Net::Mastodon => 1,
            Net::Bluesky => 2,
            Net::Tumblr => 4,
        };
        self.0 & bit != 0
    }

    /// The union of two sets.
    pub const fn and(self, other: Nets) -> Nets {
        Nets(self.0 | other.0)
    }
}

/// A person who posts on every network (with a handle per network derived from `key`).
#[derive(Clone, Debug)]
pub struct Person {
    /// Short ASCII key: the Mastodon username, the first label of the Bluesky handle, the Tumblr blog.
    pub key: String,
    /// Display name (may be hostile).
    pub name: String,
    /// Profile text.
    pub bio: String,
}

/// What kind of media an attachment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaKind {
    /// A still image.
    Image,
    /// A video.
    Video,
    /// An audio file.
    Audio,
}

/// A media attachment.
#[derive(Clone, Debug)]
pub struct Media {
    /// Image, video or audio.
    pub kind: MediaKind,
    /// Where the full file lives.
    pub url: String,
    /// Alt text; `None` when the author gave none.
    pub alt: Option<String>,
    /// Pixel width.
    pub width: u32,
    /// Pixel height.
    pub height: u32,
}

/// A link preview card.
#[derive(Clone, Debug)]
pub struct Card {
    /// The linked page.
    pub url: String,
    /// Page title (may be hostile).
    pub title: String,
    /// Page description.
    pub description: String,
    /// Preview image URL.
    pub image: Option<String>,
}

/// A poll (rendered on Mastodon and Tumblr; Bluesky has none).
#[derive(Clone, Debug)]
pub struct Poll {
    /// Option titles and their vote counts.
    pub options: Vec<(String, u32)>,
    /// Whether several options may be chosen.
    pub multiple: bool,
    /// Minutes from `now` until it closes (negative: already closed).
    pub closes_in: i64,
}

/// A Tumblr ask that the post answers.
#[derive(Clone, Debug)]
pub struct Ask {
    /// Person key of the asker; `None` for an anonymous ask.
    pub from: Option<String>,
    /// The question.
    pub question: String,
}

/// One post, boost or reply in the neutral form.
#[derive(Clone, Debug)]
pub struct Post {
    /// Unique key; every id on every network is derived from it and the time.
    pub key: u32,
    /// Person key of the author (or of the booster when `boost_of` is set).
    pub author: String,
    /// When it entered the feed (for a boost: when it was boosted).
    pub at: Timestamp,
    /// Plain text; URLs, `@name` mentions and `#tags` are detected by the renderers.
    pub text: String,
    /// Networks it goes to.
    pub nets: Nets,
    /// Content warning (Mastodon `spoiler_text`).
    pub cw: Option<String>,
    /// Mastodon `sensitive` flag (some servers send `false` with a CW).
    pub sensitive: bool,
    /// Attachments.
    pub media: Vec<Media>,
    /// Link preview.
    pub card: Option<Card>,
    /// Poll.
    pub poll: Option<Poll>,
    /// Key of the post this replies to.
    pub reply_to: Option<u32>,
    /// Key of the quoted post (may name a post that does not exist: a deleted quote).
    pub quote_of: Option<u32>,
    /// Key of the boosted post: this entry is a boost/repost/reblog by `author` at `at`.
    pub boost_of: Option<u32>,
    /// Whether it is in the home feed itself (false for posts only seen boosted, quoted or replied to).
    pub in_feed: bool,
    /// BCP 47 language tag.
    pub lang: String,
    /// Mastodon visibility.
    pub visibility: &'static str,
    /// Bluesky only: `createdAt` lies (far in the future) while `indexedAt` is right.
    pub created_lie: bool,
    /// Tumblr only: the ask this post answers.
    pub ask: Option<Ask>,
    /// Tumblr only: paragraphs shown before a read-more (condensed layout).
    pub read_more_after: Option<usize>,
    /// Tumblr only: inline styles, each applied to the first occurrence of a substring
    /// (`bold`, `italic`, `strikethrough`, `small`); the other networks show the text plain.
    pub styles: Vec<(String, &'static str)>,
    /// Set on posts a client wrote through a demo server's API: what it sent, shown back verbatim.
    pub sent: Option<Sent>,
}

/// What a client sent to create a post, kept so the server reads it back exactly as written (a server
/// that re-rendered the text would hide a client's wrong facet offsets or NPF blocks).
#[derive(Clone, Debug)]
pub enum Sent {
    /// A Bluesky `app.bsky.feed.post` record and the record key it lives under.
    Bluesky {
        /// The record key (a TID).
        rkey: String,
        /// The record as the client sent it.
        record: serde_json::Value,
    },
    /// A Tumblr NPF post.
    Tumblr {
        /// The NPF content blocks.
        content: Vec<serde_json::Value>,
        /// The NPF layout blocks.
        layout: Vec<serde_json::Value>,
        /// The tags, without `#`.
        tags: Vec<String>,
        /// `published`, `draft`, `queue` or `private`; only published posts are shown.
        state: String,
    },
}

impl Post {
    /// A plain public post by `author`, `minutes` before `now`, on every network.
    pub fn new(now: Timestamp, key: u32, author: &str, minutes: i64, text: &str) -> Post {
        Post {
            key,
            author: author.to_string(),
            at: minutes_before(now, minutes),
            text: text.to_string(),
            nets: Nets::ALL,
            cw: None,
            sensitive: false,
            media: Vec::new(),
            card: None,
            poll: None,
            reply_to: None,
            quote_of: None,
            boost_of: None,
            in_feed: true,
            lang: "en".to_string(),
            visibility: "public",
            created_lie: false,
            ask: None,
            read_more_after: None,
            styles: Vec::new(),
            sent: None,
        }
    }

    /// A boost of `original` by `booster`, `minutes` before `now`.
    pub fn boost(now: Timestamp, key: u32, booster: &str, minutes: i64, original: u32) -> Post {
        Post { boost_of: Some(original), ..Post::new(now, key, booster, minutes, "") }
    }

    /// Restricts the post to some networks.
    pub fn on(self, nets: Nets) -> Post {
        Post { nets, ..self }
    }

    /// Adds a content warning (with `sensitive` as given).
    pub fn cw(self, text: &str, sensitive: bool) -> Post {
        Post { cw: Some(text.to_string()), sensitive, ..self }
    }

    /// Adds an image (alt `None`: the author gave no alt text).
    pub fn image(mut self, url: &str, alt: Option<&str>) -> Post {
        self.media.push(Media::new(MediaKind::Image, url, alt));
        self
    }

    /// Makes it a reply to `parent`.
    pub fn reply(self, parent: u32) -> Post {
        Post { reply_to: Some(parent), ..self }
    }

    /// Makes it a quote of `quoted`.
    pub fn quote(self, quoted: u32) -> Post {
        Post { quote_of: Some(quoted), ..self }
    }

    /// Keeps it out of the home feed (only seen through a boost, quote or reply).
    pub fn hidden(self) -> Post {
        Post { in_feed: false, ..self }
    }

    /// Sets the language tag.
    pub fn lang(self, lang: &str) -> Post {
        Post { lang: lang.to_string(), ..self }
    }
}

impl Media {
    /// A media attachment with a typical size for its kind.
    pub fn new(kind: MediaKind, url: &str, alt: Option<&str>) -> Media {
        let (width, height) = if kind == MediaKind::Audio { (0, 0) } else { (1280, 960) };
        Media { kind, url: url.to_string(), alt: alt.map(str::to_string), width, height }
    }
}

/// All demo people and posts.
#[derive(Clone, Debug)]
pub struct Content {
    /// Everyone who appears.
    pub people: Vec<Person>,
    /// Every post, boost and hidden original.
    pub posts: Vec<Post>,
    /// What the demo account did through the server's API (likes, follows...).
    pub acts: super::acts::Acts,
    /// The demo account's notifications.
    pub notices: Vec<Notice>,
    /// How far the demo account has read its notifications.
    pub read: Read,
}

/// Builds the demo content with times counted back from `now`.
pub fn build(now: Timestamp) -> Content {
    let mut posts = posts::posts(now);
    posts.extend(posts_more::posts(now));
    posts.extend(hostile::posts(now));
    posts.extend(generated::thread(now));
    posts.extend(generated::numbered(now));
    posts.extend(generated::local(now));
    posts.extend(views::thread(now));
    Content { people: people(), posts, acts: Default::default(), notices: views::notices(now), read: views::read(now) }
}

/// The time `minutes` before `now`.
pub fn minutes_before(now: Timestamp, minutes: i64) -> Timestamp {
    now.checked_sub(SignedDuration::from_mins(minutes)).unwrap_or(now)
}
