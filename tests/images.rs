//! Images with alt text, through murre's real clients against the demo servers: one draft with an
//! image and a content warning reaches all three networks and reads back with its alt text; a lost
//! answer is not posted twice; the per-network limits refuse before anything is sent; the outbox keeps
//! the bytes of a draft across a restart.

mod common;

use std::path::Path;
use std::time::Duration;

use common::demo::setup;
use murre::backend::{Client, Cursor};
use murre::model::{AccountId, MediaKind, Post};
use murre::publish::{self, prepare};
use murre::store::attachment::{self, Attachment};
use murre::store::outbox::{Outbox, State};

fn heron() -> Attachment {
    attachment::load(Path::new("tests/fixtures/images/heron.png"), "A grey heron in shallow water at dawn")
        .unwrap_or_else(|e| panic!("{e}"))
}

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("murre-images-{name}-{}", std::process::id()))
}

fn request(text: &str, cw: &str, images: Vec<Attachment>, clients: &[Client]) -> prepare::Request {
    prepare::Request {
        text: text.into(),
        cw: cw.into(),
        targets: clients.iter().map(|c| c.account().clone()).collect(),
        images,
        alt_required: true,
        ..Default::default()
    }
}

async fn newest_own(client: &Client, handle: &str) -> Post {
    let page = client.home(Cursor::Newest).await.unwrap_or_else(|e| panic!("{e}"));
    page.items.into_iter().find(|p| p.author.handle.starts_with(handle)).unwrap_or_else(|| panic!("no own post"))
}

#[tokio::test]
async fn one_draft_with_an_image_and_a_warning_reaches_every_network_with_its_alt_text() {
    let s = setup(Duration::from_secs(20)).await;
    let dir = temp("cross");
    let outbox = Outbox::new(&dir);
    let req = request("Heron at dawn 🪶 日本語 #birds", "bird photo", vec![heron()], &s.clients);
    assert_eq!(prepare::problems(&req), []);
    let mut draft = publish::new_draft(&req).unwrap_or_else(|e| panic!("{e}"));
    let outcomes = publish::send(&outbox, &mut draft, &s.clients).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(outcomes.iter().all(|o| o.error.is_none()), "{outcomes:?}");

    let alt = Some("A grey heron in shallow water at dawn".to_string());
    let m = newest_own(&s.clients[0], "murre").await;
    assert_eq!((m.cw.as_deref(), m.media.len()), (Some("bird photo"), 1));
    assert_eq!((m.media[0].kind, &m.media[0].alt), (MediaKind::Image, &alt));
    assert!(m.media[0].url.contains("/system/media/"), "the server finished processing: {:?}", m.media[0]);

    let b = newest_own(&s.clients[1], "murre").await;
    assert!(b.text.to_plain().starts_with("CW: bird photo\n\nHeron at dawn"), "{:?}", b.text.to_plain());
    assert_eq!((b.media.len(), &b.media[0].alt), (1, &alt));

    let t = newest_own(&s.clients[2], "murre").await;
    assert_eq!((t.media.len(), &t.media[0].alt), (1, &alt));
    assert!(t.tags.contains(&"cw".to_string()) && t.tags.contains(&"birds".to_string()), "{:?}", t.tags);
    assert!(outbox.list().unwrap_or_default().is_empty(), "published everywhere: the draft left the outbox");
    let leftovers = std::fs::read_dir(dir.join("outbox")).map(|d| d.flatten().count()).unwrap_or(0);
    assert_eq!(leftovers, 1, "only the lock file stays; the image copy left with the draft");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_lost_answer_after_an_image_post_is_found_not_posted_again() {
    let s = setup(Duration::from_secs(20)).await;
    let dir = temp("lost");
    let outbox = Outbox::new(&dir);
    for faults in [&s.net.mastodon.faults, &s.net.bluesky.faults, &s.net.tumblr.faults] {
        faults.lose_next_create(1);
    }
    let mut draft = publish::new_draft(&request("", "", vec![heron()], &s.clients)).unwrap_or_else(|e| panic!("{e}"));
    let first = publish::send(&outbox, &mut draft, &s.clients).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(first.iter().all(|o| o.error.is_some()), "{first:?}");
    assert!(draft.targets.iter().all(|t| t.state == State::Attempted));

    let mut kept = outbox.list().unwrap_or_default();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].images[0].data, heron().data, "the outbox kept the image bytes");
    let again = publish::send(&outbox, &mut kept[0], &s.clients).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(again.iter().all(|o| o.error.is_none() && o.url.is_some()), "{again:?}");
    let creates = (s.net.mastodon.faults.creates(), s.net.bluesky.faults.creates(), s.net.tumblr.faults.creates());
    assert_eq!(creates, (1, 1, 1), "an image-only post found by its image count, not sent twice");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn limits_refuse_before_sending_and_the_server_agrees() {
    let s = setup(Duration::from_secs(20)).await;
    let mut big = heron();
    let mut data = big.data.to_vec();
    data.resize(1_400_000, 0);
    big.size = data.len();
    big.data = std::sync::Arc::new(data);
    big.name = "big.png".into();
    let problems = prepare::problems(&request("too big for one of them", "", vec![big.clone()], &s.clients));
    let who: Vec<&AccountId> = problems.iter().map(|(a, _)| a).collect();
    assert_eq!(who, [s.clients[1].account()], "{problems:?}");
    assert!(problems[0].1.contains("big.png is 1.4 MB"), "{problems:?}");
    let Client::Bluesky(b) = &s.clients[1] else { panic!("the second client is Bluesky") };
    let err = b.upload_blob(&big).await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("too large"), "the PDS refuses it too: {err}");

    let mut bare = heron();
    bare.alt = String::new();
    let problems = prepare::problems(&request("no alt", "", vec![bare.clone()], &s.clients));
    assert_eq!(problems.len(), 3, "every network asks for alt text: {problems:?}");
    let mut allowed = request("no alt", "", vec![bare], &s.clients);
    allowed.alt_required = false;
    assert_eq!(prepare::problems(&allowed), []);
}

#[test]
fn a_draft_keeps_its_images_across_a_restart_and_drops_them_when_done() {
    let dir = temp("outbox");
    let req = prepare::Request {
        text: "with a picture".into(),
        targets: vec![AccountId("bluesky:a.test".into())],
        images: vec![heron(), heron()],
        ..Default::default()
    };
    let draft = publish::new_draft(&req).unwrap_or_else(|e| panic!("{e}"));
    assert!(Outbox::new(&dir).save(&draft).is_ok());
    let back = Outbox::new(&dir).list().unwrap_or_default();
    assert_eq!(back, std::slice::from_ref(&draft));
    assert_eq!(back[0].images[1].data, heron().data);
    assert!(Outbox::new(&dir).remove(&draft.id).is_ok());
    let left: Vec<_> =
        std::fs::read_dir(dir.join("outbox")).into_iter().flatten().flatten().map(|e| e.file_name()).collect();
    assert!(left.iter().all(|n| !n.to_string_lossy().ends_with(".image")), "{left:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
