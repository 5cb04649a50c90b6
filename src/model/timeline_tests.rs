use super::*;
use crate::model::{AccountId, Author, PostKey, Repost};

fn at(secs: i64) -> Timestamp {
    Timestamp::from_second(1_700_000_000 + secs).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn masto(account: &str, id: &str, uri: &str, secs: i64, text: &str) -> Post {
    let key = PostKey::Mastodon { id: id.into(), uri: uri.into() };
    Post::sample(key, &AccountId(account.into()), "alice", at(secs), text)
}

fn sky(uri: &str, secs: i64, text: &str) -> Post {
    let key = PostKey::Bluesky { uri: uri.into(), cid: "c".into() };
    Post::sample(key, &AccountId("bluesky:me".into()), "alice", at(secs), text)
}

fn texts(t: &Timeline) -> Vec<String> {
    t.rows(None).iter().filter_map(|s| t.post(*s)).map(|p| p.text.to_plain()).collect()
}

#[test]
fn orders_newest_first_across_networks() {
    let mut t = Timeline::new();
    t.merge("m", vec![masto("m:a", "1", "u1", 10, "m10"), masto("m:a", "2", "u2", 30, "m30")]);
    t.merge("b", vec![sky("at://1", 20, "b20"), sky("at://2", 40, "b40")]);
    assert_eq!(texts(&t), ["b40", "m30", "b20", "m10"]);
}

#[test]
fn ties_are_broken_by_a_stable_key_whatever_the_arrival_order() {
    let mut one = Timeline::new();
    one.merge("m", vec![masto("m:a", "1", "uA", 10, "a")]);
    one.merge("b", vec![sky("at://B", 10, "b")]);
    let mut two = Timeline::new();
    two.merge("b", vec![sky("at://B", 10, "b")]);
    two.merge("m", vec![masto("m:a", "1", "uA", 10, "a")]);
    assert_eq!(texts(&one), texts(&two));
}

#[test]
fn the_same_status_seen_by_two_accounts_is_one_row() {
    let mut t = Timeline::new();
    let first = t.merge("m1", vec![masto("mastodon:a@x", "111", "https://x/s/1", 5, "hi")]);
    let second = t.merge("m2", vec![masto("mastodon:b@y", "999", "https://x/s/1", 5, "hi")]);
    assert_eq!((first.added, second.duplicates), (1, 1));
    assert_eq!(t.rows(None).len(), 1);
    let slot = t.rows(None)[0];
    assert_eq!(t.post(slot).map(|p| p.id.account.0.as_str()), Some("mastodon:a@x"));
}

#[test]
fn a_boost_is_its_own_feed_item_sorted_by_the_boost_time() {
    let mut t = Timeline::new();
    let mut boost = masto("m:a", "2", "u1", 10, "orig");
    boost.repost = Some(Repost { by: Author { handle: "bob".into(), ..Author::default() }, at: at(50), id: None });
    t.merge("m", vec![masto("m:a", "1", "u1", 10, "orig"), sky("at://x", 30, "sky")]);
    t.merge("m", vec![boost]);
    assert_eq!(texts(&t), ["orig", "sky", "orig"]);
}

#[test]
fn cross_posts_by_the_same_person_are_grouped() {
    let mut t = Timeline::new();
    t.merge("m", vec![masto("m:a", "1", "u1", 100, "Hello  world")]);
    t.merge("b", vec![sky("at://1", 160, "hello world")]);
    assert_eq!(t.rows(None).len(), 1);
    let row = t.rows(None)[0];
    assert_eq!(t.row_networks(row), [Network::Mastodon, Network::Bluesky]);
    assert_eq!(t.rows(Some(Network::Bluesky)).len(), 1);
}

#[test]
fn a_warning_carried_as_a_first_line_still_groups_with_the_mastodon_cw() {
    let mut t = Timeline::new();
    let mut m = masto("m:a", "1", "u1", 100, "Heron 🪶");
    m.cw = Some("bird photo".into());
    t.merge("m", vec![m]);
    t.merge("b", vec![sky("at://1", 160, "CW: bird photo\n\nHeron 🪶")]);
    t.merge("b", vec![sky("at://2", 170, "Heron 🪶")]);
    assert_eq!(t.rows(None).len(), 2, "the post without the warning is another post");
    assert_eq!(t.row_networks(t.rows(None)[1]), [Network::Mastodon, Network::Bluesky]);
}

#[test]
fn grouping_has_limits_time_author_and_switch() {
    let mut far = Timeline::new();
    far.merge("m", vec![masto("m:a", "1", "u1", 0, "same")]);
    far.merge("b", vec![sky("at://1", 3600, "same")]);
    assert_eq!(far.rows(None).len(), 2, "an hour apart is not a cross-post");

    let mut other = Timeline::new();
    other.merge("m", vec![masto("m:a", "1", "u1", 0, "same")]);
    let mut p = sky("at://1", 10, "same");
    p.author.name = "Mallory".into();
    other.merge("b", vec![p]);
    assert_eq!(other.rows(None).len(), 2, "another author is never hidden");

    let mut off = Timeline::new();
    off.grouping = false;
    off.merge("m", vec![masto("m:a", "1", "u1", 0, "same")]);
    off.merge("b", vec![sky("at://1", 10, "same")]);
    assert_eq!(off.rows(None).len(), 2);
}

#[test]
fn the_same_network_is_never_grouped_with_itself() {
    let mut t = Timeline::new();
    t.merge("m", vec![masto("m:a", "1", "u1", 0, "gm"), masto("m:a", "2", "u2", 30, "gm")]);
    assert_eq!(t.rows(None).len(), 2);
}

#[test]
fn the_watermark_holds_back_rows_older_than_a_slow_source_has_reached() {
    let mut t = Timeline::new();
    // Mastodon's page spans an hour; Tumblr's spans days.
    let masto_page: Vec<Post> =
        (0..40).map(|i| masto("m:a", &i.to_string(), &format!("u{i}"), 3600 - i * 90, "m")).collect();
    t.merge("m", masto_page);
    t.set_has_more("m", true);
    t.merge("b", vec![sky("at://new", 3700, "b-new"), sky("at://old", -86_400, "b-old")]);
    t.set_has_more("b", true);
    let rows = texts(&t);
    assert!(!rows.contains(&"b-old".to_string()), "b-old is below Mastodon's oldest loaded post");
    assert_eq!(t.source_holding_watermark(), Some("m"));
    let seen = rows.len();

    // Loading Mastodon's next page adds rows below, never above, what was shown.
    let older: Vec<Post> =
        (40..80).map(|i| masto("m:a", &i.to_string(), &format!("u{i}"), 3600 - i * 90, "m")).collect();
    t.merge("m", older);
    assert_eq!(texts(&t)[..seen], rows[..]);

    // When Mastodon runs out, nothing holds b-old back.
    t.set_has_more("m", false);
    assert_eq!(texts(&t).last().map(String::as_str), Some("b-old"));
}

#[test]
fn a_source_without_items_does_not_hold_the_watermark() {
    let mut t = Timeline::new();
    t.set_has_more("slow", true);
    t.merge("m", vec![masto("m:a", "1", "u1", 0, "x")]);
    t.set_has_more("m", true);
    assert_eq!(t.rows(None).len(), 1);
}

#[test]
fn interleaved_pages_merge_into_the_same_order_as_one_sort() {
    // Three sources whose pages land at the top, the bottom and in between, in a scrambled order.
    let times = |start: i64, step: i64| (0..20).map(move |i| start + i * step);
    let mut t = Timeline::new();
    let mut all = Vec::new();
    for (source, start, step) in [("a", 0, 7), ("b", 3, 11), ("c", 500, 2), ("d", -50, 13)] {
        let page: Vec<Post> =
            times(start, step).map(|s| sky(&format!("at://{source}/{s}"), s, &format!("{source}{s}"))).collect();
        all.extend(times(start, step).map(|s| (s, format!("at://{source}/{s}"), format!("{source}{s}"))));
        t.merge(source, page);
    }
    all.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| y.1.cmp(&x.1)));
    let expected: Vec<String> = all.into_iter().map(|(_, _, text)| text).collect();
    assert_eq!(texts(&t), expected);
}

#[test]
fn times_outside_the_nanosecond_range_saturate_instead_of_wrapping() {
    assert_eq!(nanos(Timestamp::MAX), i64::MAX);
    assert_eq!(nanos(Timestamp::MIN), i64::MIN);
    assert_eq!(nanos(at(0)), 1_700_000_000 * 1_000_000_000);
}

#[test]
fn an_excluded_source_hides_its_rows_and_holds_no_watermark() {
    let mut t = Timeline::new();
    t.merge("m:a", vec![masto("m:a", "1", "u1", 100, "mine"), masto("m:a", "2", "u2", 10, "old mine")]);
    t.merge("bluesky:me", vec![sky("at://1", 90, "sky")]);
    t.set_has_more("m:a", true);
    t.set_has_more("bluesky:me", true);
    assert_eq!(texts(&t), ["mine", "sky"], "the Bluesky page holds back the old Mastodon post");
    t.set_excluded("bluesky:me", true);
    assert_eq!(texts(&t), ["mine", "old mine"]);
    assert_eq!(t.source_holding_watermark(), Some("m:a"));
    t.set_excluded("bluesky:me", false);
    assert_eq!(texts(&t), ["mine", "sky"]);
}

#[test]
fn a_cross_post_stays_while_one_of_its_accounts_is_included() {
    let mut t = Timeline::new();
    t.merge("m:a", vec![masto("m:a", "1", "u1", 100, "same words")]);
    t.merge("bluesky:me", vec![sky("at://1", 101, "same words")]);
    assert_eq!(t.rows(None).len(), 1);
    t.set_excluded("m:a", true);
    assert_eq!(texts(&t), ["same words"]);
    t.set_excluded("bluesky:me", true);
    assert!(texts(&t).is_empty());
}

#[test]
fn an_account_pane_shows_that_account_down_to_its_own_oldest_post() {
    let mut t = Timeline::new();
    t.merge("m:a", vec![masto("m:a", "1", "u1", 100, "mine new"), masto("m:a", "2", "u2", 10, "mine old")]);
    t.merge("bluesky:me", vec![sky("at://1", 90, "sky")]);
    t.set_has_more("bluesky:me", true);
    assert_eq!(texts(&t), ["mine new", "sky"], "the merged view waits for Bluesky");
    let pane: Vec<String> =
        t.rows_of("m:a", None).iter().filter_map(|s| t.post(*s)).map(|p| p.text.to_plain()).collect();
    assert_eq!(pane, ["mine new", "mine old"], "the account's own pane needs no other source");
    t.set_excluded("m:a", true);
    assert_eq!(t.rows_of("m:a", None).len(), 2, "taking it out of the merged timeline keeps its pane");
}

#[test]
fn an_account_pane_shows_its_own_post_of_a_cross_post() {
    let mut t = Timeline::new();
    t.merge("m:a", vec![masto("m:a", "1", "u1", 100, "same words")]);
    t.merge("bluesky:me", vec![sky("at://1", 101, "same words")]);
    let rows = t.rows_of("bluesky:me", None);
    assert_eq!(rows.len(), 1);
    assert_eq!(t.post(rows[0]).map(|p| p.network()), Some(Network::Bluesky));
}
