//! Image previews in the detail pane: which images the shown post needs, what came back (a cache
//! bounded by count and bytes, least recently used first out) and a note for an image that cannot
//! be shown. Pure: the runtime downloads and decodes (`Effect::FetchImage`) and the answer comes
//! back as `Msg::ImageFetched`; `i` hands the post's images to the viewer (`Effect::OpenImages`).

use std::collections::{HashMap, VecDeque};

use super::{App, Effect, Focus, ReqId};
use crate::model::{MediaKind, Post};

/// Most images of one post that get a preview.
pub const PER_POST: usize = 4;

/// A decoded image, ready to draw (the runtime scales it down to at most 1024 pixels a side).
#[derive(Clone)]
pub struct Preview {
    pub width: u32,
    pub height: u32,
    #[cfg(feature = "images")]
    pub image: std::sync::Arc<image::DynamicImage>,
}

impl Preview {
    /// What it holds in memory (RGBA), for the cache's bound.
    pub fn bytes(&self) -> usize {
        usize::try_from(u64::from(self.width) * u64::from(self.height) * 4).unwrap_or(usize::MAX)
    }
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Preview({}x{})", self.width, self.height)
    }
}

/// Where one image stands.
#[derive(Debug, Clone)]
pub enum Entry {
    /// Asked for; the answer to `ReqId` is awaited.
    Loading(ReqId),
    Ready(Preview),
    /// Why it cannot be shown (a readable note).
    Failed(String),
}

/// How much the cache keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub count: usize,
    pub bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { count: 32, bytes: 64 * 1024 * 1024 }
    }
}

/// The previews: whether they are on, and what was fetched.
#[derive(Debug, Default)]
pub struct Images {
    /// Previews are fetched and drawn (config, terminal and build allowing).
    pub enabled: bool,
    pub limits: Limits,
    entries: HashMap<String, Entry>,
    /// Least recently used first.
    order: VecDeque<String>,
    bytes: usize,
    /// How the terminal draws images (found at start, before keys are read).
    #[cfg(feature = "images")]
    pub picker: Option<ratatui_image::picker::Picker>,
    /// Images encoded for the terminal at one size: derived data the draw fills, droppable.
    #[cfg(feature = "images")]
    pub encoded: crate::ui::preview::Encoded,
}

impl Images {
    /// Where the image at `url` stands, if it was asked for.
    pub fn get(&self, url: &str) -> Option<&Entry> {
        self.entries.get(url)
    }

    /// How many images the cache holds, and their bytes.
    pub fn held(&self) -> (usize, usize) {
        (self.entries.len(), self.bytes)
    }

    /// Keeps `entry` for `url` as the most recent, then drops the least recent ones over the limits
    /// (never the one just kept).
    pub fn insert(&mut self, url: &str, entry: Entry) {
        self.remove(url);
        self.bytes += entry_bytes(&entry);
        self.entries.insert(url.to_string(), entry);
        self.order.push_back(url.to_string());
        while (self.entries.len() > self.limits.count || self.bytes > self.limits.bytes) && self.order.len() > 1 {
            let Some(oldest) = self.order.front().cloned() else { break };
            self.remove(&oldest);
        }
    }

    /// Marks `url` as just used.
    fn touch(&mut self, url: &str) {
        if let Some(i) = self.order.iter().position(|u| u == url)
            && let Some(u) = self.order.remove(i)
        {
            self.order.push_back(u);
        }
    }

    fn remove(&mut self, url: &str) {
        if let Some(old) = self.entries.remove(url) {
            self.bytes -= entry_bytes(&old);
            self.order.retain(|u| u != url);
        }
    }
}

fn entry_bytes(entry: &Entry) -> usize {
    match entry {
        Entry::Ready(p) => p.bytes(),
        _ => 0,
    }
}

/// The address of each image of `post` that gets a preview (the smaller preview file when the
/// network offers one).
pub fn wanted(post: &Post) -> Vec<&str> {
    post.media
        .iter()
        .filter(|m| matches!(m.kind, MediaKind::Image | MediaKind::Gif))
        .map(|m| m.preview_url.as_deref().unwrap_or(&m.url))
        .take(PER_POST)
        .collect()
}

/// Asks for the previews of the post in the detail pane that are not asked for yet (none while its
/// content warning is closed, or the pane is not on screen).
pub fn follow(app: &mut App) -> Vec<Effect> {
    if !app.images.enabled || !detail_shown(app) {
        return Vec::new();
    }
    let Some(place) = app.selected_place() else { return Vec::new() };
    let Some(post) = app.post_at(place) else { return Vec::new() };
    if post.cw.is_some() && !app.is_revealed_at(place) {
        return Vec::new();
    }
    let urls: Vec<String> = wanted(post).into_iter().map(str::to_string).collect();
    let mut effects = Vec::new();
    for url in urls {
        if app.images.get(&url).is_some() {
            app.images.touch(&url);
            continue;
        }
        let req = app.next_req();
        app.images.insert(&url, Entry::Loading(req));
        effects.push(Effect::FetchImage { req, url });
    }
    effects
}

/// Whether the detail pane is on screen (always when wide, else when it has the keyboard).
fn detail_shown(app: &App) -> bool {
    app.focus == Focus::Detail || app.size.0 >= crate::ui::SPLIT_WIDTH
}

/// An image came back: kept when it answers the request still awaited for its address (even if
/// another post is shown by now: it is there when the reader comes back); an answer nobody waits
/// for any more is dropped.
pub fn fetched(app: &mut App, req: ReqId, url: &str, result: Result<Preview, String>) -> Vec<Effect> {
    if !matches!(app.images.get(url), Some(Entry::Loading(r)) if *r == req) {
        return Vec::new();
    }
    let entry = match result {
        Ok(preview) => Entry::Ready(preview),
        Err(why) => Entry::Failed(why),
    };
    app.images.insert(url, entry);
    Vec::new()
}

/// `i`: the full images of the selected post, for the viewer.
pub fn open(app: &mut App) -> Vec<Effect> {
    let Some(post) = app.selected_post() else { return Vec::new() };
    let urls: Vec<String> = post
        .media
        .iter()
        .filter(|m| matches!(m.kind, MediaKind::Image | MediaKind::Gif))
        .map(|m| m.url.clone())
        .collect();
    if urls.is_empty() {
        super::update::toast(app, "this post has no images".to_string(), false);
        return Vec::new();
    }
    vec![Effect::OpenImages(urls)]
}
