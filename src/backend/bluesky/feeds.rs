//! Bluesky custom feeds and lists: the saved and pinned feeds of `app.bsky.actor.getPreferences`
//! (`savedFeedsPrefV2`, else the older `savedFeedsPref`), named by `app.bsky.feed.getFeedGenerators`
//! (and someone else's saved list by `app.bsky.graph.getList`);
//! the account's own curation lists (`app.bsky.graph.getLists`); their posts through
//! `app.bsky.feed.getFeed` and `app.bsky.feed.getListFeed`, paged by cursor (an empty list is
//! checked with `app.bsky.graph.getList`: a deleted one is an error, not an empty feed).

use serde::Deserialize;
use serde_json::Value;

use super::Client;
use crate::backend::feeds::{Feed, FeedKind, Feeds};
use crate::backend::{BackendError, Cursor, Page, http};
use crate::model::Post;
use crate::model::moderation::Context;
use crate::text::sanitize_line;

/// Posts asked for per page (the API allows up to 100).
const PAGE: &str = "50";

/// `app.bsky.actor.getPreferences`.
#[derive(Debug, Deserialize)]
struct Preferences {
    #[serde(default)]
    preferences: Vec<Value>,
}

/// `app.bsky.feed.getFeedGenerators`.
#[derive(Debug, Deserialize)]
struct Generators {
    #[serde(default)]
    feeds: Vec<Generator>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Generator {
    uri: String,
    #[serde(default)]
    display_name: String,
}

/// `app.bsky.graph.getLists`.
#[derive(Debug, Deserialize)]
struct Lists {
    #[serde(default)]
    lists: Vec<List>,
}

#[derive(Debug, Deserialize)]
struct List {
    uri: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    purpose: String,
}

/// A saved feed or list as the preferences name it.
#[derive(Debug, Clone, PartialEq)]
struct Saved {
    kind: FeedKind,
    uri: String,
    pinned: bool,
}

impl Client {
    /// Pinned feeds first, then the other saved ones, then the account's own lists not saved.
    pub async fn feeds(&self) -> Result<Feeds, BackendError> {
        let prefs: Preferences = http::decode(&self.query("app.bsky.actor.getPreferences", &[]).await?.body)?;
        let saved = saved_feeds(&prefs.preferences);
        let did = self.session().did;
        let mut lists: Lists = http::decode(&self.query("app.bsky.graph.getLists", &[("actor", &did)]).await?.body)?;
        let names = self.generator_names(&saved).await?;
        let others = saved.iter().filter(|s| s.kind == FeedKind::List && !lists.lists.iter().any(|l| l.uri == s.uri));
        for s in others.collect::<Vec<_>>() {
            lists.lists.extend(self.list_named(&s.uri).await);
        }
        let mut feeds: Vec<Feed> = saved
            .iter()
            .map(|s| {
                let found = match s.kind {
                    FeedKind::Custom => names.iter().find(|g| g.uri == s.uri).map(|g| g.display_name.as_str()),
                    FeedKind::List => lists.lists.iter().find(|l| l.uri == s.uri).map(|l| l.name.as_str()),
                };
                Feed { kind: s.kind, id: s.uri.clone(), name: name(found, &s.uri), pinned: s.pinned }
            })
            .collect();
        feeds.sort_by_key(|f| !f.pinned);
        let own = lists.lists.iter().filter(|l| l.purpose.ends_with("#curatelist"));
        for l in own.filter(|l| !saved.iter().any(|s| s.uri == l.uri)) {
            feeds.push(Feed {
                kind: FeedKind::List,
                id: l.uri.clone(),
                name: name(Some(&l.name), &l.uri),
                pinned: false,
            });
        }
        Ok(Feeds { feeds, note: None })
    }

    /// The display names of the saved custom feeds (one request for all of them).
    async fn generator_names(&self, saved: &[Saved]) -> Result<Vec<Generator>, BackendError> {
        let params: Vec<(&str, &str)> =
            saved.iter().filter(|s| s.kind == FeedKind::Custom).map(|s| ("feeds", s.uri.as_str())).collect();
        if params.is_empty() {
            return Ok(Vec::new());
        }
        // A generator that is gone leaves its feed unnamed; the picker still lists it.
        match self.query("app.bsky.feed.getFeedGenerators", &params).await {
            Ok(answer) => Ok(http::decode::<Generators>(&answer.body)?.feeds),
            Err(BackendError::Server { .. }) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// A saved list of someone else's, for its name (`app.bsky.graph.getList`); `None` when it
    /// cannot be read (its feed will say why when opened).
    async fn list_named(&self, uri: &str) -> Option<List> {
        let answer = self.query("app.bsky.graph.getList", &[("list", uri), ("limit", "1")]).await.ok()?;
        let found: Value = http::decode(&answer.body).ok()?;
        let name = found.pointer("/list/name").and_then(Value::as_str)?.to_string();
        Some(List { uri: uri.to_string(), name, purpose: String::new() })
    }

    /// One page of a custom feed or a list.
    pub async fn feed(&self, feed: &Feed, at: Cursor) -> Result<Page<Post>, BackendError> {
        let (nsid, param) = match feed.kind {
            FeedKind::Custom => ("app.bsky.feed.getFeed", "feed"),
            FeedKind::List => ("app.bsky.feed.getListFeed", "list"),
        };
        let mut params = vec![(param, feed.id.as_str()), ("limit", PAGE)];
        if let Cursor::Older(c) = &at {
            params.push(("cursor", c.as_str()));
        }
        let answer = self.query(nsid, &params).await?;
        let page = self.feed_page(&answer.body, Context::Feed)?;
        if feed.kind == FeedKind::List && page.items.is_empty() && at == Cursor::Newest {
            // getListFeed answers a deleted list with an empty feed; getList says it is gone.
            self.query("app.bsky.graph.getList", &[("list", feed.id.as_str()), ("limit", "1")]).await?;
        }
        Ok(page)
    }
}

/// The saved feeds and lists of the preferences, in their order (`timeline` entries left out).
fn saved_feeds(preferences: &[Value]) -> Vec<Saved> {
    let of_type = |t: &str| preferences.iter().find(|p| p.get("$type").and_then(Value::as_str) == Some(t));
    if let Some(v2) = of_type("app.bsky.actor.defs#savedFeedsPrefV2") {
        let items = v2.get("items").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        return items
            .iter()
            .filter_map(|item| {
                let kind = match item.get("type").and_then(Value::as_str)? {
                    "feed" => FeedKind::Custom,
                    "list" => FeedKind::List,
                    _ => return None,
                };
                let uri = item.get("value").and_then(Value::as_str)?.to_string();
                let pinned = item.get("pinned").and_then(Value::as_bool).unwrap_or(false);
                uri.starts_with("at://").then_some(Saved { kind, uri, pinned })
            })
            .collect();
    }
    let Some(v1) = of_type("app.bsky.actor.defs#savedFeedsPref") else { return Vec::new() };
    let uris = |key: &str| -> Vec<String> {
        let list = v1.get(key).and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        list.iter().filter_map(Value::as_str).filter(|u| u.starts_with("at://")).map(str::to_string).collect()
    };
    let pinned = uris("pinned");
    let mut saved: Vec<Saved> = pinned.iter().map(|u| saved_uri(u, true)).collect();
    saved.extend(uris("saved").iter().filter(|u| !pinned.contains(u)).map(|u| saved_uri(u, false)));
    saved
}

fn saved_uri(uri: &str, pinned: bool) -> Saved {
    let kind = if uri.contains("/app.bsky.graph.list/") { FeedKind::List } else { FeedKind::Custom };
    Saved { kind, uri: uri.to_string(), pinned }
}

/// A feed's name as shown: one sanitized line; without one, the last part of its at-uri.
fn name(found: Option<&str>, uri: &str) -> String {
    let clean = found.map(sanitize_line).filter(|n| !n.trim().is_empty());
    clean.unwrap_or_else(|| sanitize_line(uri.rsplit('/').next().unwrap_or(uri)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn saved_feeds_read_v2_and_skip_the_timeline() {
        let prefs = vec![json!({"$type": "app.bsky.actor.defs#savedFeedsPrefV2", "items": [
            {"type": "timeline", "value": "following", "pinned": true, "id": "1"},
            {"type": "feed", "value": "at://did:plc:a/app.bsky.feed.generator/cats", "pinned": true, "id": "2"},
            {"type": "list", "value": "at://did:plc:a/app.bsky.graph.list/l1", "pinned": false, "id": "3"},
            {"type": "feed", "value": "not-a-uri", "pinned": false, "id": "4"}
        ]})];
        let saved = saved_feeds(&prefs);
        assert_eq!(saved.len(), 2);
        assert_eq!((saved[0].kind, saved[0].pinned), (FeedKind::Custom, true));
        assert_eq!((saved[1].kind, saved[1].pinned), (FeedKind::List, false));
    }

    #[test]
    fn saved_feeds_fall_back_to_v1() {
        let prefs = vec![json!({"$type": "app.bsky.actor.defs#savedFeedsPref",
            "pinned": ["at://did:plc:a/app.bsky.feed.generator/x"],
            "saved": ["at://did:plc:a/app.bsky.feed.generator/x", "at://did:plc:a/app.bsky.graph.list/y"]})];
        let saved = saved_feeds(&prefs);
        assert_eq!(
            saved.iter().map(|s| (s.kind, s.pinned)).collect::<Vec<_>>(),
            [(FeedKind::Custom, true), (FeedKind::List, false)]
        );
    }

    #[test]
    fn names_are_one_clean_line() {
        let shown = name(Some("Cats\u{1b}]52;c;x\u{7}\n🐱"), "at://x/y/z");
        assert!(shown.starts_with("Cats") && shown.ends_with("🐱"), "{shown}");
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert_eq!(name(Some("  "), "at://did:plc:a/app.bsky.feed.generator/whats-hot"), "whats-hot");
    }
}
