//! Hand-written posts, first part: scripts, links, media, polls, content warnings, replies, quotes.
//!
//! Pure data. Keys 1-49.

use super::{Card, Poll, Post};
use jiff::Timestamp;

/// The first batch of hand-written posts.
pub fn posts(now: Timestamp) -> Vec<Post> {
    let p = |key, who, min, text: &str| Post::new(now, key, who, min, text);
    let word = format!("This word is 300 characters long: {}", "abcdefghij".repeat(30));
    vec![
        p(1, "alice", 3, "Good morning! Coffee first, then code. ☕ #coffee"),
        p(2, "bob", 6, "Hello @alice and @carol! Shipping a new #rust crate today: https://crates.example/crates/duckling"),
        p(3, "chen", 9, "今天天气很好，我们去公园散步吧。#北京").lang("zh"),
        p(4, "yuki", 12, "新しいブログ記事を書きました。詳しくはこちらhttps://blog.example/ja/posts/terminal").lang("ja"),
        p(5, "chen", 14, "中文链接测试：https://example.cn/路径/页面 结束").lang("zh"),
        p(6, "amira", 17, "مرحبا بالعالم! هذا منشور تجريبي مع رابط https://example.org/ar و #اختبار").lang("ar"),
        p(7, "noa", 20, "שלום עולם! זו הודעת בדיקה עם @alice וקישור https://example.org/he").lang("he"),
        p(8, "family", 23, "👩\u{200d}👩\u{200d}👧\u{200d}👦@alice look who's on the terminal now! Also 👋🏽@carol"),
        p(9, "carol", 26, "👋🏽https://wave.example/hello — an emoji right before a link"),
        p(10, "linh", 29, "Tie\u{302}\u{301}ng Vie\u{323}\u{302}t (combining marks): ca\u{300} phe\u{302} sa\u{300}i go\u{300}n, and cafe\u{301}.").lang("vi"),
        p(11, "zoe", 32, &word),
        p(12, "news", 35, "Read the full report: https://news.example/2024/05/17/a-very-long-path/that/keeps/going/and/going/because/some/cms/likes/slugs/like/this-one-about-terminal-user-interfaces?utm_source=demo&utm_medium=social&utm_campaign=an-extraordinarily-long-campaign-name&ref=murre"),
        p(13, "murre", 38, ""),
        p(14, "alice", 41, "").image("/demo-media/sunset.png", Some("A red sunset over the Baltic sea, seen from a ferry deck.")),
        p(15, "bob", 44, "Look at this duck.").image("/demo-media/duck-gone.jpg", None),
        Post { poll: Some(poll(&[("Tabs", 12), ("Spaces", 30), ("Both, chaotically", 5)], false, 1440)), ..p(16, "alice", 47, "Tabs or spaces? #poll") },
        Post { poll: Some(poll(&[("kitty", 8), ("WezTerm", 6), ("Alacritty", 9), ("foot", 4)], true, -60)), ..p(17, "dana", 50, "Which terminals do you use? (closed)") },
        p(18, "bob", 53, "The duck was the detective all along.").cw("Spoilers for the season finale", true),
        p(19, "zoe", 56, "Pineapple on pizza is fine, actually.").cw("mild food opinions", false),
        p(20, "dana", 59, "First paragraph, about terminals.\n\nSecond paragraph,\nwith a line break in the middle.\n\nThird paragraph. The end."),
        p(21, "alice", 62, "What's your favourite terminal font? #fonts"),
        p(22, "bob", 61, "@alice Iosevka, obviously.").reply(21),
        p(23, "alice", 60, "@bob Bold choice. I'm on JetBrains Mono.").reply(22),
        p(24, "carol", 58, "@alice @bob Comic Mono, and I'm not sorry.").reply(23),
        p(25, "stranger", 300, "A post you only see because someone boosted it. #boosted").hidden(),
        Post::boost(now, 26, "bob", 70, 25),
        Post::boost(now, 27, "alice", 8, 4),
        p(28, "bob", 57, "This thread is gold 👇").quote(21),
        p(29, "carol", 76, "Quoting a post that was deleted.").quote(9999),
        Post { card: Some(card()), ..p(30, "news", 80, "New terminal emulator released https://news.example/terminal-release") },
    ]
}

/// A poll from option titles and vote counts.
fn poll(options: &[(&str, u32)], multiple: bool, closes_in: i64) -> Poll {
    let options = options.iter().map(|(t, n)| ((*t).to_string(), *n)).collect();
    Poll { options, multiple, closes_in }
}

/// The link card of post 30.
fn card() -> Card {
    Card {
        url: "https://news.example/terminal-release".to_string(),
        title: "A new terminal emulator is out".to_string(),
        description: "GPU rendering, ligatures and a config file you can read.".to_string(),
        image: Some("https://media.example/news/terminal.png".to_string()),
    }
}
