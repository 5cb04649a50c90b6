//! Posts from the timeline cache, drawn in the first frame while the servers are asked. Each source's
//! cached posts stay when its first fresh page overlaps them; when it does not (more was posted
//! since than one page holds), they leave, so the timeline never shows a silent gap.

use jiff::Timestamp;

use super::{App, nav};
use crate::model::Post;

/// What one source's cache put in the timeline, until its first fresh page arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    pub source: usize,
    pub slots: Vec<u32>,
    /// Feed time of the newest cached post.
    pub newest: Timestamp,
}

/// Puts `posts` (the cache of source `source`) in the timeline. They are merged under their own
/// name, so they never hold the watermark or stand in for a page the source delivered.
pub fn load(app: &mut App, source: usize, posts: Vec<Post>) {
    let Some(account) = app.sources.get(source).map(|s| s.account.0.clone()) else { return };
    let Some(newest) = posts.iter().map(Post::feed_time).max() else { return };
    let keys: Vec<String> = posts.iter().map(Post::feed_key).collect();
    app.timeline.merge(&format!("cache:{account}"), posts);
    let slots = keys.iter().filter_map(|k| app.timeline.slot_of(k)).collect();
    app.cached.push(Cached { source, slots, newest });
    nav::rebuild_rows(app);
}

/// The first fresh page of `source` arrived (before it is merged). When it ends above every cached
/// post and there is more below it, the cached posts leave. Otherwise the page reaches them: they join
/// it, so the source counts as having delivered down to them and they stay visible.
pub(super) fn settle(app: &mut App, source: usize, page: &mut crate::backend::Page<Post>) {
    let Some(at) = app.cached.iter().position(|c| c.source == source) else { return };
    let cached = app.cached.remove(at);
    let oldest_fresh = page.items.iter().map(Post::feed_time).min();
    if page.older.is_some() && oldest_fresh.is_some_and(|t| t > cached.newest) {
        app.timeline.remove_slots(&cached.slots);
        nav::rebuild_rows(app);
    } else {
        page.items.extend(cached.slots.iter().filter_map(|&s| app.timeline.post(s)).cloned());
    }
}
