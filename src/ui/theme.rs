//! Themes: semantic colours plus one colour per network. Shipped themes are embedded; a user
//! theme of the same name in the config dir's `themes/` overrides them. `NO_COLOR` gives none.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::model::Network;

/// The shipped themes, by name.
pub const SHIPPED: [(&str, &str); 2] =
    [("dark", include_str!("../../themes/dark.toml")), ("light", include_str!("../../themes/light.toml"))];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    ui: UiColors,
    #[serde(default)]
    network: NetworkColors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct UiColors {
    text: Option<String>,
    muted: Option<String>,
    accent: Option<String>,
    selection_bg: Option<String>,
    error: Option<String>,
    warn: Option<String>,
    link: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NetworkColors {
    mastodon: Option<String>,
    bluesky: Option<String>,
    tumblr: Option<String>,
}

/// Resolved styles the draw functions use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub selection: Style,
    pub error: Style,
    pub warn: Style,
    pub link: Style,
    networks: [Style; 3],
}

impl Default for Theme {
    fn default() -> Self {
        Theme::parse(SHIPPED[0].1).unwrap_or_else(|_| Theme::plain())
    }
}

impl Theme {
    /// A theme without colours (for `NO_COLOR`): emphasis by modifiers only.
    pub fn plain() -> Self {
        let none = Style::default();
        Theme {
            text: none,
            muted: none.add_modifier(Modifier::DIM),
            accent: none.add_modifier(Modifier::BOLD),
            selection: none.add_modifier(Modifier::REVERSED),
            error: none.add_modifier(Modifier::BOLD),
            warn: none.add_modifier(Modifier::BOLD),
            link: none.add_modifier(Modifier::UNDERLINED),
            networks: [none.add_modifier(Modifier::BOLD); 3],
        }
    }

    /// Parses a theme file; missing keys keep the dark theme's colours.
    pub fn parse(toml_text: &str) -> Result<Self, String> {
        let file: ThemeFile = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        let c = |v: &Option<String>, fallback: Color| -> Result<Color, String> {
            v.as_deref().map_or(Ok(fallback), |s| Color::from_str(s).map_err(|_| format!("unknown colour {s:?}")))
        };
        let fg = |v: &Option<String>, fallback: Color| c(v, fallback).map(|col| Style::default().fg(col));
        let u = &file.ui;
        Ok(Theme {
            text: fg(&u.text, Color::Reset)?,
            muted: fg(&u.muted, Color::Gray)?,
            accent: fg(&u.accent, Color::Cyan)?,
            selection: Style::default().bg(c(&u.selection_bg, Color::DarkGray)?),
            error: fg(&u.error, Color::LightRed)?,
            warn: fg(&u.warn, Color::Yellow)?,
            link: fg(&u.link, Color::LightBlue)?.add_modifier(Modifier::UNDERLINED),
            networks: [
                fg(&file.network.mastodon, Color::LightMagenta)?.add_modifier(Modifier::BOLD),
                fg(&file.network.bluesky, Color::LightBlue)?.add_modifier(Modifier::BOLD),
                fg(&file.network.tumblr, Color::Gray)?.add_modifier(Modifier::BOLD),
            ],
        })
    }

    /// The style of a network's badge.
    pub fn network(&self, network: Network) -> Style {
        match network {
            Network::Mastodon => self.networks[0],
            Network::Bluesky => self.networks[1],
            Network::Tumblr => self.networks[2],
        }
    }
}

/// The theme to use: none under `NO_COLOR`; else the user's `themes/NAME.toml`, else a shipped one.
pub fn load(dirs: &crate::store::Dirs, name: Option<&str>) -> anyhow::Result<Theme> {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return Ok(Theme::plain());
    }
    let name = name.unwrap_or("dark");
    let user = dirs.config.join("themes").join(format!("{name}.toml"));
    if let Ok(text) = std::fs::read_to_string(&user) {
        return Theme::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", user.display()));
    }
    match SHIPPED.iter().find(|(n, _)| *n == name) {
        Some((_, text)) => Theme::parse(text).map_err(|e| anyhow::anyhow!("theme {name}: {e}")),
        None => anyhow::bail!("unknown theme {name:?}: use dark, light, or add {}", user.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_themes_parse() {
        for (name, text) in SHIPPED {
            assert!(Theme::parse(text).is_ok(), "theme {name} does not parse");
        }
        assert_ne!(Theme::parse(SHIPPED[0].1), Theme::parse(SHIPPED[1].1));
    }

    #[test]
    fn bad_colours_and_keys_are_reported() {
        assert!(Theme::parse("[ui]\ntext = \"no-such-colour\"").unwrap_err().contains("no-such-colour"));
        assert!(Theme::parse("[ui]\ntxt = \"red\"").is_err());
    }
}
