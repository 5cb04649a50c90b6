//! Content for the views: a conversation with deep nesting, CJK, RTL and emoji, a reply whose parent
//! was deleted and one by a person who blocks the demo account; notifications of every kind (four
//! likes of one post to group, two reposts, follows, a mention, a reply, a quote), some already
//! read; and the read position the mark-read calls move.
//!
//! Pure data. Keys 700-749.

use super::{Nets, Post, minutes_before};
use jiff::Timestamp;

/// The person who blocks the demo account (Bluesky shows their posts as blocked; Mastodon says so
/// in the relationship).
pub const BLOCKER: &str = "blocker";
/// A person whose account was deleted after following the demo account: no profile any more.
pub const GHOST: &str = "ghost";
/// The key of a reply that was deleted: post 711 still answers it.
pub const DELETED: u32 = 710;

/// What a notification says happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Like,
    Repost,
    Follow,
    Mention,
    Reply,
    Quote,
}

/// One notification to the demo account, in a neutral form each server renders its own way.
#[derive(Clone, Debug)]
pub struct Notice {
    /// Unique; the notification's ids derive from it and the time.
    pub key: u32,
    pub kind: NoticeKind,
    /// Person key of who did it.
    pub from: String,
    /// The demo account's post it is about (liked, reposted, answered, quoted).
    pub target: Option<u32>,
    /// The new post itself (a mention, reply or quote).
    pub post: Option<u32>,
    /// Tumblr: the text of a reply note.
    pub text: Option<String>,
    pub at: Timestamp,
    pub nets: Nets,
}

/// Where the demo account read its notifications up to; the mark-read calls move it.
#[derive(Clone, Debug)]
pub struct Read {
    /// Notifications after this are unread.
    pub seen: Timestamp,
    /// Mastodon's notifications marker as last set (`None`: the newest read notification's id).
    pub marker: Option<String>,
}

/// The conversation: 700 is the root; 711 answers the deleted 710; 712 is by the blocker.
pub fn thread(now: Timestamp) -> Vec<Post> {
    let p = |key, who, min, text: &str| Post::new(now, key, who, min, text);
    let mb = Nets::M.and(Nets::B);
    vec![
        p(700, "alice", 250, "Which terminal font do you use for CJK text? 中文 and 日本語 need double-width glyphs."),
        p(701, "bob", 248, "@alice Iosevka covers most of it, with a fallback.").reply(700).on(mb).hidden(),
        p(702, "chen", 246, "我用更纱黑体（Sarasa Gothic），中文和英文对齐得很好。")
            .reply(701)
            .lang("zh")
            .on(mb)
            .hidden(),
        p(703, "amira", 245, "أستخدم خط Cascadia Code مع العربية، والاتجاه من اليمين إلى اليسار يعمل.")
            .reply(701)
            .lang("ar")
            .on(mb)
            .hidden(),
        p(704, "family", 244, "👩\u{200d}👩\u{200d}👧\u{200d}👦 All four of us agree with 陈静 👋🏽")
            .reply(702)
            .on(mb)
            .hidden(),
        p(705, "murre", 242, "@family Sarasa it is. Thanks, everyone!").reply(704).on(mb).hidden(),
        p(706, "bob", 240, "You're welcome, murre 🦆").reply(705).on(mb).hidden(),
        p(707, "yuki", 238, "深いスレッドのテストです。まだ続きます。").reply(706).lang("ja").on(mb).hidden(),
        p(708, "dana", 236, "Deeper still: seven levels down.").reply(707).on(mb).hidden(),
        p(709, "noa", 247, "שלום! I use DejaVu Sans Mono for עברית.").reply(700).lang("he").on(mb).hidden(),
        p(711, "linh", 230, "Replying to a post that its author deleted.").reply(DELETED).on(mb),
        p(712, BLOCKER, 249, "You should not be able to read this.").reply(700).on(Nets::B).hidden(),
        p(720, "carol", 12, "Hey murre, have you tried the thread view? Press t on a post."),
        p(721, "yuki", 25, "Quoting the demo account: ようこそ! 🎉").quote(57).hidden(),
    ]
}

/// The demo account's notifications, newest first.
pub fn notices(now: Timestamp) -> Vec<Notice> {
    use NoticeKind::*;
    let n = |key, kind, from: &str, target: Option<u32>, post: Option<u32>, min, nets| Notice {
        key,
        kind,
        from: from.to_string(),
        target,
        post,
        text: None,
        at: minutes_before(now, min),
        nets,
    };
    let mb = Nets::M.and(Nets::B);
    let mut out = vec![
        n(1, Like, "alice", Some(57), None, 5, Nets::ALL),
        n(2, Like, "bob", Some(57), None, 9, Nets::ALL),
        n(3, Mention, "carol", None, Some(720), 12, Nets::ALL),
        n(4, Like, "chen", Some(57), None, 14, Nets::ALL),
        n(5, Like, "carol", Some(57), None, 20, Nets::ALL),
        n(6, Quote, "yuki", Some(57), Some(721), 25, Nets::ALL),
        n(7, Repost, "dana", Some(57), None, 30, Nets::ALL),
        n(8, Repost, "yuki", Some(57), None, 45, Nets::ALL),
        n(9, Like, "family", Some(705), None, 60, mb),
        n(10, Follow, "noa", None, None, 70, Nets::ALL),
        n(11, Follow, "linh", None, None, 75, Nets::ALL),
        n(12, Reply, "bob", Some(705), Some(706), 240, mb),
        n(13, Like, "stranger", Some(57), None, 1600, Nets::ALL),
        n(14, Follow, GHOST, None, None, 2000, Nets::ALL),
    ];
    out.push(Notice {
        text: Some("Welcome to Tumblr, murre! 🎉".into()),
        ..n(15, Reply, "zoe", Some(57), None, 50, Nets::T)
    });
    out
}

/// The read position the servers start with: everything in the last 100 minutes is unread.
pub fn read(now: Timestamp) -> Read {
    Read { seen: minutes_before(now, 100), marker: None }
}
