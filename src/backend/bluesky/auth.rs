//! Logging in with an app password (`com.atproto.server.createSession`), 2FA included. Called once
//! per login: afterwards the session is refreshed, never re-created (createSession is rate limited).

use reqwest::Url;
use serde_json::{Value, json};

use super::{Session, wire};
use crate::backend::BackendError;
use crate::backend::http::{self, Answer};

/// The service asked when the user names none: Bluesky's entryway, which knows every bsky.social PDS.
pub const DEFAULT_SERVICE: &str = "https://bsky.social";

/// What a login attempt gave.
pub enum Login {
    /// A session, and the PDS to talk to from now on.
    Done { session: Session, pds: Url },
    /// The account has email 2FA: ask for the code and try again with it.
    NeedsCode,
}

/// Creates a session for `identifier` (handle, DID or email) on `service`.
pub async fn create_session(
    http: &reqwest::Client,
    service: &str,
    identifier: &str,
    password: &str,
    code: Option<&str>,
) -> Result<Login, BackendError> {
    let base = http::base_url(service)?;
    let mut url = base.clone();
    url.set_path(&format!("{}/xrpc/com.atproto.server.createSession", base.path().trim_end_matches('/')));
    let mut body = json!({ "identifier": identifier.trim(), "password": password });
    if let Some(code) = code {
        body["authFactorToken"] = json!(code.trim());
    }
    let answer = http::send(http.post(url).json(&body)).await?;
    if !answer.status.is_success() {
        return match error_name(&answer).as_str() {
            "AuthFactorTokenRequired" => Ok(Login::NeedsCode),
            "AuthenticationRequired" | "InvalidPassword" | "AccountTakedown" | "InvalidToken" => {
                Err(BackendError::Auth(message(&answer, "wrong handle or app password")))
            }
            _ => Err(http::status_error(&answer, &message(&answer, "login failed"))),
        };
    }
    let fresh: wire::Session = answer.json()?;
    // The DID document names the account's own PDS; an explicit service stays authoritative when
    // the document has none or names something murre may not talk to (plain http elsewhere).
    let pds = fresh.did_doc.as_ref().and_then(pds_endpoint).filter(|_| service == DEFAULT_SERVICE).unwrap_or(base);
    let session =
        Session { did: fresh.did, handle: fresh.handle, access_jwt: fresh.access_jwt, refresh_jwt: fresh.refresh_jwt };
    Ok(Login::Done { session, pds })
}

/// The `#atproto_pds` service endpoint of a DID document, if usable.
pub fn pds_endpoint(doc: &Value) -> Option<Url> {
    let services = doc.get("service")?.as_array()?;
    let pds = services.iter().find(|s| {
        s.get("id").and_then(Value::as_str).is_some_and(|id| id == "#atproto_pds" || id.ends_with("#atproto_pds"))
    })?;
    http::base_url(pds.get("serviceEndpoint")?.as_str()?).ok()
}

fn error_name(answer: &Answer) -> String {
    answer.value().get("error").and_then(Value::as_str).unwrap_or_default().to_string()
}

fn message(answer: &Answer, fallback: &str) -> String {
    let v = answer.value();
    let text = v.get("message").and_then(Value::as_str).unwrap_or(fallback);
    crate::backend::error::clean(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pds_endpoint_is_read_from_the_did_document() {
        let doc = json!({"service":[{"id":"#atproto_pds","type":"AtprotoPersonalDataServer","serviceEndpoint":"https://pds.example.com"}]});
        assert_eq!(pds_endpoint(&doc).map(|u| u.to_string()), Some("https://pds.example.com/".into()));
        let http_elsewhere = json!({"service":[{"id":"#atproto_pds","serviceEndpoint":"http://evil.example"}]});
        assert_eq!(pds_endpoint(&http_elsewhere), None);
        assert_eq!(pds_endpoint(&json!({"service":"nope"})), None);
    }
}
