//! Mastodon Account entities and the URLs of people on the demo Mastodon server.
//!
//! Pure; no IO. The demo account is local to the server (its URLs use the server's own base URL);
//! everyone else is a remote account on `social.example`.

use super::html::escape;
use crate::demo::content::{Content, Net};
use crate::demo::{ids, store};
use serde_json::{Value, json};

/// Home server of every remote person.
const REMOTE: &str = "https://social.example";

/// Whether person `key` is local to the demo server.
fn is_local(key: &str) -> bool {
    key == "murre"
}

/// The server origin person `key` lives on.
pub fn origin<'a>(key: &str, base: &'a str) -> &'a str {
    if is_local(key) { base } else { REMOTE }
}

/// The profile page of person `key`.
pub fn profile_url(key: &str, base: &str) -> String {
    format!("{}/@{key}", origin(key, base))
}

/// The ActivityPub actor URI of person `key`.
pub fn actor_uri(key: &str, base: &str) -> String {
    format!("{}/users/{key}", origin(key, base))
}

/// The account id of person `key` (decimal string, stable per person).
pub fn id(content: &Content, key: &str) -> String {
    let index = store::person_index(content, key) as u64;
    (110_000_000_000_000_000 + index).to_string()
}

/// The Account entity of person `key`.
pub fn account(content: &Content, key: &str, base: &str) -> Value {
    let person = store::person(content, key);
    let origin = origin(key, base);
    let avatar = format!("{origin}/system/accounts/avatars/{key}/original/avatar.png");
    let header = format!("{origin}/system/accounts/headers/{key}/original/header.png");
    let seed = ids::hash(key);
    json!({
        "id": id(content, key),
        "username": key,
        "acct": ids::handle(Net::Mastodon, key),
        "display_name": person.name,
        "locked": false,
        "bot": key == "news",
        "discoverable": true,
        "indexable": true,
        "group": false,
        "created_at": "2022-11-01T00:00:00.000Z",
        "note": if person.bio.is_empty() { String::new() } else { format!("<p>{}</p>", escape(&person.bio)) },
        "url": profile_url(key, base),
        "uri": actor_uri(key, base),
        "avatar": avatar,
        "avatar_static": avatar,
        "header": header,
        "header_static": header,
        "followers_count": seed % 5000,
        "following_count": seed % 700,
        "statuses_count": seed % 20000,
        "last_status_at": null,
        "hide_collections": false,
        "noindex": false,
        "emojis": [],
        "roles": [],
        "fields": [],
    })
}

/// The CredentialAccount of the demo account (`verify_credentials`): an Account plus `source`.
pub fn credential_account(content: &Content, base: &str) -> Value {
    let mut account = account(content, crate::demo::MASTODON_USER, base);
    account["source"] = json!({
        "privacy": "public",
        "sensitive": false,
        "language": "en",
        "note": store::person(content, crate::demo::MASTODON_USER).bio,
        "fields": [],
        "follow_requests_count": 0,
    });
    account["role"] = json!({"id": "-99", "name": "", "permissions": "0", "color": "", "highlighted": false});
    account
}
