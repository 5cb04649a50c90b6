//! The loopback redirect listener of OAuth logins: one HTTP request to `/callback` on 127.0.0.1,
//! its `code` taken only when its `state` matches. Anything else gets a 404 and is ignored.

use std::collections::HashMap;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The largest request head read; a browser's GET is far smaller.
const MAX_HEAD: usize = 16 * 1024;

/// What the browser brought back.
#[derive(Debug, PartialEq, Eq)]
pub enum Callback {
    Code(String),
    /// The user (or the server) refused: `error` and its description.
    Denied(String),
}

/// A listener on 127.0.0.1 at a port the system picks.
pub async fn listen() -> std::io::Result<(TcpListener, u16)> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
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
        let (listener, port) = listen().await.unwrap_or_else(|e| panic!("{e}"));
        let waiter = tokio::spawn(async move { wait(&listener, "s1").await.ok() });
        assert!(get(port, "/favicon.ico").await.starts_with("HTTP/1.1 404"));
        assert!(get(port, "/callback?code=evil&state=other").await.starts_with("HTTP/1.1 400"));
        assert!(get(port, "/callback?code=c%2F1&state=s1").await.starts_with("HTTP/1.1 200"));
        assert_eq!(waiter.await.ok().flatten(), Some(Callback::Code("c/1".into())));
    }

    #[tokio::test]
    async fn a_refusal_is_reported_sanitized() {
        let (listener, port) = listen().await.unwrap_or_else(|e| panic!("{e}"));
        let waiter = tokio::spawn(async move { wait(&listener, "s").await.ok() });
        get(port, "/callback?error=access_denied&error_description=no%1B%5B31m&state=s").await;
        assert_eq!(waiter.await.ok().flatten(), Some(Callback::Denied("no[31m".into())));
    }
}
