//! Relative times ("5m", "3h", "2d") computed from `App.now`, so snapshots are stable.

use jiff::Timestamp;

/// How long ago `then` was, seen from `now`, in a compact form.
pub fn relative(then: Timestamp, now: Timestamp) -> String {
    let secs = now.as_second() - then.as_second();
    match secs {
        s if s < 0 => "now".to_string(),
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3600),
        s if s < 86_400 * 365 => format!("{}d", s / 86_400),
        s => format!("{}y", s / (86_400 * 365)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_units() {
        let now = Timestamp::from_second(1_000_000_000).unwrap_or(Timestamp::UNIX_EPOCH);
        let ago = |s: i64| relative(Timestamp::from_second(1_000_000_000 - s).unwrap_or(now), now);
        assert_eq!(
            [ago(-30), ago(5), ago(90), ago(7200), ago(3 * 86_400), ago(800 * 86_400)],
            ["now", "5s", "1m", "2h", "3d", "2y"]
        );
    }
}
