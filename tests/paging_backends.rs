//! Hermetic tests of paging inside views: murre's real clients against the demo servers. Every
//! network's notifications are read page after page to their end, each notification once and the
//! older pages counted read; a profile's posts likewise.

mod common;

use std::time::Duration;

use common::demo::setup;
use murre::backend::Client;
use murre::model::Notification;

/// Every page of a client's notifications, and how many requests it took.
async fn all_pages(client: &Client) -> (Vec<Vec<Notification>>, usize) {
    let (mut pages, mut cursor) = (Vec::new(), None::<String>);
    for requests in 1..30 {
        let page =
            client.notifications(cursor.as_deref()).await.unwrap_or_else(|e| panic!("{}: {e}", client.network()));
        pages.push(page.items);
        match page.older {
            Some(c) => cursor = Some(c),
            None => return (pages, requests),
        }
    }
    panic!("{}: paging never ended", client.network());
}

#[tokio::test]
async fn notifications_page_to_their_end_each_once() {
    let st = setup(Duration::from_secs(10)).await;
    for client in &st.clients {
        let net = client.network();
        let first = client.notifications(None).await.unwrap_or_else(|e| panic!("{net}: {e}"));
        assert!(!first.items.is_empty(), "{net}");
        let (pages, requests) = all_pages(client).await;
        let all: Vec<&Notification> = pages.iter().flatten().collect();
        let ids: std::collections::HashSet<(&str, i64)> =
            all.iter().map(|n| (n.id.as_str(), n.at.as_second())).collect();
        assert_eq!(ids.len(), all.len(), "{net}: each notification once");
        assert!(all.len() >= first.items.len(), "{net}");
        assert!(all.windows(2).all(|w| w[0].at >= w[1].at), "{net}: newest first across pages");
        assert!(pages.iter().skip(1).flatten().all(|n| !n.unread || net == murre::model::Network::Bluesky), "{net}");
        if net != murre::model::Network::Bluesky {
            assert!(requests >= 2, "{net}: the older page was asked (and came empty at the end)");
        }
    }
}

#[tokio::test]
async fn a_profiles_posts_page_to_their_end_each_once() {
    let st = setup(Duration::from_secs(10)).await;
    for client in &st.clients {
        let net = client.network();
        let posts = common::demo::all_pages(client).await;
        let person = posts.iter().find(|p| p.author.handle.starts_with("alice")).map(|p| p.author.clone());
        let person = person.unwrap_or_else(|| panic!("{net}: no post of alice"));
        let first = client.profile(&person).await.unwrap_or_else(|e| panic!("{net}: {e}"));
        let (mut all, mut cursor) = (first.posts.clone(), first.older.clone());
        for _ in 0..20 {
            let Some(c) = cursor.take() else { break };
            let page = client.profile_posts(&first.profile.person, &c).await.unwrap_or_else(|e| panic!("{net}: {e}"));
            all.extend(page.items);
            cursor = page.older;
        }
        assert!(cursor.is_none(), "{net}: paging ended");
        assert!(all.len() >= first.posts.len() && !all.is_empty(), "{net}");
        let mut keys: Vec<String> = all.iter().map(|p| p.id.global()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), all.len(), "{net}: each post once");
        let hers = |p: &murre::model::Post| {
            p.author.handle.starts_with("alice") || p.repost.as_ref().is_some_and(|r| r.by.handle.starts_with("alice"))
        };
        assert!(all.iter().all(hers), "{net}: only alice's posts and boosts");
    }
}
