//! Keys to actions, one table per mode. Defaults are embedded from `keys.toml`; the user's
//! `[keys.MODE]` tables are merged on top. The help overlay is generated from these tables.

use std::collections::{BTreeMap, HashMap};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{Action, Mode};

const DEFAULTS: &str = include_str!("keys.toml");

/// Key bindings per mode.
#[derive(Debug, Clone)]
pub struct Keymap {
    tables: HashMap<Mode, BTreeMap<String, Action>>,
}

/// The key tables by their names in keys.toml and config.toml.
const MODES: [(&str, Mode); 6] = [
    ("normal", Mode::Normal),
    ("help", Mode::Help),
    ("links", Mode::Links),
    ("accounts", Mode::Accounts),
    ("outbox", Mode::Outbox),
    ("feeds", Mode::Feeds),
];

/// The user's overrides: mode name -> key -> action name.
pub type Overrides = BTreeMap<String, BTreeMap<String, String>>;

impl Keymap {
    /// The default keymap with `overrides` merged on top; errors name the bad entry.
    pub fn new(overrides: &Overrides) -> Result<Self, String> {
        let defaults: Overrides = toml::from_str(DEFAULTS).map_err(|e| format!("built-in keys: {e}"))?;
        let mut tables = HashMap::new();
        for (mode_name, mode) in MODES {
            let mut table = BTreeMap::new();
            for (key, action) in defaults.get(mode_name).into_iter().chain(overrides.get(mode_name)).flatten() {
                let chord = normalize(key).ok_or_else(|| format!("[keys.{mode_name}]: unknown key {key:?}"))?;
                let action: Action = toml::Value::String(action.clone())
                    .try_into()
                    .map_err(|_| format!("[keys.{mode_name}]: unknown action {action:?} for key {key:?}"))?;
                table.insert(chord, action);
            }
            tables.insert(mode, table);
        }
        if let Some(bad) = overrides.keys().find(|m| !MODES.iter().any(|(name, _)| name == m)) {
            let names: Vec<&str> = MODES.iter().map(|(n, _)| *n).collect();
            return Err(format!("[keys.{bad}]: unknown mode ({})", names.join(", ")));
        }
        Ok(Keymap { tables })
    }

    /// The action bound to `key` in `mode`.
    pub fn resolve(&self, mode: Mode, key: &KeyEvent) -> Option<Action> {
        self.tables.get(&mode)?.get(&chord_of(key)?).copied()
    }

    /// (keys, action) pairs of a mode, keys grouped per action, for the help overlay.
    pub fn describe(&self, mode: Mode) -> Vec<(String, Action)> {
        let mut by_action: Vec<(Action, Vec<String>)> = Vec::new();
        for (key, action) in self.tables.get(&mode).into_iter().flatten() {
            match by_action.iter_mut().find(|(a, _)| a == action) {
                Some((_, keys)) => keys.push(key.clone()),
                None => by_action.push((*action, vec![key.clone()])),
            }
        }
        by_action.sort_by_key(|(a, _)| format!("{a:?}"));
        by_action.into_iter().map(|(a, keys)| (keys.join(", "), a)).collect()
    }
}

/// The canonical spelling of a key string from a config file (`ctrl-d`, `G`, `pagedown`).
fn normalize(key: &str) -> Option<String> {
    let (ctrl, alt, base) = split_mods(key);
    let base = if base.chars().count() == 1 {
        base.to_string()
    } else {
        let lower = base.to_ascii_lowercase();
        let known = [
            "enter",
            "esc",
            "space",
            "tab",
            "backtab",
            "up",
            "down",
            "left",
            "right",
            "home",
            "end",
            "pageup",
            "pagedown",
            "backspace",
            "delete",
        ];
        known.contains(&lower.as_str()).then_some(lower)?
    };
    Some(format!("{}{}{base}", if ctrl { "ctrl-" } else { "" }, if alt { "alt-" } else { "" }))
}

fn split_mods(key: &str) -> (bool, bool, &str) {
    let (mut ctrl, mut alt, mut rest) = (false, false, key);
    loop {
        if let Some(r) = rest.strip_prefix("ctrl-").or_else(|| rest.strip_prefix("C-")) {
            ctrl = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("alt-").or_else(|| rest.strip_prefix("M-")) {
            alt = true;
            rest = r;
        } else {
            return (ctrl, alt, rest);
        }
    }
}

/// The canonical spelling of a pressed key.
fn chord_of(key: &KeyEvent) -> Option<String> {
    let base = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Esc => "esc".into(),
        KeyCode::Tab => "tab".into(),
        KeyCode::BackTab => "backtab".into(),
        KeyCode::Up => "up".into(),
        KeyCode::Down => "down".into(),
        KeyCode::Left => "left".into(),
        KeyCode::Right => "right".into(),
        KeyCode::Home => "home".into(),
        KeyCode::End => "end".into(),
        KeyCode::PageUp => "pageup".into(),
        KeyCode::PageDown => "pagedown".into(),
        KeyCode::Backspace => "backspace".into(),
        KeyCode::Delete => "delete".into(),
        _ => return None,
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(format!("{}{}{base}", if ctrl { "ctrl-" } else { "" }, if alt { "alt-" } else { "" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn defaults_resolve_the_design_keys() {
        let k = Keymap::new(&Overrides::new()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(k.resolve(Mode::Normal, &key(KeyCode::Char('j'), KeyModifiers::NONE)), Some(Action::SelectNext));
        assert_eq!(k.resolve(Mode::Normal, &key(KeyCode::Char('G'), KeyModifiers::SHIFT)), Some(Action::SelectLast));
        assert_eq!(
            k.resolve(Mode::Normal, &key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(k.resolve(Mode::Normal, &key(KeyCode::Char(' '), KeyModifiers::NONE)), Some(Action::ToggleCw));
        assert_eq!(k.resolve(Mode::Help, &key(KeyCode::Char('j'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn overrides_merge_on_top_and_errors_name_the_entry() {
        let mut o = Overrides::new();
        o.insert("normal".into(), [("x".to_string(), "quit".to_string())].into());
        let k = Keymap::new(&o).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(k.resolve(Mode::Normal, &key(KeyCode::Char('x'), KeyModifiers::NONE)), Some(Action::Quit));
        assert_eq!(k.resolve(Mode::Normal, &key(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Action::Quit));
        o.insert("normal".into(), [("x".to_string(), "fly".to_string())].into());
        assert!(Keymap::new(&o).unwrap_err().contains("fly"));
        o.insert("normal".into(), [("hyper-x".to_string(), "quit".to_string())].into());
        assert!(Keymap::new(&o).unwrap_err().contains("hyper-x"));
    }

    #[test]
    fn the_default_tables_bind_no_key_twice() {
        let tables: Overrides = toml::from_str(DEFAULTS).unwrap_or_default();
        for (mode, table) in &tables {
            let mut seen = std::collections::HashSet::new();
            for key in table.keys() {
                assert!(seen.insert(normalize(key)), "{key} bound twice in {mode}");
            }
        }
    }
}
