//! The demo cast. Pure data.
//!
//! Per network, a person with key `alice` is `alice@social.example` on Mastodon, `alice.bsky.example`
//! on Bluesky and blog `alice` on Tumblr; `murre` is the demo account itself on each network.

use super::Person;

/// Everyone who posts in the demo feeds, the demo account first.
pub fn people() -> Vec<Person> {
    let cast: [(&str, &str, &str); 18] = [
        ("murre", "Murre Demo", "The demo account of murre."),
        ("alice", "Alice Lindqvist", "Terminal enthusiast. she/her"),
        ("bob", "Bob 🦆 Okafor", "Ducks, Rust, and bad puns."),
        ("chen", "陈静", "写代码，拍照片。"),
        ("yuki", "山田ゆき", "東京在住のエンジニア。"),
        ("amira", "أميرة حداد", "مهندسة برمجيات من عمّان"),
        ("noa", "נועה כהן", "מפתחת ותיקה"),
        ("linh", "Nguyễn Thị Linh", "Lập trình viên ở Hà Nội"),
        ("zoe", "Zoe\u{308} Mu\u{308}ller", "Combining marks in my name, precomposed in my heart."),
        ("family", "The Family 👩\u{200d}👩\u{200d}👧\u{200d}👦", "Four of us, one account."),
        (
            "mallory",
            "Mallory\u{1b}]0;pwned\u{7}\u{1b}[31m RED\u{202e}evil",
            "\u{1b}[2JI clear screens. \u{1b}]8;;https://evil.example/\u{1b}\\https://good.example/\u{1b}]8;;\u{1b}\\ \u{202e}txt.exe\u{202c}\u{7}\n\nSecond line: 中文 العربية 👩\u{200d}👩\u{200d}👧\u{200d}👦",
        ),
        ("news", "Daily Bugle", "Automated headlines."),
        ("stranger", "A Stranger", "You don't follow me."),
        ("dana", "Dana Whitfield", "Long threads about small things."),
        (
            "longname",
            "Maximilian Alexander Theodor von Longname-Fitzgerald the Third of Somewhere",
            "Yes, that is my whole name.",
        ),
        ("carol", "Carol 👋🏽", "Waving at everyone."),
        ("blocker", "Blocked Bea", "I block people."),
        ("ghost", "Gone Ghost", "This account was deleted."),
    ];
    cast.iter()
        .map(|(key, name, bio)| Person { key: (*key).to_string(), name: (*name).to_string(), bio: (*bio).to_string() })
        .collect()
}
