//! Deterministic ids, handles and hashes for every network, derived from a post's key and time.
//!
//! Pure; no IO. Mastodon ids are snowflake-like decimal strings (newest largest), Bluesky record keys
//! are TIDs, Tumblr ids are large numbers (beyond JavaScript's 2^53, as on the real service).

use super::content::Net;
use jiff::Timestamp;

/// The base32 alphabet of atproto TIDs (sortable).
const TID_ALPHABET: &[u8] = b"234567abcdefghijklmnopqrstuvwxyz";

/// A 64-bit FNV-1a hash of `text`.
pub fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// A sortable numeric id: milliseconds since the epoch, shifted, plus the key (like Mastodon's).
pub fn snowflake(at: Timestamp, key: u32) -> u64 {
    let ms = u64::try_from(at.as_millisecond()).unwrap_or(0);
    (ms << 16) | u64::from(key & 0xffff)
}

/// An atproto TID (13 base32-sortable characters) for a record created at `at`.
pub fn tid(at: Timestamp, key: u32) -> String {
    let micros = u64::try_from(at.as_microsecond()).unwrap_or(0) & ((1 << 53) - 1);
    let value = (micros << 10) | u64::from(key & 0x3ff);
    (0..13).rev().map(|i| char::from(TID_ALPHABET[((value >> (i * 5)) & 31) as usize])).collect()
}

/// `len` lowercase base32 characters derived from `seed`.
pub fn base32(seed: &str, len: usize) -> String {
    let mut state = hash(seed);
    (0..len)
        .map(|i| {
            if i % 12 == 0 {
                state = hash(&format!("{seed}/{i}/{state}"));
            }
            let c = TID_ALPHABET[(state & 31) as usize];
            state >>= 5;
            char::from(c)
        })
        .collect()
}

/// A CID-looking content hash (`bafyrei…`) for `seed`.
pub fn cid(seed: &str) -> String {
    format!("bafyrei{}", base32(seed, 52))
}

/// The handle of person `key` on `net` (the demo account has the fixed demo handles).
pub fn handle(net: Net, key: &str) -> String {
    match (net, key == "murre") {
        (Net::Mastodon, true) => super::MASTODON_USER.to_string(),
        (Net::Mastodon, false) => format!("{key}@social.example"),
        (Net::Bluesky, true) => super::BLUESKY_HANDLE.to_string(),
        (Net::Bluesky, false) => format!("{key}.bsky.example"),
        (Net::Tumblr, true) => super::TUMBLR_BLOG.to_string(),
        (Net::Tumblr, false) => key.to_string(),
    }
}

/// The DID of person `key` on Bluesky.
pub fn did(key: &str) -> String {
    if key == "murre" {
        super::BLUESKY_DID.to_string()
    } else {
        format!("did:plc:{}", base32(&format!("did/{key}"), 24))
    }
}

/// The Tumblr blog uuid of person `key` (`t:` and 22 characters).
pub fn blog_uuid(key: &str) -> String {
    format!("t:{}", base32(&format!("uuid/{key}"), 22))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tids_sort_like_time() {
        let a = tid(Timestamp::from_second(1_700_000_000).unwrap(), 5);
        let b = tid(Timestamp::from_second(1_700_000_001).unwrap(), 1);
        assert_eq!(a.len(), 13);
        assert!(a < b);
    }

    #[test]
    fn snowflakes_sort_like_time_then_key() {
        let t = Timestamp::from_second(1_700_000_000).unwrap();
        assert!(snowflake(t, 2) > snowflake(t, 1));
        assert!(snowflake(t, 1) > (1 << 53), "beyond JavaScript's safe integers");
    }
}
