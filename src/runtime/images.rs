//! Image previews off the event loop: the download (no token, a size cap, a timeout), the decoding
//! on a blocking thread (with limits, scaled down for the terminal), and handing full images to
//! the viewer (each address one argument, never shell text).

use std::time::Duration;

use tokio::sync::mpsc;

use crate::app::images::Preview;
use crate::app::{Msg, ReqId};

/// The largest image file murre downloads for a preview.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;
/// How long one image may take to arrive.
const TIMEOUT: Duration = Duration::from_secs(15);
/// Largest side of a decoded preview, in pixels (a terminal pane never needs more).
#[cfg(feature = "images")]
const MAX_SIDE: u32 = 1024;

/// Downloads and decodes the image at `url`; the answer goes to `tx` as `Msg::ImageFetched`.
pub fn spawn_fetch(req: ReqId, url: String, tx: mpsc::UnboundedSender<Msg>) {
    tokio::spawn(async move {
        let result = match download(&url, MAX_BYTES).await {
            Ok(bytes) => tokio::task::spawn_blocking(move || decode(&bytes))
                .await
                .unwrap_or_else(|e| Err(format!("decoding stopped ({e})"))),
            Err(why) => Err(why),
        };
        let _ = tx.send(Msg::ImageFetched { req, url, result });
    });
}

/// The bytes at `url` (`https://`, or `http://` to loopback), refused past `cap` bytes; the error
/// is a note for the reader.
pub async fn download(url: &str, cap: usize) -> Result<Vec<u8>, String> {
    let parsed = url::Url::parse(url).map_err(|_| "not a web address".to_string())?;
    let allowed =
        parsed.scheme() == "https" || (parsed.scheme() == "http" && crate::backend::http::is_loopback(&parsed));
    if !allowed {
        return Err("not an https address".into());
    }
    let http = client()?;
    let mut response = http.get(parsed).send().await.map_err(|e| reason(&e))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("the server answered {status}"));
    }
    if let Some(len) = response.content_length().and_then(|l| usize::try_from(l).ok()).filter(|l| *l > cap) {
        return Err(too_large(len, cap));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| reason(&e))? {
        body.extend_from_slice(&chunk);
        if body.len() > cap {
            return Err(too_large(body.len(), cap));
        }
    }
    Ok(body)
}

/// A client that carries no token, so it may follow a few redirects (each checked like the first).
fn client() -> Result<reqwest::Client, String> {
    crate::backend::http::install_tls_provider();
    let policy = reqwest::redirect::Policy::custom(|attempt| {
        let ok = attempt.url().scheme() == "https"
            || (attempt.url().scheme() == "http" && crate::backend::http::is_loopback(attempt.url()));
        if attempt.previous().len() >= 3 || !ok { attempt.stop() } else { attempt.follow() }
    });
    reqwest::Client::builder()
        .user_agent(concat!("murre/", env!("CARGO_PKG_VERSION")))
        .timeout(TIMEOUT)
        .redirect(policy)
        .build()
        .map_err(|e| format!("cannot start HTTP ({e})"))
}

fn reason(e: &reqwest::Error) -> String {
    if e.is_timeout() { "the server did not send it in time".into() } else { "the download failed".into() }
}

fn too_large(len: usize, cap: usize) -> String {
    let mb = |n: usize| n as f64 / (1024.0 * 1024.0);
    format!("too large ({:.1} MB; previews stop at {:.0} MB)", mb(len), mb(cap))
}

/// Decodes an image file (PNG, JPEG, GIF, WebP) with limits, scaled down to `MAX_SIDE`.
#[cfg(feature = "images")]
pub fn decode(bytes: &[u8]) -> Result<Preview, String> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| "not an image".to_string())?;
    if reader.format().is_none() {
        return Err("not an image".into());
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => "too large to decode".to_string(),
        image::ImageError::Unsupported(_) => "not an image murre can show".to_string(),
        other => format!("cannot decode the image ({other})"),
    })?;
    let image =
        if image.width() > MAX_SIDE || image.height() > MAX_SIDE { image.thumbnail(MAX_SIDE, MAX_SIDE) } else { image };
    Ok(Preview { width: image.width(), height: image.height(), image: std::sync::Arc::new(image) })
}

/// Without the `images` feature nothing is decoded.
#[cfg(not(feature = "images"))]
pub fn decode(_: &[u8]) -> Result<Preview, String> {
    Err("this murre was built without image previews".into())
}

/// The viewer command: `$MURRE_VIEWER`, else `configured` (`[ui] viewer`), as words.
pub fn viewer(configured: Option<&str>) -> Option<Vec<String>> {
    let env = std::env::var("MURRE_VIEWER").ok();
    let command = env.as_deref().filter(|v| !v.trim().is_empty()).or(configured.filter(|v| !v.trim().is_empty()))?;
    Some(command.split_whitespace().map(str::to_string).collect())
}

/// Opens `urls` in `viewer` (all at once, each one argument), or else one by one with the
/// desktop's opener; only `https://` and `http://` addresses are handed over.
pub fn open_images(viewer: Option<&[String]>, urls: &[String]) -> Result<(), String> {
    let urls: Vec<&String> = urls.iter().filter(|u| u.starts_with("https://") || u.starts_with("http://")).collect();
    if urls.is_empty() {
        return Err("the image has no web address to open".into());
    }
    match viewer.and_then(|v| v.split_first()) {
        Some((program, args)) => run(program, args.iter().chain(urls.iter().copied())),
        None => urls.iter().try_for_each(|u| super::open_url(u).map_err(|e| e.to_string())),
    }
}

fn run<'a>(program: &str, args: impl Iterator<Item = &'a String>) -> Result<(), String> {
    std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("cannot start {program} ({e})"))
        .and_then(|s| if s.success() { Ok(()) } else { Err(format!("{program} failed")) })
}
