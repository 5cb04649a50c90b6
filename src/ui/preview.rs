//! Image previews in the detail pane: the rows each image takes, the note for one that cannot be
//! shown, and (with the `images` feature) the image itself, encoded for the terminal by
//! `ratatui-image` (kitty, sixel, iTerm2 or half-blocks) and kept per size in a small derived cache.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::App;
use crate::app::images::Entry;

/// Tallest preview, in rows.
pub const MAX_ROWS: u16 = 14;

/// What the detail pane shows for the image at `url`: rows to keep free for the image, or a line of
/// text (loading, or why it cannot be shown); `None` when previews are off.
pub enum Shown {
    Rows(u16),
    Note(String),
}

/// How the image at `url` shows at `cols` wide with at most `rows` rows.
pub fn shown(app: &App, url: &str, cols: u16, rows: u16) -> Option<Shown> {
    if !app.images.enabled {
        return None;
    }
    match app.images.get(url)? {
        Entry::Loading(_) => Some(Shown::Note("loading the image…".into())),
        Entry::Failed(why) => Some(Shown::Note(format!("image not shown: {why}"))),
        Entry::Ready(_) => rows_for(app, url, cols, rows).map(Shown::Rows),
    }
}

#[cfg(feature = "images")]
fn rows_for(app: &App, url: &str, cols: u16, rows: u16) -> Option<u16> {
    app.images.encoded.with(app, url, cols, rows, |p| p.size().height)
}

#[cfg(not(feature = "images"))]
fn rows_for(_: &App, _: &str, _: u16, _: u16) -> Option<u16> {
    None
}

/// Draws the image at `url` into `area` (which `shown` sized).
#[cfg(feature = "images")]
pub fn draw(frame: &mut Frame, app: &App, url: &str, area: Rect, max_rows: u16) {
    app.images.encoded.with(app, url, area.width, max_rows, |p| {
        frame.render_widget(ratatui_image::Image::new(p), area);
    });
}

#[cfg(not(feature = "images"))]
pub fn draw(_: &mut Frame, _: &App, _: &str, _: Rect, _: u16) {}

/// Images encoded for the terminal, by (address, columns, rows): derived from the app's previews
/// and its picker, filled by the draw, droppable any time.
#[cfg(feature = "images")]
#[derive(Default)]
pub struct Encoded {
    cache: std::cell::RefCell<Vec<(String, u16, u16, ratatui_image::protocol::Protocol)>>,
}

#[cfg(feature = "images")]
impl std::fmt::Debug for Encoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Encoded({})", self.cache.borrow().len())
    }
}

/// How many encodings are kept (a post shows four images at most).
#[cfg(feature = "images")]
const ENCODED: usize = 8;

#[cfg(feature = "images")]
impl Encoded {
    /// Runs `f` on the image at `url` encoded to fit `cols` x `rows`, encoding it first if needed;
    /// `None` when there is no picker, no decoded image, or the encoding fails.
    pub fn with<T>(
        &self,
        app: &App,
        url: &str,
        cols: u16,
        rows: u16,
        f: impl FnOnce(&ratatui_image::protocol::Protocol) -> T,
    ) -> Option<T> {
        let mut cache = self.cache.borrow_mut();
        if let Some((_, _, _, p)) = cache.iter().find(|(u, c, r, _)| u == url && *c == cols && *r == rows) {
            return Some(f(p));
        }
        let picker = app.images.picker.as_ref()?;
        let Some(Entry::Ready(preview)) = app.images.get(url) else { return None };
        let image = (*preview.image).clone();
        let resize = ratatui_image::Resize::Scale(Some(image::imageops::FilterType::Triangle));
        let protocol = picker.new_protocol(image, ratatui::layout::Size::new(cols, rows), resize).ok()?;
        let out = f(&protocol);
        if cache.len() >= ENCODED {
            cache.remove(0);
        }
        cache.push((url.to_string(), cols, rows, protocol));
        Some(out)
    }
}
