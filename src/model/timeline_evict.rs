//! Bounded memory: the timeline keeps `max_posts` rows around the reader and drops the rest, with
//! what it takes to fetch them again when the reader scrolls back to them.
//!
//! Every post remembers the page it came in: the cursor that fetched the page (`None`: the newest
//! page) and the cursor that continues after it. Cursors stay opaque, so this works the same for
//! Mastodon's ids, Bluesky's cursors and Tumblr's offsets.
//! - Rows dropped below the reader: the source's next older page becomes the page of its newest
//!   dropped post (fetched again; the posts still held come back as duplicates and are skipped).
//!   A post from a newest page cannot be fetched that way, so its whole page stays and the source
//!   goes on after it. The watermark keeps the merged order honest, as for any older page.
//! - Rows dropped above the reader: each source keeps the cursors of the pages it lost, nearest
//!   last, and a ceiling: rows at or above the time of its oldest dropped post are held back (as the
//!   watermark holds back rows below) until those pages are fetched again, one by one.
//!
//! Slots are renumbered after a drop (so memory really goes); the caller remaps what it holds.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use jiff::Timestamp;

use super::{Entry, Timeline, nanos};

/// Where a page came from and where its feed goes on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageTag {
    /// The cursor that fetched the page; `None` for a source's newest page.
    pub fetched_with: Option<String>,
    /// The cursor for the page after it; `None` at the end of the feed.
    pub next: Option<String>,
}

/// Rows a source lost above the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Above {
    /// Rows at or newer than this (nanoseconds) are held back.
    pub ceiling: i64,
    /// Cursors of the pages to fetch again (`None`: the newest page), nearest last.
    pub pages: Vec<Option<String>>,
}

/// What a drop changed, for the caller.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Eviction {
    /// Old slot to new slot (`None`: dropped).
    pub remap: Vec<Option<u32>>,
    /// Sources whose next older page changed, and to what (`None`: no older page).
    pub older: Vec<(String, Option<String>)>,
    /// Rows dropped.
    pub dropped: usize,
}

impl Eviction {
    /// The new slot of `slot`, if it stayed.
    pub fn slot(&self, slot: u32) -> Option<u32> {
        self.remap.get(slot as usize).copied().flatten()
    }
}

impl Timeline {
    /// Merges a page of `source` and remembers where it came from (so its posts can be dropped and
    /// fetched again).
    pub fn merge_page(&mut self, source: &str, page: Vec<super::Post>, tag: PageTag) -> super::MergeOutcome {
        let first = self.posts.len();
        let outcome = self.merge(source, page);
        let tag = Arc::new(tag);
        for slot in &mut self.pages[first..] {
            *slot = Some(Arc::clone(&tag));
        }
        outcome
    }

    /// The merged timeline's ceiling: rows at or newer than this are held back until pages above
    /// are fetched again.
    pub(super) fn ceiling(&self) -> Option<i64> {
        self.ceiling_in(super::Scope::Merged)
    }

    /// The source holding the merged timeline's ceiling and the page to fetch for it (`None`: its
    /// newest page).
    pub fn page_above(&self) -> Option<(&str, Option<&str>)> {
        self.page_above_in(super::Scope::Merged)
    }

    /// The page `source` fetches again next (`None` inside: its newest page), if it lost any.
    pub fn page_above_of(&self, source: &str) -> Option<Option<&str>> {
        Some(self.above.get(source)?.pages.last()?.as_deref())
    }

    /// Whether rows are held back above (the reader is not at the real top).
    pub fn has_above(&self) -> bool {
        self.ceiling().is_some()
    }

    /// A page fetched again above arrived (after `merge_page`): the ceiling rises to its newest
    /// post; after the last page (or a newest page) the source is whole again.
    pub fn above_loaded(&mut self, source: &str, newest: Option<Timestamp>) {
        let Some(above) = self.above.get_mut(source) else { return };
        let popped = above.pages.pop();
        if above.pages.is_empty() || popped == Some(None) {
            self.above.remove(source);
        } else if let Some(t) = newest {
            above.ceiling = above.ceiling.max(nanos(t).saturating_add(1));
        }
    }

    /// Drops rows beyond `max_posts` (with some slack, so a drop is rare), keeping a window around
    /// the row of `anchor` (the reader's post). `None` when nothing was dropped.
    pub fn evict(&mut self, anchor: Option<u32>) -> Option<Eviction> {
        let max = self.max_posts;
        let len = self.order.len();
        if max == 0 || len <= max + max / 10 {
            return None;
        }
        let row = anchor.and_then(|s| {
            let primary = self.primary_of(s);
            self.order.iter().position(|e| e.slot == primary)
        });
        let start = row.unwrap_or(0).saturating_sub(max / 2).min(len - max);
        let (top, bottom) = (self.row_slots(0..start), self.row_slots(start + max..len));
        let mut gone: HashSet<u32> = HashSet::new();
        self.drop_above(&top, &mut gone);
        let older = self.drop_below(&bottom, &mut gone);
        self.keep_whole_rows(&mut gone);
        let dropped = self.order.iter().filter(|e| gone.contains(&e.slot)).count();
        let remap = self.compact(&gone);
        Some(Eviction { remap, older, dropped })
    }

    /// The slots (primaries and cross-posts) of rows `range`, newest first, with a page to come
    /// back from.
    fn row_slots(&self, range: std::ops::Range<usize>) -> Vec<u32> {
        self.order[range]
            .iter()
            .flat_map(|e| std::iter::once(e.slot).chain(self.also(e.slot).iter().copied()))
            .filter(|&s| self.pages.get(s as usize).is_some_and(Option::is_some))
            .collect()
    }

    /// A row goes whole or stays whole: one post that stays (a whole newest page, a post with no
    /// page) keeps its cross-posts.
    fn keep_whole_rows(&self, gone: &mut HashSet<u32>) {
        for e in &self.order {
            let members = || std::iter::once(e.slot).chain(self.also(e.slot).iter().copied());
            if members().any(|s| !gone.contains(&s)) {
                for s in members() {
                    gone.remove(&s);
                }
            }
        }
    }

    fn owner(&self, slot: u32) -> String {
        self.origin(slot).to_string()
    }

    fn page(&self, slot: u32) -> Option<&Arc<PageTag>> {
        self.pages.get(slot as usize).and_then(Option::as_ref)
    }

    /// Drops `slots` (newest first) above the reader: each source remembers its pages and a ceiling.
    fn drop_above(&mut self, slots: &[u32], gone: &mut HashSet<u32>) {
        let mut per_source: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for &s in slots {
            per_source.entry(self.owner(s)).or_default().push(s);
        }
        for (source, slots) in per_source {
            let Some(&oldest) = slots.last() else { continue };
            let mut pages: Vec<Option<String>> = Vec::new();
            for &s in &slots {
                let cursor = self.page(s).and_then(|p| p.fetched_with.clone());
                if pages.last() != Some(&cursor) {
                    pages.push(cursor);
                }
            }
            let ceiling = nanos(self.posts[oldest as usize].feed_time());
            let above = self.above.entry(source).or_insert(Above { ceiling, pages: Vec::new() });
            above.ceiling = above.ceiling.min(ceiling);
            for p in pages {
                if above.pages.last() != Some(&p) {
                    above.pages.push(p);
                }
            }
            gone.extend(slots);
        }
    }

    /// Drops `slots` (newest first) below the reader; returns each source's new older cursor.
    fn drop_below(&mut self, slots: &[u32], gone: &mut HashSet<u32>) -> Vec<(String, Option<String>)> {
        let mut per_source: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for &s in slots {
            per_source.entry(self.owner(s)).or_default().push(s);
        }
        let mut older = Vec::new();
        for (source, slots) in per_source {
            let Some(&first) = slots.first() else { continue };
            let Some(newest) = self.page(first).cloned() else { continue };
            let (keep, next): (Vec<u32>, Option<String>) = match &newest.fetched_with {
                Some(cursor) => (Vec::new(), Some(cursor.clone())),
                // A newest page cannot be asked for again: it stays whole and the feed goes on after it.
                None => {
                    let same = |s: &u32| self.page(*s).is_some_and(|p| Arc::ptr_eq(p, &newest));
                    (slots.iter().copied().filter(same).collect(), newest.next.clone())
                }
            };
            gone.extend(slots.iter().filter(|s| !keep.contains(s)));
            // The source is whole down to just above its newest dropped post, or, when that post's
            // newest page stayed, down to the end of that page.
            let just_above =
                self.posts[first as usize].feed_time().checked_add(jiff::SignedDuration::from_nanos(1)).ok();
            let oldest = if keep.is_empty() { just_above } else { self.oldest_kept(&source, gone) };
            let mark = self.sources.entry(source.clone()).or_default();
            mark.has_more = next.is_some();
            mark.oldest = oldest.or(mark.oldest);
            older.push((source, next));
        }
        older
    }

    fn oldest_kept(&self, source: &str, gone: &HashSet<u32>) -> Option<Timestamp> {
        self.live().filter(|(s, _)| !gone.contains(s) && self.origin(*s) == source).map(|(_, p)| p.feed_time()).min()
    }

    /// Renumbers the slots that stay (and frees the ones deleted earlier); returns old -> new.
    fn compact(&mut self, gone: &HashSet<u32>) -> Vec<Option<u32>> {
        let live: HashSet<u32> = self.live().map(|(s, _)| s).collect();
        let mut remap = vec![None; self.posts.len()];
        let (posts, keys) = (std::mem::take(&mut self.posts), std::mem::take(&mut self.keys));
        let (pages, norms) = (std::mem::take(&mut self.pages), std::mem::take(&mut self.norms));
        let from = std::mem::take(&mut self.from);
        let all = posts.into_iter().zip(keys).zip(pages).zip(norms).zip(from);
        for (old, ((((post, key), page), norm), from)) in all.enumerate() {
            let old = u32::try_from(old).unwrap_or(u32::MAX);
            if gone.contains(&old) || !live.contains(&old) {
                continue;
            }
            remap[old as usize] = u32::try_from(self.posts.len()).ok();
            self.posts.push(post);
            self.keys.push(key);
            self.pages.push(page);
            self.norms.push(norm);
            self.from.push(from);
        }
        let map = |s: u32| remap.get(s as usize).copied().flatten();
        // Keys of dropped and deleted posts are already gone from `by_key` or go now; the rest move.
        self.by_key.retain(|_, slot| match map(*slot) {
            Some(new) => {
                *slot = new;
                true
            }
            None => false,
        });
        self.order = self.order.iter().filter_map(|e| Some(Entry { nanos: e.nanos, slot: map(e.slot)? })).collect();
        let also: HashMap<u32, Vec<u32>> = std::mem::take(&mut self.also)
            .into_iter()
            .filter_map(|(p, members)| Some((map(p)?, members.into_iter().filter_map(map).collect::<Vec<_>>())))
            .filter(|(_, m)| !m.is_empty())
            .collect();
        self.also = also;
        self.muted = self.muted.iter().filter_map(|&s| map(s)).collect();
        remap
    }
}

#[cfg(test)]
#[path = "timeline_evict_tests.rs"]
mod tests;
