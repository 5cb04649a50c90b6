//! What every OAuth login shares: an app's keys, secure random tokens (state, keys) and PKCE.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::rand::SecureRandom;
use serde::Deserialize;

use super::BackendError;

/// A registered app. No `Debug`: the client secret is a secret.
#[derive(Clone, Deserialize)]
pub struct AppKeys {
    pub client_id: String,
    pub client_secret: String,
}

/// A PKCE verifier and its S256 challenge.
pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

/// A fresh PKCE pair.
pub fn pkce() -> Result<Pkce, BackendError> {
    let verifier = random_token(32)?;
    let digest = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
    Ok(Pkce { challenge: URL_SAFE_NO_PAD.encode(digest.as_ref()), verifier })
}

/// `bytes` of secure randomness as base64url (for PKCE verifiers and OAuth `state`).
pub fn random_token(bytes: usize) -> Result<String, BackendError> {
    let mut buf = vec![0u8; bytes];
    ring::rand::SystemRandom::new()
        .fill(&mut buf)
        .map_err(|_| BackendError::Invalid("the system has no secure randomness".into()))?;
    Ok(URL_SAFE_NO_PAD.encode(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_challenge_is_the_s256_of_the_verifier() {
        let p = pkce().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.verifier.len(), 43);
        let again = URL_SAFE_NO_PAD.encode(ring::digest::digest(&ring::digest::SHA256, p.verifier.as_bytes()));
        assert_eq!(p.challenge, again);
        assert_ne!(pkce().map(|q| q.verifier).ok(), Some(p.verifier), "verifiers are random");
    }
}
