//! The image files of the demo posts, served by every demo server at `GET /demo-media/{file}` so
//! `murre --demo` shows previews: small PNGs bundled here, a huge file (12 MiB, past murre's cap)
//! and, for any other name, 404. The neutral content names them by path (`/demo-media/...`); each
//! server makes that its own address when it starts.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Where the files are on each demo server.
pub const PATH: &str = "/demo-media/";

/// Size of the huge file.
pub const HUGE_BYTES: usize = 12 * 1024 * 1024;

const SUNSET: &[u8] = include_bytes!("media/sunset.png");
const HANOI: &[u8] = include_bytes!("media/hanoi.png");
const HERON: &[u8] = include_bytes!("media/heron.png");

/// `GET /demo-media/{file}`: the file by the first part of its name (`sunset.small.jpg` is
/// `sunset`, as a Mastodon preview is named after its original).
pub async fn serve(Path(file): Path<String>) -> Response {
    let stem = file.split('.').next().unwrap_or_default();
    let body: Vec<u8> = match stem {
        "sunset" => SUNSET.to_vec(),
        "hanoi" => HANOI.to_vec(),
        "heron" => HERON.to_vec(),
        s if s.starts_with("huge") => {
            let mut body = b"\x89PNG\r\n\x1a\n".to_vec();
            body.resize(HUGE_BYTES, 0);
            body
        }
        _ => return (StatusCode::NOT_FOUND, "not found").into_response(),
    };
    ([(header::CONTENT_TYPE, "image/png")], body).into_response()
}

/// Makes the content's `/demo-media/` paths addresses on the server at `base`.
pub fn localize(content: &mut super::content::Content, base: &str) {
    for m in content.posts.iter_mut().flat_map(|p| p.media.iter_mut()) {
        if m.url.starts_with(PATH) {
            m.url = format!("{base}{}", m.url);
        }
    }
}
