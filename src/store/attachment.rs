//! Images attached to a draft. The bytes are copied next to the draft in the outbox, so a retry after
//! a crash still has them even if the original file moved. Alt text travels with each image.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Larger files are refused before they are read: no network takes them.
pub const MAX_READ: u64 = 40 * 1024 * 1024;

/// One image of a draft.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The file name it came from (shown to the user, never used as a path).
    pub name: String,
    /// The media type, read from the file's first bytes.
    pub mime: String,
    #[serde(default)]
    pub alt: String,
    pub size: usize,
    /// The bytes (kept in the outbox beside the draft, not in its JSON).
    #[serde(skip)]
    pub data: Arc<Vec<u8>>,
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment")
            .field("name", &self.name)
            .field("mime", &self.mime)
            .field("size", &self.size)
            .finish()
    }
}

/// The media type of an image from its first bytes; `None` when it is not an image murre can post.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, ..] => Some("image/png"),
        [0xff, 0xd8, 0xff, ..] => Some("image/jpeg"),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some("image/gif"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        _ => None,
    }
}

/// Human size: `1.4 MB`, `820 kB`.
pub fn human(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{} kB", bytes.div_ceil(1000))
    }
}

/// Reads the image at `path` for a draft, with a message that names the file when it cannot.
pub fn load(path: &Path, alt: &str) -> Result<Attachment, String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(format!("{shown}: not a file"));
    }
    if meta.len() > MAX_READ {
        return Err(format!("{shown}: {} is larger than any network takes", human(meta.len() as usize)));
    }
    let data = std::fs::read(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    let mime = sniff(&data).ok_or_else(|| format!("{shown}: not an image (PNG, JPEG, GIF or WebP)"))?;
    let name = path.file_name().map(|n| crate::text::sanitize_line(&n.to_string_lossy())).unwrap_or_default();
    Ok(Attachment { name, mime: mime.into(), alt: alt.trim().to_string(), size: data.len(), data: Arc::new(data) })
}

/// Where the `n`th image of draft `id` is kept.
pub(super) fn file(dir: &Path, id: &str, n: usize) -> PathBuf {
    dir.join(format!("{id}-{n}.image"))
}

/// Writes the images of draft `id` that are not on disk yet (0600).
pub(super) fn save_all(dir: &Path, id: &str, images: &[Attachment]) -> std::io::Result<()> {
    for (n, image) in images.iter().enumerate() {
        let path = file(dir, id, n);
        if !path.exists() && !image.data.is_empty() {
            super::write_private(&path, &image.data)?;
        }
    }
    Ok(())
}

/// Reads back the images of draft `id`; a missing file leaves that image empty (sending it then fails
/// with a clear message instead of posting without it).
pub(super) fn load_all(dir: &Path, id: &str, images: &mut [Attachment]) {
    for (n, image) in images.iter_mut().enumerate() {
        if let Ok(data) = std::fs::read(file(dir, id, n)) {
            image.data = Arc::new(data);
        }
    }
}

/// Removes the images of draft `id`.
pub(super) fn remove_all(dir: &Path, id: &str) {
    let prefix = format!("{id}-");
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&prefix) && name.ends_with(".image") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_first_bytes_not_their_names() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n rest"), Some("image/png"));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0"), Some("image/jpeg"));
        assert_eq!(sniff(b"GIF89a.."), Some("image/gif"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"%PDF-1.7"), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(human(1_400_000), "1.4 MB");
        assert_eq!(human(819_001), "820 kB");
    }

    #[test]
    fn a_file_that_is_not_an_image_is_refused_by_name() {
        let dir = std::env::temp_dir().join(format!("murre-attach-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("notes.png");
        let _ = std::fs::write(&path, "just text");
        let err = load(&path, "alt").err().unwrap_or_default();
        assert!(err.contains("notes.png") && err.contains("not an image"), "{err}");
        assert!(load(&dir.join("missing.png"), "").is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
