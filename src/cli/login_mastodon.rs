//! `murre login mastodon URL`: the browser login. Registers murre once per server (cached), opens
//! the authorize page (and always prints it), then takes the code from the loopback redirect or, when
//! the server refuses that redirect or the user prefers, from a pasted line. PKCE and state throughout.

use std::time::Duration;

use reqwest::Url;

use super::callback;
use super::connect::Context;
use super::login::save_account;
use super::prompt::StdinLines;
use crate::backend::mastodon::oauth::{self, OOB};
use crate::backend::oauth::{AppKeys, pkce, random_token};
use crate::backend::{self, BackendError, mastodon};
use crate::model::{AccountId, Network};
use crate::store::secrets::{Secret, Secrets};

/// How long murre waits for the browser or a pasted code.
const WAIT: Duration = Duration::from_secs(15 * 60);

/// Logs in through the browser and saves the account.
pub async fn run(ctx: &Context, url: &str) -> anyhow::Result<i32> {
    let base = backend::http::base_url(url)?;
    let http = backend::http::client(backend::http::DEFAULT_TIMEOUT)?;
    let say = |e: BackendError| anyhow::anyhow!(e.user_message(Network::Mastodon));
    let secrets = Secrets::for_dirs(&ctx.dirs);
    let app = app_keys(&http, &base, &secrets).await.map_err(say)?;
    let (state, pkce) = (random_token(16).map_err(say)?, pkce().map_err(say)?);
    let (listener, port) = callback::listen(0).await?;
    let mut redirect = format!("http://127.0.0.1:{port}/callback");
    let mut authorize = oauth::authorize_url(&base, &app, &redirect, &state, &pkce.challenge);
    if !oauth::redirect_accepted(&http, &authorize).await {
        redirect = OOB.to_string();
        authorize = oauth::authorize_url(&base, &app, &redirect, &state, &pkce.challenge);
    }
    eprintln!("Open this page to let murre use your account:\n\n  {authorize}\n");
    if crate::runtime::open_url(authorize.as_str()).is_err() {
        eprintln!("(No browser could be opened here: copy the address into one.)");
    }
    eprintln!(
        "Waiting for the browser. If the page shows a code instead (or the browser runs on another \
         machine and cannot reach this one), paste the code or the whole address here and press Enter."
    );
    let code = callback::code(&listener, &state, WAIT, &mut StdinLines::start()).await?;
    // The code was issued for the redirect the authorize page named, however it reached us.
    let token = oauth::exchange(&http, &base, &app, &code, &redirect, &pkce.verifier).await.map_err(say)?;
    finish(ctx, &http, &base, token).await
}

/// Names the account with `verify_credentials` and saves it.
pub async fn finish(ctx: &Context, http: &reqwest::Client, base: &Url, token: String) -> anyhow::Result<i32> {
    let probe = AccountId::new(Network::Mastodon, "?");
    let client = mastodon::Client::new(http.clone(), base.as_str(), probe, token.clone())?;
    let (acct, display_name) = client.verify().await.map_err(|e| anyhow::anyhow!(e.user_message(Network::Mastodon)))?;
    let local = acct.split('@').next().unwrap_or(&acct).to_string();
    let id = AccountId::new(Network::Mastodon, &format!("{local}@{}", mastodon::host_of(base)));
    let server = base.as_str().trim_end_matches('/').to_string();
    save_account(ctx, id, server, local, display_name, Secret::Token { token })
}

/// The app registered on this server, registering murre the first time.
async fn app_keys(http: &reqwest::Client, base: &Url, secrets: &Secrets) -> Result<AppKeys, BackendError> {
    let key = format!("app:{}", base.as_str().trim_end_matches('/'));
    if let Ok(Some(Secret::OAuthApp { client_id, client_secret })) = secrets.get(&key) {
        return Ok(AppKeys { client_id, client_secret });
    }
    let app = oauth::register(http, base).await?;
    let secret = Secret::OAuthApp { client_id: app.client_id.clone(), client_secret: app.client_secret.clone() };
    if let Err(e) = secrets.set(&key, secret) {
        tracing::warn!("could not cache the app registration: {e}");
    }
    Ok(app)
}
