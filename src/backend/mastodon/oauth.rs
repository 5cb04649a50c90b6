//! OAuth for Mastodon-API servers: app registration, the authorization code flow with PKCE (S256),
//! and the code-for-token exchange. The redirect is a loopback listener or the out-of-band page.

use reqwest::Url;
use serde::Deserialize;

use crate::backend::oauth::AppKeys;
use crate::backend::{BackendError, http};

/// The out-of-band redirect: the server shows the code for the user to paste.
pub const OOB: &str = "urn:ietf:wg:oauth:2.0:oob";
/// Registered without a port: Mastodon then accepts any port on an IP-literal loopback (RFC 8252).
pub const LOOPBACK: &str = "http://127.0.0.1/callback";
/// What murre asks for.
pub const SCOPES: &str = "read write follow";

/// Registers murre on the server (`POST /api/v1/apps`) with both redirects.
pub async fn register(http: &reqwest::Client, base: &Url) -> Result<AppKeys, BackendError> {
    let form = [("client_name", "murre"), ("redirect_uris", &format!("{OOB}\n{LOOPBACK}")), ("scopes", SCOPES)];
    let answer = http::send(http.post(http::endpoint(base, "/api/v1/apps")).form(&form)).await?;
    let status = answer.status.as_u16();
    // Not the Mastodon client API at all: say so, rather than echo what the server printed.
    if matches!(status, 404 | 405 | 501) || (answer.status.is_success() && answer.json::<AppKeys>().is_err()) {
        let host = base.host_str().unwrap_or("the server");
        return Err(BackendError::Invalid(format!(
            "{host} does not speak the Mastodon client API (/api/v1/apps answered {status}); check the server address"
        )));
    }
    http::check_status(answer, "the server refused to register murre")?.json()
}

/// The page the user opens to authorize murre.
pub fn authorize_url(base: &Url, app: &AppKeys, redirect: &str, state: &str, challenge: &str) -> Url {
    let mut url = http::endpoint(base, "/oauth/authorize");
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &app.client_id)
        .append_pair("redirect_uri", redirect)
        .append_pair("scope", SCOPES)
        .append_pair("state", state)
        .append_pair("code_challenge", challenge)
        .append_pair("code_challenge_method", "S256");
    url
}

/// Whether the server accepts `url`'s redirect: a refused redirect_uri is an error page (4xx) before
/// any login, an accepted one a login page or a redirect to it. Unknown means yes.
pub async fn redirect_accepted(http: &reqwest::Client, url: &Url) -> bool {
    match http::send(http.get(url.clone())).await {
        Ok(answer) => !answer.status.is_client_error(),
        Err(_) => true,
    }
}

#[derive(Deserialize)]
struct Token {
    access_token: String,
}

/// Trades an authorization code for an access token (`POST /oauth/token`).
pub async fn exchange(
    http: &reqwest::Client,
    base: &Url,
    app: &AppKeys,
    code: &str,
    redirect: &str,
    verifier: &str,
) -> Result<String, BackendError> {
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.trim()),
        ("client_id", &app.client_id),
        ("client_secret", &app.client_secret),
        ("redirect_uri", redirect),
        ("code_verifier", verifier),
        ("scope", SCOPES),
    ];
    let answer = http::send(http.post(http::endpoint(base, "/oauth/token")).form(&form)).await?;
    let token: Token = http::check_status(answer, "the server refused the code")?.json()?;
    Ok(token.access_token)
}

/// Revokes `token` (`POST /oauth/revoke`), so a logged-out token stops working on the server.
pub async fn revoke(http: &reqwest::Client, base: &Url, app: &AppKeys, token: &str) -> Result<(), BackendError> {
    let form = [("client_id", app.client_id.as_str()), ("client_secret", &app.client_secret), ("token", token)];
    let answer = http::send(http.post(http::endpoint(base, "/oauth/revoke")).form(&form)).await?;
    http::check_status(answer, "the server did not revoke the token").map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authorize_url_carries_every_parameter_encoded() {
        let base = Url::parse("https://social.example/sub").unwrap_or_else(|e| panic!("{e}"));
        let app = AppKeys { client_id: "id&1".into(), client_secret: "s".into() };
        let url = authorize_url(&base, &app, OOB, "st", "ch");
        assert_eq!(url.path(), "/sub/oauth/authorize");
        let q: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into(), v.into())).collect();
        assert!(q.contains(&("client_id".into(), "id&1".into())));
        assert!(q.contains(&("redirect_uri".into(), OOB.into())));
        assert!(q.contains(&("code_challenge_method".into(), "S256".into())));
        assert!(!url.as_str().contains("\"s\""), "the secret never goes in the URL");
    }
}
