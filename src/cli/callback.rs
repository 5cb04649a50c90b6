//! The loopback redirect listener of OAuth logins: one HTTP request to `/callback` on 127.0.0.1,
//! its `code` taken only when its `state` matches. Anything else gets a 404 and is ignored. A code
//! (or the whole address the browser ended on) may be pasted instead, for a browser elsewhere.

use std::collections::HashMap;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::prompt::StdinLines;

/// The largest request head read; a browser's GET is far smaller.
const MAX_HEAD: usize = 16 * 1024;

/// What the browser brought back.
#[derive(Debug, PartialEq, Eq)]
pub enum Callback {
    Code(String),
    /// The user (or the server) refused: `error` and its description.
    Denied(String),
}

/// A listener on 127.0.0.1 at `port`, or at a port the system picks when `port` is 0.
pub async fn listen(port: u16) -> std::io::Result<(TcpListener, u16)> {
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let port = listener.local_addr()?.port();
    Ok((listener, port))
}

/// Waits for the redirect carrying `state`; other requests are answered and ignored.
pub async fn wait(listener: &TcpListener, state: &str) -> std::io::Result<Callback> {
    loop {
        let (mut stream, _) = listener.accept().await?;
        let Some(query) = read_callback_query(&mut stream).await else {
            respond(&mut stream, "404 Not Found", "Not found.").await;
            continue;
        };
        if query.get("state").map(String::as_str) != Some(state) {
            respond(&mut stream, "400 Bad Request", "This answer is not for this login (state differs).").await;
            continue;
        }
        if let Some(code) = query.get("code").filter(|c| !c.is_empty()) {
            respond(&mut stream, "200 OK", "murre is authorized. You can close this tab.").await;
            return Ok(Callback::Code(code.clone()));
        }
        let error = query.get("error_description").or_else(|| query.get("error")).cloned().unwrap_or_default();
        respond(&mut stream, "200 OK", "The authorization was refused. You can close this tab.").await;
        return Ok(Callback::Denied(crate::text::sanitize_line(&error)));
    }
}

/// The code from the redirect or a line pasted on stdin, whichever comes first within `wait`.
pub async fn code(
    listener: &TcpListener,
    state: &str,
    wait: Duration,
    lines: &mut StdinLines,
) -> anyhow::Result<String> {
    let got = tokio::select! {
        r = self::wait(listener, state) => r?,
        line = lines.next_filled() => pasted(&line, state)?,
        _ = tokio::time::sleep(wait) => anyhow::bail!(
            "no answer from the browser within {} minutes; run the login again", wait.as_secs() / 60
        ),
    };
    match got {
        Callback::Code(code) => Ok(code),
        Callback::Denied(why) => anyhow::bail!("the server refused the authorization: {why}"),
    }
}

/// A pasted line: the code itself, or an address with `code=` (and, if it has one, this `state`).
fn pasted(line: &str, state: &str) -> anyhow::Result<Callback> {
    let line = line.trim();
    let Ok(url) = url::Url::parse(line) else { return Ok(Callback::Code(line.to_string())) };
    let query: HashMap<String, String> = url.query_pairs().into_owned().collect();
    if query.get("state").is_some_and(|s| s != state) {
        anyhow::bail!("the pasted address is not for this login (its state differs); run the login again");
    }
    match (query.get("code"), query.get("error")) {
        (Some(code), _) => Ok(Callback::Code(code.clone())),
        (None, Some(error)) => {
            let why = query.get("error_description").unwrap_or(error);
            Ok(Callback::Denied(crate::text::sanitize_line(why)))
        }
        (None, None) => Ok(Callback::Code(line.to_string())),
    }
}

async fn read_callback_query(stream: &mut TcpStream) -> Option<HashMap<String, String>> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 || head.len() + n > MAX_HEAD {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    parse_request_line(std::str::from_utf8(&head).ok()?.lines().next()?)
}

/// `GET /callback?query HTTP/1.1` -> the query's pairs.
fn parse_request_line(line: &str) -> Option<HashMap<String, String>> {
    let mut parts = line.split(' ');
    let (method, target) = (parts.next()?, parts.next()?);
    let url = url::Url::parse(&format!("http://127.0.0.1{target}")).ok()?;
    (method == "GET" && url.path() == "/callback").then(|| url.query_pairs().into_owned().collect())
}

async fn respond(stream: &mut TcpStream, status: &str, text: &str) {
    let body = format!("<!doctype html><meta charset=utf-8><title>murre</title><p>{text}</p>");
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(format!("{head}{body}").as_bytes()).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn get(port: u16, target: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap_or_else(|e| panic!("{e}"));
        let _ = s.write_all(format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes()).await;
        let mut out = String::new();
        let _ = s.read_to_string(&mut out).await;
        out
    }

    #[tokio::test]
    async fn takes_the_code_only_with_the_right_state() {
        let (listener, port) = listen(0).await.unwrap_or_else(|e| panic!("{e}"));
        let waiter = tokio::spawn(async move { wait(&listener, "s1").await.ok() });
        assert!(get(port, "/favicon.ico").await.starts_with("HTTP/1.1 404"));
        assert!(get(port, "/callback?code=evil&state=other").await.starts_with("HTTP/1.1 400"));
        assert!(get(port, "/callback?code=c%2F1&state=s1").await.starts_with("HTTP/1.1 200"));
        assert_eq!(waiter.await.ok().flatten(), Some(Callback::Code("c/1".into())));
    }

    #[tokio::test]
    async fn a_refusal_is_reported_sanitized() {
        let (listener, port) = listen(0).await.unwrap_or_else(|e| panic!("{e}"));
        let waiter = tokio::spawn(async move { wait(&listener, "s").await.ok() });
        get(port, "/callback?error=access_denied&error_description=no%1B%5B31m&state=s").await;
        assert_eq!(waiter.await.ok().flatten(), Some(Callback::Denied("no[31m".into())));
    }

    #[test]
    fn a_pasted_address_yields_its_code_when_its_state_matches() {
        let code = |line: &str| match pasted(line, "s") {
            Ok(Callback::Code(c)) => Some(c),
            _ => None,
        };
        assert_eq!(code("  abc123 ").as_deref(), Some("abc123"));
        assert_eq!(code("http://127.0.0.1:4242/callback?code=x%2Fy&state=s").as_deref(), Some("x/y"));
        assert_eq!(code("http://127.0.0.1:4242/callback?code=x"), Some("x".into()));
        assert!(pasted("http://127.0.0.1:4242/callback?code=x&state=forged", "s").is_err());
        let denied = pasted("http://127.0.0.1:4242/callback?error=access_denied&state=s", "s").ok();
        assert_eq!(denied, Some(Callback::Denied("access_denied".into())));
    }

    #[tokio::test]
    async fn a_fixed_port_is_used_and_a_taken_one_is_an_address_in_use_error() {
        let (_held, port) = listen(0).await.unwrap_or_else(|e| panic!("{e}"));
        let again = listen(port).await.map(|_| ()).map_err(|e| e.kind());
        assert_eq!(again, Err(std::io::ErrorKind::AddrInUse));
    }
}
