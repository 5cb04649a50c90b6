//! One message of the streaming API: `{"stream": [...], "event": "update", "payload": "<JSON text>"}`.
//! `update` and `status.update` carry a status (as JSON inside a string), `delete` a bare status id.
//! Other events (notifications, filters, announcements) are not the timeline's and are skipped, as
//! is anything unreadable: one bad frame never ends a stream. Pure.

use serde::Deserialize;

use super::{convert, wire};
use crate::backend::StreamEvent;
use crate::model::AccountId;
use crate::text::sanitize_line;

#[derive(Deserialize)]
struct Frame {
    #[serde(default)]
    event: String,
    #[serde(default)]
    payload: Option<Payload>,
}

/// The payload is JSON text in a string on Mastodon; some servers send the object itself.
#[derive(Deserialize)]
#[serde(untagged)]
enum Payload {
    Text(String),
    Object(Box<wire::Status>),
}

/// The timeline event in a stream message, if it holds one.
pub(super) fn parse(text: &str, account: &AccountId, host: &str) -> Option<StreamEvent> {
    let frame: Frame = serde_json::from_str(text).ok()?;
    let ctx = convert::Ctx { account, host };
    let status = |payload: Payload| match payload {
        Payload::Text(json) => serde_json::from_str::<wire::Status>(&json).ok().and_then(|s| convert::status(s, &ctx)),
        Payload::Object(s) => convert::status(*s, &ctx),
    };
    match (frame.event.as_str(), frame.payload?) {
        ("update", payload) => status(payload).map(|p| StreamEvent::Update(Box::new(p))),
        // Mastodon says `status.update`; some API servers and mocks write `status_update`.
        ("status.update" | "status_update", payload) => status(payload).map(|p| StreamEvent::Edit(Box::new(p))),
        ("delete", Payload::Text(id)) => {
            let id = sanitize_line(id.trim().trim_matches('"'));
            (!id.is_empty()).then_some(StreamEvent::Delete(id))
        }
        _ => None,
    }
}
