//! Logging in with an app password (`com.atproto.server.createSession`), 2FA included. Called once
//! per login: afterwards the session is refreshed, never re-created (createSession is rate limited).

use reqwest::Url;
use serde_json::{Value, json};

use super::{Session, wire};
use crate::backend::BackendError;
use crate::backend::http::{self, Answer};

/// Where handles and DIDs are looked up: a server answering `resolveHandle` (the public AppView
/// resolves DNS TXT and well-known records for us) and the PLC directory.
pub struct Directory {
    pub resolver: String,
    pub plc: String,
}

impl Default for Directory {
    fn default() -> Self {
        Directory { resolver: "https://public.api.bsky.app".into(), plc: "https://plc.directory".into() }
    }
}

/// Finds an account's PDS: handle -> DID (`resolveHandle`) -> DID document -> `#atproto_pds`.
pub async fn resolve_pds(http: &reqwest::Client, handle: &str, dir: &Directory) -> Result<(String, Url), BackendError> {
    let handle = handle.trim().trim_start_matches('@');
    let did = if handle.starts_with("did:") {
        handle.to_string()
    } else {
        let mut url = http::endpoint(&http::base_url(&dir.resolver)?, "/xrpc/com.atproto.identity.resolveHandle");
        url.query_pairs_mut().append_pair("handle", handle);
        let answer = http::check_status(http::read(|| http.get(url.clone())).await?, "unknown handle")?;
        let found = answer.value().get("did").and_then(Value::as_str).map(str::to_string);
        found.ok_or_else(|| BackendError::Invalid(format!("no DID found for {handle}")))?
    };
    let doc_url = match did.strip_prefix("did:web:") {
        Some(domain) => http::endpoint(&http::base_url(domain)?, "/.well-known/did.json"),
        None if did.starts_with("did:plc:") => http::endpoint(&http::base_url(&dir.plc)?, &format!("/{did}")),
        None => return Err(BackendError::Invalid(format!("unsupported DID method in {did}"))),
    };
    let doc = http::check_status(http::read(|| http.get(doc_url.clone())).await?, "no DID document")?.value();
    let pds =
        pds_endpoint(&doc).ok_or_else(|| BackendError::Invalid(format!("the DID document of {did} names no PDS")))?;
    Ok((did, pds))
}

/// What a login attempt gave.
pub enum Login {
    /// A session, and the PDS it belongs to.
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
    let handle = checked_handle(&fresh.handle)?;
    let session = Session { did: fresh.did, handle, access_jwt: fresh.access_jwt, refresh_jwt: fresh.refresh_jwt };
    Ok(Login::Done { session, pds: base })
}

/// Ends a session on its PDS (`com.atproto.server.deleteSession`, authorized by the refresh token).
pub async fn delete_session(http: &reqwest::Client, service: &str, refresh_jwt: &str) -> Result<(), BackendError> {
    let url = http::endpoint(&http::base_url(service)?, "/xrpc/com.atproto.server.deleteSession");
    let answer = http::send(http.post(url).bearer_auth(refresh_jwt)).await?;
    http::check_status(answer, "the server did not end the session").map(|_| ())
}

/// A handle the server sent, accepted only in handle syntax (letters, digits, `-`, dots): it names
/// the account in config.toml and on screen, so hostile text never gets that far.
pub fn checked_handle(raw: &str) -> Result<String, BackendError> {
    let ok = raw.len() <= 253
        && raw.contains('.')
        && raw
            .split('.')
            .all(|l| !l.is_empty() && l.len() <= 63 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    if ok {
        Ok(raw.to_ascii_lowercase())
    } else {
        Err(BackendError::Decode("the server sent an invalid handle".into()))
    }
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
    fn only_handle_syntax_names_an_account() {
        assert_eq!(checked_handle("Alice.Bsky.Social").ok().as_deref(), Some("alice.bsky.social"));
        for bad in ["alice", "a..b", "evil\u{1b}[31m.test", "a b.test", "", "a.b/c"] {
            assert!(checked_handle(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_pds_endpoint_is_read_from_the_did_document() {
        let doc = json!({"service":[{"id":"#atproto_pds","type":"AtprotoPersonalDataServer","serviceEndpoint":"https://pds.example.com"}]});
        assert_eq!(pds_endpoint(&doc).map(|u| u.to_string()), Some("https://pds.example.com/".into()));
        let http_elsewhere = json!({"service":[{"id":"#atproto_pds","serviceEndpoint":"http://evil.example"}]});
        assert_eq!(pds_endpoint(&http_elsewhere), None);
        assert_eq!(pds_endpoint(&json!({"service":"nope"})), None);
    }
}
