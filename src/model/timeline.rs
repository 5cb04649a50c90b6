//! The merged timeline: posts from every source in one stable order, deduplicated by global
//! identity, cross-posts grouped, and cut at the watermark so that loading older pages never
//! inserts above what the reader has seen. Pure: no IO.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use jiff::Timestamp;

use super::{Network, Post};

/// How far apart two posts may be and still count as one cross-post.
const GROUP_WINDOW_SECS: i64 = 5 * 60;

/// A row's place in the order: newest first, ties broken by the feed key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    /// Feed time in nanoseconds (i64 covers 1677-2262 and keeps the entry at 16 bytes).
    nanos: i64,
    slot: u32,
}

/// Per-source paging state used by the watermark rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SourceMark {
    /// Feed time of the oldest item this source has delivered.
    pub oldest: Option<Timestamp>,
    /// Whether the source has older pages.
    pub has_more: bool,
}

/// What a merge did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeOutcome {
    pub added: usize,
    pub duplicates: usize,
    pub grouped: usize,
}

/// The merged timeline.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    posts: Vec<Post>,
    keys: Vec<String>,
    order: Vec<Entry>,
    by_key: HashMap<String, u32>,
    also: HashMap<u32, Vec<u32>>,
    sources: BTreeMap<String, SourceMark>,
    /// Sources the reader took out of the merged timeline: their rows are hidden and they hold no watermark.
    excluded: HashSet<String>,
    /// Group identical cross-posts into one row.
    pub grouping: bool,
    /// murre's muted words (lowercase) and the slots they hide (see `timeline_mute`).
    mute_words: Vec<String>,
    muted: HashSet<u32>,
    /// Per slot: the page the post came in (`None`: not from a feed page, never evicted).
    pages: Vec<Option<Arc<PageTag>>>,
    /// Per slot: a hash of the text cross-post grouping compares, so a merge hashes each post once.
    norms: Vec<u64>,
    /// Per slot: the source whose page brought the post (an index into `origins`).
    from: Vec<u16>,
    /// Source keys, each once, as `from` names them.
    origins: Vec<String>,
    /// Sources whose posts are kept as their own copies (lists and feeds; see `timeline_scope`).
    apart: HashSet<String>,
    /// Sources whose newest posts were evicted, with the pages to fetch them again.
    above: BTreeMap<String, Above>,
    /// How many rows the timeline keeps (0: no bound); see `timeline_evict`.
    pub max_posts: usize,
}

impl Timeline {
    /// An empty timeline with cross-post grouping on.
    pub fn new() -> Self {
        Timeline { grouping: true, ..Timeline::default() }
    }

    /// Number of rows (groups count once), including rows below the watermark.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The post in `slot`.
    pub fn post(&self, slot: u32) -> Option<&Post> {
        self.posts.get(slot as usize)
    }

    /// Mutable access to the post in `slot` (for local state such as a like).
    pub fn post_mut(&mut self, slot: u32) -> Option<&mut Post> {
        self.posts.get_mut(slot as usize)
    }

    /// The other posts grouped with the row whose primary is `slot` (cross-posts).
    pub fn also(&self, slot: u32) -> &[u32] {
        self.also.get(&slot).map_or(&[], Vec::as_slice)
    }

    /// The paging state of `source`.
    pub fn source(&self, source: &str) -> SourceMark {
        self.sources.get(source).copied().unwrap_or_default()
    }

    /// Records whether `source` has older pages (from the page it just delivered).
    pub fn set_has_more(&mut self, source: &str, has_more: bool) {
        self.sources.entry(source.to_string()).or_default().has_more = has_more;
    }

    /// Forgets a source's paging state (its rows stay).
    pub fn forget_source(&mut self, source: &str) {
        self.sources.remove(source);
    }

    /// Takes `source` out of the merged timeline (or puts it back).
    pub fn set_excluded(&mut self, source: &str, excluded: bool) {
        if excluded {
            self.excluded.insert(source.to_string());
        } else {
            self.excluded.remove(source);
        }
    }

    /// The watermark of the merged timeline: rows older than this are held back until the source
    /// that holds it loads more.
    pub fn watermark(&self) -> Option<Timestamp> {
        self.watermark_in(Scope::Merged)
    }

    /// The source whose next older page moves the merged timeline's watermark (the one to fetch from).
    pub fn source_holding_watermark(&self) -> Option<&str> {
        self.source_holding_watermark_in(Scope::Merged)
    }

    /// Number of rows above the watermark: the ones to show.
    pub fn visible_len(&self) -> usize {
        self.visible_range_in(Scope::Merged).end
    }

    /// The primary slots of the merged timeline's rows, optionally only those touching `network`.
    pub fn rows(&self, network: Option<Network>) -> Vec<u32> {
        self.rows_in(Scope::Merged, network)
    }

    /// The rows one source's pane shows: its own post of each row it has one in (a cross-post shows
    /// as the account posted it), whether or not the source is in the merged timeline.
    pub fn rows_of(&self, source: &str, network: Option<Network>) -> Vec<u32> {
        self.rows_in(Scope::Only(&[source.to_string()]), network)
    }

    fn row_members(&self, slot: u32) -> impl Iterator<Item = &Post> {
        std::iter::once(slot).chain(self.also(slot).iter().copied()).filter_map(|s| self.post(s))
    }

    /// Whether a row (its primary or a grouped cross-post) is on `network`. Allocates nothing.
    pub fn row_has_network(&self, slot: u32, network: Network) -> bool {
        self.row_members(slot).any(|p| p.network() == network)
    }

    /// The networks a row spans (its primary and grouped cross-posts).
    pub fn row_networks(&self, slot: u32) -> Vec<Network> {
        let mut nets: Vec<Network> = std::iter::once(slot)
            .chain(self.also(slot).iter().copied())
            .filter_map(|s| self.post(s).map(Post::network))
            .collect();
        nets.dedup();
        nets
    }

    /// The key `slot` is held under: its feed key, or a list's or feed's own copy's (see
    /// `timeline_scope`); `slot_of` finds it again.
    pub fn key_of(&self, slot: u32) -> Option<&str> {
        self.keys.get(slot as usize).map(String::as_str)
    }

    /// The slot holding the feed item `feed_key`, if loaded.
    pub fn slot_of(&self, feed_key: &str) -> Option<u32> {
        self.by_key.get(feed_key).copied()
    }

    /// The primary row a slot belongs to (itself, or the row it is grouped into).
    pub fn primary_of(&self, slot: u32) -> u32 {
        self.also.iter().find(|(_, members)| members.contains(&slot)).map_or(slot, |(p, _)| *p)
    }

    /// Merges a page from `source` into the timeline.
    pub fn merge(&mut self, source: &str, page: Vec<Post>) -> MergeOutcome {
        let mut outcome = MergeOutcome::default();
        let origin = self.origin_index(source);
        let mut fresh: Vec<Entry> = Vec::with_capacity(page.len());
        let mark = self.sources.entry(source.to_string()).or_default();
        for post in &page {
            let t = post.feed_time();
            mark.oldest = Some(mark.oldest.map_or(t, |o| o.min(t)));
        }
        for post in page {
            let key = self.item_key(source, &post);
            if self.by_key.contains_key(&key) {
                outcome.duplicates += 1;
                continue;
            }
            let slot = self.push(key, post, origin);
            match self.find_group(slot, &fresh) {
                Some(primary) => {
                    self.also.entry(primary).or_default().push(slot);
                    outcome.grouped += 1;
                }
                None => {
                    fresh.push(self.entry(slot));
                    outcome.added += 1;
                }
            }
        }
        if !fresh.is_empty() {
            fresh.sort_by(|a, b| self.cmp_entries(a, b));
            let mut order = std::mem::take(&mut self.order);
            insert_sorted(&mut order, &fresh, |a, b| self.cmp_entries(a, b));
            self.order = order;
        }
        outcome
    }

    fn push(&mut self, key: String, post: Post, origin: u16) -> u32 {
        // Slots are u32 to keep the order vector small; four billion posts is out of reach.
        let slot = u32::try_from(self.posts.len()).unwrap_or(u32::MAX);
        self.by_key.insert(key.clone(), slot);
        self.keys.push(key);
        self.posts.push(post);
        self.pages.push(None);
        self.from.push(origin);
        self.norms.push(norm_hash(&normalize(&self.posts[self.posts.len() - 1])));
        self.decide_mute(slot);
        slot
    }

    fn entry(&self, slot: u32) -> Entry {
        Entry { nanos: nanos(self.posts[slot as usize].feed_time()), slot }
    }

    fn cmp_entries(&self, a: &Entry, b: &Entry) -> Ordering {
        b.nanos.cmp(&a.nanos).then_with(|| self.keys[b.slot as usize].cmp(&self.keys[a.slot as usize]))
    }

    /// A row that `slot` is a cross-post of: same author name, same text, another network, close in time.
    fn find_group(&self, slot: u32, fresh: &[Entry]) -> Option<u32> {
        if !self.grouping {
            return None;
        }
        let post = &self.posts[slot as usize];
        if post.repost.is_some() || post.text.is_empty() {
            return None;
        }
        let t = nanos(post.created_at);
        let window = GROUP_WINDOW_SECS * 1_000_000_000;
        let lo = self.order.partition_point(|e| e.nanos > t.saturating_add(window));
        let hi = self.order.partition_point(|e| e.nanos >= t.saturating_sub(window));
        let norm = self.norms.get(slot as usize).copied().unwrap_or_default();
        self.order[lo..hi]
            .iter()
            .chain(fresh.iter().filter(|e| e.nanos.abs_diff(t) <= window.unsigned_abs()))
            .map(|e| e.slot)
            .find(|&other| self.is_cross_post(slot, post, norm, other))
    }

    fn is_cross_post(&self, slot: u32, post: &Post, norm: u64, other: u32) -> bool {
        let Some(o) = self.post(other) else { return false };
        // A list's or feed's copy groups only with copies of its kind, so the merged timeline's
        // rows never hang on a feed's post.
        let apart = |s: u32| self.apart.contains(self.origin(s));
        o.network() != post.network()
            && self.norms.get(other as usize) == Some(&norm)
            && o.repost.is_none()
            && apart(other) == apart(slot)
            && o.author.shown_name().trim() == post.author.shown_name().trim()
            && !self.row_has_network(other, post.network())
            && normalize(o) == normalize(post)
    }
}

/// Text compared for cross-post grouping: whitespace collapsed, case folded. A content warning
/// counts as the first line `CW: …`, which is how murre (and other cross-posters) carry it to
/// networks that have none.
fn normalize(post: &Post) -> String {
    let text = post.text.to_plain();
    let plain = match post.cw.as_deref().map(str::trim).filter(|cw| !cw.is_empty()) {
        Some(cw) => format!("cw: {cw}\n{text}").to_lowercase(),
        None => text.to_lowercase(),
    };
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn norm_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// A timestamp as i64 nanoseconds, saturating outside 1677-2262.
fn nanos(t: Timestamp) -> i64 {
    i64::try_from(t.as_nanosecond()).unwrap_or(if t.as_second() < 0 { i64::MIN } else { i64::MAX })
}

/// Inserts the sorted `fresh` entries into the sorted `order` in place: one binary search and one
/// block move per fresh entry, so a page landing at either end costs a single memmove at most.
fn insert_sorted(order: &mut Vec<Entry>, fresh: &[Entry], cmp: impl Fn(&Entry, &Entry) -> Ordering) {
    let mut end = order.len();
    order.resize(end + fresh.len(), Entry { nanos: 0, slot: 0 });
    for (j, f) in fresh.iter().enumerate().rev() {
        let pos = order[..end].partition_point(|e| cmp(e, f) != Ordering::Greater);
        order.copy_within(pos..end, pos + j + 1);
        order[pos + j] = *f;
        end = pos;
    }
}

#[path = "timeline_edit.rs"]
mod edit;

#[path = "timeline_evict.rs"]
mod evict;
use evict::Above;
pub use evict::{Eviction, PageTag};

#[path = "timeline_scope.rs"]
mod scope;
pub use scope::Scope;

#[path = "timeline_mute.rs"]
mod mute;
pub(crate) use mute::mutes as muted_by;

#[cfg(test)]
#[path = "timeline_tests.rs"]
mod tests;
