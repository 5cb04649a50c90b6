//! `murre post` as a user runs it against the demo servers: an image with alt text and a content
//! warning to three networks, read back through `murre timeline --json`; images refused before
//! anything is sent; `--reply-to` by a post's id or web address, on its own network only.

mod common;

use common::binary::{args, demo_accounts, murre, outbox_files};
use murre::demo::DemoNetwork;
use serde_json::Value;

const HERON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/images/heron.png");

/// The merged timeline, or one account's (`only`): the merged one shows a cross-post once.
async fn timeline(dir: &std::path::Path, only: Option<&str>) -> Vec<Value> {
    let mut list = args(&["timeline", "--json", "--limit", "400"]);
    list.extend(only.map(|a| format!("--account={a}")));
    let out = murre(dir.to_path_buf(), list, String::new()).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_default()
}

fn own(rows: &[Value], network: &str) -> Value {
    let mine =
        |r: &&Value| r["network"] == network && r["author"]["handle"].as_str().is_some_and(|h| h.starts_with("murre"));
    rows.iter().find(mine).cloned().unwrap_or_else(|| panic!("no own {network} post"))
}

#[tokio::test]
async fn an_image_with_alt_text_and_a_warning_goes_to_three_networks_from_the_command_line() {
    let net = DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = demo_accounts(&net, "post-image").await;
    let alt = "A grey heron standing in shallow water";
    let post = args(&["post", "--json", "--cw", "bird photo", "--image", HERON, "--alt", alt, "Heron 🪶 日本語"]);
    let out = murre(dir.clone(), post, String::new()).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert!(rows.len() == 3 && rows.iter().all(|r| r["ok"] == true && r["url"].is_string()), "{rows:?}");

    let merged = timeline(&dir, None).await;
    let also: Vec<&str> =
        merged[0]["also_on"].as_array().into_iter().flatten().filter_map(|a| a["network"].as_str()).collect();
    assert!(merged[0]["text"].as_str().is_some_and(|t| t.ends_with("Heron 🪶 日本語")), "{}", merged[0]);
    assert_eq!(also.len(), 2, "the cross-post shows once in the merged timeline: {}", merged[0]);
    let mut rows = Vec::new();
    for network in ["mastodon", "bluesky", "tumblr"] {
        rows.extend(timeline(&dir, Some(network)).await);
        let post = own(&rows, network);
        assert_eq!(post["media"][0]["alt"], alt, "{network}: {post}");
        assert_eq!(post["media"][0]["kind"], "image", "{network}");
    }
    assert_eq!(own(&rows, "mastodon")["cw"], "bird photo");
    assert!(own(&rows, "bluesky")["text"].as_str().is_some_and(|t| t.starts_with("CW: bird photo")));
    assert_eq!(outbox_files(&dir), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn images_without_alt_text_or_that_are_not_images_are_refused_before_sending() {
    let net = DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = demo_accounts(&net, "post-image-bad").await;
    let out = murre(dir.clone(), args(&["post", "--image", HERON, "no alt"]), String::new()).await;
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("has no alt text").count(), 3, "one line per target: {err}");
    let text_file = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let out = murre(dir.clone(), args(&["post", "--image", text_file, "--alt", "x", "hi"]), String::new()).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Cargo.toml: not an image"));
    let creates = (net.mastodon.faults.creates(), net.bluesky.faults.creates(), net.tumblr.faults.creates());
    assert_eq!(creates, (0, 0, 0));
    assert_eq!(outbox_files(&dir), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn reply_to_takes_an_id_or_a_web_address_and_stays_on_the_posts_network() {
    let net = DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = demo_accounts(&net, "post-reply").await;
    let rows = timeline(&dir, None).await;
    let first = |network: &str| rows.iter().find(|r| r["network"] == network && r["reposted_by"].is_null()).cloned();
    let (Some(bsky), Some(masto), Some(tumblr)) = (first("bluesky"), first("mastodon"), first("tumblr")) else {
        panic!("the demo has posts on every network")
    };
    let id = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_string();

    let out = murre(dir.clone(), args(&["post", "--reply-to", &id(&bsky, "id"), "Agreed 👍🏽"]), String::new()).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = murre(dir.clone(), args(&["post", "--reply-to", &id(&masto, "url"), "Same here"]), String::new()).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let creates = (net.mastodon.faults.creates(), net.bluesky.faults.creates(), net.tumblr.faults.creates());
    assert_eq!(creates, (1, 1, 0), "each reply went to its post's network only");

    let rows = timeline(&dir, None).await;
    assert_eq!(own(&rows, "bluesky")["reply_to"], bsky["id"]);
    let masto_id = id(&masto, "url").rsplit('/').next().map(str::to_string);
    assert_eq!(
        own(&rows, "mastodon")["reply_to"].as_str().map(str::to_string),
        masto_id,
        "in_reply_to_id on the server"
    );

    let out = murre(dir.clone(), args(&["post", "--reply-to", &id(&tumblr, "id"), "hi"]), String::new()).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Tumblr posts take no replies"));
    let wrong = args(&["post", "--to", "mastodon", "--reply-to", &id(&bsky, "url"), "hi"]);
    let out = murre(dir.clone(), wrong, String::new()).await;
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `kill -9` in the middle of a send: Mastodon and Tumblr answered, Bluesky's request hangs. Each
/// answer was written down as it came; `--retry` sends only to Bluesky.
#[tokio::test]
async fn a_send_killed_midway_is_finished_by_retry_without_a_duplicate() {
    let net = DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = demo_accounts(&net, "post-kill").await;
    net.bluesky.faults.hang_next(1);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_murre"))
        .arg("--config-dir")
        .arg(&dir)
        .args(["post", "Killed mid-send 👩‍👩‍👧 日本語"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while states(&dir) != ["bluesky attempted", "mastodon sent", "tumblr sent"] {
        assert!(std::time::Instant::now() < deadline, "the fast networks never answered: {:?}", states(&dir));
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let _ = child.kill(); // SIGKILL: no destructor, no last save
    let _ = child.wait();
    assert_eq!(
        states(&dir),
        ["bluesky attempted", "mastodon sent", "tumblr sent"],
        "the draft and each answer are on disk"
    );
    assert_eq!(net.bluesky.faults.creates(), 0);

    let out = murre(dir.clone(), args(&["post", "--retry", "--json"]), String::new()).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert!(rows.len() == 3 && rows.iter().all(|r| r["ok"] == true), "{rows:?}");
    let creates = (net.mastodon.faults.creates(), net.bluesky.faults.creates(), net.tumblr.faults.creates());
    assert_eq!(creates, (1, 1, 1), "one post per network, none twice");
    assert_eq!(outbox_files(&dir), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The target states of the one draft in the outbox, as "network state", sorted.
fn states(dir: &std::path::Path) -> Vec<String> {
    let files = std::fs::read_dir(dir.join("data/outbox")).into_iter().flatten().flatten().map(|e| e.path());
    let drafts: Vec<Value> = files
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| serde_json::from_slice(&std::fs::read(p).unwrap_or_default()).ok())
        .collect();
    let [draft] = drafts.as_slice() else { return Vec::new() };
    let targets = draft["targets"].as_array().cloned().unwrap_or_default();
    let mut out: Vec<String> = targets
        .iter()
        .map(|t| {
            let network = t["account"].as_str().unwrap_or_default().split(':').next().unwrap_or_default();
            format!("{network} {}", t["state"]["state"].as_str().unwrap_or_default())
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn a_mention_that_does_not_resolve_is_posted_as_text_with_a_note_saying_so() {
    let net = DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = demo_accounts(&net, "post-mention").await;
    let out = murre(dir.clone(), args(&["post", "--to", "bluesky", "hi @nobody.example.test 👋"]), String::new()).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("posted  bluesky:"), "{stdout}");
    assert!(stdout.contains("note    bluesky:") && stdout.contains("@nobody.example.test was not found"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn quote_embeds_a_bluesky_post_with_an_image_and_refuses_other_networks() {
    let net = DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = demo_accounts(&net, "post-quote").await;
    let rows = timeline(&dir, None).await;
    let first = |network: &str| rows.iter().find(|r| r["network"] == network && r["reposted_by"].is_null()).cloned();
    let (Some(bsky), Some(masto)) = (first("bluesky"), first("mastodon")) else { panic!("demo posts") };
    let id = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    let quote = args(&["post", "--quote", &id(&bsky, "url"), "--image", HERON, "--alt", "a heron", "Look 👀"]);
    let out = murre(dir.clone(), quote, String::new()).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!((net.mastodon.faults.creates(), net.bluesky.faults.creates()), (0, 1), "Bluesky only");
    let mine = own(&timeline(&dir, Some("bluesky")).await, "bluesky");
    assert_eq!(mine["media"][0]["alt"], "a heron", "{mine}");
    assert_eq!(mine["quote"]["url"], bsky["url"], "the quoted post is embedded: {mine}");
    let out = murre(dir.clone(), args(&["post", "--quote", &id(&masto, "url"), "hm"]), String::new()).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only Bluesky posts can be quoted"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A server that allows longer statuses (Pleroma and Akkoma: 5000) is counted by its own limit, read
/// from the instance; Bluesky's 300 still applies to Bluesky.
#[tokio::test]
async fn the_servers_own_length_limit_is_used_not_mastodons_default() {
    let net = DemoNetwork::start(jiff::Timestamp::now()).await.unwrap_or_else(|e| panic!("{e}"));
    let dir = demo_accounts(&net, "post-limit").await;
    net.mastodon.faults.set_max_characters(Some(1000));
    let long = "word ".repeat(150);
    let out = murre(dir.clone(), args(&["post", "--to", "mastodon", &long]), String::new()).await;
    assert_eq!(out.status.code(), Some(0), "750 of 1000 fits: {}", String::from_utf8_lossy(&out.stderr));
    let out = murre(dir.clone(), args(&["post", &"word ".repeat(210)]), String::new()).await;
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1050 of 1000") && err.contains("1050 of 300"), "{err}");
    assert_eq!(net.mastodon.faults.creates(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}
