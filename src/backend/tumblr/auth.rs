//! Tumblr OAuth2 with the user's own registered app: the authorize page, the code-for-token
//! exchange and the refresh grant. Tumblr has no dynamic registration and documents no PKCE; the
//! redirect must be registered with the app in advance, so it is a fixed loopback address.

use reqwest::Url;
use serde_json::Value;

use super::session::Tokens;
use super::wire;
use crate::backend::BackendError;
use crate::backend::error::clean;
use crate::backend::http::{self, Answer};
use crate::backend::oauth::AppKeys;

/// The loopback port of the redirect (fixed: it is registered with the app).
pub const REDIRECT_PORT: u16 = 8765;
/// The redirect URL to register with the app.
pub const REDIRECT: &str = "http://127.0.0.1:8765/callback";
/// What murre asks for (`offline_access` gives a refresh token).
pub const SCOPES: &str = "basic write offline_access";
/// Where a user registers their app.
pub const APPS_PAGE: &str = "https://www.tumblr.com/oauth/apps";
/// The site that serves the authorize page (the API lives on another host).
const WWW: &str = "https://www.tumblr.com";

/// The authorize page: on Tumblr's site, or under `api` when one is given (tests, the demo).
pub fn authorize_endpoint(api: Option<&Url>) -> Result<Url, BackendError> {
    let base = match api {
        Some(api) => api.clone(),
        None => http::base_url(WWW)?,
    };
    Ok(http::endpoint(&base, "/oauth2/authorize"))
}

/// The page the user opens to authorize murre (the secret never goes in it).
pub fn authorize_url(endpoint: &Url, app: &AppKeys, state: &str) -> Url {
    let mut url = endpoint.clone();
    url.query_pairs_mut()
        .append_pair("client_id", &app.client_id)
        .append_pair("response_type", "code")
        .append_pair("scope", SCOPES)
        .append_pair("state", state)
        .append_pair("redirect_uri", REDIRECT);
    url
}

/// Trades an authorization code for tokens (`POST /v2/oauth2/token`).
pub async fn exchange(http: &reqwest::Client, api: &Url, app: &AppKeys, code: &str) -> Result<Tokens, BackendError> {
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.trim()),
        ("client_id", &app.client_id),
        ("client_secret", &app.client_secret),
        ("redirect_uri", REDIRECT),
    ];
    token_request(http, api, &form, "the code or the app's client id and secret").await
}

/// Trades a refresh token for new tokens; a refresh token the answer leaves out stays in use.
pub async fn refresh(
    http: &reqwest::Client,
    api: &Url,
    app: &AppKeys,
    refresh_token: &str,
) -> Result<Tokens, BackendError> {
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
        ("client_id", &app.client_id),
        ("client_secret", &app.client_secret),
    ];
    let mut tokens = token_request(http, api, &form, "the refresh token").await?;
    if tokens.refresh_token.is_none() {
        tokens.refresh_token = Some(refresh_token.to_string());
    }
    Ok(tokens)
}

async fn token_request(
    http: &reqwest::Client,
    api: &Url,
    form: &[(&str, &str)],
    what: &str,
) -> Result<Tokens, BackendError> {
    let answer = http::send(http.post(http::endpoint(api, "/v2/oauth2/token")).form(form)).await?;
    if !answer.status.is_success() {
        return Err(token_error(&answer, what));
    }
    // A decode error could quote a token: say only that the answer was not usable.
    let token: wire::TokenAnswer = serde_json::from_slice(&answer.body)
        .map_err(|_| BackendError::Decode("the token answer is not an OAuth2 token".into()))?;
    let now = jiff::Timestamp::now().as_second();
    Ok(Tokens {
        access_token: token.access_token,
        refresh_token: token.refresh_token.filter(|t| !t.is_empty()),
        expires_at: token.expires_in.filter(|s| *s > 0).map(|s| now.saturating_add(s)),
    })
}

/// An OAuth2 refusal of the grant is `Auth`, naming `what` was refused; other errors as usual.
fn token_error(answer: &Answer, what: &str) -> BackendError {
    let body = answer.value();
    let code = body.get("error").and_then(Value::as_str).unwrap_or_default();
    let refused = matches!(code, "invalid_grant" | "invalid_client" | "unauthorized_client");
    if refused || answer.status.as_u16() == 401 {
        let code = if code.is_empty() { "refused".to_string() } else { clean(code) };
        return BackendError::Auth(format!("Tumblr refused {what} ({code})"));
    }
    let reason = ["error_description", "error", "message"]
        .iter()
        .find_map(|k| body.get(*k).and_then(Value::as_str).filter(|s| !s.is_empty()))
        .unwrap_or("the token request failed");
    http::status_error(answer, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> AppKeys {
        AppKeys { client_id: "id&1".into(), client_secret: "the-secret".into() }
    }

    #[test]
    fn the_authorize_url_has_every_parameter_and_no_secret() {
        let url = authorize_url(&authorize_endpoint(None).unwrap_or_else(|e| panic!("{e}")), &app(), "st");
        assert!(url.as_str().starts_with("https://www.tumblr.com/oauth2/authorize?"), "{url}");
        let q: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        for pair in [
            ("client_id", "id&1"),
            ("response_type", "code"),
            ("scope", "basic write offline_access"),
            ("state", "st"),
            ("redirect_uri", "http://127.0.0.1:8765/callback"),
        ] {
            assert!(q.contains(&(pair.0.into(), pair.1.into())), "{pair:?} missing in {url}");
        }
        assert!(!url.as_str().contains("the-secret"));
    }

    #[test]
    fn with_an_api_the_authorize_page_is_under_it() {
        let api = http::base_url("http://127.0.0.1:4000/sub").unwrap_or_else(|e| panic!("{e}"));
        let endpoint = authorize_endpoint(Some(&api)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(endpoint.as_str(), "http://127.0.0.1:4000/sub/oauth2/authorize");
    }
}
