//! `murre login bluesky HANDLE`: an app password (hidden prompt or stdin) traded for a session.
//! Only the session is stored, never the password; 2FA asks for the emailed code.

use super::connect::Context;
use super::login::{read_stdin_secret, save_account};
use super::prompt;
use crate::backend::bluesky::auth::{self, Directory, Login};
use crate::backend::{self, BackendError};
use crate::model::{AccountId, Network};
use crate::store::secrets::Secret;

/// Logs in and saves the account; exit code 0 on success.
pub async fn run(ctx: &Context, handle: &str, service: Option<&str>, from_stdin: bool) -> anyhow::Result<i32> {
    let handle = handle.trim().trim_start_matches('@');
    anyhow::ensure!(!handle.is_empty(), "give your handle, e.g. `murre login bluesky you.bsky.social`");
    let password = if from_stdin {
        read_stdin_secret()?
    } else {
        eprintln!("Use an app password (Settings > Privacy and security > App passwords), not your main password.");
        prompt::hidden(&format!("App password for {handle}: "))?
    };
    let http = backend::http::client(backend::http::DEFAULT_TIMEOUT)?;
    let failed = |e: BackendError| match e {
        BackendError::Auth(why) => {
            anyhow::anyhow!("Bluesky refused the login: {why} (use an app password for {handle})")
        }
        other => anyhow::anyhow!(other.user_message(Network::Bluesky)),
    };
    let service = match service {
        Some(s) => s.to_string(),
        None => {
            let found = auth::resolve_pds(&http, handle, &Directory::default()).await;
            let (_, pds) = found.map_err(|e| {
                anyhow::anyhow!(
                    "{}\nGive your PDS with --service URL if it cannot be found.",
                    e.user_message(Network::Bluesky)
                )
            })?;
            pds.as_str().trim_end_matches('/').to_string()
        }
    };
    let service = service.as_str();
    let mut login = auth::create_session(&http, service, handle, &password, None).await.map_err(failed)?;
    if let Login::NeedsCode = login {
        let code = prompt::line("A sign-in code was emailed to you. Code: ")?;
        login = auth::create_session(&http, service, handle, &password, Some(&code)).await.map_err(failed)?;
    }
    let Login::Done { session, pds } = login else {
        anyhow::bail!("Bluesky still asks for a sign-in code: check the code and try again");
    };
    let id = AccountId::new(Network::Bluesky, &session.handle);
    let server = pds.as_str().trim_end_matches('/').to_string();
    let secret = Secret::BlueskySession {
        did: session.did.clone(),
        access_jwt: session.access_jwt,
        refresh_jwt: session.refresh_jwt,
    };
    save_account(ctx, id, server, session.handle.clone(), session.handle, secret)
}
