//! What the user's own moderation settings do to a post, network-neutral: a server-side filter or a
//! label either hides the post or puts it behind a warning. Pure.

/// Bluesky labels that put a post behind a warning (adult content and graphic media), by default,
/// as the official app does for a logged-in adult with default preferences.
const WARN_LABELS: [&str; 6] = ["porn", "sexual", "nudity", "graphic-media", "gore", "!warn"];

/// What to do with a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Show,
    /// Shown behind this warning (like a content warning).
    Warn(String),
    Hide,
}

/// The verdict for a Bluesky post's labels.
pub fn bluesky_labels(labels: &[String]) -> Verdict {
    if labels.iter().any(|l| l == "!hide") {
        return Verdict::Hide;
    }
    let warn: Vec<&str> = labels.iter().map(String::as_str).filter(|l| WARN_LABELS.contains(l)).collect();
    if warn.is_empty() {
        Verdict::Show
    } else {
        Verdict::Warn(format!("Labelled: {}", warn.join(", ").replace("!warn", "content warning")))
    }
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
    fn labels_and_filters_hide_or_warn() {
        let l = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(bluesky_labels(&l(&[])), Verdict::Show);
        assert_eq!(bluesky_labels(&l(&["nudity", "spam-ish"])), Verdict::Warn("Labelled: nudity".into()));
        assert_eq!(bluesky_labels(&l(&["porn", "!hide"])), Verdict::Hide);
        assert_eq!(mastodon_filters([("Spoilers", "warn")].into_iter()), Verdict::Warn("Filtered: Spoilers".into()));
        assert_eq!(mastodon_filters([("Spoilers", "warn"), ("Ads", "hide")].into_iter()), Verdict::Hide);
        assert_eq!(with_warning(Some("food".into()), "Filtered: x").as_deref(), Some("Filtered: x · food"));
    }
}
