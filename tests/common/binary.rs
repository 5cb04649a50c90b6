//! murre's binary run as a user runs it, with its own config dir, against the demo servers.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use murre::demo::{self, DemoNetwork};

/// Runs murre with `args` in config dir `dir`, `stdin` as its input.
pub async fn murre(dir: std::path::PathBuf, args: Vec<String>, stdin: String) -> Output {
    let run = move || {
        let mut child = Command::new(env!("CARGO_BIN_EXE_murre"))
            .arg("--config-dir")
            .arg(&dir)
            .args(&args)
            .env("MURRE_DEBUG", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        if let Some(mut input) = child.stdin.take() {
            let _ = input.write_all(stdin.as_bytes());
        }
        child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
    };
    tokio::task::spawn_blocking(run).await.unwrap_or_else(|e| panic!("{e}"))
}

pub fn fresh_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("murre-cli-login-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

pub fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// A config dir logged in to the demo Mastodon (token) and Bluesky (app password) through the binary.
pub async fn demo_accounts(net: &DemoNetwork, name: &str) -> std::path::PathBuf {
    let dir = fresh_dir(name);
    let bsky = args(&["login", "bluesky", demo::BLUESKY_HANDLE, "--service", &net.bluesky.url, "--app-password-stdin"]);
    let out = murre(dir.clone(), bsky, format!("{}\n", demo::BLUESKY_PASSWORD)).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let masto = args(&["login", "mastodon", &net.mastodon.url, "--token-stdin"]);
    let out = murre(dir.clone(), masto, format!("{}\n", demo::MASTODON_TOKEN)).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let tumblr = args(&["login", "tumblr", "--api", &net.tumblr.url, "--token-stdin"]);
    let out = murre(dir.clone(), tumblr, format!("{}\n", demo::TUMBLR_TOKEN)).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    dir
}

pub fn outbox_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir.join("data/outbox"))
        .map(|d| d.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "json")).count())
        .unwrap_or(0)
}
