//! Splitting a draft too long for a network into a numbered thread there, when the user asks: each
//! piece fits the network's limit with the content warning repeated on every piece (each can be seen
//! alone), and gets its own key so a retry finds the pieces already made. Pure.

use crate::compose::{length, split::split};
use crate::model::Network;

use super::prepare::{Rules, with_warning};

/// The texts to post on `network`, in order: one piece when the draft fits (or `split` is off),
/// else a numbered thread. Tumblr never splits: NPF takes long text in several blocks.
/// `rules`: the Mastodon server's limits.
pub fn pieces(network: Network, text: &str, cw: &str, split_on: bool, rules: Rules) -> Vec<String> {
    let fits = |t: &str| match network {
        Network::Mastodon => !length::mastodon(t, cw, rules.chars, rules.per_url).over(),
        Network::Bluesky => !length::bluesky(&with_warning(t, cw)).over(),
        Network::Tumblr => true,
    };
    if !split_on || fits(text) {
        return vec![text.to_string()];
    }
    split(text, fits)
}

/// The key of piece `n` (0 is the first) from a target's key: a Mastodon Idempotency-Key gets a
/// suffix; a Bluesky rkey (a TID) counts up in its clock bits, which `prepare::draft` spaces 32 apart
/// per target.
pub fn piece_key(network: Network, key: &str, n: usize) -> String {
    match (network, n) {
        (_, 0) => key.to_string(),
        (Network::Bluesky, n) => crate::backend::bluesky::write::tid_plus(key, n as u64),
        (_, n) => format!("{key}-{n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_becomes_numbered_pieces_that_each_fit_with_the_warning() {
        let text = "A sentence about herons and rivers. ".repeat(20);
        let sky = pieces(Network::Bluesky, &text, "long", true, Rules::default());
        assert!(sky.len() >= 3, "{}", sky.len());
        assert!(sky.iter().all(|p| !length::bluesky(&with_warning(p, "long")).over()));
        assert!(sky[0].ends_with(&format!("1/{}", sky.len())), "{}", sky[0]);
        assert_eq!(pieces(Network::Mastodon, &text, "", true, Rules::default()).len(), 2, "720 of 500 characters");
        assert_eq!(
            pieces(Network::Bluesky, &text, "", false, Rules::default()),
            [text.as_str()],
            "not asked: one piece"
        );
        assert_eq!(pieces(Network::Tumblr, &text, "", true, Rules::default()), [text.as_str()]);
        assert_eq!(pieces(Network::Bluesky, "short", "", true, Rules::default()), ["short"]);
    }

    #[test]
    fn each_piece_has_its_own_key() {
        let base = crate::backend::bluesky::write::tid(jiff::Timestamp::UNIX_EPOCH, 32);
        let keys: Vec<String> = (0..3).map(|n| piece_key(Network::Bluesky, &base, n)).collect();
        assert!(keys[0] < keys[1] && keys[1] < keys[2] && keys.iter().all(|k| k.len() == 13), "{keys:?}");
        assert_eq!(piece_key(Network::Mastodon, "murre-k", 2), "murre-k-2");
        assert_eq!(piece_key(Network::Mastodon, "murre-k", 0), "murre-k");
    }
}
