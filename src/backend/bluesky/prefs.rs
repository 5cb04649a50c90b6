//! The account's moderation preferences (`app.bsky.actor.getPreferences`, kept by its PDS): muted
//! words, label choices, adult content and hidden posts. Read with the home feed's newest page (at
//! most every few minutes) and applied to every post the client converts: a feed leaves out what
//! they hide, a thread or a profile shows it behind a warning.

use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

use super::Client;
use crate::backend::BackendError;
use crate::model::Post;
use crate::model::moderation::{self, BlueskyPrefs, Context, LabelPref, MutedWord, Verdict};
use crate::text::sanitize_line;

/// How long preferences read from the server are used before they are read again.
const FRESH: Duration = Duration::from_secs(300);

/// Preferences as last read, and when.
#[derive(Debug, Default)]
pub(super) struct Cached {
    at: Option<Instant>,
    prefs: Option<BlueskyPrefs>,
}

#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    preferences: Vec<Value>,
}

impl Client {
    /// The account's preferences, from its server.
    pub async fn preferences(&self) -> Result<BlueskyPrefs, BackendError> {
        let answer: Answer = self.query("app.bsky.actor.getPreferences", &[]).await?.json()?;
        Ok(decode(&answer.preferences, jiff::Timestamp::now()))
    }

    /// The preferences to apply now: read again when older than a few minutes; when the server
    /// cannot say, the last ones read (or the defaults), and the log says why.
    pub(super) async fn fresh_prefs(&self) -> BlueskyPrefs {
        let stale = self.cached_prefs(|c| c.at.is_none_or(|at| at.elapsed() > FRESH));
        if stale {
            match self.preferences().await {
                Ok(prefs) => self.cached_prefs(|c| (c.at, c.prefs) = (Some(Instant::now()), Some(prefs))),
                Err(e) => {
                    tracing::warn!(account = %self.account(), error = %e, "Bluesky preferences not read");
                    self.cached_prefs(|c| c.at = Some(Instant::now()));
                }
            }
        }
        self.prefs_now()
    }

    /// The preferences last read (the defaults before the first read).
    pub(super) fn prefs_now(&self) -> BlueskyPrefs {
        self.cached_prefs(|c| c.prefs.clone()).unwrap_or_default()
    }

    fn cached_prefs<T>(&self, f: impl FnOnce(&mut Cached) -> T) -> T {
        f(&mut self.prefs.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// `posts` under the account's preferences (those last read).
    pub(super) fn moderate(&self, posts: Vec<Post>, context: Context) -> Vec<Post> {
        moderate(posts, &self.prefs_now(), self.did().as_deref(), context)
    }
}

/// `posts` under `prefs`: hidden ones left out, warned ones behind their warning. `own`: the
/// account's DID (its own posts are never hidden).
pub fn moderate(posts: Vec<Post>, prefs: &BlueskyPrefs, own: Option<&str>, context: Context) -> Vec<Post> {
    posts.into_iter().filter_map(|p| moderated(p, prefs, own, context)).collect()
}

/// One post under `prefs`; `None` when they hide it.
pub fn moderated(mut post: Post, prefs: &BlueskyPrefs, own: Option<&str>, context: Context) -> Option<Post> {
    let mine = own.is_some() && post.author.id.as_deref() == own;
    match moderation::bluesky(&post, prefs, mine, context) {
        Verdict::Hide => None,
        Verdict::Warn(w) => {
            post.cw = moderation::with_warning(post.cw.take(), &sanitize_line(&w));
            Some(post)
        }
        Verdict::Show => Some(post),
    }
}

/// The preferences murre acts on, from `getPreferences`' list; unknown kinds are skipped, muted
/// words past their `expiresAt` are left out.
pub fn decode(items: &[Value], now: jiff::Timestamp) -> BlueskyPrefs {
    let mut prefs = BlueskyPrefs { adult: false, ..BlueskyPrefs::default() };
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    for item in items {
        match item.get("$type").and_then(Value::as_str).unwrap_or_default() {
            "app.bsky.actor.defs#adultContentPref" => {
                prefs.adult = item.get("enabled").and_then(Value::as_bool).unwrap_or(false);
            }
            "app.bsky.actor.defs#contentLabelPref" if item.get("labelerDid").is_none() => {
                let pref = s(item, "visibility").as_deref().and_then(LabelPref::parse);
                if let (Some(label), Some(pref)) = (s(item, "label"), pref) {
                    prefs.labels.push((sanitize_line(&label), pref));
                }
            }
            "app.bsky.actor.defs#mutedWordsPref" => {
                let words = item.get("items").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
                prefs.muted.extend(words.iter().filter_map(|w| muted_word(w, now)));
            }
            "app.bsky.actor.defs#hiddenPostsPref" => {
                let uris = item.get("items").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
                prefs.hidden.extend(uris.iter().filter_map(Value::as_str).map(sanitize_line));
            }
            _ => {}
        }
    }
    prefs
}

fn muted_word(w: &Value, now: jiff::Timestamp) -> Option<MutedWord> {
    let value = w.get("value").and_then(Value::as_str)?.trim().to_lowercase();
    let expired = w.get("expiresAt").and_then(Value::as_str).and_then(|t| t.parse::<jiff::Timestamp>().ok());
    if value.is_empty() || expired.is_some_and(|t| t <= now) {
        return None;
    }
    let targets: Vec<&str> = w
        .get("targets")
        .and_then(Value::as_array)
        .map(|t| t.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    Some(MutedWord {
        value,
        tags_only: !targets.is_empty() && !targets.contains(&"content"),
        exclude_following: w.get("actorTarget").and_then(Value::as_str) == Some("exclude-following"),
    })
}

#[cfg(test)]
#[path = "prefs_tests.rs"]
mod tests;
