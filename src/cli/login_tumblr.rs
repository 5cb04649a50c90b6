//! `murre login tumblr`: OAuth2 with the user's own registered app (Tumblr has no dynamic
//! registration). Its client id and secret are asked for (or read from stdin, one per line); the code
//! comes back to the fixed loopback redirect registered with the app, or is pasted. Then the user picks
//! one of their blogs. Nothing is stored until every step has succeeded.

use std::io::IsTerminal;
use std::time::Duration;

use reqwest::Url;
use tokio::net::TcpListener;

use super::callback;
use super::connect::Context;
use super::login::{read_stdin_secret, save_account};
use super::prompt::{self, StdinLines};
use crate::backend::oauth::{AppKeys, random_token};
use crate::backend::tumblr::{self, Blog, Tokens, auth};
use crate::backend::{self, BackendError};
use crate::model::{AccountId, Network};
use crate::store::secrets::{Secret, Secrets};
use crate::store::sessions::tumblr_app_key;

/// How long murre waits for the browser or a pasted code.
const WAIT: Duration = Duration::from_secs(15 * 60);

/// Logs in (with the browser, or a token from stdin) and saves the account.
pub async fn run(ctx: &Context, api: Option<&str>, token_stdin: bool) -> anyhow::Result<i32> {
    let base = backend::http::base_url(api.unwrap_or(tumblr::API))?;
    let http = backend::http::client(backend::http::DEFAULT_TIMEOUT)?;
    if token_stdin {
        let tokens = Tokens::access_only(read_stdin_secret()?);
        return finish(ctx, &http, &base, tokens, None, &mut StdinLines::start()).await;
    }
    let listener = bind().await?;
    explain();
    let app = app_keys()?;
    let mut lines = StdinLines::start();
    let state = random_token(16).map_err(say)?;
    let endpoint = auth::authorize_endpoint(api.map(|_| &base)).map_err(say)?;
    let authorize = auth::authorize_url(&endpoint, &app, &state);
    let code = browser_code(&listener, &authorize, &state, &mut lines).await?;
    let tokens = auth::exchange(&http, &base, &app, &code).await.map_err(refused)?;
    finish(ctx, &http, &base, tokens, Some(app), &mut lines).await
}

/// The redirect's listener on its fixed port, or a clear error when the port is taken.
async fn bind() -> anyhow::Result<TcpListener> {
    match callback::listen(auth::REDIRECT_PORT).await {
        Ok((listener, _)) => Ok(listener),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => anyhow::bail!(
            "port {} on 127.0.0.1 is in use (another `murre login tumblr`?), and the redirect your Tumblr app \
             is registered with ({}) needs it: close what holds it and try again",
            auth::REDIRECT_PORT,
            auth::REDIRECT
        ),
        Err(e) => anyhow::bail!("cannot listen on 127.0.0.1:{} for the redirect: {e}", auth::REDIRECT_PORT),
    }
}

fn explain() {
    eprintln!(
        "Tumblr logins use your own app. Register one at {} (once) and give it this redirect URL:\n\n  {}\n\n\
         then enter its OAuth consumer key (client id) and secret key (client secret).",
        auth::APPS_PAGE,
        auth::REDIRECT
    );
}

/// The app's client id and secret: asked for on a terminal (the secret hidden), else two stdin lines.
fn app_keys() -> anyhow::Result<AppKeys> {
    if std::io::stdin().is_terminal() {
        let client_id = prompt::line("Client id (OAuth consumer key): ")?;
        anyhow::ensure!(!client_id.is_empty(), "no client id was given");
        let client_secret = prompt::hidden("Client secret (secret key): ")?;
        return Ok(AppKeys { client_id, client_secret });
    }
    Ok(AppKeys { client_id: stdin_line("client id")?, client_secret: stdin_line("client secret")? })
}

fn stdin_line(what: &str) -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin().read_line(&mut text)?;
    let line = text.trim().to_string();
    anyhow::ensure!(!line.is_empty(), "no {what} on stdin: give the client id, then the client secret, one per line");
    Ok(line)
}

/// Shows the authorize page (printed always, opened when a browser can be) and waits for the code.
async fn browser_code(
    listener: &TcpListener,
    authorize: &Url,
    state: &str,
    lines: &mut StdinLines,
) -> anyhow::Result<String> {
    eprintln!("\nOpen this page to let murre use your Tumblr account:\n\n  {authorize}\n");
    if crate::runtime::open_url(authorize.as_str()).is_err() {
        eprintln!("(No browser could be opened here: copy the address into one.)");
    }
    eprintln!(
        "Waiting for the browser. If it runs on another machine (it then cannot reach this one), paste \
         the address it ended on here and press Enter."
    );
    callback::code(listener, state, WAIT, lines).await
}

/// Names the blog (asking when there are several), then saves the app keys and the account.
async fn finish(
    ctx: &Context,
    http: &reqwest::Client,
    base: &Url,
    tokens: Tokens,
    app: Option<AppKeys>,
    lines: &mut StdinLines,
) -> anyhow::Result<i32> {
    let probe = AccountId::new(Network::Tumblr, "?");
    let client = tumblr::Client::with_tokens(http.clone(), base.as_str(), probe, tokens.clone())?;
    let blogs = client.blogs().await.map_err(|e| match e {
        BackendError::Auth(_) => anyhow::anyhow!("Tumblr refused the access token: check it and try again"),
        other => say(other),
    })?;
    let blog = choose(&blogs, lines).await?;
    let server = base.as_str().trim_end_matches('/').to_string();
    if let Some(app) = app {
        let keys = Secret::OAuthApp { client_id: app.client_id, client_secret: app.client_secret };
        Secrets::for_dirs(&ctx.dirs).set(&tumblr_app_key(&server), keys)?;
    }
    let display_name = if blog.title.is_empty() { blog.name.clone() } else { blog.title.clone() };
    let Tokens { access_token, refresh_token, expires_at } = tokens;
    let secret = Secret::TumblrToken { access_token, refresh_token, expires_at };
    save_account(ctx, AccountId::new(Network::Tumblr, &blog.name), server, blog.name.clone(), display_name, secret)
}

/// The blog to log in as: the only one, else the user's pick (the primary without a terminal).
async fn choose<'a>(blogs: &'a [Blog], lines: &mut StdinLines) -> anyhow::Result<&'a Blog> {
    anyhow::ensure!(!blogs.is_empty(), "this Tumblr account has no blog murre can use");
    if blogs.len() == 1 || !std::io::stdin().is_terminal() {
        return Ok(&blogs[primary(blogs)]);
    }
    eprintln!("Your blogs:");
    for (i, b) in blogs.iter().enumerate() {
        eprintln!("  {}. {}{}  {}", i + 1, b.name, if b.primary { " (primary)" } else { "" }, b.title);
    }
    let question = format!("Which blog? [1-{}, Enter for {}] ", blogs.len(), primary(blogs) + 1);
    loop {
        if let Some(i) = pick(blogs, &lines.ask(&question).await) {
            return Ok(&blogs[i]);
        }
        eprintln!("Give a number from the list or a blog name.");
    }
}

/// The blog an answer names: empty for the primary, a number from the list, or a blog name.
fn pick(blogs: &[Blog], answer: &str) -> Option<usize> {
    let answer = answer.trim();
    if answer.is_empty() {
        return Some(primary(blogs));
    }
    match answer.parse::<usize>() {
        Ok(n) => (1..=blogs.len()).contains(&n).then(|| n - 1),
        Err(_) => blogs.iter().position(|b| b.name.eq_ignore_ascii_case(answer)),
    }
}

/// The index of the primary blog (the first when none says so).
fn primary(blogs: &[Blog]) -> usize {
    blogs.iter().position(|b| b.primary).unwrap_or(0)
}

fn say(e: BackendError) -> anyhow::Error {
    anyhow::anyhow!(e.user_message(Network::Tumblr))
}

/// A refused exchange: most often a mistyped key or a redirect URL that differs from the app's.
fn refused(e: BackendError) -> anyhow::Error {
    match e {
        BackendError::Auth(m) => anyhow::anyhow!(
            "{m}: check them at {}, and that the app's redirect URL is {}",
            auth::APPS_PAGE,
            auth::REDIRECT
        ),
        other => say(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blog(name: &str, primary: bool) -> Blog {
        Blog { name: name.into(), title: String::new(), uuid: String::new(), primary }
    }

    #[test]
    fn the_primary_is_the_default_and_numbers_or_names_pick_others() {
        let blogs = [blog("side", false), blog("main", true), blog("art", false)];
        assert_eq!(primary(&blogs), 1);
        assert_eq!(pick(&blogs, ""), Some(1));
        assert_eq!(pick(&blogs, " 3 "), Some(2));
        assert_eq!(pick(&blogs, "SIDE"), Some(0));
        assert_eq!(pick(&blogs, "0"), None);
        assert_eq!(pick(&blogs, "4"), None);
        assert_eq!(pick(&blogs, "nope"), None);
        assert_eq!(primary(&[blog("a", false), blog("b", false)]), 0);
    }
}
