//! The demo Mastodon server's streaming API: `GET /api/v1/streaming?stream=user` (or
//! `stream=list&list=ID`, the new posts of a list's members) upgraded to a WebSocket, the token in `Sec-WebSocket-Protocol` (echoed back), the `access_token` query
//! parameter or a bearer header, as Mastodon takes it. Every change to the feed goes out as
//! Mastodon frames it: `{"stream":["user"],"event":"update","payload":"<status JSON as a string>"}`
//! (`delete` carries the bare id, `status.update` the edited status). Faults kill the open streams,
//! silence them, or refuse new ones.

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};
use tokio::sync::broadcast::error::RecvError;

use super::{Ctx, MASTODON_TOKEN, status};
use crate::demo::content::Net;
use crate::demo::content::feeds::{self, DemoFeed, Health};
use crate::demo::faults::StreamSignal;
use crate::demo::reply::{self, Params};
use crate::demo::store::{self, Change};

/// `GET /api/v1/streaming`.
pub async fn streaming(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Query(params): Query<Params>,
    ws: WebSocketUpgrade,
) -> Response {
    if let Some(status) = ctx.faults.stream_refusal() {
        return reply::json(status, &json!({"error": reply::reason(status)}));
    }
    let offered = headers.get("sec-websocket-protocol").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let in_protocol = offered.split(',').any(|p| p.trim() == MASTODON_TOKEN);
    let in_query = params.get("access_token").map(String::as_str) == Some(MASTODON_TOKEN);
    if !(in_protocol || in_query || reply::bearer(&headers) == Some(MASTODON_TOKEN)) {
        return reply::json(401, &json!({"error": "Error: Missing access token"}));
    }
    let list = match params.get("stream").map(String::as_str) {
        Some("user") => None,
        Some("list") => {
            let found = params.get("list").and_then(|id| feeds::find(Net::Mastodon, id));
            match found.filter(|f| f.health == Health::Fine) {
                Some(list) => Some(list),
                None => return reply::json(404, &json!({"error": "Record not found"})),
            }
        }
        _ => return reply::json(400, &json!({"error": "Unknown stream type"})),
    };
    let ws = if in_protocol { ws.protocols([MASTODON_TOKEN]) } else { ws };
    ctx.faults.count_stream();
    ws.on_upgrade(move |socket| serve(socket, ctx, list))
}

/// Sends the feed's changes until the client leaves or a fault ends the stream.
async fn serve(mut socket: WebSocket, ctx: Ctx, list: Option<DemoFeed>) {
    let mut changes = ctx.store.subscribe();
    let mut signals = ctx.faults.stream_signals();
    let start = *signals.borrow_and_update();
    loop {
        tokio::select! {
            change = changes.recv() => match change {
                Ok(change) => {
                    let Some(frame) = frame(&ctx, change, list.as_ref()) else { continue };
                    if socket.send(Message::Text(frame.into())).await.is_err() {
                        return;
                    }
                }
                Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return,
            },
            changed = signals.changed() => {
                let now = *signals.borrow_and_update();
                if changed.is_err() || now.kills != start.kills {
                    // Dropped without a close frame, as a stream that dies does.
                    return;
                }
                if now.mute {
                    return silent(socket, signals, start).await;
                }
            }
            incoming = socket.recv() => match incoming {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return,
                Some(Ok(_)) => {} // pings are answered by the WebSocket layer
            },
        }
    }
}

/// A stream that has gone quiet: it neither sends nor reads (so no pong either) until killed.
async fn silent(socket: WebSocket, mut signals: tokio::sync::watch::Receiver<StreamSignal>, start: StreamSignal) {
    while signals.changed().await.is_ok() {
        if signals.borrow_and_update().kills != start.kills {
            break;
        }
    }
    drop(socket);
}

/// The frame for one change, as Mastodon sends it: on a list's stream only its members' posts.
fn frame(ctx: &Ctx, change: Change, list: Option<&DemoFeed>) -> Option<String> {
    let (event, payload) = match change {
        Change::Gone(id) => ("delete", id.to_string()),
        Change::New(key) | Change::Edited(key) => {
            let status: Value = ctx.store.with(|c| {
                let post = store::find(c, key).filter(|p| match list {
                    None => p.in_feed,
                    Some(l) => {
                        l.picks.contains(&p.author.as_str())
                            && p.nets.has(Net::Mastodon)
                            && p.boost_of.is_none()
                            && p.reply_to.is_none()
                    }
                })?;
                Some(status::status(c, post, &ctx.url, ctx.now))
            })?;
            let event = if matches!(change, Change::Edited(_)) { "status.update" } else { "update" };
            (event, status.to_string())
        }
    };
    let stream = match list {
        None => json!(["user"]),
        Some(l) => json!(["list", l.id]),
    };
    Some(json!({"stream": stream, "event": event, "payload": payload}).to_string())
}
