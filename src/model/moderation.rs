//! What the user's own moderation settings do to a post, network-neutral: a server-side filter or a
//! label either hides the post or puts it behind a warning. Pure.

/// What to do with a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Show,
    /// Shown behind this warning (like a content warning).
    Warn(String),
    Hide,
}

/// How the user wants a Bluesky label handled (`contentLabelPref.visibility`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelPref {
    /// Shown as if unlabelled (`ignore`, or `show`).
    Ignore,
    Warn,
    Hide,
}

impl LabelPref {
    /// The wire word; `None` for a word murre does not know (the label keeps its default).
    pub fn parse(word: &str) -> Option<LabelPref> {
        match word {
            "ignore" | "show" => Some(LabelPref::Ignore),
            "warn" => Some(LabelPref::Warn),
            "hide" => Some(LabelPref::Hide),
            _ => None,
        }
    }
}

/// A Bluesky muted word (`mutedWordsPref`), lowercased; expired words are left out when read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MutedWord {
    pub value: String,
    /// Only the post's tags (`targets: ["tag"]`), not its text.
    pub tags_only: bool,
    /// Not for accounts the user follows (`actorTarget: "exclude-following"`).
    pub exclude_following: bool,
}

/// The moderation preferences a Bluesky account keeps on its server (`getPreferences`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlueskyPrefs {
    /// Adult content enabled: when off, adult labels hide the post.
    pub adult: bool,
    /// Per-label choices (global ones, not tied to one labeler).
    pub labels: Vec<(String, LabelPref)>,
    pub muted: Vec<MutedWord>,
    /// Posts the user hid (`hiddenPostsPref`), by at-uri.
    pub hidden: Vec<String>,
}

impl Default for BlueskyPrefs {
    /// Before the server said (or when it cannot): the defaults, adult content shown behind a warning.
    fn default() -> Self {
        BlueskyPrefs { adult: true, labels: Vec::new(), muted: Vec::new(), hidden: Vec::new() }
    }
}

/// Labels only shown when adult content is enabled.
const ADULT_LABELS: [&str; 4] = ["porn", "sexual", "graphic-media", "gore"];

/// The default handling of a label, as Bluesky's own app does for an adult with default preferences.
fn default_pref(label: &str) -> LabelPref {
    match label {
        "!hide" | "porn" => LabelPref::Hide,
        "!warn" | "sexual" | "graphic-media" | "gore" => LabelPref::Warn,
        _ => LabelPref::Ignore,
    }
}

/// Where a post is shown: a feed drops a post with a muted word; a thread or a profile shows it
/// behind a warning, as Bluesky's app does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Feed,
    View,
}

/// The verdict for a Bluesky post under the account's preferences. `own`: the account's own post,
/// which a label warns about but never hides, and which no muted word touches.
pub fn bluesky(post: &super::Post, prefs: &BlueskyPrefs, own: bool, context: Context) -> Verdict {
    let uri = match &post.id.key {
        super::PostKey::Bluesky { uri, .. } => uri.as_str(),
        _ => "",
    };
    if !own && prefs.hidden.iter().any(|h| h == uri) {
        return Verdict::Hide;
    }
    let mut warn: Vec<&str> = Vec::new();
    for label in &post.labels {
        let chosen = prefs.labels.iter().find(|(l, _)| l == label).map(|(_, p)| *p);
        let mut pref = if label.starts_with('!') { default_pref(label) } else { chosen.unwrap_or(default_pref(label)) };
        if !prefs.adult && ADULT_LABELS.contains(&label.as_str()) {
            pref = LabelPref::Hide;
        }
        match pref {
            LabelPref::Hide if !own => return Verdict::Hide,
            LabelPref::Hide | LabelPref::Warn => warn.push(label),
            LabelPref::Ignore => {}
        }
    }
    if !own && let Some(word) = muted_word(post, prefs) {
        match context {
            Context::Feed => return Verdict::Hide,
            Context::View => return Verdict::Warn(format!("Muted word: {word}")),
        }
    }
    if warn.is_empty() {
        Verdict::Show
    } else {
        Verdict::Warn(format!("Labelled: {}", warn.join(", ").replace("!warn", "content warning")))
    }
}

fn muted_word<'a>(post: &super::Post, prefs: &'a BlueskyPrefs) -> Option<&'a str> {
    let following = post.viewer.following == Some(true);
    prefs.muted.iter().filter(|w| !(w.exclude_following && following)).find_map(|w| {
        let tag = format!("#{}", w.value.trim_start_matches('#'));
        let words = if w.tags_only { vec![tag] } else { vec![w.value.clone(), tag] };
        super::timeline::muted_by(&words, post).then_some(w.value.as_str())
    })
}

/// The verdict of a Mastodon server-side filter in the home context: `(title, action)` pairs.
pub fn mastodon_filters<'a>(filters: impl Iterator<Item = (&'a str, &'a str)>) -> Verdict {
    let mut warn = Vec::new();
    for (title, action) in filters {
        match action {
            "hide" => return Verdict::Hide,
            _ => warn.push(title),
        }
    }
    if warn.is_empty() { Verdict::Show } else { Verdict::Warn(format!("Filtered: {}", warn.join(", "))) }
}

/// `warning` joined to a content warning the post already has.
pub fn with_warning(cw: Option<String>, warning: &str) -> Option<String> {
    Some(match cw {
        Some(cw) => format!("{warning} · {cw}"),
        None => warning.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_hide_or_warn() {
        assert_eq!(mastodon_filters([("Spoilers", "warn")].into_iter()), Verdict::Warn("Filtered: Spoilers".into()));
        assert_eq!(mastodon_filters([("Spoilers", "warn"), ("Ads", "hide")].into_iter()), Verdict::Hide);
        assert_eq!(with_warning(Some("food".into()), "Filtered: x").as_deref(), Some("Filtered: x · food"));
    }
}
