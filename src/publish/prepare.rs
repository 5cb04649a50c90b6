//! Before anything is sent: the draft checked against each target network's rules (length in its own
//! unit, audience), and the keys that make each target's retry safe. Pure.

use jiff::Timestamp;

use crate::compose::length;
use crate::model::{AccountId, Network, PostKey, Visibility};
use crate::store::attachment::Attachment;
use crate::store::outbox::{Draft, State, Target};

/// What the user asked to publish.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Request {
    pub text: String,
    pub cw: String,
    pub visibility: Visibility,
    pub targets: Vec<AccountId>,
    /// The post this answers; a reply goes to that post's network only.
    pub reply_to: Option<PostKey>,
    /// Images with their alt text.
    pub images: Vec<Attachment>,
    /// Whether every image needs alt text (config `alt_required`, on by default).
    pub alt_required: bool,
    /// The user confirmed that a followers-only or direct post may go where it will be public.
    pub widen_confirmed: bool,
    /// Text too long for a network goes out there as a numbered thread instead of being refused.
    pub split: bool,
    /// The post this quotes (Bluesky only: the other networks have no quote posts murre can make).
    pub quote: Option<PostKey>,
    /// Each Mastodon-API target's own limits, where its server said (else the usual ones).
    pub rules: Vec<(AccountId, Rules)>,
}

impl Request {
    /// The limits of `account`'s server.
    pub fn rules_for(&self, account: &AccountId) -> Rules {
        self.rules.iter().find(|(a, _)| a == account).map(|(_, r)| *r).unwrap_or_default()
    }
}

/// Mastodon's usual limits, used when the instance does not say otherwise.
pub const MASTODON_CHARS: usize = 500;
const MASTODON_URL_CHARS: usize = 23;

/// A Mastodon-API server's own limits (from `/api/v2/instance`): characters per status, what a URL
/// counts for, images per status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rules {
    pub chars: usize,
    pub per_url: usize,
    pub media: usize,
}

impl Default for Rules {
    fn default() -> Self {
        Rules { chars: MASTODON_CHARS, per_url: MASTODON_URL_CHARS, media: 4 }
    }
}

impl From<crate::backend::Limits> for Rules {
    fn from(l: crate::backend::Limits) -> Self {
        Rules { chars: l.max_chars, per_url: l.chars_per_url.unwrap_or(MASTODON_URL_CHARS), media: l.max_media }
    }
}

/// The text Bluesky and Tumblr get: they have no content warning, so it becomes the first line.
/// (Bluesky also labels the images `graphic-media`, so its apps blur them; Tumblr gets a `cw` tag.)
pub fn with_warning(text: &str, cw: &str) -> String {
    match (cw.trim(), text.trim().is_empty()) {
        ("", _) => text.to_string(),
        (cw, true) => format!("CW: {cw}"),
        (cw, false) => format!("CW: {cw}\n\n{text}"),
    }
}

/// How the content warning reaches each network, for the compose box's preview.
pub const WARNING_MAPPING: &str = "Mastodon: content warning; Bluesky: first line \"CW: …\", images labelled graphic-media; Tumblr: first line and a cw tag";

/// Every reason a target cannot take this post, as (account, reason); empty when all can.
pub fn problems(req: &Request) -> Vec<(AccountId, String)> {
    let mut out = Vec::new();
    if req.text.trim().is_empty() && req.images.is_empty() {
        return req.targets.iter().map(|a| (a.clone(), "the post is empty".to_string())).collect();
    }
    for account in &req.targets {
        let Some(network) = account.network() else { continue };
        let count = match network {
            Network::Mastodon => {
                let rules = req.rules_for(account);
                length::mastodon(&req.text, &req.cw, rules.chars, rules.per_url)
            }
            Network::Bluesky => length::bluesky(&with_warning(&req.text, &req.cw)),
            // NPF splits long paragraphs into blocks of 4096 code points: no length limit to refuse.
            Network::Tumblr => length::tumblr(""),
        };
        if count.over() && !(req.split && network != Network::Tumblr) {
            let bytes = count.bytes.filter(|(used, max)| used > max).map(|(u, m)| format!(" ({u} of {m} bytes)"));
            let why = format!(
                "too long: {} of {} {}{}",
                count.used,
                count.limit,
                count.unit_name(),
                bytes.unwrap_or_default()
            );
            out.push((account.clone(), why));
        }
        let most = (network == Network::Mastodon).then(|| req.rules_for(account).media);
        for why in super::media::problems(&req.images, network, req.alt_required, most) {
            out.push((account.clone(), why));
        }
        let reply_network = req.reply_to.as_ref().map(|k| match k {
            PostKey::Mastodon { .. } => Network::Mastodon,
            PostKey::Bluesky { .. } => Network::Bluesky,
            PostKey::Tumblr { .. } => Network::Tumblr,
        });
        if reply_network.is_some_and(|n| n != network || n == Network::Tumblr) {
            out.push((
                account.clone(),
                "a reply goes only to the network of the post it answers (Tumblr has none)".into(),
            ));
        }
        if req.quote.as_ref().is_some_and(|q| !matches!(q, PostKey::Bluesky { .. }) || network != Network::Bluesky) {
            out.push((account.clone(), "a quote goes only to Bluesky, where the quoted post lives".into()));
        }
        if !req.widen_confirmed && widened(req).contains(account) {
            let why = "a followers-only or direct post would become public there (--allow-public sends it anyway)";
            out.push((account.clone(), why.to_string()));
        }
    }
    out
}

/// The targets where a followers-only or direct post would be public (every network but Mastodon).
pub fn widened(req: &Request) -> Vec<AccountId> {
    if !matches!(req.visibility, Visibility::Private | Visibility::Direct) {
        return Vec::new();
    }
    req.targets.iter().filter(|a| a.network().is_some_and(|n| n != Network::Mastodon)).cloned().collect()
}

/// A draft for `req`, with a fresh key per target (Bluesky: a TID rkey; Mastodon: an
/// Idempotency-Key), all pending.
pub fn draft(req: &Request, now: Timestamp, random: &str) -> Draft {
    let id = crate::backend::bluesky::write::tid(now, 0);
    let targets = req
        .targets
        .iter()
        .enumerate()
        .map(|(i, account)| {
            // Spaced 32 apart: a thread's pieces count up from their target's key.
            let clock = u32::try_from((i + 1) * 32).unwrap_or(32);
            let key = match account.network() {
                Some(Network::Bluesky) => crate::backend::bluesky::write::tid(now, clock),
                _ => format!("murre-{id}-{i}-{random}"),
            };
            let rules = (account.network() == Some(Network::Mastodon)).then(|| req.rules_for(account));
            Target { account: account.clone(), key, state: State::Pending, rules }
        })
        .collect();
    Draft {
        id,
        created: now,
        text: req.text.clone(),
        cw: req.cw.clone(),
        visibility: req.visibility,
        reply_to: req.reply_to.clone(),
        images: req.images.clone(),
        split: req.split,
        quote: req.quote.clone(),
        targets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(text: &str, visibility: Visibility, targets: &[&str]) -> Request {
        Request {
            text: text.into(),
            cw: String::new(),
            visibility,
            targets: targets.iter().map(|t| AccountId((*t).into())).collect(),
            reply_to: None,
            images: Vec::new(),
            alt_required: true,
            widen_confirmed: false,
            split: false,
            quote: None,
            rules: Vec::new(),
        }
    }

    #[test]
    fn each_network_is_checked_in_its_own_unit() {
        let family = "👨‍👩‍👧‍👦".repeat(301);
        let p = problems(&req(&family, Visibility::Public, &["mastodon:a@h", "bluesky:b.test"]));
        let reasons: Vec<&str> = p.iter().map(|(_, r)| r.as_str()).collect();
        assert_eq!(p.len(), 1, "{reasons:?}");
        assert!(reasons[0].contains("301 of 300 graphemes") && reasons[0].contains("bytes"), "{reasons:?}");
        assert_eq!(p[0].0, AccountId("bluesky:b.test".into()));
        let mut thread = req(&family, Visibility::Public, &["mastodon:a@h", "bluesky:b.test"]);
        thread.split = true;
        assert_eq!(problems(&thread), [], "asked to split: a thread, not a refusal");
        let mut roomy = req(&"word ".repeat(200), Visibility::Public, &["mastodon:a@h"]);
        assert_eq!(problems(&roomy).len(), 1, "1000 of 500");
        roomy.rules = vec![(AccountId("mastodon:a@h".into()), Rules { chars: 5000, ..Rules::default() })];
        assert_eq!(problems(&roomy), [], "this server takes 5000");
    }

    #[test]
    fn an_empty_post_and_a_widened_audience_are_refused() {
        assert_eq!(problems(&req("  ", Visibility::Public, &["mastodon:a@h"])).len(), 1);
        let mut secret = req("secret", Visibility::Private, &["mastodon:a@h", "bluesky:b.test"]);
        let p = problems(&secret);
        assert_eq!(p.len(), 1);
        assert!(p[0].1.contains("public"));
        assert_eq!(widened(&secret), [AccountId("bluesky:b.test".into())]);
        secret.widen_confirmed = true;
        assert_eq!(problems(&secret), [], "the user confirmed");
    }

    #[test]
    fn drafts_get_one_safe_key_per_target() {
        let now = Timestamp::from_second(1_800_000_000).unwrap_or(Timestamp::UNIX_EPOCH);
        let d = draft(&req("hi", Visibility::Public, &["mastodon:a@h", "bluesky:b.test", "bluesky:c.test"]), now, "r");
        assert_eq!(d.targets.len(), 3);
        assert!(d.targets[1].key.len() == 13 && d.targets[1].key != d.targets[2].key, "distinct TIDs");
        assert!(d.targets[0].key.starts_with("murre-"));
        assert!(d.targets.iter().all(|t| t.state == State::Pending));
        assert_eq!(with_warning("body", " spoilers "), "CW: spoilers\n\nbody");
    }
}
