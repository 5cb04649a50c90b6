//! End-to-end interactions against the real servers (tests/e2e/start.sh): the reference Bluesky
//! PDS and AppView, and the Mastodon API mock. Every action goes through murre's backends and is
//! read back from the server itself (getPosts, getProfile, the status, relationships) and through
//! murre's reader. Ignored by a plain `cargo test`; tests/e2e/run.sh runs them.
//!
//! Bluesky's actions are done by a fresh account made for each run, which nobody follows: its
//! reposts and follows never show in the seeded users' timelines that the other e2e tests read.

mod common;

use std::time::Duration;

use common::live::{bluesky_client, eventually, fresh_bluesky_account, mastodon_client, servers, text, web};
use murre::backend::bluesky::Session;
use murre::backend::{Client, Cursor, Interaction, Outcome, Target};
use murre::model::{AccountId, Post, PostId, PostKey};
use serde_json::{Value, json};

const SLOW: Duration = Duration::from_secs(15);

/// An XRPC query with `session`'s token.
async fn query(session: &Session, nsid: &str, params: &[(&str, &str)]) -> Option<Value> {
    let url = format!("{}/xrpc/{nsid}", text(&servers("bluesky"), "/pds"));
    let resp = web().get(url).query(params).bearer_auth(&session.access_jwt).send().await.ok()?;
    resp.error_for_status().ok()?.json().await.ok()
}

/// The post view of `uri` as `session` sees it (`app.bsky.feed.getPosts`).
async fn post_view(session: &Session, uri: &str) -> Option<Value> {
    query(session, "app.bsky.feed.getPosts", &[("uris", uri)]).await?.pointer("/posts/0").cloned()
}

/// Polls until `uri`'s post view satisfies `ok`.
async fn until_post(session: &Session, uri: &str, ok: impl Fn(&Value) -> bool) -> Value {
    eventually(SLOW, || async { post_view(session, uri).await.filter(|v| ok(v)) }).await
}

/// Polls until `actor`'s profile, as `session` sees it, satisfies `ok`.
async fn until_profile(session: &Session, actor: &str, ok: impl Fn(&Value) -> bool) -> Value {
    eventually(SLOW, || async {
        query(session, "app.bsky.actor.getProfile", &[("actor", actor)]).await.filter(|v| ok(v))
    })
    .await
}

/// A post of bob's in `client`'s home timeline, read through murre (it follows bob).
async fn bobs_post_in_home(client: &Client, uri: &str) -> Post {
    eventually(SLOW, || async {
        let page = client.home(Cursor::Newest).await.ok()?;
        page.items
            .into_iter()
            .find(|p| p.repost.is_none() && matches!(&p.id.key, PostKey::Bluesky { uri: u, .. } if u == uri))
    })
    .await
}

async fn run(client: &Client, target: &Target, act: Interaction) -> Outcome {
    client.interact(target, act).await.unwrap_or_else(|e| panic!("{act:?}: {e}"))
}

fn count(v: &Value, field: &str) -> u64 {
    v.get(field).and_then(Value::as_u64).unwrap_or(0)
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_follow_like_repost_bookmark_and_undo_each_read_back_from_the_appview() {
    let b = servers("bluesky");
    let session = fresh_bluesky_account("liker").await;
    let client = Client::Bluesky(bluesky_client(session.clone()));
    let (bob, uri) = (text(&b, "/users/bob/did"), text(&b, "/posts/cjk_link"));
    let seen = until_post(&session, &uri, |_| true).await;
    let cid = text(&seen, "/cid");
    // Follow bob from a post of his (the account's timeline is empty until then).
    let id = PostId { account: client.account().clone(), key: PostKey::Bluesky { uri: uri.clone(), cid } };
    let first = Target { post: id, author: "bob.test".into(), author_id: Some(bob.clone()), ..blank() };
    let follow = run(&client, &first, Interaction::Follow).await.record.unwrap_or_else(|| panic!("no follow record"));
    until_profile(&session, &bob, |p| p.pointer("/viewer/following").and_then(Value::as_str) == Some(&follow)).await;
    let post = bobs_post_in_home(&client, &uri).await;
    assert_eq!((post.viewer.following, post.viewer.follow_record.as_deref()), (Some(true), Some(follow.as_str())));

    let like = run(&client, &Target::of(&post), Interaction::Like).await.record.unwrap_or_default();
    let repost = run(&client, &Target::of(&post), Interaction::Repost).await.record.unwrap_or_default();
    run(&client, &Target::of(&post), Interaction::Bookmark).await;
    let done = until_post(&session, &uri, |v| {
        v.pointer("/viewer/like").and_then(Value::as_str) == Some(&like)
            && v.pointer("/viewer/repost").and_then(Value::as_str) == Some(&repost)
            && v.pointer("/viewer/bookmarked") == Some(&json!(true))
    })
    .await;
    assert_eq!(
        (count(&done, "likeCount"), count(&done, "repostCount")),
        (count(&seen, "likeCount") + 1, count(&seen, "repostCount") + 1)
    );
    let read = bobs_post_in_home(&client, &uri).await;
    assert!(read.viewer.liked && read.viewer.reposted && read.viewer.bookmarked, "murre reads it all back");
    assert_eq!(
        (read.viewer.like_record.as_deref(), read.viewer.repost_record.as_deref()),
        (Some(like.as_str()), Some(repost.as_str()))
    );

    for act in [Interaction::Unlike, Interaction::Unrepost, Interaction::Unbookmark] {
        run(&client, &Target::of(&read), act).await;
    }
    let undone = until_post(&session, &uri, |v| {
        v.pointer("/viewer/like").is_none()
            && v.pointer("/viewer/repost").is_none()
            && v.pointer("/viewer/bookmarked") != Some(&json!(true))
    })
    .await;
    assert_eq!(
        (count(&undone, "likeCount"), count(&undone, "repostCount")),
        (count(&seen, "likeCount"), count(&seen, "repostCount"))
    );
    run(&client, &Target::of(&read), Interaction::Unfollow).await;
    until_profile(&session, &bob, |p| p.pointer("/viewer/following").is_none()).await;
}

fn blank() -> Target {
    let id =
        PostId { account: AccountId(String::new()), key: PostKey::Bluesky { uri: String::new(), cid: String::new() } };
    Target {
        post: id,
        author: String::new(),
        author_id: None,
        like_record: None,
        repost_record: None,
        follow_record: None,
    }
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn bluesky_deleting_ones_own_post_removes_it_from_the_appview() {
    use murre::backend::bluesky::write::{NewPost, tid};
    let session = fresh_bluesky_account("deleter").await;
    let b = bluesky_client(session.clone());
    let post = NewPost { text: "here and gone".into(), ..NewPost::default() };
    let (uri, cid) = b
        .create_post(&tid(jiff::Timestamp::now(), 3), &post, jiff::Timestamp::now())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    until_post(&session, &uri, |_| true).await;
    let client = Client::Bluesky(b);
    let id = PostId { account: client.account().clone(), key: PostKey::Bluesky { uri: uri.clone(), cid } };
    run(&client, &Target { post: id, ..blank() }, Interaction::Delete).await;
    eventually(SLOW, || async {
        let v = query(&session, "app.bsky.feed.getPosts", &[("uris", uri.as_str())]).await?;
        v.get("posts").and_then(Value::as_array).is_some_and(Vec::is_empty).then_some(())
    })
    .await;
    // Someone else's post is not this account's to delete.
    let theirs = PostId {
        account: client.account().clone(),
        key: PostKey::Bluesky { uri: text(&servers("bluesky"), "/posts/cjk_link"), cid: "x".into() },
    };
    assert!(client.interact(&Target { post: theirs, ..blank() }, Interaction::Delete).await.is_err());
}

/// The status `id` as `user` sees it.
async fn status(user: &str, id: &str) -> (u16, Value) {
    let m = servers("mastodon");
    let url = format!("{}/api/v1/statuses/{id}", text(&m, "/url"));
    let resp =
        web().get(url).bearer_auth(text(&m, &format!("/tokens/{user}"))).send().await.unwrap_or_else(|e| panic!("{e}"));
    let code = resp.status().as_u16();
    (code, resp.json().await.unwrap_or_default())
}

/// One of ada's statuses, as grace would act on it.
async fn adas_status_for_grace() -> (Target, String) {
    let ada = mastodon_client("ada").own_newest().await.unwrap_or_else(|e| panic!("{e}"));
    let post = ada.into_iter().find(|p| p.repost.is_none()).unwrap_or_else(|| panic!("ada has no status"));
    let PostKey::Mastodon { id, .. } = &post.id.key else { panic!("not a status") };
    let grace = mastodon_client("grace");
    let mut target = Target::of(&post);
    target.post.account = grace.account().clone();
    (target, id.clone())
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn mastodon_favourite_boost_bookmark_and_undo_each_read_back_from_the_server() {
    let (target, id) = adas_status_for_grace().await;
    let grace = Client::Mastodon(mastodon_client("grace"));
    let (_, before) = status("grace", &id).await;
    for act in [Interaction::Like, Interaction::Repost, Interaction::Bookmark] {
        assert_eq!(run(&grace, &target, act).await, Outcome::default());
    }
    let (_, after) = status("grace", &id).await;
    assert_eq!(
        (after["favourited"].as_bool(), after["reblogged"].as_bool(), after["bookmarked"].as_bool()),
        (Some(true), Some(true), Some(true))
    );
    assert_eq!(count(&after, "favourites_count"), count(&before, "favourites_count") + 1);
    assert_eq!(count(&after, "reblogs_count"), count(&before, "reblogs_count") + 1);
    for act in [Interaction::Unlike, Interaction::Unrepost, Interaction::Unbookmark] {
        run(&grace, &target, act).await;
    }
    let (_, back) = status("grace", &id).await;
    assert_eq!(
        (back["favourited"].as_bool(), back["reblogged"].as_bool(), back["bookmarked"].as_bool()),
        (Some(false), Some(false), Some(false))
    );
    assert_eq!(
        (count(&back, "favourites_count"), count(&back, "reblogs_count")),
        (count(&before, "favourites_count"), count(&before, "reblogs_count"))
    );
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn mastodon_follow_and_unfollow_the_author_read_back_as_relationships() {
    let (target, _) = adas_status_for_grace().await;
    let grace = Client::Mastodon(mastodon_client("grace"));
    let was = grace.following(&target).await.unwrap_or_else(|e| panic!("{e}"));
    let (first, second) =
        if was { (Interaction::Unfollow, Interaction::Follow) } else { (Interaction::Follow, Interaction::Unfollow) };
    run(&grace, &target, first).await;
    assert_eq!(grace.following(&target).await.ok(), Some(!was));
    run(&grace, &target, second).await;
    assert_eq!(grace.following(&target).await.ok(), Some(was), "back as it was");
}

#[tokio::test]
#[ignore = "needs the e2e servers: tests/e2e/run.sh"]
async fn mastodon_delete_own_status_and_not_someone_elses() {
    use murre::backend::mastodon::write::NewStatus;
    let grace = mastodon_client("grace");
    let words = format!("short-lived {}", jiff::Timestamp::now().as_nanosecond());
    let mine = grace
        .post_status(&NewStatus { text: words, ..NewStatus::default() }, "")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(mine.by_fetching_account(), "{} is grace's own", mine.author.handle);
    let PostKey::Mastodon { id, .. } = mine.id.key.clone() else { panic!("not a status") };
    let grace = Client::Mastodon(grace);
    run(&grace, &Target::of(&mine), Interaction::Delete).await;
    assert_eq!(status("grace", &id).await.0, 404);
    let (theirs, their_id) = adas_status_for_grace().await;
    assert!(grace.interact(&theirs, Interaction::Delete).await.is_err());
    assert_eq!(status("grace", &their_id).await.0, 200, "ada's status stays");
}
