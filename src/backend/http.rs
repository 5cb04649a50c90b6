//! Shared HTTP plumbing for the backends: one reqwest client, the URL safety rule, error
//! classification and JSON decoding. Network-specific error bodies are read by each backend.

use std::net::IpAddr;
use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{RequestBuilder, StatusCode, Url};
use serde::de::DeserializeOwned;

use super::BackendError;
use super::error::clean;

/// Default time allowed for one request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// Installs the TLS crypto provider once; later calls do nothing.
pub fn install_tls_provider() {
    // Err means a provider is already installed, which is what we want.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Builds the one HTTP client every backend clones (it pools connections).
pub fn client(timeout: Duration) -> Result<reqwest::Client, BackendError> {
    install_tls_provider();
    reqwest::Client::builder()
        .user_agent(concat!("murre/", env!("CARGO_PKG_VERSION")))
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        // Never follow a redirect: it could carry the token to another origin.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| BackendError::Invalid(format!("cannot start HTTP: {e}")))
}

/// Parses a server base URL: `https://`, or plain `http://` only to a loopback address.
pub fn base_url(raw: &str) -> Result<Url, BackendError> {
    let trimmed = raw.trim().trim_end_matches('/');
    let with_scheme = if trimmed.contains("://") { trimmed.to_string() } else { format!("https://{trimmed}") };
    let url = Url::parse(&with_scheme).map_err(|e| BackendError::Invalid(format!("bad server URL {raw:?}: {e}")))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(BackendError::Invalid(format!(
            "refusing plain http:// to {}: use https:// (http is only for this machine)",
            url.host_str().unwrap_or("?")
        ))),
        other => Err(BackendError::Invalid(format!("unsupported URL scheme {other:?}"))),
    }
}

/// `path` (starting with `/`) under `base`, keeping a base path such as `https://host/social`.
pub fn endpoint(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    url.set_path(&format!("{}{path}", base.path().trim_end_matches('/')));
    url
}

/// Whether `url` names this machine (`localhost` or a loopback address).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Decodes a JSON body of type `T`; a mismatch becomes `Decode` with the (sanitized) reason.
pub fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, BackendError> {
    serde_json::from_slice(body).map_err(|e| BackendError::Decode(clean(&e.to_string())))
}

/// A raw answer: status, headers and body, not yet judged.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
}

impl Answer {
    /// Decodes the body as JSON of type `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, BackendError> {
        decode(&self.body)
    }

    /// Decodes the body as loose JSON, for reading error fields.
    pub fn value(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The Retry-After delay (seconds or an HTTP date), when given.
    pub fn retry_after(&self) -> Option<Duration> {
        let raw = self.headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
        if let Ok(secs) = raw.parse::<u64>() {
            return Some(Duration::from_secs(secs));
        }
        let when = jiff::fmt::rfc2822::parse(raw).ok()?.timestamp();
        let secs = when.duration_since(jiff::Timestamp::now()).as_secs();
        Some(Duration::from_secs(u64::try_from(secs).unwrap_or(0)))
    }
}

/// Sends a request and reads the whole answer; transport failures become `Network`.
pub async fn send(req: RequestBuilder) -> Result<Answer, BackendError> {
    let resp = req.send().await.map_err(transport)?;
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.bytes().await.map_err(transport)?;
    Ok(Answer { status, headers, body })
}

fn transport(e: reqwest::Error) -> BackendError {
    let what = if e.is_timeout() {
        "timed out".to_string()
    } else if e.is_connect() {
        "connection refused or unreachable".to_string()
    } else {
        clean(&e.without_url().to_string())
    };
    BackendError::Network(what)
}

/// The error for a non-success answer, given the message the network's error body holds.
pub fn status_error(answer: &Answer, message: &str) -> BackendError {
    match answer.status.as_u16() {
        401 | 403 => BackendError::Auth(clean(message)),
        429 => BackendError::RateLimited { retry_after: answer.retry_after() },
        s => BackendError::server(s, message),
    }
}

/// The answer when it succeeded; else its error, with the reason the body gives (OAuth
/// `error_description`/`error`, or `detail`/`message`/`msg`) or `fallback`.
pub fn check_status(answer: Answer, fallback: &str) -> Result<Answer, BackendError> {
    if answer.status.is_success() {
        return Ok(answer);
    }
    let body = answer.value();
    let reason = ["error_description", "error", "detail", "message", "msg"]
        .iter()
        .find_map(|k| body.get(*k).and_then(|v| v.as_str()).filter(|s| !s.is_empty()))
        .unwrap_or(fallback)
        .to_string();
    Err(status_error(&answer, &reason))
}

/// Sends an idempotent read, retrying network failures and 5xx twice with jittered backoff.
pub async fn read(make: impl Fn() -> RequestBuilder) -> Result<Answer, BackendError> {
    let mut delay = Duration::from_millis(250);
    for attempt in 0.. {
        let result = send(make()).await;
        let retryable = match &result {
            Err(BackendError::Network(m)) => m != "timed out",
            Ok(a) => a.status.is_server_error(),
            Err(_) => false,
        };
        if !retryable || attempt >= 2 {
            return result;
        }
        tokio::time::sleep(delay + jitter(delay)).await;
        delay *= 3;
    }
    unreachable!("the loop returns")
}

fn jitter(base: Duration) -> Duration {
    let nanos = jiff::Timestamp::now().subsec_nanosecond().unsigned_abs();
    base.mul_f64(f64::from(nanos % 1000) / 4000.0)
}

/// One image as a multipart part (built again for each send: a form is used once).
pub fn image_part(image: &crate::store::attachment::Attachment) -> Result<reqwest::multipart::Part, BackendError> {
    if image.data.is_empty() {
        return Err(BackendError::Invalid(format!("{}: the image is missing from the outbox", image.name)));
    }
    let name = if image.name.is_empty() { "image".to_string() } else { image.name.clone() };
    reqwest::multipart::Part::bytes(image.data.to_vec())
        .file_name(name)
        .mime_str(&image.mime)
        .map_err(|_| BackendError::Invalid(format!("{}: unknown media type {}", image.name, image.mime)))
}
