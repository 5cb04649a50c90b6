//! The binary as scripts use it: exit codes, JSON shape, sanitized text, config errors.

use std::process::Command;

fn murre(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_murre")).args(args).output().unwrap_or_else(|e| panic!("{e}"))
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("murre-cli-{name}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

#[test]
fn demo_timeline_json_merges_three_networks() {
    let dir = temp_dir("json");
    let out = murre(&["--config-dir", dir.to_str().unwrap_or("."), "--demo", "timeline", "--json", "--limit", "100"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let posts: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(posts.len(), 100);
    let nets: std::collections::HashSet<&str> = posts
        .iter()
        .flat_map(|p| {
            std::iter::once(&p["network"]).chain(p["also_on"].as_array().into_iter().flatten().map(|a| &a["network"]))
        })
        .filter_map(|n| n.as_str())
        .collect();
    assert_eq!(nets.len(), 3, "{nets:?}");
    for field in [
        "id",
        "network",
        "account",
        "author",
        "created_at",
        "text",
        "cw",
        "url",
        "reposted_by",
        "reply_to",
        "media",
        "also_on",
    ] {
        assert!(posts[0].get(field).is_some(), "missing {field}");
    }
    let times: Vec<&str> = posts.iter().filter_map(|p| p["created_at"].as_str()).collect();
    assert!(times.iter().all(|t| t.ends_with('Z')));
}

#[test]
fn demo_timeline_text_has_no_escape_bytes() {
    let out =
        murre(&["--demo", "timeline", "--limit", "400", "--config-dir", temp_dir("text").to_str().unwrap_or(".")]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!out.stdout.is_empty());
    for bad in [0x1b_u8, 0x07, 0x00, 0x7f] {
        assert!(!out.stdout.contains(&bad), "byte {bad:#x} in text output");
    }
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{9b}'));
}

#[test]
fn an_unknown_account_is_a_usage_error_listing_candidates() {
    let out =
        murre(&["--demo", "timeline", "--account", "nobody", "--config-dir", temp_dir("acct").to_str().unwrap_or(".")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bluesky:murre.demo.test"));
}

#[test]
fn a_bad_config_names_file_and_line_before_anything_starts() {
    let dir = temp_dir("badcfg");
    let _ = std::fs::write(dir.join("config.toml"), "theme = \"dark\"\n[timeline]\ngroup_cross_posts = 7\n");
    let out = murre(&["--config-dir", dir.to_str().unwrap_or("."), "accounts"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml") && err.contains("line 3"), "{err}");
}

#[test]
fn accounts_json_is_an_array_and_unknown_flags_exit_2() {
    let dir = temp_dir("accounts");
    let out = murre(&["--config-dir", dir.to_str().unwrap_or("."), "accounts", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).map(|v| v.len()).ok(), Some(0));
    assert_eq!(murre(&["timeline", "--no-such-flag"]).status.code(), Some(2));
}

#[test]
fn demo_timeline_lists_at_least_180_rows_from_every_network() {
    let dir = temp_dir("all");
    let out = murre(&["--config-dir", dir.to_str().unwrap_or("."), "--demo", "timeline", "--json", "--limit", "1000"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let posts: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert!(posts.len() >= 180, "only {} rows", posts.len());
    for net in ["mastodon", "bluesky", "tumblr"] {
        let n = posts.iter().filter(|p| p["network"] == net).count();
        assert!(n >= 40, "{net}: {n} rows");
    }
    let grouped = posts.iter().filter(|p| p["also_on"].as_array().is_some_and(|a| !a.is_empty())).count();
    assert!(grouped > 0 && grouped < posts.len(), "cross-posts are grouped, the rest are not: {grouped}");
}

#[test]
fn muted_words_from_config_hide_posts_on_every_network() {
    let dir = temp_dir("muted");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("config.toml"), "[timeline]\nmuted_words = [\"coffee\", \"#rust\"]\n");
    let out =
        murre(&["--demo", "--config-dir", dir.to_str().unwrap_or_default(), "timeline", "--json", "--limit", "400"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert!(rows.len() > 150, "the rest is there: {}", rows.len());
    let shows = |word: &str| rows.iter().any(|r| r["text"].as_str().is_some_and(|t| t.to_lowercase().contains(word)));
    assert!(!shows("coffee") && !shows("#rust"), "muted posts are gone");
    let plain = murre(&["--demo", "timeline", "--json", "--limit", "400"]);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&plain.stdout).unwrap_or_default();
    assert!(
        all.iter().any(|r| r["text"].as_str().is_some_and(|t| t.to_lowercase().contains("coffee"))),
        "the demo has them"
    );
    assert!(all.len() > rows.len());
    let _ = std::fs::remove_dir_all(&dir);
}
