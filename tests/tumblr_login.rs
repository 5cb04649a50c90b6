//! `murre login tumblr` end to end against the demo Tumblr server: the binary's browser flow (the
//! test plays the browser: it opens the authorize page murre prints and follows its link back to
//! murre's loopback redirect), then the timeline with the stored token, its renewal once expired, the
//! refusals, `--token-stdin`, and no secret in config.toml or the log. Tests that use the fixed
//! redirect port 8765 take a lock, so they never run at the same time.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use murre::demo::{self, DemoNetwork};
use serde_json::Value;

/// Held by every test that binds 127.0.0.1:8765 (directly or through murre).
static REDIRECT_PORT: Mutex<()> = Mutex::new(());

fn port_lock() -> MutexGuard<'static, ()> {
    REDIRECT_PORT.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The demo network, served by its own runtime while the test thread runs the binary.
struct Demo {
    rt: tokio::runtime::Runtime,
    net: DemoNetwork,
}

fn demo() -> Demo {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build();
    let rt = rt.unwrap_or_else(|e| panic!("{e}"));
    let net = rt.block_on(DemoNetwork::start(jiff::Timestamp::now())).unwrap_or_else(|e| panic!("{e}"));
    Demo { rt, net }
}

impl Demo {
    fn api(&self) -> &str {
        &self.net.tumblr.url
    }

    /// GETs `url` like a browser would; status and body.
    fn browse(&self, url: &str) -> (u16, String) {
        let http = murre::backend::http::client(Duration::from_secs(10)).unwrap_or_else(|e| panic!("{e}"));
        self.rt.block_on(async {
            let response = http.get(url).send().await.unwrap_or_else(|e| panic!("{url}: {e}"));
            (response.status().as_u16(), response.text().await.unwrap_or_default())
        })
    }

    /// Opens the authorize page and returns its "Allow" link (to murre's redirect).
    fn allow_link(&self, authorize: &str) -> String {
        let (status, page) = self.browse(authorize);
        assert_eq!(status, 200, "authorize page: {page}");
        let link = page.split("id=allow href=\"").nth(1).and_then(|rest| rest.split('"').next());
        let link = link.unwrap_or_else(|| panic!("no Allow link in {page}")).replace("&amp;", "&");
        let state = query_value(authorize, "state");
        assert_eq!(link, format!("http://127.0.0.1:8765/callback?code={}&state={state}", demo::TUMBLR_CODE));
        link
    }

    /// Opens the authorize page and follows its "Allow" link back to murre.
    fn allow(&self, authorize: &str) {
        let (status, body) = self.browse(&self.allow_link(authorize));
        assert_eq!(status, 200, "murre's callback answered {body}");
    }
}

fn query_value(url: &str, key: &str) -> String {
    let url = reqwest::Url::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
    let found = url.query_pairs().find(|(k, _)| k == key).map(|(_, v)| v.into_owned());
    found.unwrap_or_else(|| panic!("no {key} in {url}"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("murre-tumblr-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_murre"));
    cmd.arg("--config-dir").arg(dir).args(args).env("BROWSER", "true").env("MURRE_DEBUG", "1");
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

/// Runs murre to the end with `stdin`.
fn murre(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = command(dir, args).spawn().unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

/// A login in progress: the process, the authorize address it printed, and its stderr lines.
/// Its stdin stays open, as a terminal's would: murre must not wait for a pasted line once the
/// browser has answered.
struct Login {
    child: Child,
    stdin: Option<std::process::ChildStdin>,
    authorize: String,
    stderr: std::thread::JoinHandle<Vec<String>>,
}

/// Starts `murre login tumblr --api API` with the app keys on stdin; waits for the authorize address.
fn start_login(dir: &Path, api: &str, keys: &str) -> Login {
    let mut child = command(dir, &["login", "tumblr", "--api", api]).spawn().unwrap_or_else(|e| panic!("{e}"));
    let mut stdin = child.stdin.take();
    if let Some(input) = stdin.as_mut() {
        let _ = input.write_all(keys.as_bytes());
        let _ = input.flush();
    }
    let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
    let mut lines = BufReader::new(stderr).lines().map_while(Result::ok);
    let mut seen = Vec::new();
    let authorize = lines.by_ref().find_map(|l| {
        seen.push(l.clone());
        l.contains("/oauth2/authorize?").then(|| l.trim().to_string())
    });
    let authorize = authorize.unwrap_or_else(|| panic!("murre printed no authorize address: {seen:?}"));
    let stderr = std::thread::spawn(move || seen.into_iter().chain(lines).collect());
    Login { child, stdin, authorize, stderr }
}

impl Login {
    /// Types `line` on murre's stdin.
    fn paste(&mut self, line: &str) {
        let input = self.stdin.as_mut().unwrap_or_else(|| panic!("stdin closed"));
        let _ = writeln!(input, "{line}");
        let _ = input.flush();
    }

    /// Waits (at most a minute) for murre to end; its exit code, stdout and stderr lines.
    fn finish(mut self) -> (Option<i32>, String, Vec<String>) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.child.try_wait().ok().flatten().is_none() {
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("murre login did not finish");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let out = self.child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        let stderr = self.stderr.join().unwrap_or_default();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
    }
}

fn keys(secret: &str) -> String {
    format!("{}\n{secret}\n", demo::TUMBLR_CLIENT_ID)
}

fn secrets(dir: &Path) -> toml::Table {
    let text = std::fs::read_to_string(dir.join("data/secrets.toml")).unwrap_or_default();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
}

/// The stored (access token, refresh token) of `account`.
fn stored_tokens(dir: &Path, account: &str) -> (String, String) {
    let all = secrets(dir);
    let entry = all.get(account).unwrap_or_else(|| panic!("no secret for {account}: {all:?}"));
    assert_eq!(entry.get("kind").and_then(|k| k.as_str()), Some("tumblr_token"));
    let field = |k: &str| entry.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    (field("access_token"), field("refresh_token"))
}

fn timeline(dir: &Path) -> Vec<Value> {
    let out = murre(dir, &["timeline", "--json", "--limit", "30"], "");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_wrong_client_secret_fails_in_one_line_and_writes_nothing() {
    let _port = port_lock();
    let (demo, dir) = (demo(), temp_dir("wrong"));
    let login = start_login(&dir, demo.api(), &keys("not-the-secret"));
    demo.allow(&login.authorize);
    let (code, _, stderr) = login.finish();
    assert_eq!(code, Some(1), "{stderr:?}");
    let errors: Vec<&String> = stderr.iter().filter(|l| l.starts_with("murre:")).collect();
    assert_eq!(errors.len(), 1, "{stderr:?}");
    assert!(errors[0].contains("invalid_grant") && errors[0].contains("client id and secret"), "{errors:?}");
    assert!(!dir.join("config.toml").exists(), "a failed login wrote config");
    assert!(!dir.join("data/secrets.toml").exists(), "a failed login wrote secrets");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_taken_redirect_port_is_a_clear_error() {
    let _port = port_lock();
    let (demo, dir) = (demo(), temp_dir("port"));
    let _taken = std::net::TcpListener::bind(("127.0.0.1", 8765)).unwrap_or_else(|e| panic!("{e}"));
    let out = murre(&dir, &["login", "tumblr", "--api", demo.api()], &keys(demo::TUMBLR_CLIENT_SECRET));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("port 8765") && err.contains("in use"), "{err}");
    assert!(!dir.join("config.toml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn browser_login_then_the_timeline_and_an_expired_token_renewed_and_saved() {
    let _port = port_lock();
    let (demo, dir) = (demo(), temp_dir("browser"));
    let login = start_login(&dir, demo.api(), &keys(demo::TUMBLR_CLIENT_SECRET));
    for must in ["scope=basic+write+offline_access", "response_type=code", "redirect_uri=http%3A%2F%2F127.0.0.1%3A8765"]
    {
        assert!(login.authorize.contains(must), "{must} missing in {}", login.authorize);
    }
    demo.allow(&login.authorize);
    let (code, stdout, stderr) = login.finish();
    assert_eq!(code, Some(0), "{stderr:?}");
    assert!(stdout.contains("Logged in as tumblr:murre-demo."), "the primary blog is taken: {stdout}");
    assert!(stderr.iter().any(|l| l.contains("http://127.0.0.1:8765/callback")), "the redirect to register is shown");

    let accounts = murre(&dir, &["accounts", "--json"], "");
    let accounts: Value = serde_json::from_slice(&accounts.stdout).unwrap_or_default();
    assert_eq!(accounts[0]["id"], "tumblr:murre-demo");
    assert_eq!(accounts[0]["server"], demo.api());
    let app = secrets(&dir).get(&format!("app:tumblr:{}", demo.api())).cloned();
    assert!(app.is_some_and(|a| a.get("client_secret").is_some()), "the app keys are stored");

    let first = stored_tokens(&dir, "tumblr:murre-demo");
    let posts = timeline(&dir);
    assert!(!posts.is_empty() && posts.iter().all(|p| p["account"] == "tumblr:murre-demo"));

    demo.net.tumblr.faults.expire_tokens();
    assert!(!timeline(&dir).is_empty(), "the expired token was not renewed");
    let second = stored_tokens(&dir, "tumblr:murre-demo");
    assert!(second.0 != first.0 && second.1 != first.1, "the renewed and rotated tokens are saved");
    assert!(!timeline(&dir).is_empty(), "the saved tokens work in the next process");

    let mut secrets_seen = vec![demo::TUMBLR_CLIENT_SECRET.to_string(), first.0, first.1, second.0, second.1];
    secrets_seen.retain(|s| !s.is_empty());
    assert_no_secret_in(&dir.join("config.toml"), &secrets_seen);
    assert_no_secret_in(&dir.join("state/murre.log"), &secrets_seen);
    let _ = std::fs::remove_dir_all(&dir);
}

fn assert_no_secret_in(path: &Path, secrets: &[String]) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for s in secrets {
        assert!(!text.contains(s.as_str()), "a secret is in {}", path.display());
    }
}

#[test]
fn token_stdin_logs_in_and_without_a_refresh_token_an_expiry_says_log_in_again() {
    let (demo, dir) = (demo(), temp_dir("stdin"));
    let api = demo.api();
    let wrong = murre(&dir, &["login", "tumblr", "--api", api, "--token-stdin"], "not-a-token\n");
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("refused the access token"));
    assert!(!dir.join("config.toml").exists());

    let ok = murre(&dir, &["login", "tumblr", "--api", api, "--token-stdin"], &format!("{}\n", demo::TUMBLR_TOKEN));
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("tumblr:murre-demo"));
    assert_eq!(stored_tokens(&dir, "tumblr:murre-demo"), (demo::TUMBLR_TOKEN.to_string(), String::new()));
    assert!(!timeline(&dir).is_empty());

    demo.net.tumblr.faults.expire_tokens();
    let out = murre(&dir, &["timeline", "--json"], "");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("log in again with `murre login tumblr`"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_address_the_browser_ended_on_can_be_pasted_instead() {
    let _port = port_lock();
    let (demo, dir) = (demo(), temp_dir("paste"));
    let mut login = start_login(&dir, demo.api(), &keys(demo::TUMBLR_CLIENT_SECRET));
    let link = demo.allow_link(&login.authorize);
    login.paste("");
    login.paste(&link);
    let (code, stdout, stderr) = login.finish();
    assert_eq!(code, Some(0), "{stderr:?}");
    assert!(stdout.contains("Logged in as tumblr:murre-demo."), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}
