//! The one error type every backend returns; each variant says what the user can do.

use std::time::Duration;

use crate::model::Network;
use crate::text::{sanitize_line, truncate};

/// A failed backend call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BackendError {
    /// Credentials missing, wrong or expired: log in again.
    #[error("not authorized: {0}")]
    Auth(String),
    /// Too many requests: wait.
    #[error("rate limited")]
    RateLimited { retry_after: Option<Duration> },
    /// The server could not be reached (down, refused, timed out).
    #[error("network error: {0}")]
    Network(String),
    /// The server answered with an error.
    #[error("server error {status}: {message}")]
    Server { status: u16, message: String },
    /// The server answered something murre cannot read.
    #[error("unreadable answer: {0}")]
    Decode(String),
    /// The request itself is wrong (bad URL, bad input).
    #[error("{0}")]
    Invalid(String),
}

impl BackendError {
    /// A server-supplied message, made safe and short for one status-bar line.
    pub fn server(status: u16, message: &str) -> Self {
        BackendError::Server { status, message: clean(message) }
    }

    /// A short, actionable sentence for the status bar.
    pub fn user_message(&self, network: Network) -> String {
        let net = network.title();
        match self {
            // The message already says how to log in again.
            BackendError::Auth(m) if m.contains("murre login") => format!("{net}: not authorized: {m}"),
            BackendError::Auth(m) => format!("{net}: not authorized ({m}); log in again with `murre login`"),
            BackendError::RateLimited { retry_after: Some(d) } => {
                format!("{net}: rate limited; try again in {}s", d.as_secs().max(1))
            }
            BackendError::RateLimited { retry_after: None } => format!("{net}: rate limited; try again later"),
            BackendError::Network(m) => {
                format!("{net}: cannot reach the server ({m}); check the address and the connection")
            }
            BackendError::Server { status, message } => format!("{net}: server error {status}: {message}"),
            BackendError::Decode(m) => format!("{net}: the server sent something unreadable ({m})"),
            BackendError::Invalid(m) => format!("{net}: {m}"),
        }
    }
}

/// Sanitized and cut to one short line: server text is hostile like any remote text.
pub(crate) fn clean(message: &str) -> String {
    truncate(&sanitize_line(message), 160)
}
