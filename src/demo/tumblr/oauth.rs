//! OAuth2 on the demo Tumblr server: the authorize page (a link back to the registered redirect
//! with the fixed demo code), the token endpoint (authorization code and refresh grants, rotating the
//! refresh token), and the bearer check the API routes use. The fixed [`TUMBLR_TOKEN`] is accepted
//! until the tokens are expired with [`Faults::expire_tokens`](crate::demo::Faults::expire_tokens).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::super::reply::{self, Params};
use super::super::{Ctx, TUMBLR_CLIENT_ID, TUMBLR_CLIENT_SECRET, TUMBLR_CODE, TUMBLR_REDIRECT, TUMBLR_TOKEN};

/// Seconds an access token lives (Tumblr's tokens last 42 minutes).
const EXPIRES_IN: u64 = 2520;

/// The tokens this server issued; cheap to clone, shared by its handlers.
#[derive(Clone, Default)]
pub struct Grants(Arc<Mutex<Issued>>);

#[derive(Default)]
struct Issued {
    /// Access token -> the token generation it was issued in.
    access: HashMap<String, u64>,
    /// Refresh tokens not yet spent (each is good for one refresh).
    refresh: HashSet<String>,
    next: u64,
}

impl Grants {
    /// Whether `token` is a live access token in token generation `generation`.
    pub fn accepts(&self, token: &str, generation: u64) -> bool {
        if token == TUMBLR_TOKEN {
            return generation == 0;
        }
        self.lock().access.get(token).is_some_and(|issued| *issued >= generation)
    }

    /// A new access token and refresh token.
    fn issue(&self, generation: u64) -> (String, String) {
        let mut issued = self.lock();
        issued.next += 1;
        let (access, refresh) =
            (format!("demo-tumblr-access-{}", issued.next), format!("demo-tumblr-refresh-{}", issued.next));
        issued.access.insert(access.clone(), generation);
        issued.refresh.insert(refresh.clone());
        (access, refresh)
    }

    /// Spends a refresh token; false when it is unknown or already spent.
    fn spend(&self, refresh: &str) -> bool {
        self.lock().refresh.remove(refresh)
    }

    fn lock(&self) -> MutexGuard<'_, Issued> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// `GET /oauth2/authorize`: a page whose link goes back to the registered redirect with the code.
pub async fn authorize(Query(q): Query<Params>) -> Response {
    let field = |k: &str| q.get(k).map(String::as_str).unwrap_or_default();
    if field("client_id") != TUMBLR_CLIENT_ID || field("response_type") != "code" {
        return page(StatusCode::BAD_REQUEST, "<p>Unknown app or response type.</p>");
    }
    if field("redirect_uri") != TUMBLR_REDIRECT {
        return page(StatusCode::BAD_REQUEST, "<p>This redirect_uri is not registered for this app.</p>");
    }
    let back = |pairs: &[(&str, &str)]| {
        let query: String = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        format!("{TUMBLR_REDIRECT}?{query}").replace('&', "&amp;")
    };
    let allow = back(&[("code", TUMBLR_CODE), ("state", field("state"))]);
    let deny = back(&[("error", "access_denied"), ("state", field("state"))]);
    let body = format!(
        "<p>The murre demo app asks to use your Tumblr account.</p>\
         <p><a id=allow href=\"{allow}\">Allow</a> <a id=deny href=\"{deny}\">Deny</a></p>"
    );
    page(StatusCode::OK, &body)
}

fn page(status: StatusCode, body: &str) -> Response {
    let html = format!("<!doctype html><meta charset=utf-8><title>Tumblr (demo)</title>{body}");
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

/// `POST /v2/oauth2/token`: `authorization_code` or `refresh_token` grants with the app's keys.
pub async fn token(State(ctx): State<Ctx>, State(grants): State<Grants>, Form(form): Form<Params>) -> Response {
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or_default();
    if field("client_id") != TUMBLR_CLIENT_ID || field("client_secret") != TUMBLR_CLIENT_SECRET {
        return oauth_error("invalid_grant");
    }
    let granted = match field("grant_type") {
        "authorization_code" => field("code") == TUMBLR_CODE && field("redirect_uri") == TUMBLR_REDIRECT,
        "refresh_token" => grants.spend(field("refresh_token")),
        _ => return oauth_error("unsupported_grant_type"),
    };
    if !granted {
        return oauth_error("invalid_grant");
    }
    let (access, refresh) = grants.issue(ctx.faults.token_generation());
    reply::json(
        200,
        &json!({
            "access_token": access,
            "expires_in": EXPIRES_IN,
            "id_token": false,
            "refresh_token": refresh,
            "scope": "basic write offline_access",
            "token_type": "bearer",
        }),
    )
}

fn oauth_error(error: &str) -> Response {
    reply::json(400, &json!({ "error": error }))
}

/// Whether the request's bearer token is live now.
pub fn authorized(ctx: &Ctx, grants: &Grants, headers: &HeaderMap) -> bool {
    reply::bearer(headers).is_some_and(|token| grants.accepts(token, ctx.faults.token_generation()))
}
