use super::*;
use crate::model::{AccountId, ReplyTo};

fn post(id: &str, parent: Option<&str>, minute: i64) -> Post {
    let key = PostKey::Mastodon { id: id.into(), uri: format!("https://x/{id}") };
    let at = Timestamp::from_second(1_700_000_000 + minute * 60).unwrap_or(Timestamp::UNIX_EPOCH);
    let mut p = Post::sample(key, &AccountId("mastodon:me@x".into()), "a", at, id);
    p.reply_to = parent.map(|id| ReplyTo { handle: None, id: Some(id.into()) });
    p
}

fn shape(t: &Thread) -> Vec<(usize, String)> {
    t.nodes
        .iter()
        .map(|n| match &n.item {
            ThreadItem::Post(p) => (n.depth, p.text.to_plain()),
            ThreadItem::Comment { text, .. } => (n.depth, text.to_plain()),
            ThreadItem::Gone { .. } => (n.depth, "gone".into()),
        })
        .collect()
}

#[test]
fn ancestors_anchor_and_replies_flatten_depth_first() {
    let anchor = post("b", Some("a"), 1);
    let replies = vec![post("d", Some("c"), 4), post("c", Some("b"), 2), post("e", Some("b"), 3)];
    let tree = Thread::tree(&anchor.id.key, replies);
    let t = Thread::new(vec![ThreadItem::Post(Box::new(post("a", None, 0)))], anchor, tree);
    let want: Vec<(usize, String)> =
        [(0, "a"), (1, "b"), (2, "c"), (3, "d"), (2, "e")].iter().map(|(d, s)| (*d, s.to_string())).collect();
    assert_eq!(shape(&t), want);
    assert_eq!(t.anchor, 1);
}

#[test]
fn a_reply_whose_parent_is_gone_hangs_under_a_note() {
    let anchor = post("a", None, 0);
    let tree = Thread::tree(&anchor.id.key, vec![post("z", Some("missing"), 5), post("y", Some("z"), 6)]);
    let t = Thread::new(Vec::new(), anchor, tree);
    let want: Vec<(usize, String)> =
        [(0, "a"), (1, "gone"), (2, "z"), (3, "y")].iter().map(|(d, s)| (*d, s.to_string())).collect();
    assert_eq!(shape(&t), want);
}

#[test]
fn a_cycle_or_an_endless_chain_ends() {
    let anchor = post("a", None, 0);
    let tree = Thread::tree(&anchor.id.key, vec![post("x", Some("y"), 1), post("y", Some("x"), 2)]);
    assert!(Thread::new(Vec::new(), anchor.clone(), tree).nodes.len() <= 3);
    let chain: Vec<Post> = (0..MAX_DEPTH + 50)
        .map(|i| post(&format!("p{i}"), Some(&if i == 0 { "a".into() } else { format!("p{}", i - 1) }), 1))
        .collect();
    let t = Thread::new(Vec::new(), anchor.clone(), Thread::tree(&anchor.id.key, chain));
    assert!(t.nodes.iter().all(|n| n.depth <= MAX_DEPTH));
}
