//! Life in `murre --demo`: now and then someone posts. Mastodon's open streams get the post at once;
//! Bluesky and Tumblr show it when murre polls them. Tests start the servers without it.

use std::time::Duration;

use super::{DemoNetwork, store::Store};

/// Who posts and what (people of the demo cast).
const LINES: [(&str, &str); 12] = [
    ("alice", "Just tried a terminal client that merges three networks. The selection did not jump once."),
    ("bob", "🦆 Duck fact: murres dive deeper than you would think for a bird that size."),
    ("chen", "今天的日落很美 🌅"),
    ("yuki", "新しいキーボードが届きました。⌨️"),
    ("linh", "Cà phê sữa đá và một buổi chiều yên tĩnh."),
    ("dana", "Thread about small things, part 12: the humble paperclip."),
    ("carol", "👋🏽 waving at everyone who is reading this live."),
    ("news", "Breaking: local seabird colony reports record numbers this season."),
    ("amira", "مساء الخير من عمّان"),
    ("noa", "ערב טוב לכולם"),
    ("zoe", "Combining marks: Zoe\u{308}, still one letter."),
    ("family", "👩\u{200d}👩\u{200d}👧\u{200d}👦 Sunday walk by the sea."),
];

impl DemoNetwork {
    /// Starts the demo's posters on the current runtime (they stop with it).
    pub fn chatter(&self) {
        spawn(self.mastodon.store.clone(), 20, 40, 0);
        spawn(self.bluesky.store.clone(), 45, 90, 3);
        spawn(self.tumblr.store.clone(), 60, 120, 7);
    }
}

/// Posts on `store` every `min`..`max` seconds, starting at line `offset`.
fn spawn(store: Store, min: u64, max: u64, offset: usize) {
    tokio::spawn(async move {
        let mut seed = u64::from(jiff::Timestamp::now().subsec_nanosecond().unsigned_abs()) | 1;
        for n in offset.. {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let wait = min + (seed >> 33) % (max - min + 1);
            tokio::time::sleep(Duration::from_secs(wait)).await;
            let (who, text) = LINES[n % LINES.len()];
            store.push(who, text, jiff::Timestamp::now());
        }
    });
}
