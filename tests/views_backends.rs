//! Hermetic tests of the views' backends: murre's real clients against the demo servers. Threads
//! (a deep conversation, a deleted parent, a blocked reply, Tumblr's trail and notes),
//! notifications (every kind, grouping, unread counts that a mark-read call clears), profiles (a
//! hostile bio, a blocker, a deleted account) and errors from the fault injection.

mod common;

use std::time::Duration;

use common::demo::{Setup, setup};
use murre::backend::views::ReadMark;
use murre::backend::{BackendError, Client, Cursor};
use murre::model::notification::group;
use murre::model::{Author, Network, NotificationKind, Post, Thread, ThreadItem};

async fn all_posts(client: &Client) -> Vec<Post> {
    common::demo::all_pages(client).await
}

/// The first post (not a repost) whose text starts with `text`.
async fn find(client: &Client, text: &str) -> Post {
    let posts = all_posts(client).await;
    let found = posts.into_iter().find(|p| p.repost.is_none() && p.text.to_plain().starts_with(text));
    found.unwrap_or_else(|| panic!("{}: no post starting {text:?}", client.network()))
}

/// (depth, first words or what is gone) of each row.
fn shape(t: &Thread) -> Vec<(usize, String)> {
    // Mentions read `@alice` whatever the network adds to the handle.
    let short = |w: &str| match w.strip_prefix('@') {
        Some(h) => format!("@{}", h.split(['.', '@']).next().unwrap_or_default()),
        None => w.to_string(),
    };
    let words = |s: String| s.split_whitespace().take(2).map(short).collect::<Vec<_>>().join(" ");
    t.nodes
        .iter()
        .map(|n| match &n.item {
            ThreadItem::Post(p) => (n.depth, words(p.text.to_plain())),
            ThreadItem::Comment { text, .. } => (n.depth, format!("comment: {}", words(text.to_plain()))),
            ThreadItem::Gone { why } => (n.depth, format!("gone: {}", words(why.clone()))),
        })
        .collect()
}

fn s(pairs: &[(usize, &str)]) -> Vec<(usize, String)> {
    pairs.iter().map(|(d, t)| (*d, t.to_string())).collect()
}

#[tokio::test]
async fn mastodon_and_bluesky_threads_nest_replies_and_say_what_is_gone() {
    let st = setup(Duration::from_secs(10)).await;
    let conversation = s(&[
        (0, "Which terminal"),
        (1, "@alice Iosevka"),
        (2, "我用更纱黑体（Sarasa Gothic），中文和英文对齐得很好。"),
        (3, "👩\u{200d}👩\u{200d}👧\u{200d}👦 All"),
        (4, "@family Sarasa"),
        (5, "You're welcome,"),
        (6, "深いスレッドのテストです。まだ続きます。"),
        (7, "Deeper still:"),
        (2, "أستخدم خط"),
        (1, "שלום! I"),
    ]);
    for client in &st.clients[..2] {
        let root = find(client, "Which terminal font").await;
        let thread = client.thread(&root).await.unwrap_or_else(|e| panic!("{e}"));
        let mut got = shape(&thread);
        assert_eq!(thread.anchor, 0);
        if client.network() == Network::Bluesky {
            // The blocker's reply is a note on Bluesky (the oldest reply first: it comes before noa's).
            let blocked =
                thread.nodes.iter().position(|n| matches!(&n.item, ThreadItem::Gone { why } if why.contains("block")));
            let blocked = blocked.unwrap_or_else(|| panic!("no blocked reply: {got:?}"));
            assert_eq!(got.remove(blocked).0, 1);
        }
        assert_eq!(got, conversation, "{}", client.network());
        let orphan = find(client, "Replying to a post that its author deleted").await;
        let thread = client.thread(&orphan).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(thread.anchor, 1, "{}: {:?}", client.network(), shape(&thread));
        assert!(
            matches!(&thread.nodes[0].item, ThreadItem::Gone { why } if why.contains("deleted")),
            "{:?}",
            shape(&thread)
        );
    }
}

#[tokio::test]
async fn tumblr_shows_the_reblog_trail_above_and_reply_notes_below() {
    let st = setup(Duration::from_secs(10)).await;
    let tumblr = &st.clients[2];
    let reblog = find(tumblr, "This thread is gold").await;
    let thread = tumblr.thread(&reblog).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(shape(&thread)[..2], s(&[(0, "comment: What's your"), (1, "This thread")]));
    assert!(thread.note.as_deref().is_some_and(|n| n.contains("no reply threads")));
    let root = find(tumblr, "Which terminal font").await;
    let thread = tumblr.thread(&root).await.unwrap_or_else(|e| panic!("{e}"));
    let got = shape(&thread);
    assert_eq!(got[0], (0, "Which terminal".to_string()));
    assert!(
        got.contains(&(1, "comment: @alice Iosevka".into())) && got.contains(&(1, "comment: שלום! I".into())),
        "{got:?}"
    );
}

#[tokio::test]
async fn notifications_of_every_kind_group_and_a_mark_read_clears_the_count() {
    let st = setup(Duration::from_secs(10)).await;
    for client in &st.clients {
        let net = client.network();
        let page = client.notifications(None).await.unwrap_or_else(|e| panic!("{net}: {e}"));
        let kinds: std::collections::HashSet<NotificationKind> = page.items.iter().map(|n| n.kind).collect();
        use NotificationKind::*;
        for kind in [Like, Repost, Follow, Mention, Reply, Quote] {
            assert!(kinds.contains(&kind), "{net}: no {kind:?} in {kinds:?}");
        }
        let groups = group(page.items.clone());
        let likes = groups
            .iter()
            .find(|g| g.kind == Like && g.actors.len() >= 4)
            .unwrap_or_else(|| panic!("{net}: no grouped likes"));
        assert!(
            likes.unread
                && likes.subject.as_ref().is_some_and(|p| p.text.to_plain().starts_with("Hello from the demo"))
        );
        assert!(groups.iter().any(|g| g.kind == Like && !g.unread), "{net}: an old like is read");
        let unread = client.unread(None).await.unwrap_or_else(|e| panic!("{net}: {e}"));
        assert_eq!(unread.count, 11, "{net}");
        let newest = page.items.iter().max_by_key(|n| n.at).unwrap_or_else(|| panic!("{net}: empty"));
        let mark = ReadMark { id: newest.id.clone(), at: newest.at };
        let synced = client.mark_read(&mark).await.unwrap_or_else(|e| panic!("{net}: {e}"));
        assert_eq!(synced, net != Network::Tumblr, "{net}");
        let after = client.unread(Some(newest.at)).await.unwrap_or_else(|e| panic!("{net}: {e}")).count;
        assert_eq!(after, 0, "{net}: read up to the newest");
        if net == Network::Tumblr {
            assert_eq!(
                client.unread(None).await.map(|u| u.count).ok(),
                Some(11),
                "tumblr.com keeps its own read state"
            );
            assert!(page.note.is_some_and(|n| n.contains("only here")));
        }
    }
}

fn person(handle: &str, id: Option<String>) -> Author {
    Author { handle: handle.into(), id, ..Author::default() }
}

#[tokio::test]
async fn profiles_show_bio_counts_posts_and_notes_for_blocked_and_deleted_accounts() {
    let st = setup(Duration::from_secs(10)).await;
    for client in &st.clients {
        let net = client.network();
        let mallory = find(client, "Clear screen").await.author;
        let page = client.profile(&mallory).await.unwrap_or_else(|e| panic!("{net}: {e}"));
        let bio = page.profile.bio.to_plain();
        assert!(
            bio.contains("I clear screens") && !bio.contains('\u{1b}') && !bio.contains('\u{202e}'),
            "{net}: {bio:?}"
        );
        assert!(page.posts.iter().any(|p| p.text.to_plain().contains("Clear screen")), "{net}");
        assert!(page.profile.posts.is_some() && page.profile.note.is_none(), "{net}");
        let ghost = match net {
            Network::Mastodon => person("ghost@social.example", Some("110000000000000017".into())),
            Network::Bluesky => person("ghost.bsky.example", None),
            Network::Tumblr => person("ghost", None),
        };
        let gone = client.profile(&ghost).await.unwrap_or_else(|e| panic!("{net}: {e}"));
        assert!(gone.profile.note.is_some() && gone.posts.is_empty(), "{net}: {:?}", gone.profile.note);
    }
    // A private Tumblr blog refuses the token (401): a note, not "log in again", and the account
    // still reads its dashboard.
    let tumblr = &st.clients[2];
    let private = tumblr.profile(&person("private-diary", None)).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(private.profile.note.as_deref().is_some_and(|n| n.contains("private")), "{:?}", private.profile.note);
    assert!(tumblr.home(Cursor::Newest).await.is_ok());
    for client in &st.clients[..2] {
        let blocker = match client.network() {
            Network::Mastodon => person("blocker@social.example", Some("110000000000000016".into())),
            _ => person("blocker.bsky.example", None),
        };
        let page = client.profile(&blocker).await.unwrap_or_else(|e| panic!("{e}"));
        assert!(page.profile.note.as_deref().is_some_and(|n| n.contains("blocks you")), "{:?}", page.profile.note);
    }
}

#[tokio::test]
async fn errors_come_back_as_errors_a_rate_limit_and_garbage() {
    let st: Setup = setup(Duration::from_secs(10)).await;
    let faults = [&st.net.mastodon.faults, &st.net.bluesky.faults, &st.net.tumblr.faults];
    for (client, faults) in st.clients.iter().zip(faults) {
        let net = client.network();
        let post = client.home(Cursor::Newest).await.unwrap_or_else(|e| panic!("{e}")).items.remove(0);
        faults.rate_limit_next(1, 30);
        let limited = client.notifications(None).await;
        assert!(matches!(limited, Err(BackendError::RateLimited { .. })), "{net}: {limited:?}");
        faults.garbage_next(1);
        let garbage = client.profile(&post.author).await;
        assert!(matches!(garbage, Err(BackendError::Decode(_))), "{net}: {garbage:?}");
        faults.rate_limit_next(1, 5);
        assert!(client.thread(&post).await.is_err() || net == Network::Tumblr, "{net}");
        faults.clear();
    }
}
