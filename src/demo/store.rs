//! The content one demo server serves: the neutral posts, filtered to its network, plus pushed posts.
//!
//! Shared between the server's handlers and the [`DemoServer`](super::DemoServer) handle that pushes
//! new posts; a plain mutex is enough (handlers render under it, never await under it).

use super::content::{Content, Net, Person, Post};
use super::ids;
use jiff::Timestamp;
use std::sync::{Arc, Mutex, MutexGuard};

/// First key of posts added with `push_post` (keys below are bundled content).
const FIRST_PUSHED_KEY: u32 = 1000;

/// The posts of one network's demo server.
#[derive(Clone)]
pub struct Store {
    net: Net,
    inner: Arc<Mutex<Inner>>,
}

/// The mutable part of a store.
struct Inner {
    content: Content,
    next_key: u32,
}

impl Store {
    /// A store serving `content` on `net`.
    pub fn new(net: Net, content: Content) -> Store {
        let inner = Inner { content, next_key: FIRST_PUSHED_KEY };
        Store { net, inner: Arc::new(Mutex::new(inner)) }
    }

    /// Runs `f` over the content (never hold the result across an await).
    pub fn with<R>(&self, f: impl FnOnce(&Content) -> R) -> R {
        f(&self.lock().content)
    }

    /// Adds a post by the person with `handle` (on this network, or a person key) at `at`.
    pub fn push(&self, handle: &str, text: &str, at: Timestamp) {
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
    }

    /// Locks the content; a poisoned lock still holds consistent data (pushes are atomic).
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
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
