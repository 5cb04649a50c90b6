use super::*;

const FAMILY: &str = "👨\u{200d}👩\u{200d}👧\u{200d}👦";

#[test]
fn family_emoji_is_one_grapheme_seven_code_points_twenty_five_bytes() {
    assert_eq!(bluesky(FAMILY).used, 1);
    assert_eq!(bluesky(FAMILY).bytes, Some((25, BLUESKY_BYTES)));
    assert_eq!(tumblr(FAMILY).used, 7);
    assert_eq!(mastodon(FAMILY, "", 500, 23).used, 1);
}

#[test]
fn skin_tones_flags_cjk_and_combining_marks() {
    for (text, graphemes, points) in [
        ("👍🏽", 1, 2),
        ("👋🏿👋🏻", 2, 4),
        ("🇯🇵🇫🇷", 2, 4),
        ("🏳\u{fe0f}\u{200d}🌈", 1, 4),
        ("日本語", 3, 3),
        ("e\u{301}", 1, 2),
        ("a\u{308}\u{301}b", 2, 4),
        ("שלום", 4, 4),
        ("a\r\nb", 3, 4),
    ] {
        assert_eq!(bluesky(text).used, graphemes, "{text:?}");
        assert_eq!(mastodon(text, "", 500, 23).used, graphemes, "{text:?}");
        assert_eq!(tumblr(text).used, points, "{text:?}");
    }
}

#[test]
fn bluesky_exact_limit() {
    let at_limit = "a".repeat(300);
    assert!(!bluesky(&at_limit).over());
    assert_eq!(bluesky(&at_limit).remaining(), 0);
    let over = "a".repeat(301);
    assert!(bluesky(&over).over());
    assert_eq!(bluesky(&over).remaining(), -1);
    assert!(!bluesky(&FAMILY.repeat(120)).over(), "120 graphemes, 3000 bytes");
}

#[test]
fn bluesky_byte_limit_before_graphemes() {
    let text = FAMILY.repeat(121);
    let count = bluesky(&text);
    assert_eq!(count.used, 121);
    assert_eq!(count.bytes, Some((3025, 3000)));
    assert!(count.over());
    assert!(count.remaining() > 0, "graphemes alone would still fit");
}

#[test]
fn mastodon_urls_count_as_reserved_length() {
    let long = format!("https://example.com/{}", "x".repeat(100));
    assert_eq!(mastodon(&long, "", 500, 23).used, 23);
    assert_eq!(mastodon(&format!("see {long}."), "", 500, 23).used, 4 + 23 + 1);
    assert_eq!(mastodon("a http://x.example b https://y.example", "", 500, 23).used, 2 + 23 + 3 + 23);
    assert_eq!(mastodon("see example.com", "", 500, 23).used, 15, "a bare domain counts as typed");
    assert_eq!(mastodon("https://x.example", "", 500, 5).used, 5);
}

#[test]
fn mastodon_counts_cw_and_local_part_of_remote_mentions() {
    assert_eq!(mastodon("body", "spoiler", 500, 23).used, 11);
    assert_eq!(mastodon("hi @alice@example.social!", "", 500, 23).used, "hi @alice!".len());
    assert_eq!(mastodon("@alice", "", 500, 23).used, 6);
    assert_eq!(mastodon("mail a@b.example", "", 500, 23).used, 16, "an email address is not a mention");
    assert_eq!(mastodon("@a@b.example @c@d.example.", "", 500, 23).used, "@a @c.".len());
    assert_eq!(mastodon("https://x.example/@a@b.example", "", 500, 23).used, 23);
}

#[test]
fn mastodon_limit_and_unit_names() {
    let text = "a".repeat(500);
    assert!(!mastodon(&text, "", 500, 23).over());
    assert!(mastodon(&text, "!", 500, 23).over());
    assert_eq!(mastodon("", "", 5000, 23).limit, 5000);
    assert_eq!(mastodon("", "", 500, 23).unit_name(), "graphemes");
    assert_eq!(bluesky("").unit_name(), "graphemes");
    assert_eq!(tumblr("").unit_name(), "code points");
}

#[test]
fn tumblr_exact_limit() {
    assert!(!tumblr(&"a".repeat(4096)).over());
    assert!(tumblr(&"a".repeat(4097)).over());
    assert!(tumblr(&"é".repeat(4097)).over());
    assert_eq!(tumblr("").used, 0);
}
