//! From configured (or demo) accounts to backend clients, and account-id matching for `--account`.

use std::sync::Arc;

use crate::backend::oauth::AppKeys;
use crate::backend::{self, Client, bluesky, mastodon, tumblr};
use crate::demo::{self, DemoNetwork};
use crate::model::{AccountId, Network};
use crate::store::Dirs;
use crate::store::config::{AccountConfig, Config};
use crate::store::secrets::{Secret, Secrets};
use crate::store::sessions::{FileTokens, tumblr_app_key};

/// Everything a command needs: folders, config, and whether the demo network is used.
pub struct Context {
    pub dirs: Dirs,
    pub config: Config,
    pub demo: bool,
}

/// Clients for the accounts in use, and (in demo mode) the servers they talk to.
pub struct Connected {
    pub clients: Vec<Client>,
    /// Accounts that could not be connected, with the reason.
    pub failed: Vec<(AccountId, String)>,
    /// Keeps the demo servers' handles alive.
    pub demo: Option<Arc<DemoNetwork>>,
}

/// Builds clients for `accounts` (all accounts when empty) from config and secrets, or the demo.
pub async fn connect(ctx: &Context) -> anyhow::Result<Connected> {
    let http = backend::http::client(backend::http::DEFAULT_TIMEOUT)?;
    if ctx.demo {
        return connect_demo(http).await;
    }
    let secrets = Secrets::for_dirs(&ctx.dirs);
    let mut out = Connected { clients: Vec::new(), failed: Vec::new(), demo: None };
    for account in &ctx.config.accounts {
        match client_for(&http, account, &secrets) {
            Ok(c) => out.clients.push(c),
            Err(e) => out.failed.push((account.id.clone(), e.to_string())),
        }
    }
    Ok(out)
}

/// A client for a configured account, from its stored secret.
pub fn client_for(http: &reqwest::Client, a: &AccountConfig, secrets: &Secrets) -> anyhow::Result<Client> {
    let secret = secrets.get(&a.id.0)?.ok_or_else(|| anyhow::anyhow!("no stored secret; log in again"))?;
    let id = a.id.clone();
    Ok(match (a.network, secret) {
        (Network::Mastodon, Secret::Token { token }) => {
            Client::Mastodon(mastodon::Client::new(http.clone(), &a.server, id, token)?)
        }
        (Network::Tumblr, Secret::Token { token }) => {
            Client::Tumblr(tumblr::Client::new(http.clone(), &a.server, id, token)?)
        }
        (Network::Tumblr, Secret::TumblrToken { access_token, refresh_token, expires_at }) => {
            let tokens = tumblr::Tokens { access_token, refresh_token, expires_at };
            Client::Tumblr(tumblr_client(http, a, secrets, tokens)?)
        }
        (Network::Bluesky, Secret::BlueskySession { did, access_jwt, refresh_jwt }) => {
            let session = bluesky::Session { did, handle: a.handle.clone(), access_jwt, refresh_jwt };
            let store = Arc::new(crate::store::sessions::FileSessions::new(secrets.clone(), &id.0, &a.handle));
            Client::Bluesky(bluesky::Client::new(http.clone(), &a.server, id, session)?.with_store(store))
        }
        _ => anyhow::bail!("stored secret does not fit a {} account; log in again", a.network),
    })
}

/// A Tumblr client that renews its tokens with the stored app keys, saving them in the store.
fn tumblr_client(
    http: &reqwest::Client,
    a: &AccountConfig,
    secrets: &Secrets,
    tokens: tumblr::Tokens,
) -> anyhow::Result<tumblr::Client> {
    let store = Arc::new(FileTokens::new(secrets.clone(), &a.id.0));
    let client = tumblr::Client::with_tokens(http.clone(), &a.server, a.id.clone(), tokens)?.with_store(store);
    Ok(match secrets.get(&tumblr_app_key(&a.server))? {
        Some(Secret::OAuthApp { client_id, client_secret }) => client.with_app(AppKeys { client_id, client_secret }),
        _ => client,
    })
}

async fn connect_demo(http: reqwest::Client) -> anyhow::Result<Connected> {
    let net = DemoNetwork::start(jiff::Timestamp::now()).await?;
    let m_url = reqwest::Url::parse(&net.mastodon.url)?;
    let m_id = AccountId::new(Network::Mastodon, &format!("{}@{}", demo::MASTODON_USER, mastodon::host_of(&m_url)));
    let b_id = AccountId::new(Network::Bluesky, demo::BLUESKY_HANDLE);
    let t_id = AccountId::new(Network::Tumblr, demo::TUMBLR_BLOG);
    let session = bluesky::Session {
        did: demo::BLUESKY_DID.into(),
        handle: demo::BLUESKY_HANDLE.into(),
        access_jwt: demo::BLUESKY_ACCESS_JWT.into(),
        refresh_jwt: demo::BLUESKY_REFRESH_JWT.into(),
    };
    let clients = vec![
        Client::Mastodon(mastodon::Client::new(http.clone(), &net.mastodon.url, m_id, demo::MASTODON_TOKEN.into())?),
        Client::Bluesky(bluesky::Client::new(http.clone(), &net.bluesky.url, b_id, session)?),
        Client::Tumblr(tumblr::Client::new(http, &net.tumblr.url, t_id, demo::TUMBLR_TOKEN.into())?),
    ];
    Ok(Connected { clients, failed: Vec::new(), demo: Some(Arc::new(net)) })
}

/// Finds the account a user means: exact id, unique prefix, or a bare network name with one account.
/// Errors list the candidates.
pub fn match_account<'a>(query: &str, ids: &'a [AccountId]) -> Result<&'a AccountId, String> {
    let q = query.to_lowercase();
    if let Some(exact) = ids.iter().find(|id| id.0.to_lowercase() == q) {
        return Ok(exact);
    }
    let hits: Vec<&AccountId> = match Network::parse(&q) {
        Some(n) => ids.iter().filter(|id| id.network() == Some(n)).collect(),
        None => ids.iter().filter(|id| id.0.to_lowercase().starts_with(&q)).collect(),
    };
    let list = || ids.iter().map(|i| i.0.as_str()).collect::<Vec<_>>().join(", ");
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("no account matches {query:?}; accounts: {}", list())),
        many => {
            Err(format!("{query:?} is ambiguous: {}", many.iter().map(|i| i.0.as_str()).collect::<Vec<_>>().join(", ")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_accounts() {
        let ids = vec![
            AccountId("mastodon:ada@one.social".into()),
            AccountId("mastodon:ada@two.social".into()),
            AccountId("bluesky:ada.bsky.social".into()),
        ];
        assert_eq!(match_account("BLUESKY", &ids).map(|a| a.0.as_str()), Ok("bluesky:ada.bsky.social"));
        assert_eq!(match_account("mastodon:ada@t", &ids).map(|a| a.0.as_str()), Ok("mastodon:ada@two.social"));
        assert!(match_account("mastodon", &ids).unwrap_err().contains("ambiguous"));
        assert!(match_account("tumblr", &ids).unwrap_err().contains("no account"));
    }
}
