//! The content one demo server serves: the neutral posts, filtered to its network, plus pushed posts.
//!
//! Shared between the server's handlers and the [`DemoServer`](super::DemoServer) handle that pushes
//! new posts, and by the write handlers that create and delete posts; a plain mutex is enough
//! (handlers render under it, never await under it).

use super::content::{Content, Net, Person, Post};
use super::ids;
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// The person key of the demo account itself (the author of every post written through the APIs).
pub const ME: &str = "murre";

/// First key of posts added with `push_post` (keys below are bundled content).
const FIRST_PUSHED_KEY: u32 = 1000;

/// The posts of one network's demo server.
#[derive(Clone)]
pub struct Store {
    net: Net,
    inner: Arc<Mutex<Inner>>,
    /// What changed in the feed, for the Mastodon server's stream.
    changes: tokio::sync::broadcast::Sender<Change>,
}

/// A change to the feed, by post key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    New(u32),
    /// Removed; the status id it had (the post itself is gone).
    Gone(u64),
    Edited(u32),
}

/// The mutable part of a store.
struct Inner {
    content: Content,
    next_key: u32,
    /// Post key by the client-chosen key it was created under (Mastodon's `Idempotency-Key`).
    once: HashMap<String, u32>,
}

/// What [`Store::create`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Created {
    /// Added a new post with this key.
    New(u32),
    /// Found the post with this key already created under the same once-key; added nothing.
    Again(u32),
}

impl Store {
    /// A store serving `content` on `net`.
    pub fn new(net: Net, content: Content) -> Store {
        let inner = Inner { content, next_key: FIRST_PUSHED_KEY, once: HashMap::new() };
        let (changes, _) = tokio::sync::broadcast::channel(256);
        Store { net, inner: Arc::new(Mutex::new(inner)), changes }
    }

    /// Follows the feed's changes from now on.
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Change> {
        self.changes.subscribe()
    }

    /// Changes the text of post `key` (as an edit does); false when there is no such post.
    pub fn edit(&self, key: u32, text: &str) -> bool {
        let edited = self.update(|c| c.posts.iter_mut().find(|p| p.key == key).map(|p| p.text = text.to_string()));
        if edited.is_some() {
            let _ = self.changes.send(Change::Edited(key));
        }
        edited.is_some()
    }

    /// Runs `f` over the content (never hold the result across an await).
    pub fn with<R>(&self, f: impl FnOnce(&Content) -> R) -> R {
        f(&self.lock().content)
    }

    /// Runs `f` over the content to change it (the likes and follows the API records).
    pub fn update<R>(&self, f: impl FnOnce(&mut Content) -> R) -> R {
        f(&mut self.lock().content)
    }

    /// Adds a post by the person with `handle` (on this network, or a person key) at `at`; returns
    /// its key.
    pub fn push(&self, handle: &str, text: &str, at: Timestamp) -> u32 {
        let net = self.net;
        let mut inner = self.lock();
        let key = inner.next_key;
        inner.next_key += 1;
        let people = &mut inner.content.people;
        let author = match people.iter().find(|p| p.key == handle || ids::handle(net, &p.key) == handle) {
            Some(person) => person.key.clone(),
            None => add_person(people, handle),
        };
        // Whole milliseconds keep every network's ids and cursors in the same order as the times.
        let at = Timestamp::from_millisecond(at.as_millisecond()).unwrap_or(at);
        let mut post = Post::new(at, key, &author, 0, text);
        post.nets = super::content::Nets::ALL;
        inner.content.posts.push(post);
        // Nobody listening (no stream open) is fine.
        let _ = self.changes.send(Change::New(key));
        key
    }

    /// Adds `person` to the cast unless someone has that key already.
    pub fn add_person(&self, person: Person) {
        let people = &mut self.lock().content.people;
        if !people.iter().any(|p| p.key == person.key) {
            people.push(person);
        }
    }

    /// Adds a post written through the server's API, built by `make` from the content, a fresh key and
    /// a time later than every post so far (it tops the feeds); `make` may refuse with `Err`.
    ///
    /// With `once`, a second create under the same once-key answers [`Created::Again`] with the first
    /// post (while that post exists) and adds nothing. The check and the add are one atomic step.
    pub fn create<E>(
        &self,
        once: Option<&str>,
        make: impl FnOnce(&Content, u32, Timestamp) -> Result<Post, E>,
    ) -> Result<Created, E> {
        let mut inner = self.lock();
        let earlier = once.and_then(|o| inner.once.get(o)).copied();
        if let Some(key) = earlier.filter(|key| find(&inner.content, *key).is_some()) {
            return Ok(Created::Again(key));
        }
        let key = inner.next_key;
        let at = fresh_time(&inner.content);
        let post = make(&inner.content, key, at)?;
        inner.next_key += 1;
        if let Some(once) = once {
            inner.once.insert(once.to_string(), key);
        }
        inner.content.posts.push(Post { key, at, ..post });
        let _ = self.changes.send(Change::New(key));
        Ok(Created::New(key))
    }

    /// Removes the post with `key` and every boost of it (a boost goes with its original, as on every
    /// network); returns the removed post.
    pub fn remove(&self, key: u32) -> Option<Post> {
        let mut inner = self.lock();
        let at = inner.content.posts.iter().position(|p| p.key == key)?;
        let post = inner.content.posts.remove(at);
        let boosts: Vec<u64> = inner
            .content
            .posts
            .iter()
            .filter(|p| p.boost_of == Some(key))
            .map(|p| ids::snowflake(p.at, p.key))
            .collect();
        inner.content.posts.retain(|p| p.boost_of != Some(key));
        for id in boosts.into_iter().chain([ids::snowflake(post.at, post.key)]) {
            let _ = self.changes.send(Change::Gone(id));
        }
        Some(post)
    }

    /// Locks the content; a poisoned lock still holds consistent data (pushes are atomic).
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Now on the wall clock (whole milliseconds, which keep every network's ids in time order), but
/// always after the newest post, so a created post tops the feed even under a test's fixed clock.
fn fresh_time(content: &Content) -> Timestamp {
    let now = Timestamp::now();
    let now = Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now);
    let newest = content.posts.iter().map(|p| p.at).max().unwrap_or(now);
    now.max(newest.checked_add(SignedDuration::from_millis(1)).unwrap_or(newest))
}

/// Adds a person for an unknown handle and returns their key.
fn add_person(people: &mut Vec<Person>, handle: &str) -> String {
    let key: String = handle
        .split(['@', '.'])
        .find(|s| !s.is_empty())
        .unwrap_or("someone")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    let key = if key.is_empty() { "someone".to_string() } else { key };
    if !people.iter().any(|p| p.key == key) {
        people.push(Person { key: key.clone(), name: key.clone(), bio: String::new() });
    }
    key
}

/// The home feed of `net`, newest first (ties broken by key, newest key first).
pub fn feed(content: &Content, net: Net) -> Vec<&Post> {
    let mut posts: Vec<&Post> = content.posts.iter().filter(|p| p.in_feed && p.nets.has(net)).collect();
    posts.sort_by_key(|p| std::cmp::Reverse((p.at, p.key)));
    posts
}

/// Whether the post is new since the server started (pushed or written through the API): it has no
/// replies, boosts or likes yet, and the demo account has not liked or boosted it.
pub fn fresh(post: &Post) -> bool {
    post.key >= FIRST_PUSHED_KEY
}

/// The post with `key`, if it exists.
pub fn find(content: &Content, key: u32) -> Option<&Post> {
    content.posts.iter().find(|p| p.key == key)
}

/// The person with `key`, or a placeholder when unknown.
pub fn person(content: &Content, key: &str) -> Person {
    content.people.iter().find(|p| p.key == key).cloned().unwrap_or_else(|| Person {
        key: key.to_string(),
        name: key.to_string(),
        bio: String::new(),
    })
}

/// The index of person `key` in the cast (stable: people are only appended).
pub fn person_index(content: &Content, key: &str) -> usize {
    content.people.iter().position(|p| p.key == key).unwrap_or(content.people.len())
}
