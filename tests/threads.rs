//! Text too long for a network, sent as a numbered thread when the user asks: each piece fits, each
//! answers the one before (Mastodon `in_reply_to_id`, Bluesky parent and root refs), and a retry after
//! a lost answer finds the pieces already made instead of posting them twice. Against the demo servers.

mod common;

use std::time::Duration;

use common::demo::setup;
use murre::backend::{Client, Cursor};
use murre::model::{Network, Post};
use murre::publish::{self, prepare, thread};
use murre::store::outbox::Outbox;

fn long_text() -> String {
    "Herons stand still in the shallows for a long time. 日本語も少し。 Then they strike! 👩‍👩‍👧 ".repeat(9)
}

fn request(clients: &[Client]) -> prepare::Request {
    prepare::Request {
        text: long_text(),
        targets: clients.iter().take(2).map(|c| c.account().clone()).collect(),
        split: true,
        ..Default::default()
    }
}

async fn own(client: &Client) -> Vec<Post> {
    let page = client.home(Cursor::Newest).await.unwrap_or_else(|e| panic!("{e}"));
    let mut mine: Vec<Post> = page.items.into_iter().filter(|p| p.author.handle.starts_with("murre")).collect();
    mine.sort_by_key(|p| p.created_at);
    mine
}

/// The newest `n` own posts, oldest first, checked to be a chain: each answers the one before.
async fn chain(client: &Client, n: usize) -> Vec<Post> {
    let mine = own(client).await;
    let thread: Vec<Post> = mine[mine.len() - n..].to_vec();
    for pair in thread.windows(2) {
        let parent = match &pair[0].id.key {
            murre::model::PostKey::Mastodon { id, .. } => id.clone(),
            _ => pair[0].id.global(),
        };
        assert_eq!(pair[1].reply_to.as_ref().and_then(|r| r.id.clone()), Some(parent), "{:?}", pair[1].text);
    }
    thread
}

#[tokio::test]
async fn an_over_long_draft_goes_out_as_a_chained_numbered_thread_on_each_network() {
    let s = setup(Duration::from_secs(20)).await;
    let dir = std::env::temp_dir().join(format!("murre-threads-{}", std::process::id()));
    let req = request(&s.clients);
    let (m, b) = (
        thread::pieces(Network::Mastodon, &req.text, "", true, Default::default()),
        thread::pieces(Network::Bluesky, &req.text, "", true, Default::default()),
    );
    assert!(m.len() >= 2 && b.len() > m.len(), "{} and {}", m.len(), b.len());
    assert_eq!(prepare::problems(&req), []);
    let mut draft = publish::new_draft(&req).unwrap_or_else(|e| panic!("{e}"));
    let outcomes = publish::send(&Outbox::new(&dir), &mut draft, &s.clients).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(outcomes.iter().all(|o| o.error.is_none()), "{outcomes:?}");
    assert_eq!((s.net.mastodon.faults.creates(), s.net.bluesky.faults.creates()), (m.len(), b.len()));

    let masto = chain(&s.clients[0], m.len()).await;
    assert!(masto[0].text.to_plain().ends_with(&format!("1/{}", m.len())), "{}", masto[0].text.to_plain());
    let sky = chain(&s.clients[1], b.len()).await;
    let texts: Vec<String> = sky.iter().map(|p| p.text.to_plain()).collect();
    assert_eq!(texts, b, "each piece as split, in order");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_thread_whose_first_answer_was_lost_is_finished_without_duplicates() {
    let s = setup(Duration::from_secs(20)).await;
    let dir = std::env::temp_dir().join(format!("murre-threads-lost-{}", std::process::id()));
    let outbox = Outbox::new(&dir);
    s.net.mastodon.faults.ignore_idempotency(true);
    s.net.mastodon.faults.lose_next_create(1);
    s.net.bluesky.faults.lose_next_create(1);
    let req = request(&s.clients);
    let mut draft = publish::new_draft(&req).unwrap_or_else(|e| panic!("{e}"));
    let first = publish::send(&outbox, &mut draft, &s.clients).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(first.iter().all(|o| o.error.is_some()), "{first:?}");
    assert_eq!((s.net.mastodon.faults.creates(), s.net.bluesky.faults.creates()), (1, 1), "stopped after piece 1");

    let again = publish::send(&outbox, &mut draft, &s.clients).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(again.iter().all(|o| o.error.is_none()), "{again:?}");
    let (m, b) = (
        thread::pieces(Network::Mastodon, &req.text, "", true, Default::default()),
        thread::pieces(Network::Bluesky, &req.text, "", true, Default::default()),
    );
    assert_eq!((s.net.mastodon.faults.creates(), s.net.bluesky.faults.creates()), (m.len(), b.len()));
    chain(&s.clients[0], m.len()).await;
    chain(&s.clients[1], b.len()).await;
    let _ = std::fs::remove_dir_all(&dir);
}
