use super::*;
use crate::model::{AccountId, Post, PostKey};

const M: &str = "mastodon:a@x";
const B: &str = "bluesky:me";

fn at(secs: i64) -> Timestamp {
    Timestamp::from_second(1_700_000_000 + secs).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Post `n` of `account`, `n` seconds after the epoch above (a higher `n` is newer).
fn post(account: &str, n: i64) -> Post {
    let key = if account == M {
        PostKey::Mastodon { id: n.to_string(), uri: format!("https://x/{n}") }
    } else {
        PostKey::Bluesky { uri: format!("at://me/{n}"), cid: "c".into() }
    };
    Post::sample(key, &AccountId(account.into()), account, at(n), &format!("{account} {n}"))
}

fn tag(fetched_with: Option<&str>, next: Option<&str>) -> PageTag {
    PageTag { fetched_with: fetched_with.map(str::to_string), next: next.map(str::to_string) }
}

/// `pages` pages of 40 posts of `account`, newest first, read down from the newest page; posts
/// of page p are numbered `base - 40p - i`.
fn read_down(t: &mut Timeline, account: &str, base: i64, pages: i64) {
    for p in 0..pages {
        let items = (0..40).map(|i| post(account, base - 40 * p - i)).collect();
        let fetched = (p > 0).then(|| format!("c{p}"));
        t.merge_page(account, items, tag(fetched.as_deref(), Some(&format!("c{}", p + 1))));
        t.set_has_more(account, true);
    }
}

fn texts(t: &Timeline) -> Vec<String> {
    t.rows(None).iter().filter_map(|s| t.post(*s)).map(|p| p.text.to_plain()).collect()
}

fn slot_of_text(t: &Timeline, text: &str) -> Option<u32> {
    t.rows(None).into_iter().find(|s| t.post(*s).is_some_and(|p| p.text.to_plain() == text))
}

#[test]
fn nothing_is_dropped_within_the_bound_and_its_slack() {
    let mut t = Timeline::new();
    t.max_posts = 100;
    read_down(&mut t, M, 1000, 2);
    assert_eq!(t.evict(None), None, "80 rows, bound 100");
    t.max_posts = 75;
    assert_eq!(t.evict(None), None, "80 is within 75 + 10%");
    t.max_posts = 0;
    read_down(&mut t, M, 1000, 5);
    assert_eq!(t.evict(None), None, "0 means no bound");
}

#[test]
fn rows_below_the_reader_go_and_the_source_reads_on_from_the_page_of_the_newest_dropped() {
    let mut t = Timeline::new();
    t.max_posts = 60;
    read_down(&mut t, M, 1000, 3);
    let reader = slot_of_text(&t, "mastodon:a@x 990");
    let ev = t.evict(reader).expect("120 rows, bound 60");
    assert_eq!(ev.dropped, 60);
    // Row 60 (post 940) came in the second page, fetched with c1: that page is asked again.
    assert_eq!(ev.older, vec![(M.to_string(), Some("c1".to_string()))]);
    let rows = texts(&t);
    assert_eq!(rows.len(), 60);
    assert_eq!(rows.last().map(String::as_str), Some("mastodon:a@x 941"));
    assert_eq!(
        t.post(ev.slot(reader.unwrap_or(0)).unwrap_or(u32::MAX)).map(|p| p.text.to_plain()).as_deref(),
        Some("mastodon:a@x 990")
    );
    assert_eq!(t.posts.len(), 60, "memory really goes: slots are renumbered");
    // Asking c1 again brings the page back; what is held is skipped.
    let again = (0..40).map(|i| post(M, 960 - i)).collect();
    let outcome = t.merge_page(M, again, tag(Some("c1"), Some("c2")));
    assert_eq!((outcome.added, outcome.duplicates), (20, 20));
}

#[test]
fn a_dropped_newest_page_stays_whole_and_the_source_reads_on_after_it() {
    let mut t = Timeline::new();
    t.max_posts = 20;
    read_down(&mut t, M, 1000, 1);
    let ev = t.evict(None).expect("40 rows, bound 20");
    // The newest page cannot be asked for again by cursor: nothing goes, and the source goes on
    // after the page.
    assert_eq!((ev.dropped, ev.older), (0, vec![(M.to_string(), Some("c1".to_string()))]));
    assert_eq!(texts(&t).len(), 40);
}

#[test]
fn the_merged_order_stays_honest_after_a_drop_below() {
    let mut t = Timeline::new();
    t.max_posts = 60;
    read_down(&mut t, M, 1000, 2); // 1000..921
    read_down(&mut t, B, 999, 2); // 999..920, interleaved with M
    let ev = t.evict(None).expect("160 rows");
    // The cut (row 60, time 970) falls in both sources' newest pages: those stay whole (M down
    // to 961, B to 960) and both read on with c1.
    let c1 = Some("c1".to_string());
    assert_eq!(ev.older, vec![(B.to_string(), c1.clone()), (M.to_string(), c1)]);
    assert_eq!(ev.dropped, 80);
    // The merged rows stop where both sources are whole: at 961, not at B's 960.
    let rows = texts(&t);
    assert_eq!(rows.len(), 79, "M's 1000 to 961 and B's 999 to 961");
    assert!(rows.iter().all(|r| !r.ends_with(" 960")), "B's 960 waits for M's next page");
    assert!(t.source(M).has_more && t.source(B).has_more);
}

#[test]
fn rows_above_a_deep_reader_go_and_come_back_page_by_page() {
    let mut t = Timeline::new();
    t.max_posts = 60;
    read_down(&mut t, M, 1000, 4); // pages fetched with None, c1, c2, c3
    let reader = slot_of_text(&t, "mastodon:a@x 850"); // row 150, in the last page
    let ev = t.evict(reader).expect("160 rows");
    assert_eq!(ev.older, Vec::new(), "nothing below the reader went");
    assert_eq!(ev.dropped, 100);
    let rows = texts(&t);
    assert_eq!(rows.first().map(String::as_str), Some("mastodon:a@x 900"));
    assert!(t.has_above());
    // The page of the oldest dropped post (post 901, fetched with c2) first.
    assert_eq!(t.page_above(), Some((M, Some("c2"))));
    let page = (0..40).map(|i| post(M, 920 - i)).collect();
    t.merge_page(M, page, tag(Some("c2"), Some("c3")));
    t.above_loaded(M, Some(at(920)));
    assert_eq!(texts(&t).first().map(String::as_str), Some("mastodon:a@x 920"));
    assert_eq!(t.page_above(), Some((M, Some("c1"))));
    let page = (0..40).map(|i| post(M, 960 - i)).collect();
    t.merge_page(M, page, tag(Some("c1"), Some("c2")));
    t.above_loaded(M, Some(at(960)));
    assert_eq!(t.page_above(), Some((M, None)), "then the newest page");
    let page = (0..40).map(|i| post(M, 1005 - i)).collect();
    t.merge_page(M, page, tag(None, Some("c1")));
    t.above_loaded(M, Some(at(1005)));
    assert!(!t.has_above());
    assert_eq!(texts(&t).first().map(String::as_str), Some("mastodon:a@x 1005"));
}

#[test]
fn the_ceiling_holds_back_rows_of_every_source_above_the_gap() {
    let mut t = Timeline::new();
    t.max_posts = 60;
    read_down(&mut t, M, 1000, 2);
    read_down(&mut t, B, 999, 2);
    let reader = slot_of_text(&t, "bluesky:me 925");
    t.evict(reader).expect("160 rows");
    let rows = texts(&t);
    // Whatever is shown is older than the oldest post dropped above: no source has a hole there.
    let ceiling = t.ceiling().expect("rows went above the reader: a ceiling holds");
    assert!(t.rows(None).iter().filter_map(|s| t.post(*s)).all(|p| super::nanos(p.feed_time()) < ceiling));
    // Some of each source's posts sit at or above the ceiling and are held back, not shown.
    let held =
        |account: &str| t.live().any(|(_, p)| p.id.account.0 == account && super::nanos(p.feed_time()) >= ceiling);
    assert!(held(M) || held(B), "the test would prove nothing without rows held back");
    assert!(rows.contains(&"bluesky:me 925".to_string()));
}

#[test]
fn posts_with_no_page_stay_and_keep_their_cross_posts() {
    let mut t = Timeline::new();
    t.max_posts = 40;
    read_down(&mut t, M, 1000, 2);
    // A streamed post (no page) at the old end, and a cross-post of a paged post.
    t.merge(M, vec![post(M, 500)]);
    let mut twin = post(B, 930);
    twin.author =
        t.post(slot_of_text(&t, "mastodon:a@x 930").unwrap_or(0)).map(|p| p.author.clone()).unwrap_or_default();
    twin.text = crate::model::RichText::plain("mastodon:a@x 930");
    t.merge(B, vec![twin]);
    let ev = t.evict(None).expect("81 rows");
    assert!(t.live().any(|(_, p)| p.text.to_plain() == "mastodon:a@x 500"), "no page: stays");
    let row = t.live().find(|(_, p)| p.id.account.0 == B).map(|(s, _)| s);
    assert!(row.is_some(), "the unpaged cross-post stays, and with it its row");
    assert!(ev.dropped < 41);
}

#[test]
fn deleted_posts_are_freed_by_the_next_drop() {
    let mut t = Timeline::new();
    t.max_posts = 60;
    read_down(&mut t, M, 1000, 3);
    let key = PostKey::Mastodon { id: "999".into(), uri: "https://x/999".into() };
    assert_eq!(t.remove(&key), 1);
    assert_eq!(t.posts.len(), 120, "a delete keeps its slot");
    t.evict(None).expect("119 rows");
    assert_eq!(t.posts.len(), t.order.len());
    assert!(t.slot_of("https://x/999").is_none() && t.copies(&key).is_empty());
}
