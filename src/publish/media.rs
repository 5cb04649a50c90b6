//! Image rules per network, checked before anything is sent: how many, how large, and alt text
//! (required unless the user turned that off). Pure.

use crate::model::Network;
use crate::store::attachment::{Attachment, human};

/// How many images, how many bytes each, and how long an alt text may be on `network`. Mastodon's
/// are the defaults of current servers; Bluesky's blob limit is 1,000,000 bytes per image.
pub fn limits(network: Network) -> (usize, usize, usize) {
    match network {
        Network::Mastodon => (4, 16 * 1024 * 1024, 1500),
        Network::Bluesky => (4, 1_000_000, 2000),
        Network::Tumblr => (10, 10 * 1024 * 1024, 4096),
    }
}

/// Every reason `images` cannot go to `network`.
/// `most`: the server's own count, where it said.
pub fn problems(images: &[Attachment], network: Network, alt_required: bool, most: Option<usize>) -> Vec<String> {
    let (count, bytes, alt_max) = limits(network);
    let count = most.unwrap_or(count);
    let mut out = Vec::new();
    if images.len() > count {
        out.push(format!("{} images, at most {count} here", images.len()));
    }
    for image in images {
        if image.size > bytes {
            let hint = if network == Network::Bluesky { "; make it smaller (Bluesky takes 1 MB)" } else { "" };
            out.push(format!("{} is {}, at most {} here{hint}", image.name, human(image.size), human(bytes)));
        }
        if alt_required && image.alt.trim().is_empty() {
            out.push(format!("{} has no alt text: describe it (or set alt_required = false in config)", image.name));
        }
        if image.alt.chars().count() > alt_max {
            out.push(format!("the alt text of {} is longer than {alt_max} characters", image.name));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(name: &str, size: usize, alt: &str) -> Attachment {
        Attachment { name: name.into(), mime: "image/png".into(), alt: alt.into(), size, data: Default::default() }
    }

    #[test]
    fn bluesky_refuses_a_large_image_that_mastodon_takes() {
        let big = [image("big.png", 1_400_000, "a heron")];
        assert!(problems(&big, Network::Mastodon, true, None).is_empty());
        let p = problems(&big, Network::Bluesky, true, None);
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("big.png is 1.4 MB") && p[0].contains("smaller"), "{p:?}");
    }

    #[test]
    fn alt_text_is_required_unless_turned_off_and_counts_are_capped() {
        let bare = [image("a.png", 10, " ")];
        assert!(problems(&bare, Network::Tumblr, true, None)[0].contains("no alt text"));
        assert!(problems(&bare, Network::Tumblr, false, None).is_empty());
        let five: Vec<_> = (0..5).map(|i| image(&format!("{i}.png"), 10, "x")).collect();
        assert_eq!(problems(&five, Network::Mastodon, true, None), ["5 images, at most 4 here"]);
        assert!(problems(&five, Network::Tumblr, true, None).is_empty());
        let long = [image("a.png", 10, &"é".repeat(1501))];
        assert_eq!(problems(&long, Network::Mastodon, true, None).len(), 1);
    }
}
