//! Bluesky sessions: `com.atproto.server.createSession`, `refreshSession` and `getSession`, and the
//! bearer checks the other endpoints use.
//!
//! Tokens are opaque strings; only tokens this server issued (plus the fixed demo tokens) are accepted.
//! Refresh tokens are not rotated out (real PDSes keep a grace period; the demo keeps them for good).

use super::{Bsky, xrpc_error};
use crate::demo::reply;
use crate::demo::{
    BLUESKY_2FA_CODE, BLUESKY_2FA_EMAIL, BLUESKY_ACCESS_JWT, BLUESKY_DID, BLUESKY_HANDLE, BLUESKY_PASSWORD,
    BLUESKY_REFRESH_JWT,
};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard};

/// Which kind of token an endpoint wants.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An access token (`accessJwt`).
    Access,
    /// A refresh token (`refreshJwt`).
    Refresh,
}

/// The tokens this server has issued.
#[derive(Clone, Default)]
pub struct Sessions(Arc<Mutex<Issued>>);

/// The state behind [`Sessions`].
#[derive(Default)]
struct Issued {
    access: HashSet<String>,
    refresh: HashSet<String>,
    count: u64,
}

impl Sessions {
    /// Issues a new token pair.
    fn issue(&self) -> (String, String) {
        let mut issued = self.lock();
        issued.count += 1;
        let access =
            format!("demo-access.{}.{}", issued.count, crate::demo::ids::base32(&issued.count.to_string(), 16));
        let refresh = format!("demo-refresh.{}.{}", issued.count, crate::demo::ids::base32(&access, 16));
        issued.access.insert(access.clone());
        issued.refresh.insert(refresh.clone());
        (access, refresh)
    }

    /// Checks the bearer token for `kind`: `Some` is the XRPC error answer to send instead.
    pub fn reject(&self, headers: &HeaderMap, kind: Kind) -> Option<Response> {
        let Some(token) = reply::bearer(headers) else {
            return Some(xrpc_error(401, "AuthenticationRequired", "Authentication Required"));
        };
        let issued = self.lock();
        let (fixed, set, other, other_fixed) = match kind {
            Kind::Access => (BLUESKY_ACCESS_JWT, &issued.access, &issued.refresh, BLUESKY_REFRESH_JWT),
            Kind::Refresh => (BLUESKY_REFRESH_JWT, &issued.refresh, &issued.access, BLUESKY_ACCESS_JWT),
        };
        if token == fixed || set.contains(token) {
            None
        } else if token == other_fixed || other.contains(token) {
            Some(xrpc_error(400, "InvalidToken", "Bad token scope"))
        } else {
            Some(xrpc_error(401, "InvalidToken", "Token could not be verified"))
        }
    }

    /// Locks the token sets; a poisoned lock still holds usable sets.
    fn lock(&self) -> MutexGuard<'_, Issued> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The DID document of the demo account, pointing at this server as its PDS.
fn did_doc(url: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": BLUESKY_DID,
        "alsoKnownAs": [format!("at://{BLUESKY_HANDLE}")],
        "verificationMethod": [],
        "service": [{"id": "#atproto_pds", "type": "AtprotoPersonalDataServer", "serviceEndpoint": url}],
    })
}

/// The account as `getSession` describes it.
fn account(state: &Bsky) -> Value {
    json!({
        "handle": BLUESKY_HANDLE,
        "did": BLUESKY_DID,
        "didDoc": did_doc(&state.ctx.url),
        "email": "murre@demo.test",
        "emailConfirmed": true,
        "emailAuthFactor": false,
        "active": true,
    })
}

/// A session answer: the account with a fresh token pair.
fn session(state: &Bsky) -> Value {
    let (access, refresh) = state.sessions.issue();
    let mut body = account(state);
    body["accessJwt"] = json!(access);
    body["refreshJwt"] = json!(refresh);
    body
}

/// `POST com.atproto.server.createSession {identifier, password}`.
pub async fn create_session(State(state): State<Bsky>, body: Bytes) -> Response {
    let Ok(input) = serde_json::from_slice::<Value>(&body) else {
        return xrpc_error(400, "InvalidRequest", "Request body must be a JSON object");
    };
    let (Some(identifier), Some(password)) = (input["identifier"].as_str(), input["password"].as_str()) else {
        return xrpc_error(400, "InvalidRequest", "Input must have the properties \"identifier\" and \"password\"");
    };
    let known = [BLUESKY_HANDLE, BLUESKY_DID, "murre@demo.test", BLUESKY_2FA_EMAIL]
        .iter()
        .any(|id| id.eq_ignore_ascii_case(identifier));
    if !known || password != BLUESKY_PASSWORD {
        return xrpc_error(401, "AuthenticationRequired", "Invalid identifier or password");
    }
    // Signing in by this email asks for the emailed code, as an account with email 2FA does.
    if identifier.eq_ignore_ascii_case(BLUESKY_2FA_EMAIL) {
        match input["authFactorToken"].as_str() {
            None => {
                return xrpc_error(
                    401,
                    "AuthFactorTokenRequired",
                    "A sign in code has been sent to your email address",
                );
            }
            Some(code) if code != BLUESKY_2FA_CODE => {
                return xrpc_error(401, "AuthenticationRequired", "Token is invalid");
            }
            Some(_) => {}
        }
    }
    reply::json(200, &session(&state))
}

/// `POST com.atproto.server.refreshSession` (bearer: a refresh token).
pub async fn refresh_session(State(state): State<Bsky>, headers: HeaderMap) -> Response {
    if let Some(response) = state.sessions.reject(&headers, Kind::Refresh) {
        return response;
    }
    reply::json(200, &session(&state))
}

/// `GET com.atproto.server.getSession` (bearer: an access token).
pub async fn get_session(State(state): State<Bsky>, headers: HeaderMap) -> Response {
    if let Some(response) = state.sessions.reject(&headers, Kind::Access) {
        return response;
    }
    reply::json(200, &account(&state))
}
