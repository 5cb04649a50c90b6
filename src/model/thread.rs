//! A conversation around one post, network-neutral: the ancestors from the root down, the post
//! itself (the anchor), and the replies as a tree, flattened into rows that know their depth.
//! Pure: no IO.

use jiff::Timestamp;
use serde::Serialize;

use super::{Author, Post, PostKey, RichText};

/// Deepest level kept: a hostile server cannot make murre walk an endless chain.
pub const MAX_DEPTH: usize = 256;

/// Most rows one thread keeps.
pub const MAX_NODES: usize = 2000;

/// One place in a thread.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ThreadItem {
    /// A post murre can show and act on.
    Post(Box<Post>),
    /// Text that is not a post of its own (a Tumblr reblog-trail entry or reply note): shown, not acted on.
    Comment { author: Author, text: RichText, at: Option<Timestamp> },
    /// A post that cannot be shown, and why (deleted, blocked, not found).
    Gone { why: String },
}

impl ThreadItem {
    /// The post, when the item is one.
    pub fn post(&self) -> Option<&Post> {
        match self {
            ThreadItem::Post(p) => Some(p),
            _ => None,
        }
    }

    /// The post, to change (a like shown at once).
    pub fn post_mut(&mut self) -> Option<&mut Post> {
        match self {
            ThreadItem::Post(p) => Some(p),
            _ => None,
        }
    }

    /// Who wrote it, when known.
    pub fn author(&self) -> Option<&Author> {
        match self {
            ThreadItem::Post(p) => Some(&p.author),
            ThreadItem::Comment { author, .. } => Some(author),
            ThreadItem::Gone { .. } => None,
        }
    }
}

/// A reply and the replies to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    pub item: ThreadItem,
    pub replies: Vec<Branch>,
}

/// One row of a flattened thread.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThreadNode {
    /// 0 for the root; each reply one deeper than what it answers.
    pub depth: usize,
    pub item: ThreadItem,
}

/// A flattened conversation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Thread {
    pub nodes: Vec<ThreadNode>,
    /// The row of the post the thread was opened on.
    pub anchor: usize,
    /// What the network shows of a conversation, when it is not the whole of it (Tumblr).
    pub note: Option<String>,
}

impl Thread {
    /// The thread of `anchor`: `ancestors` from the root down (each one level deeper), the anchor
    /// below them, then `replies` depth first.
    pub fn new(ancestors: Vec<ThreadItem>, anchor: Post, replies: Vec<Branch>) -> Thread {
        let mut nodes: Vec<ThreadNode> =
            ancestors.into_iter().take(MAX_DEPTH).enumerate().map(|(depth, item)| ThreadNode { depth, item }).collect();
        let at = nodes.len();
        nodes.push(ThreadNode { depth: at, item: ThreadItem::Post(Box::new(anchor)) });
        let mut stack: Vec<(usize, Branch)> = replies.into_iter().rev().map(|b| (at + 1, b)).collect();
        while let Some((depth, branch)) = stack.pop() {
            if nodes.len() >= MAX_NODES {
                break;
            }
            if depth < MAX_DEPTH {
                stack.extend(branch.replies.into_iter().rev().map(|b| (depth + 1, b)));
            }
            nodes.push(ThreadNode { depth, item: branch.item });
        }
        Thread { nodes, anchor: at, note: None }
    }

    /// Builds the reply tree under `anchor` from a flat list of posts that name their parent
    /// (`reply_to.id`, the parent's id on the network), oldest first among siblings. A post whose
    /// parent is neither the anchor nor in the list hangs under a note that its parent is gone.
    pub fn tree(anchor: &PostKey, posts: Vec<Post>) -> Vec<Branch> {
        let ids: Vec<String> = posts.iter().map(|p| local_id(&p.id.key).to_string()).collect();
        let parent_of = |p: &Post| p.reply_to.as_ref().and_then(|r| r.id.clone()).unwrap_or_default();
        let parents: Vec<String> = posts.iter().map(parent_of).collect();
        let mut slots: Vec<Option<Post>> = posts.into_iter().map(Some).collect();
        let top = local_id(anchor);
        let mut under_anchor = children(top, &parents, &mut slots, 0);
        let orphans: Vec<usize> =
            (0..slots.len()).filter(|&i| slots[i].is_some() && !ids.contains(&parents[i])).collect();
        let mut gone_parents: Vec<&String> = orphans.iter().map(|&i| &parents[i]).collect();
        gone_parents.sort_unstable();
        gone_parents.dedup();
        for parent in gone_parents {
            let replies = children(parent, &parents, &mut slots, 1);
            let why = "a reply that is gone (deleted, or not visible to this account)".to_string();
            under_anchor.push(Branch { item: ThreadItem::Gone { why }, replies });
        }
        under_anchor
    }
}

/// The branches answering `parent`, each taken out of `slots` once (so a cycle ends).
fn children(parent: &str, parents: &[String], slots: &mut [Option<Post>], depth: usize) -> Vec<Branch> {
    if depth >= MAX_DEPTH {
        return Vec::new();
    }
    let mine: Vec<usize> = (0..slots.len()).filter(|&i| parents[i] == parent && slots[i].is_some()).collect();
    let mut taken: Vec<Post> = mine.iter().filter_map(|&i| slots[i].take()).collect();
    taken.sort_by_key(|p| p.created_at);
    taken
        .into_iter()
        .map(|post| {
            let id = local_id(&post.id.key).to_string();
            let replies = if id == parent { Vec::new() } else { children(&id, parents, slots, depth + 1) };
            Branch { item: ThreadItem::Post(Box::new(post)), replies }
        })
        .collect()
}

/// The id a reply names its parent by: the Mastodon status id, the Bluesky at-uri, the Tumblr id.
pub fn local_id(key: &PostKey) -> &str {
    match key {
        PostKey::Mastodon { id, .. } => id,
        PostKey::Bluesky { uri, .. } => uri,
        PostKey::Tumblr { id, .. } => id,
    }
}

#[cfg(test)]
#[path = "thread_tests.rs"]
mod tests;
