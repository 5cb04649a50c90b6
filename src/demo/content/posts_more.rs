//! Hand-written posts, second part: cross-posts, visibility, video and audio, Tumblr asks and
//! read-mores, a lying `createdAt`, more boosts.
//!
//! Pure data. Keys 50-99.

use super::{Ask, Media, MediaKind, Nets, Post};
use jiff::Timestamp;

/// The second batch of hand-written posts.
pub fn posts(now: Timestamp) -> Vec<Post> {
    let p = |key, who, min, text: &str| Post::new(now, key, who, min, text);
    let cross = "Cross-posting this to every network I'm on: murre works!";
    let mut out = vec![
        // Cross-posts: same person, same text, two networks, a minute or two apart.
        p(50, "alice", 90, cross).on(Nets::M),
        p(51, "alice", 91, cross).on(Nets::B),
        p(52, "chen", 95, "跨平台发帖测试。").lang("zh").on(Nets::B),
        p(53, "chen", 96, "跨平台发帖测试。").lang("zh").on(Nets::T),
        p(54, "bob", 100, "Same text, two networks, two minutes apart.").on(Nets::M),
        p(55, "bob", 102, "Same text, two networks, two minutes apart.").on(Nets::T),
        Post { created_lie: true, ..p(56, "yuki", 105, "この投稿の createdAt は未来の日付です (my createdAt lies).").lang("ja") },
        p(57, "murre", 110, "Hello from the demo account! #murre"),
        Post { visibility: "private", ..p(58, "alice", 115, "Followers-only note: only Mastodon has visibility.").on(Nets::M) },
        media(p(59, "dana", 120, "Timelapse of my terminal setup."), MediaKind::Video, Some("A terminal window filling with green text.")),
        media(p(60, "amira", 125, "Listen to this podcast episode about Unicode."), MediaKind::Audio, Some("Podcast audio, 42 minutes.")),
        Post { read_more_after: Some(1), ..p(61, "dana", 130, "Why I keep coming back to the terminal.\n\nIt starts fast.\n\nIt stays out of my way.\n\nAnd nothing blinks at me. Well, almost nothing.") },
        Post { ask: Some(ask(Some("alice"), "What got you into terminals?")), ..p(62, "yuki", 135, "The speed, and the quiet.").on(Nets::T) },
        Post { ask: Some(ask(None, "Anonymous asks: yes or no?")), ..p(63, "bob", 138, "Yes.").on(Nets::T) },
        p(64, "linh", 140, "Hai ảnh từ Hà Nội")
            .image("/demo-media/hanoi.png", Some("Phố cổ Hà Nội lúc bình minh"))
            .image("/demo-media/huge-hanoi.png", Some("Hồ Hoàn Kiếm vào buổi tối"))
            .lang("vi"),
        p(65, "noa", 145, "RTL mix: שלום and سلام in one line #שלום").lang("he"),
        p(66, "chen", 150, "终端里的中文排版：每个汉字占两列宽度，换行时不能把一个字切成两半。这一段文字故意写得比较长，用来测试自动换行是否正确。").lang("zh"),
        p(67, "yuki", 155, "#東京 今日は雨です。@chen さん、元気ですか？").lang("ja"),
        Post::boost(now, 68, "yuki", 148, 66),
        Post::boost(now, 69, "carol", 33, 12),
        p(70, "family", 170, "Emoji soup: 👩\u{200d}👩\u{200d}👧\u{200d}👦👋🏽🏳\u{fe0f}\u{200d}🌈🇫🇮 and a flag sequence."),
        p(71, "longname", 175, "My display name is longer than your terminal."),
        p(72, "dana", 57, "Adding to my own post above: paragraphs matter.").reply(20),
        p(73, "murre", 2, "@alice Good morning from the demo account!").reply(1),
        p(74, "stranger", 400, "An old post from someone you don't follow, reposted below.").hidden(),
        Post::boost(now, 75, "dana", 190, 74),
    ];
    let styled = "> A quote block on Tumblr.\n\nSome bold, some italic, some struck, some small text.";
    let styles = [("bold", "bold"), ("italic", "italic"), ("struck", "strikethrough"), ("small text", "small")];
    let styles = styles.iter().map(|(s, k)| ((*s).to_string(), *k)).collect();
    out.push(Post { styles, ..p(77, "dana", 198, styled) });
    out.push(p(76, "carol", 195, "Replying to a post you never saw.").reply(74));
    out
}

/// Adds one attachment of `kind`.
fn media(mut post: Post, kind: MediaKind, alt: Option<&str>) -> Post {
    let ext = if kind == MediaKind::Video { "mp4" } else { "mp3" };
    let url = format!("https://media.example/{}/{}.{ext}", post.author, post.key);
    post.media.push(Media::new(kind, &url, alt));
    post
}

/// A Tumblr ask from `from` (`None`: anonymous).
fn ask(from: Option<&str>, question: &str) -> Ask {
    Ask { from: from.map(str::to_string), question: question.to_string() }
}
