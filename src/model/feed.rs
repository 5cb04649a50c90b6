//! Lists and custom feeds, network-neutral: what the picker lists, a view or a pane reads, and the
//! config names. Pure data.

/// What kind of source a feed is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedKind {
    /// A list of people the user made (Mastodon, Bluesky).
    List,
    /// A custom feed made by a feed generator (Bluesky).
    Custom,
}

/// One list or custom feed an account can read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Feed {
    pub kind: FeedKind,
    /// What the network names it by: a Mastodon list id, a Bluesky at-uri.
    pub id: String,
    /// Its name, sanitized (one line).
    pub name: String,
    /// Pinned by the user (Bluesky); pinned feeds are listed first.
    pub pinned: bool,
}
