//! Hermetic integration of the interactions: murre's real clients against the demo servers (state
//! read back through murre's own readers), and the whole TUI path (update -> effect -> runtime ->
//! message) with a rate limit and a server error that must roll back exactly.

mod common;

use std::time::Duration;

use common::demo::{Setup, setup};
use common::now;
use murre::backend::{BackendError, Client, Cursor, Interaction, Outcome, Target};
use murre::model::{Network, Post, PostKey};

/// The newest page of a client's home feed.
async fn home(client: &Client) -> Vec<Post> {
    client.home(Cursor::Newest).await.unwrap_or_else(|e| panic!("{}: {e}", client.network())).items
}

/// The post `key` as the client reads it now.
async fn reread(client: &Client, key: &PostKey) -> Post {
    let posts = home(client).await;
    let found = posts.into_iter().find(|p| p.id.key.same_post(key) && p.repost.is_none());
    found.unwrap_or_else(|| panic!("post gone from the newest page"))
}

/// A post of someone else that the account has not liked, reposted or bookmarked.
async fn untouched(client: &Client) -> Post {
    let posts = home(client).await;
    let found = posts.into_iter().find(|p| {
        p.repost.is_none()
            && !p.by_fetching_account()
            && !p.viewer.liked
            && !p.viewer.reposted
            && !p.viewer.bookmarked
            && p.counts.likes.is_some_and(|n| n > 0)
            && p.author.handle.starts_with("alice")
    });
    found.unwrap_or_else(|| panic!("{}: no untouched post of alice", client.network()))
}

async fn run(client: &Client, target: &Target, act: Interaction) -> Outcome {
    client.interact(target, act).await.unwrap_or_else(|e| panic!("{} {act:?}: {e}", client.network()))
}

/// Like, repost and bookmark a post, then undo each; the server shows every step.
async fn toggles_round_trip(s: &Setup, i: usize) {
    let client = &s.clients[i];
    let before = untouched(client).await;
    let likes = before.counts.likes;
    let key = before.id.key.clone();
    let bookmarks = client.network() != Network::Tumblr;
    run(client, &Target::of(&before), Interaction::Like).await;
    if client.network() != Network::Tumblr {
        run(client, &Target::of(&before), Interaction::Repost).await;
    }
    if bookmarks {
        run(client, &Target::of(&before), Interaction::Bookmark).await;
    }
    let after = reread(client, &key).await;
    assert!(after.viewer.liked, "{}: not liked", client.network());
    assert_eq!(after.counts.likes, likes.map(|n| n + 1));
    assert_eq!(after.viewer.bookmarked, bookmarks);
    if client.network() != Network::Tumblr {
        assert!(after.viewer.reposted);
        run(client, &Target::of(&after), Interaction::Unrepost).await;
    }
    run(client, &Target::of(&after), Interaction::Unlike).await;
    if bookmarks {
        run(client, &Target::of(&after), Interaction::Unbookmark).await;
    }
    let back = reread(client, &key).await;
    assert!(!back.viewer.liked && !back.viewer.reposted && !back.viewer.bookmarked, "{}", client.network());
    assert_eq!(back.counts, before.counts, "{}: counts back where they were", client.network());
}

#[tokio::test]
async fn mastodon_like_boost_bookmark_and_back() {
    toggles_round_trip(&setup(Duration::from_secs(10)).await, 0).await;
}

#[tokio::test]
async fn bluesky_like_repost_bookmark_and_back_through_their_records() {
    let s = setup(Duration::from_secs(10)).await;
    let client = &s.clients[1];
    let post = untouched(client).await;
    let made = run(client, &Target::of(&post), Interaction::Like).await;
    let uri = made.record.unwrap_or_else(|| panic!("no like record"));
    assert!(uri.starts_with(&format!("at://{}/app.bsky.feed.like/", murre::demo::BLUESKY_DID)), "{uri}");
    let read = reread(client, &post.id.key).await;
    assert_eq!(read.viewer.like_record.as_deref(), Some(uri.as_str()), "the timeline names the same record");
    run(client, &Target::of(&read), Interaction::Unlike).await;
    toggles_round_trip(&s, 1).await;
}

#[tokio::test]
async fn tumblr_like_and_back_and_no_bookmarks() {
    let s = setup(Duration::from_secs(10)).await;
    toggles_round_trip(&s, 2).await;
    let post = untouched(&s.clients[2]).await;
    let err = s.clients[2].interact(&Target::of(&post), Interaction::Bookmark).await.err();
    assert_eq!(err, Some(BackendError::Invalid("Tumblr has no bookmarks".into())));
}

#[tokio::test]
async fn mastodon_unreblog_is_believed_whatever_stale_body_comes_back() {
    let s = setup(Duration::from_secs(10)).await;
    let client = &s.clients[0];
    let post = untouched(client).await;
    run(client, &Target::of(&post), Interaction::Repost).await;
    // The demo answers unreblog with the status as it was (reblogged: true), as some servers do.
    assert_eq!(run(client, &Target::of(&post), Interaction::Unrepost).await, Outcome::default());
    assert!(!reread(client, &post.id.key).await.viewer.reposted);
}

#[tokio::test]
async fn tumblr_reblog_lands_on_the_blog_and_its_id_undoes_it() {
    let s = setup(Duration::from_secs(10)).await;
    let client = &s.clients[2];
    let post = untouched(client).await;
    let made = run(client, &Target::of(&post), Interaction::Repost).await;
    let id = made.record.unwrap_or_else(|| panic!("no reblog id"));
    let top = home(client).await.into_iter().next().unwrap_or_else(|| panic!("empty dashboard"));
    assert!(matches!(&top.id.key, PostKey::Tumblr { id: i, .. } if *i == id), "the reblog tops the dashboard");
    assert_eq!(top.trail.first().map(|t| t.author.handle.as_str()), Some(post.author.handle.as_str()));
    let mut again = Target::of(&post);
    again.repost_record = Some(id.clone());
    run(client, &again, Interaction::Unrepost).await;
    assert!(home(client).await.iter().all(|p| !matches!(&p.id.key, PostKey::Tumblr { id: i, .. } if *i == id)));
    let unknown = client.interact(&Target::of(&post), Interaction::Unrepost).await.err();
    assert!(matches!(unknown, Some(BackendError::Invalid(m)) if m.contains("reblog")), "no record, no request");
}

/// Follows alice's author, reads the state back, unfollows.
async fn follow_round_trip(client: &Client) {
    let post = untouched(client).await;
    assert_ne!(post.viewer.following, Some(false), "{}: the demo follows alice", client.network());
    let asked = match client.network() {
        Network::Mastodon => client.following(&Target::of(&post)).await.unwrap_or_else(|e| panic!("{e}")),
        _ => post.viewer.following == Some(true),
    };
    assert!(asked, "{}: alice is followed", client.network());
    run(client, &Target::of(&post), Interaction::Unfollow).await;
    let read = reread(client, &post.id.key).await;
    let now_following = match client.network() {
        Network::Mastodon => client.following(&Target::of(&read)).await.unwrap_or_else(|e| panic!("{e}")),
        _ => read.viewer.following == Some(true),
    };
    assert!(!now_following, "{}: still following after unfollow", client.network());
    let made = run(client, &Target::of(&read), Interaction::Follow).await;
    assert_eq!(made.record.is_some(), client.network() == Network::Bluesky, "a follow record on Bluesky only");
    let read = reread(client, &post.id.key).await;
    if client.network() != Network::Mastodon {
        assert_eq!(read.viewer.following, Some(true));
    }
    assert_eq!(read.viewer.follow_record, made.record.filter(|_| client.network() == Network::Bluesky));
}

#[tokio::test]
async fn following_the_author_on_every_network() {
    let s = setup(Duration::from_secs(10)).await;
    for client in &s.clients {
        follow_round_trip(client).await;
    }
}

/// The setup's Mastodon client under the account id murre gives it (`USER@HOST:PORT`, as typed), so
/// that the account's own posts are recognised (the shared setup names it `murre@demo`).
fn mastodon_as_itself(s: &Setup) -> Client {
    use murre::backend::{http, mastodon};
    let url = &s.net.mastodon.url;
    let host = mastodon::host_of(&http::base_url(url).unwrap_or_else(|e| panic!("{e}")));
    let id = murre::model::AccountId::new(Network::Mastodon, &format!("{}@{host}", murre::demo::MASTODON_USER));
    let h = http::client(Duration::from_secs(10)).unwrap_or_else(|e| panic!("{e}"));
    let c = mastodon::Client::new(h, url, id, murre::demo::MASTODON_TOKEN.into()).unwrap_or_else(|e| panic!("{e}"));
    Client::Mastodon(c)
}

#[tokio::test]
async fn deleting_ones_own_post_and_not_someone_elses() {
    let s = setup(Duration::from_secs(10)).await;
    s.net.mastodon.push_post(murre::demo::MASTODON_USER, "mine to delete", now());
    s.net.bluesky.push_post(murre::demo::BLUESKY_HANDLE, "mine to delete", now());
    s.net.tumblr.push_post(murre::demo::TUMBLR_BLOG, "mine to delete", now());
    let clients = [mastodon_as_itself(&s), s.clients[1].clone(), s.clients[2].clone()];
    for client in &clients {
        let mine = home(client).await.into_iter().find(|p| p.text.to_plain() == "mine to delete");
        let mine = mine.unwrap_or_else(|| panic!("{}: the pushed post is missing", client.network()));
        assert!(mine.by_fetching_account(), "{}: {} is not the account's", client.network(), mine.author.handle);
        run(client, &Target::of(&mine), Interaction::Delete).await;
        assert!(home(client).await.iter().all(|p| p.text.to_plain() != "mine to delete"), "{}", client.network());
        let theirs = untouched(client).await;
        let refused = client.interact(&Target::of(&theirs), Interaction::Delete).await;
        assert!(refused.is_err(), "{}: deleted someone else's post", client.network());
    }
}

/// The TUI as the event loop runs it: `update`, effects spawned by the runtime, answers back.
struct Tui {
    app: murre::app::App,
    rt: murre::runtime::Runtime,
    tx: tokio::sync::mpsc::UnboundedSender<murre::app::Msg>,
    rx: tokio::sync::mpsc::UnboundedReceiver<murre::app::Msg>,
}

impl Tui {
    /// The app over the setup's clients, with each source's first page loaded.
    async fn loaded(s: &Setup) -> Tui {
        use murre::app::{App, Msg, Source, update};
        let sources = s.clients.iter().map(|c| Source::new(c.account().clone(), c.network())).collect();
        let mut app = App::new(sources, now());
        update(&mut app, Msg::Resize { width: 120, height: 30 });
        let keymap = murre::ui::Keymap::new(&Default::default()).unwrap_or_else(|e| panic!("{e}"));
        let outbox = murre::store::outbox::Outbox::new(&std::env::temp_dir().join("murre-no-outbox"));
        let rt = murre::runtime::Runtime::new(s.clients.clone(), murre::ui::Theme::default(), keymap, outbox);
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let mut tui = Tui { app, rt, tx, rx };
        // The feeds only: the unread counts start() also asks for would answer in between.
        let effects = murre::app::start(&mut tui.app);
        tui.spawn(effects.into_iter().filter(|e| matches!(e, murre::app::Effect::Fetch { .. })).collect());
        for _ in 0..3 {
            let msg = tui.next().await;
            // Older pages are not needed here: their effects are dropped.
            let _ = update(&mut tui.app, msg);
        }
        tui
    }

    fn spawn(&self, effects: Vec<murre::app::Effect>) {
        for e in effects {
            self.rt.spawn(e, self.tx.clone());
        }
    }

    async fn next(&mut self) -> murre::app::Msg {
        self.rx.recv().await.unwrap_or_else(|| panic!("the channel closed"))
    }

    /// Presses `action`, runs its effects and feeds the answer back; returns the answer's kind.
    async fn press(&mut self, action: murre::app::Action) -> &'static str {
        let effects = murre::app::update(&mut self.app, murre::app::Msg::Action(action));
        self.spawn(effects);
        let msg = self.next().await;
        let kind = match msg {
            murre::app::Msg::Interacted { .. } => "ok",
            murre::app::Msg::InteractFailed { .. } => "failed",
            _ => "other",
        };
        murre::app::update(&mut self.app, msg);
        kind
    }

    /// Selects the first row of `network` the account has not liked; returns its slot.
    fn select_unliked(&mut self, network: Network) -> u32 {
        let app = &self.app;
        let i = app.pane().rows.iter().position(|&slot| {
            app.timeline.post(slot).is_some_and(|p| {
                p.network() == network && p.repost.is_none() && !p.viewer.liked && p.counts.likes.is_some()
            })
        });
        self.app.pane_mut().selected = i.unwrap_or_else(|| panic!("no {network} post to like"));
        self.app.selected_slot().unwrap_or(0)
    }

    fn post(&self, slot: u32) -> &Post {
        self.app.timeline.post(slot).unwrap_or_else(|| panic!("slot {slot} is gone"))
    }
}

/// The TUI path: a press flips the post, the runtime performs the effect against the demo server,
/// and the answer comes back as a message; a 429 then a 500 roll back to the exact counts, and the
/// like then goes through and stays.
#[tokio::test]
async fn a_rate_limit_and_a_server_error_roll_back_in_the_tui() {
    use murre::app::Action;
    let s = setup(Duration::from_secs(10)).await;
    let faults = [&s.net.mastodon.faults, &s.net.bluesky.faults, &s.net.tumblr.faults];
    let mut tui = Tui::loaded(&s).await;
    for (n, network) in Network::ALL.into_iter().enumerate() {
        let slot = tui.select_unliked(network);
        let before = tui.post(slot).counts;
        faults[n].rate_limit_next(1, 30);
        assert_eq!(tui.press(Action::Like).await, "failed", "{network}");
        faults[n].fail_next(1, 500);
        assert_eq!(tui.press(Action::Like).await, "failed", "{network}");
        let p = tui.post(slot);
        assert!(!p.viewer.liked, "{network}: rolled back");
        assert_eq!(p.counts, before, "{network}: the exact counts are back");
        let toasts: Vec<&str> = tui.app.toasts.iter().rev().take(2).map(|t| t.text.as_str()).collect();
        let account = &tui.app.sources[n].account.0;
        assert!(toasts[1].contains(account) && toasts[1].ends_with("rate limited; try again in 30s"), "{toasts:?}");
        assert!(toasts[0].contains(account) && toasts[0].contains("server error 500"), "{toasts:?}");
        assert_eq!(tui.press(Action::Like).await, "ok", "{network}: with the faults used up");
        let p = tui.post(slot);
        assert_eq!((p.viewer.liked, p.counts.likes), (true, before.likes.map(|n| n + 1)), "{network}");
        assert!(tui.app.interactions.is_empty());
    }
}
