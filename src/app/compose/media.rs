//! Images in the compose box: a path typed on the image line is loaded by the runtime (an effect);
//! the line then asks for the image's alt text. Ctrl-X drops the last image. Also `$EDITOR`'s result.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use crate::app::{App, Effect, update::toast};
use crate::store::attachment::Attachment;

/// The image line, empty, asking for a path (`None`) or for the alt text of an image.
pub fn attach_line(alt_of: Option<&str>) -> TextArea<'static> {
    let mut line = TextArea::default();
    line.set_placeholder_text(match alt_of {
        None => "path of an image to attach, then Enter".to_string(),
        Some(name) => format!("describe {name} for people who cannot see it (alt text), then Enter"),
    });
    line
}

/// A key on the image line.
pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(c) = app.compose.as_mut() else { return Vec::new() };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match (key.code, ctrl) {
        (KeyCode::Char('x'), true) => {
            c.images.pop();
            c.alt_for = None;
            c.attach = attach_line(None);
        }
        (KeyCode::Enter, _) => {
            let typed = c.attach.lines().join(" ").trim().to_string();
            if let Some(i) = c.alt_for.take() {
                if let Some(image) = c.images.get_mut(i) {
                    image.alt = typed;
                }
                c.attach = attach_line(None);
            } else if !typed.is_empty() {
                c.attach = attach_line(None);
                return vec![Effect::LoadImage(expand_home(&typed))];
            }
        }
        _ => {
            c.attach.input(key);
        }
    }
    Vec::new()
}

/// `~/x` as the shell reads it.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// The runtime read an image (or could not): it joins the draft and the line asks for its alt text.
pub fn image_loaded(app: &mut App, result: Result<Attachment, String>) -> Vec<Effect> {
    match (result, app.compose.as_mut()) {
        (Ok(image), Some(c)) => {
            c.attach = attach_line(Some(&image.name));
            c.alt_for = Some(c.images.len());
            c.field = super::Field::Images;
            c.images.push(image);
        }
        (Ok(_), None) => {}
        (Err(e), _) => toast(app, format!("not attached: {e}"), true),
    }
    Vec::new()
}

/// `$EDITOR` finished: its text replaces the body.
pub fn edited(app: &mut App, result: Result<String, String>) -> Vec<Effect> {
    match (result, app.compose.as_mut()) {
        (Ok(text), Some(c)) => {
            let mut body = TextArea::from(text.trim_end_matches('\n').lines().map(str::to_string).collect::<Vec<_>>());
            body.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
            body.move_cursor(ratatui_textarea::CursorMove::Bottom);
            body.move_cursor(ratatui_textarea::CursorMove::End);
            c.body = body;
            c.open = true;
        }
        (Ok(_), None) => {}
        (Err(e), _) => toast(app, format!("the editor failed, the text is unchanged: {e}"), true),
    }
    Vec::new()
}
