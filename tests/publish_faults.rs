//! Publishing when a network misbehaves mid-send, against the demo servers: a 429, an expired session,
//! a server that answers garbage. Each target says what happened; the draft stays for a retry that
//! sends only where it is missing, once; one failing network never stops the others.

mod common;

use std::time::Duration;

use common::demo::setup;
use murre::publish::{self, prepare};
use murre::store::outbox::{Outbox, State};

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("murre-faults-{name}-{}", std::process::id()))
}

#[tokio::test]
async fn a_rate_limit_and_garbage_keep_the_draft_and_the_others_still_get_it() {
    let s = setup(Duration::from_secs(10)).await;
    let outbox = Outbox::new(&temp("429"));
    let req = prepare::Request {
        text: "Through the storm 🌧️ 日本語".into(),
        targets: s.clients.iter().map(|c| c.account().clone()).collect(),
        ..Default::default()
    };
    s.net.mastodon.faults.rate_limit_next(1, 30);
    s.net.tumblr.faults.garbage_next(1);
    let mut draft = publish::new_draft(&req).unwrap_or_else(|e| panic!("{e}"));
    let first = publish::send(&outbox, &mut draft, &s.clients).await.unwrap_or_else(|e| panic!("{e}"));
    let err = |i: usize| first[i].error.clone().unwrap_or_default();
    assert!(err(0).contains("rate limited") && err(0).contains("30"), "{}", err(0));
    assert!(first[1].error.is_none(), "Bluesky still got it: {:?}", first[1]);
    assert!(!err(2).is_empty(), "Tumblr's garbage is an error: {first:?}");
    assert_eq!(s.net.bluesky.faults.creates(), 1);

    let mut kept = outbox.list().unwrap_or_default();
    assert_eq!(kept.len(), 1, "the draft waits");
    assert!(matches!(kept[0].targets[1].state, State::Sent { .. }));
    let again = publish::send(&outbox, &mut kept[0], &s.clients).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(again.iter().all(|o| o.error.is_none()), "{again:?}");
    let creates = (s.net.mastodon.faults.creates(), s.net.bluesky.faults.creates(), s.net.tumblr.faults.creates());
    assert_eq!(creates, (1, 1, 1), "each network has it once");
    assert!(outbox.list().unwrap_or_default().is_empty());
}

/// Tumblr's token expired and this client has no refresh token: that target says to log in again, the
/// others post, and the draft stays with Tumblr marked refused.
#[tokio::test]
async fn an_expired_session_mid_send_says_log_in_again_and_keeps_the_draft() {
    let s = setup(Duration::from_secs(10)).await;
    let outbox = Outbox::new(&temp("expired"));
    s.net.tumblr.faults.expire_tokens();
    let req = prepare::Request {
        text: "after the session expired".into(),
        targets: s.clients.iter().map(|c| c.account().clone()).collect(),
        ..Default::default()
    };
    let mut draft = publish::new_draft(&req).unwrap_or_else(|e| panic!("{e}"));
    let out = publish::send(&outbox, &mut draft, &s.clients).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(out[0].error.is_none() && out[1].error.is_none(), "{out:?}");
    let why = out[2].error.clone().unwrap_or_default();
    assert!(why.contains("log in"), "{why}");
    let kept = outbox.list().unwrap_or_default();
    assert!(matches!(&kept[0].targets[2].state, State::Failed { error } if error.contains("log in")), "{kept:?}");
    assert_eq!(s.net.tumblr.faults.creates(), 0);
}
