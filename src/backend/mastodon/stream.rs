//! The user stream (`/api/v1/streaming?stream=user`), or a list's (`stream=list&list=ID`), over a
//! WebSocket.
//!
//! The token goes in the `Sec-WebSocket-Protocol` header first; a server that refuses it there, or
//! does not echo it, gets it as the `access_token` query parameter, which the API also allows. The
//! URL is the instance's advertised streaming origin only when it is the account's own host or a
//! subdomain of it (never another origin with the token), `wss://` unless the host is loopback.
//! Neither the token nor a URL that holds it is ever logged or put in an error.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use reqwest::Url;
use tokio::net::TcpStream;
use tokio::time::{Instant, sleep_until, timeout};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::{Client, frame, wire};
use crate::backend::http::is_loopback;
use crate::backend::{StreamEnd, StreamEvent};
use crate::model::AccountId;

/// How long a connection and its handshake may take.
const CONNECT: Duration = Duration::from_secs(20);
/// How often murre pings a quiet stream (a live server answers with a pong).
const PING: Duration = Duration::from_secs(30);
/// A stream with no frame at all for this long is dead, even if the socket looks open.
const SILENCE: Duration = Duration::from_secs(75);
/// The largest message read (a status with its card and media is a few kB).
const MAX_MESSAGE: usize = 4 * 1024 * 1024;

/// An open user stream.
pub struct Stream {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    account: AccountId,
    host: String,
    last_frame: Instant,
    last_ping: Instant,
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("mastodon::Stream").field("account", &self.account).finish()
    }
}

/// Where the token travels in the handshake.
#[derive(Clone, Copy)]
enum TokenIn {
    Protocol,
    Query,
}

impl Client {
    /// Opens the account's user stream, or with `list`, the stream of that list of the account's.
    pub async fn stream(&self, list: Option<&str>) -> Result<Stream, StreamEnd> {
        let mut url = stream_url(self.base(), self.advertised_stream().await.as_deref())?;
        if let Some(id) = list {
            url.query_pairs_mut().clear().append_pair("stream", "list").append_pair("list", id);
        }
        let ws = match self.handshake(&url, TokenIn::Protocol).await {
            Ok(ws) => ws,
            Err(first) if first.retry_in_query => self.handshake(&url, TokenIn::Query).await.map_err(|e| e.end)?,
            Err(first) => return Err(first.end),
        };
        let now = Instant::now();
        let (account, host) = (self.account().clone(), self.host().to_string());
        Ok(Stream { ws, account, host, last_frame: now, last_ping: now })
    }

    /// The streaming origin the instance advertises (v2 `configuration.urls.streaming`, v1
    /// `urls.streaming_api`), if it says one.
    async fn advertised_stream(&self) -> Option<String> {
        if let Ok(v2) = self.read("/api/v2/instance", &[]).await.and_then(|a| a.json::<wire::InstanceV2>()) {
            return v2.configuration.urls.streaming;
        }
        let v1 = self.read("/api/v1/instance", &[]).await.and_then(|a| a.json::<wire::InstanceV1>()).ok()?;
        v1.urls.streaming_api
    }

    async fn handshake(&self, url: &Url, token_in: TokenIn) -> Result<Socket, Failed> {
        let mut url = url.clone();
        if let TokenIn::Query = token_in {
            url.query_pairs_mut().append_pair("access_token", self.token());
        }
        let mut request = url.as_str().into_client_request().map_err(|_| Failed::refused("bad streaming URL"))?;
        let headers = request.headers_mut();
        headers.insert("User-Agent", HeaderValue::from_static(concat!("murre/", env!("CARGO_PKG_VERSION"))));
        if let TokenIn::Protocol = token_in {
            let token = HeaderValue::from_str(self.token()).map_err(|_| Failed::refused("the token is not ASCII"))?;
            headers.insert("Sec-WebSocket-Protocol", token);
        }
        let config = WebSocketConfig::default().max_message_size(Some(MAX_MESSAGE)).max_frame_size(Some(MAX_MESSAGE));
        let connect = tokio_tungstenite::connect_async_with_config(request, Some(config), true);
        match timeout(CONNECT, connect).await {
            Err(_) => Err(Failed::lost("the streaming server did not answer")),
            Ok(Ok((ws, _))) => Ok(ws),
            Ok(Err(e)) => Err(Failed::from_handshake(&e, token_in)),
        }
    }
}

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A failed handshake, and whether the token should be tried in the query instead.
struct Failed {
    end: StreamEnd,
    retry_in_query: bool,
}

impl Failed {
    fn refused(reason: &str) -> Failed {
        Failed { end: StreamEnd::Refused(reason.to_string()), retry_in_query: false }
    }

    fn lost(reason: &str) -> Failed {
        Failed { end: StreamEnd::Lost(reason.to_string()), retry_in_query: false }
    }

    /// Reads a handshake error without its URL (which may hold the token).
    fn from_handshake(e: &tungstenite::Error, token_in: TokenIn) -> Failed {
        use tungstenite::error::ProtocolError;
        let first = matches!(token_in, TokenIn::Protocol);
        match e {
            tungstenite::Error::Http(response) => {
                let status = response.status().as_u16();
                let end = StreamEnd::Refused(format!("the server refused the stream ({status})"));
                Failed { end, retry_in_query: first && matches!(status, 400 | 401 | 403) }
            }
            tungstenite::Error::Protocol(ProtocolError::SecWebSocketSubProtocolError(_)) => {
                let end = StreamEnd::Refused("the server did not accept the token header".into());
                Failed { end, retry_in_query: first }
            }
            tungstenite::Error::Io(io) => Failed::lost(&format!("cannot reach the streaming server ({})", io.kind())),
            tungstenite::Error::Tls(_) => Failed::lost("the streaming server's TLS failed"),
            _ => Failed::lost("the stream handshake failed"),
        }
    }
}

/// The stream's URL: the advertised origin when it is the account's host or a subdomain of it,
/// else the account's own server; `/api/v1/streaming?stream=user` under it.
pub fn stream_url(base: &Url, advertised: Option<&str>) -> Result<Url, StreamEnd> {
    let own = base.host_str().unwrap_or_default().to_ascii_lowercase();
    let trusted = advertised.and_then(|a| Url::parse(a).ok()).filter(|u| {
        let host = u.host_str().unwrap_or_default().to_ascii_lowercase();
        let near = host == own || host.ends_with(&format!(".{own}"));
        // Plain ws:// only to this machine, like plain http://.
        let safe = matches!(u.scheme(), "wss" | "https") || (matches!(u.scheme(), "ws" | "http") && is_loopback(u));
        near && safe
    });
    let mut url = trusted.unwrap_or_else(|| base.clone());
    let scheme = if matches!(url.scheme(), "https" | "wss") { "wss" } else { "ws" };
    url.set_scheme(scheme).map_err(|()| StreamEnd::Refused("bad streaming URL".into()))?;
    if scheme == "ws" && !is_loopback(&url) {
        return Err(StreamEnd::Refused("the streaming server is not https".into()));
    }
    let path = format!("{}/api/v1/streaming", url.path().trim_end_matches('/'));
    url.set_path(&path);
    url.set_query(Some("stream=user"));
    url.set_fragment(None);
    Ok(url)
}

impl Stream {
    /// The next timeline event; `Err` once the stream has ended (closed, broken or silent).
    pub async fn next(&mut self) -> Result<StreamEvent, StreamEnd> {
        loop {
            let wake = (self.last_frame + SILENCE).min(self.last_ping + PING);
            tokio::select! {
                frame = self.ws.next() => {
                    self.last_frame = Instant::now();
                    if let Some(event) = self.read(frame)? {
                        return Ok(event);
                    }
                }
                () = sleep_until(wake) => self.keep_alive().await?,
            }
        }
    }

    fn read(&self, frame: Option<Result<Message, tungstenite::Error>>) -> Result<Option<StreamEvent>, StreamEnd> {
        match frame {
            None => Err(StreamEnd::Lost("the stream closed".into())),
            Some(Err(e)) => Err(StreamEnd::Lost(format!("the stream broke ({})", kind(&e)))),
            Some(Ok(Message::Close(_))) => Err(StreamEnd::Lost("the server closed the stream".into())),
            Some(Ok(Message::Text(text))) => Ok(frame::parse(text.as_str(), &self.account, &self.host)),
            Some(Ok(_)) => Ok(None),
        }
    }

    async fn keep_alive(&mut self) -> Result<(), StreamEnd> {
        let now = Instant::now();
        if now >= self.last_frame + SILENCE {
            return Err(StreamEnd::Lost("the stream went silent".into()));
        }
        self.last_ping = now;
        let sent = timeout(PING, self.ws.send(Message::Ping(Vec::new().into()))).await;
        match sent {
            Ok(Ok(())) => Ok(()),
            _ => Err(StreamEnd::Lost("the stream broke (ping)".into())),
        }
    }

    /// Closes the stream politely.
    pub async fn close(mut self) {
        let _ = timeout(Duration::from_secs(2), self.ws.close(None)).await;
    }
}

fn kind(e: &tungstenite::Error) -> &'static str {
    match e {
        tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed => "closed",
        tungstenite::Error::Io(_) => "network",
        tungstenite::Error::Capacity(_) => "message too large",
        tungstenite::Error::Protocol(_) => "protocol",
        _ => "error",
    }
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
