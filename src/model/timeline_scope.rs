//! Which sources a pane shows. Every page lands in the one timeline, tagged with the source that
//! brought it: an account's home feed (keyed by the account id) or a list or custom feed (keyed by
//! `Source::key`). A pane shows a scope of sources:
//! - the merged timeline: every source not taken out of it (feeds are out unless the reader put
//!   them in);
//! - an account's pane or a pane of lists and feeds: exactly the sources it names.
//!
//! A list's or feed's posts are kept apart: a post that is both in a home feed and in a list is held
//! twice, once per source, so each source pages, drops and fetches again on its own cursors. A pane
//! whose scope holds both copies shows the post once.
//!
//! The watermark and the ceiling are per scope: rows of a pane are held back only by its own sources.

use jiff::Timestamp;

use super::{Network, Post, Timeline, nanos};

/// Marks a kept-apart copy's feed key: `{feed key}\u{1f}{source}` (never in a URI or account id).
const APART: char = '\u{1f}';

/// The sources a pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// The merged timeline: every source not excluded.
    Merged,
    /// Exactly these sources.
    Only(&'a [String]),
}

impl Timeline {
    /// Keeps `source`'s posts as its own copies (a list or custom feed), out of the merged timeline
    /// until `set_excluded(source, false)` puts it in.
    pub fn keep_apart(&mut self, source: &str) {
        self.apart.insert(source.to_string());
        self.excluded.insert(source.to_string());
    }

    /// Whether `source` is a list or feed kept apart.
    pub fn is_apart(&self, source: &str) -> bool {
        self.apart.contains(source)
    }

    /// The source whose page brought `slot`'s post.
    pub fn origin(&self, slot: u32) -> &str {
        let i = self.from.get(slot as usize).copied().unwrap_or(0);
        self.origins.get(usize::from(i)).map_or("", String::as_str)
    }

    pub(super) fn origin_index(&mut self, source: &str) -> u16 {
        if let Some(i) = self.origins.iter().position(|o| o == source) {
            return u16::try_from(i).unwrap_or(u16::MAX);
        }
        self.origins.push(source.to_string());
        u16::try_from(self.origins.len() - 1).unwrap_or(u16::MAX)
    }

    /// The key a post is held under: its feed key, or for a source kept apart, its own copy's.
    pub(super) fn item_key(&self, source: &str, post: &Post) -> String {
        if self.apart.contains(source) { format!("{}{APART}{source}", post.feed_key()) } else { post.feed_key() }
    }

    fn in_scope(&self, scope: Scope, source: &str) -> bool {
        match scope {
            Scope::Merged => !self.excluded.contains(source),
            Scope::Only(keys) => keys.iter().any(|k| k == source),
        }
    }

    /// The watermark of `scope`: its rows older than this wait until the source holding it loads more.
    pub fn watermark_in(&self, scope: Scope) -> Option<Timestamp> {
        self.marks_in(scope).filter_map(|(_, m)| m.oldest).max()
    }

    /// The source of `scope` whose next older page moves its watermark (the one to fetch from).
    pub fn source_holding_watermark_in(&self, scope: Scope) -> Option<&str> {
        let mark = self.watermark_in(scope)?;
        let holds =
            |(k, m): (&String, &super::SourceMark)| m.has_more && m.oldest == Some(mark) && self.in_scope(scope, k);
        self.sources.iter().find(|&entry| holds(entry)).map(|(k, _)| k.as_str())
    }

    fn marks_in<'s>(&'s self, scope: Scope<'s>) -> impl Iterator<Item = (&'s String, &'s super::SourceMark)> {
        self.sources.iter().filter(move |(k, m)| m.has_more && self.in_scope(scope, k))
    }

    /// The ceiling of `scope`: its rows at or newer than this wait for pages dropped above.
    pub(super) fn ceiling_in(&self, scope: Scope) -> Option<i64> {
        self.above.iter().filter(|(k, _)| self.in_scope(scope, k)).map(|(_, a)| a.ceiling).min()
    }

    /// The source of `scope` holding its ceiling and the page to fetch for it (`None`: its newest).
    pub fn page_above_in(&self, scope: Scope) -> Option<(&str, Option<&str>)> {
        let ceiling = self.ceiling_in(scope)?;
        let holds = |(k, a): &(&String, &super::Above)| a.ceiling == ceiling && self.in_scope(scope, k);
        let (source, above) = self.above.iter().find(holds)?;
        Some((source.as_str(), above.pages.last()?.as_deref()))
    }

    /// Whether `scope` has rows held back above (its reader is not at the real top).
    pub fn has_above_in(&self, scope: Scope) -> bool {
        self.ceiling_in(scope).is_some()
    }

    /// The part of the order `scope` shows: below its ceiling, above its watermark.
    pub(super) fn visible_range_in(&self, scope: Scope) -> std::ops::Range<usize> {
        let top = self.ceiling_in(scope).map_or(0, |c| self.order.partition_point(|e| e.nanos >= c));
        let end = match self.watermark_in(scope) {
            None => self.order.len(),
            Some(mark) => {
                let mark = nanos(mark);
                self.order.partition_point(|e| e.nanos >= mark)
            }
        };
        top..end.max(top)
    }

    /// The rows `scope` shows, optionally only those on `network`. The merged timeline shows each
    /// row's primary while any of its posts is in scope; a pane of named sources shows its own post
    /// of each row. A post held twice (home and list) shows once: its copies have the same time, so
    /// they are next to each other in the order.
    pub fn rows_in(&self, scope: Scope, network: Option<Network>) -> Vec<u32> {
        let entries = &self.order[self.visible_range_in(scope)];
        // Whether each source is in scope, decided once: a row then costs no string lookup, and none
        // at all when every source is in (the merged timeline with nothing taken out).
        let inside: Vec<bool> = self.origins.iter().map(|o| self.in_scope(scope, o)).collect();
        let everything = scope == Scope::Merged && inside.iter().all(|&b| b);
        let within = |s: u32| {
            let origin = self.from.get(s as usize).map_or(usize::MAX, |&i| usize::from(i));
            inside.get(origin).copied().unwrap_or(false)
        };
        let shown = |slot: u32| -> Option<u32> {
            let slot = if everything || within(slot) {
                slot
            } else {
                let member = self.also(slot).iter().copied().find(|&s| within(s))?;
                if scope == Scope::Merged { slot } else { member }
            };
            let on = |n: Network| match scope {
                Scope::Merged => self.row_has_network(slot, n),
                Scope::Only(_) => self.post(slot).is_some_and(|p| p.network() == n),
            };
            let muted = !self.muted.is_empty() && self.muted.contains(&slot);
            (!muted && network.is_none_or(on)).then_some(slot)
        };
        let twice = self.apart.iter().any(|k| self.in_scope(scope, k));
        let mut rows = Vec::with_capacity(entries.len());
        // The posts shown at the current time, to skip a second copy of one.
        let mut at: (i64, Vec<&str>) = (i64::MIN, Vec::new());
        for e in entries {
            let Some(slot) = shown(e.slot) else { continue };
            if twice {
                let post = self.keys[slot as usize].split(APART).next().unwrap_or_default();
                if at.0 != e.nanos {
                    at.0 = e.nanos;
                    at.1.clear();
                }
                if at.1.contains(&post) {
                    continue;
                }
                at.1.push(post);
            }
            rows.push(slot);
        }
        rows
    }
}

#[cfg(test)]
#[path = "timeline_scope_tests.rs"]
mod tests;
