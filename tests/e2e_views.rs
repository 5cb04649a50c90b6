//! End-to-end views against the real servers (tests/e2e/start.sh): threads of the seeded reply
//! chain on the reference Bluesky stack and of a chain written on the Mastodon mock, notifications
//! (a fresh Bluesky account's post liked by three and answered by bob, grouped, then updateSeen
//! takes the unread count to 0; the Mastodon notifications marker moved), profiles (found,
//! followed, missing), and the views in the TUI in tmux. Ignored by a plain `cargo test`;
//! tests/e2e/run.sh runs them.

mod common;

use std::time::Duration;

use common::live::{
    bluesky_client, eventually, fresh_bluesky_account, mastodon_client, murre, seeded_client, servers, text, web,
};
use common::tmux::Tmux;
use murre::backend::Client;
use murre::backend::views::ReadMark;
use murre::model::notification::group;
use murre::model::{Author, NotificationKind, Post, PostKey, Thread, ThreadItem};
use serde_json::{Value, json};

const SLOW: Duration = Duration::from_secs(15);

/// A post the client can open a thread on: only its key and account matter.
fn post_at(client: &Client, key: PostKey) -> Post {
    Post::sample(key, client.account(), "someone", jiff::Timestamp::now(), "")
}

/// (depth, text) of each row.
fn shape(t: &Thread) -> Vec<(usize, String)> {
    let text = |i: &ThreadItem| match i {
        ThreadItem::Post(p) => p.text.to_plain(),
        ThreadItem::Comment { text, .. } => text.to_plain(),
        ThreadItem::Gone { why } => format!("gone: {why}"),
    };
    t.nodes.iter().map(|n| (n.depth, text(&n.item))).collect()
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_thread_of_the_seeded_reply_chain_from_its_last_reply_and_from_its_root() {
    let b = servers("bluesky");
    let alice = Client::Bluesky(seeded_client("alice").await);
    let key = |name: &str| PostKey::Bluesky { uri: text(&b, &format!("/posts/{name}")), cid: String::new() };
    let from_last = alice.thread(&post_at(&alice, key("thread_reply2"))).await.unwrap_or_else(|e| panic!("{e}"));
    let want = [
        (0, "Thread root: who wants to test replies?"),
        (1, "Reply from bob to alice."),
        (2, "Reply from carol to bob, still in alice’s thread."),
    ];
    let want: Vec<(usize, String)> = want.iter().map(|(d, t)| (*d, t.to_string())).collect();
    assert_eq!(shape(&from_last), want);
    assert_eq!(from_last.anchor, 2);
    let from_root = alice.thread(&post_at(&alice, key("thread_root"))).await.unwrap_or_else(|e| panic!("{e}"));
    // Other e2e tests answer in this thread too: the seeded chain is there, nested, among them.
    let seeded: Vec<(usize, String)> =
        shape(&from_root).into_iter().filter(|row| want.iter().any(|w| w.1 == row.1)).collect();
    assert_eq!((seeded, from_root.anchor), (want.clone(), 0), "the replies nest under the root");
    let bob_reply = from_root.nodes.iter().filter_map(|n| n.item.post()).find(|p| p.text.to_plain() == want[1].1);
    let bob_reply = bob_reply.unwrap_or_else(|| panic!("no reply of bob's"));
    assert!(bob_reply.viewer.liked, "alice liked bob's reply in the seed: the viewer state comes along");
}

/// Posts a status as `user` on the mock (optionally answering `reply_to`); its id and uri.
async fn mastodon_post(user: &str, status: &str, reply_to: Option<&str>) -> (String, String) {
    let m = servers("mastodon");
    let mut form = vec![("status", status.to_string())];
    if let Some(id) = reply_to {
        form.push(("in_reply_to_id", id.to_string()));
    }
    let url = format!("{}/api/v1/statuses", text(&m, "/url"));
    let answer = web().post(url).bearer_auth(text(&m, &format!("/tokens/{user}"))).form(&form).send().await;
    let v: Value =
        answer.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}")).json().await.unwrap_or_default();
    (text(&v, "/id"), text(&v, "/uri"))
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn mastodon_thread_of_a_chain_written_on_the_mock() {
    let tag = common::live::unique("chain");
    let (root, root_uri) = mastodon_post("grace", &format!("{tag} root"), None).await;
    let (reply, _) = mastodon_post("ada", &format!("@grace {tag} ada answers"), Some(&root)).await;
    let (last, last_uri) = mastodon_post("grace", &format!("@ada {tag} grace again"), Some(&reply)).await;
    mastodon_post("ada", &format!("@grace {tag} a second answer"), Some(&root)).await;
    let grace = Client::Mastodon(mastodon_client("grace"));
    let from_last = grace.thread(&post_at(&grace, PostKey::Mastodon { id: last, uri: last_uri })).await;
    let from_last = from_last.unwrap_or_else(|e| panic!("{e}"));
    let depths: Vec<usize> = from_last.nodes.iter().map(|n| n.depth).collect();
    assert_eq!((depths, from_last.anchor), (vec![0, 1, 2], 2), "{:?}", shape(&from_last));
    let from_root = grace.thread(&post_at(&grace, PostKey::Mastodon { id: root, uri: root_uri })).await;
    let rows: Vec<(usize, String)> = shape(&from_root.unwrap_or_else(|e| panic!("{e}")))
        .into_iter()
        .map(|(d, t)| (d, t.split_once(&tag).map_or(t.clone(), |(_, rest)| rest.trim().to_string())))
        .collect();
    let want = [(1, "ada answers"), (2, "grace again"), (1, "a second answer")];
    assert_eq!(rows[1..], want.iter().map(|(d, t)| (*d, t.to_string())).collect::<Vec<_>>());
}

/// Likes and answers the post at `uri` (with `cid`) as the seeded `user`.
async fn like_and_reply(user: &str, uri: &str, cid: &str, reply: Option<&str>) {
    let b = servers("bluesky");
    let session = common::live::bluesky_session(
        &text(&b, &format!("/users/{user}/handle")),
        &text(&b, &format!("/users/{user}/password")),
    )
    .await;
    let create = |collection: &str, record: Value| {
        let body = json!({"repo": session.did, "collection": collection, "record": record});
        web()
            .post(format!("{}/xrpc/com.atproto.repo.createRecord", text(&b, "/pds")))
            .bearer_auth(&session.access_jwt)
            .json(&body)
            .send()
    };
    let now = jiff::Timestamp::now().to_string();
    let subject = json!({"uri": uri, "cid": cid});
    let like = json!({"$type": "app.bsky.feed.like", "subject": subject, "createdAt": now});
    create("app.bsky.feed.like", like).await.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}"));
    if let Some(text) = reply {
        let post = json!({"$type": "app.bsky.feed.post", "text": text, "createdAt": now, "reply": {"root": subject, "parent": subject}});
        create("app.bsky.feed.post", post).await.and_then(|r| r.error_for_status()).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_notifications_of_a_fresh_account_group_and_update_seen_clears_the_count() {
    let session = fresh_bluesky_account("noticed").await;
    let me = bluesky_client(session.clone());
    let body = json!({"repo": session.did, "collection": "app.bsky.feed.post",
        "record": {"$type": "app.bsky.feed.post", "text": "Is anyone out there?", "createdAt": jiff::Timestamp::now().to_string()}});
    let url = format!("{}/xrpc/com.atproto.repo.createRecord", text(&servers("bluesky"), "/pds"));
    let made: Value = web()
        .post(url)
        .bearer_auth(&session.access_jwt)
        .json(&body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_default();
    let (uri, cid) = (text(&made, "/uri"), text(&made, "/cid"));
    // A new account's seen time is set by the AppView when it indexes the account, which can come
    // after the first notifications (seen here: some came back read): start from a known one.
    let me = Client::Bluesky(me);
    let before = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(1);
    assert_eq!(me.mark_read(&ReadMark { id: String::new(), at: before }).await.ok(), Some(true));
    like_and_reply("bob", &uri, &cid, Some("bob here, hello!")).await;
    like_and_reply("alice", &uri, &cid, None).await;
    like_and_reply("carol", &uri, &cid, None).await;
    let page = eventually(SLOW, || async {
        let page = me.notifications(None).await.ok()?;
        (page.items.len() >= 4).then_some(page)
    })
    .await;
    let groups = group(page.items.clone());
    let likes = groups.iter().find(|g| g.kind == NotificationKind::Like).unwrap_or_else(|| panic!("{groups:?}"));
    let mut who: Vec<&str> = likes.actors.iter().map(|a| a.handle.as_str()).collect();
    who.sort_unstable();
    assert_eq!(who, ["alice.test", "bob.test", "carol.test"], "three likes of one post are one row");
    assert_eq!(likes.subject.as_ref().map(|p| p.text.to_plain()), Some("Is anyone out there?".into()));
    let reply = groups.iter().find(|g| g.kind == NotificationKind::Reply).unwrap_or_else(|| panic!("{groups:?}"));
    assert_eq!(reply.subject.as_ref().map(|p| p.text.to_plain()), Some("bob here, hello!".into()));
    assert!(groups.iter().all(|g| g.unread), "{groups:?}");
    eventually(SLOW, || async { (me.unread(None).await.ok()?.count == 4).then_some(()) }).await;
    let newest = page.items.iter().max_by_key(|n| n.at).unwrap_or_else(|| panic!("empty"));
    assert_eq!(me.mark_read(&ReadMark { id: newest.id.clone(), at: newest.at }).await.ok(), Some(true));
    eventually(SLOW, || async { (me.unread(None).await.ok()?.count == 0).then_some(()) }).await;
    assert!(me.notifications(None).await.unwrap_or_else(|e| panic!("{e}")).items.iter().all(|n| !n.unread));
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn mastodon_notifications_name_who_did_what_and_the_marker_moves() {
    let tag = common::live::unique("noticed");
    let (id, _) = mastodon_post("grace", &format!("{tag} like me"), None).await;
    let m = servers("mastodon");
    let fav = format!("{}/api/v1/statuses/{id}/favourite", text(&m, "/url"));
    web()
        .post(fav)
        .bearer_auth(text(&m, "/tokens/ada"))
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .unwrap_or_else(|e| panic!("{e}"));
    mastodon_post("ada", &format!("@grace {tag} a reply"), Some(&id)).await;
    let grace = Client::Mastodon(mastodon_client("grace"));
    let page = grace.notifications(None).await.unwrap_or_else(|e| panic!("{e}"));
    let about = |kind: NotificationKind| {
        page.items
            .iter()
            .find(|n| n.kind == kind && n.subject.as_ref().is_some_and(|p| p.text.to_plain().contains(&tag)))
    };
    let like = about(NotificationKind::Like).unwrap_or_else(|| panic!("no like in {:?}", page.items));
    assert!(like.actor.handle.starts_with("ada") && like.unread);
    assert!(
        about(NotificationKind::Reply).is_some_and(|n| n.actor.handle.starts_with("ada")),
        "a mention that answers: a reply"
    );
    let newest = &page.items[0];
    assert_eq!(grace.mark_read(&ReadMark { id: newest.id.clone(), at: newest.at }).await.ok(), Some(true));
    let after = grace.notifications(None).await.unwrap_or_else(|e| panic!("{e}"));
    // Other e2e tests may notify grace meanwhile: what is unread is exactly what came after the marker.
    let after_marker = after.items.iter().position(|n| n.id == newest.id).unwrap_or(after.items.len());
    assert_eq!(after.items.iter().filter(|n| n.unread).count(), after_marker);
    assert_eq!(grace.unread(None).await.map(|u| u.count as usize).ok(), Some(after_marker));
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn profiles_found_followed_and_missing_on_both_servers() {
    let b = servers("bluesky");
    let alice = Client::Bluesky(seeded_client("alice").await);
    let bob =
        Author { handle: text(&b, "/users/bob/handle"), id: Some(text(&b, "/users/bob/did")), ..Author::default() };
    let page = alice.profile(&bob).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.profile.viewer.following, Some(true), "alice follows bob in the seed");
    assert!(page.profile.viewer.follow_record.is_some() && page.profile.posts.is_some_and(|n| n > 10));
    assert!(page.posts.iter().any(|p| p.text.to_plain().starts_with("Reply from bob")), "bob's posts below");
    let nobody = Author { handle: "nobody-here.test".into(), ..Author::default() };
    let missing = alice.profile(&nobody).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(missing.profile.note.is_some() && missing.posts.is_empty(), "{:?}", missing.profile.note);
    let grace = Client::Mastodon(mastodon_client("grace"));
    let ada = Author { handle: "ada".into(), ..Author::default() };
    let page = grace.profile(&ada).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(page.profile.person.id.is_some() && page.profile.followers.is_some(), "{:?}", page.profile);
    assert!(page.profile.viewer.following.is_some(), "the relationship is read");
    assert!(!page.posts.is_empty() && page.posts.iter().all(|p| p.author.handle.starts_with("ada")));
    let ghost = Author { handle: "ghost".into(), id: Some("987654321".into()), ..Author::default() };
    let gone = grace.profile(&ghost).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(gone.profile.note.is_some(), "a 404 is a note, not an error");
}

/// A config dir with bob (Bluesky) logged in through the binary. Only bob: the notifications view
/// marks what it shows read, and grace's marker belongs to the Mastodon test above.
fn bob_only_dir() -> std::path::PathBuf {
    let b = servers("bluesky");
    let dir = std::env::temp_dir().join(format!("murre-e2e-views-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let pds = text(&b, "/pds");
    let login = ["login", "bluesky", "bob.test", "--service", pds.as_str(), "--app-password-stdin"];
    let ok = murre(&dir, &login, &format!("{}\n", text(&b, "/users/bob/password")));
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    dir
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn the_views_in_the_tui_notifications_thread_and_profile() {
    let dir = bob_only_dir();
    let tui = Tmux::start("views", &dir);
    tui.wait_for("Thread root").await;
    tui.keys(&["n"]);
    tui.wait_for("Notifications").await;
    tui.wait_for("liked your post").await;
    tui.keys(&["Escape"]);
    tui.wait_for("All networks").await;
    tui.keys(&["p"]);
    tui.wait_for("Profile of @").await;
    tui.wait_for("posts ·").await;
    // Esc and a key sent together read as Alt and the key: one at a time.
    tui.keys(&["Escape"]);
    tui.wait_for("All networks").await;
    tui.keys(&["t"]);
    tui.wait_for("Thread of @").await;
    tui.wait_for("▶").await;
    tui.keys(&["Escape"]);
    tui.wait_for("All networks").await;
    tui.keys(&["q"]);
}
