//! The demo lists and custom feeds, written once for the Mastodon and Bluesky demo servers: who a
//! list holds (its posts are theirs), which words a custom feed picks, and the ones that fail (a
//! deleted list, a feed whose generator is down, a private list). Names are hostile on purpose. Pure.

use super::{Content, Net, Post};

/// How a demo feed answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    /// It serves posts.
    Fine,
    /// Deleted since it was listed: 404 (Mastodon) or `InvalidRequest` "List not found" (Bluesky).
    Gone,
    /// Its feed generator does not answer: 502 `UpstreamFailure`.
    Down,
    /// A list the account may not read: 403 (Mastodon) or `InvalidRequest` (Bluesky).
    Private,
}

/// One demo list or custom feed.
#[derive(Clone, Debug)]
pub struct DemoFeed {
    /// The id in URLs: the Mastodon list id, the Bluesky record key.
    pub id: &'static str,
    pub name: &'static str,
    /// A custom feed (Bluesky feed generator) rather than a list.
    pub custom: bool,
    pub nets: &'static [Net],
    /// A list's members (person keys); a custom feed's words (posts holding any of them).
    pub picks: &'static [&'static str],
    pub health: Health,
    /// Pinned in the Bluesky preferences.
    pub pinned: bool,
}

const M: &[Net] = &[Net::Mastodon];
const B: &[Net] = &[Net::Bluesky];
const MB: &[Net] = &[Net::Mastodon, Net::Bluesky];

/// Every demo feed, in the order the servers list them.
pub fn feeds() -> Vec<DemoFeed> {
    let list = |id, name, nets, picks, health| DemoFeed { id, name, custom: false, nets, picks, health, pinned: false };
    let custom = |id, name, picks, health, pinned| DemoFeed { id, name, custom: true, nets: B, picks, health, pinned };
    vec![
        custom("numbered", "Paging 📄 every numbered post", &["Numbered post"], Health::Fine, true),
        custom(
            "terminals",
            "Terminals 端末 🐈\u{200d}⬛ \u{202e}evil\u{202c} \u{1b}]0;title\u{7}",
            &["terminal", "duck"],
            Health::Fine,
            false,
        ),
        custom("broken", "Broken generator", &[], Health::Down, false),
        list("1", "Friends 👩\u{200d}👩\u{200d}👧 友達", MB, &["alice", "chen", "amira", "family"], Health::Fine),
        list("2", "Writers \u{1b}[31mred\u{1b}[0m أصدقاء", M, &["dana", "noa", "yuki"], Health::Fine),
        list("3", "Deleted list", MB, &["bob"], Health::Gone),
        list("4", "Someone's private list", B, &["carol"], Health::Private),
    ]
}

/// The feed with `id` on `net`, if there is one.
pub fn find(net: Net, id: &str) -> Option<DemoFeed> {
    feeds().into_iter().find(|f| f.id == id && f.nets.contains(&net))
}

/// The posts of `feed` on `net`, newest first (ties by key, newest first): a list's members'
/// posts, a custom feed's posts holding any of its words.
pub fn posts<'a>(c: &'a Content, net: Net, feed: &DemoFeed) -> Vec<&'a Post> {
    let picked = |p: &Post| {
        if feed.custom {
            feed.picks.iter().any(|w| p.text.to_lowercase().contains(&w.to_lowercase()))
        } else {
            feed.picks.contains(&p.author.as_str())
        }
    };
    let mut found: Vec<&Post> = c
        .posts
        .iter()
        .filter(|p| p.nets.has(net) && p.boost_of.is_none() && p.reply_to.is_none() && picked(p))
        .collect();
    found.sort_by_key(|p| std::cmp::Reverse((p.at, p.key)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_hold_their_members_and_feeds_their_words() {
        let c = super::super::build(jiff::Timestamp::UNIX_EPOCH);
        let friends = find(Net::Mastodon, "1").expect("friends");
        let posts = posts(&c, Net::Mastodon, &friends);
        assert!(!posts.is_empty());
        assert!(posts.iter().all(|p| friends.picks.contains(&p.author.as_str())));
        let numbered = find(Net::Bluesky, "numbered").expect("numbered");
        assert!(posts_len(&c, &numbered) > 20, "the paging feed needs more than one page of 20");
        assert!(find(Net::Mastodon, "numbered").is_none());
    }

    fn posts_len(c: &Content, f: &DemoFeed) -> usize {
        posts(c, Net::Bluesky, f).len()
    }
}
