//! Keys in the compose box: printable keys are text in the field with the keyboard; Ctrl chords,
//! Tab and Esc act.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Compose, Field, media, send};
use crate::app::{App, Effect};
use crate::model::Visibility;

/// A key while the box is open.
pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(c) = app.compose.as_mut() else { return Vec::new() };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match (key.code, ctrl) {
        // Ctrl-C and Esc put the box away; the text stays (and survives a quit).
        (KeyCode::Esc, _) | (KeyCode::Char('c'), true) => c.open = false,
        (KeyCode::Char('s'), true) => return send(app),
        (KeyCode::Char('d'), true) => app.compose = None,
        (KeyCode::Char('e'), true) => return vec![Effect::Edit(c.text())],
        (KeyCode::Char('t'), true) => c.split = !c.split,
        (KeyCode::Char('w'), true) | (KeyCode::Tab, _) => c.field = next(c.field, true),
        (KeyCode::BackTab, _) => c.field = next(c.field, false),
        _ => return typed(app, key),
    }
    Vec::new()
}

fn next(field: Field, forward: bool) -> Field {
    let order = [Field::Body, Field::Warning, Field::Images, Field::Targets];
    let at = order.iter().position(|f| *f == field).unwrap_or(0);
    order[if forward { (at + 1) % order.len() } else { (at + order.len() - 1) % order.len() }]
}

/// A key that edits the field with the keyboard.
fn typed(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(c) = app.compose.as_mut() else { return Vec::new() };
    // Any edit asks again before a post goes public where it was meant to be private.
    c.widen_warned = false;
    match c.field {
        Field::Body => {
            c.body.input(key);
        }
        Field::Warning if key.code != KeyCode::Enter => {
            c.warning.input(key);
        }
        Field::Warning => {}
        Field::Images => return media::key(app, key),
        Field::Targets => targets_key(c, key.code),
    }
    Vec::new()
}

fn targets_key(c: &mut Compose, code: KeyCode) {
    let last = c.targets.len().saturating_sub(1);
    match code {
        KeyCode::Left | KeyCode::Char('h') => c.cursor = c.cursor.saturating_sub(1),
        KeyCode::Right | KeyCode::Char('l') => c.cursor = (c.cursor + 1).min(last),
        KeyCode::Char(' ') | KeyCode::Enter => {
            if let Some(t) = c.targets.get_mut(c.cursor) {
                t.2 = !t.2;
            }
        }
        KeyCode::Char('v') => {
            c.visibility = match c.visibility {
                Visibility::Public => Visibility::Unlisted,
                Visibility::Unlisted => Visibility::Private,
                Visibility::Private => Visibility::Direct,
                Visibility::Direct => Visibility::Public,
            }
        }
        _ => {}
    }
}
