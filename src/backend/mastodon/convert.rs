//! Mastodon wire -> model. Every string passes `text::sanitize` here. Pure.

use jiff::Timestamp;

use super::wire;
use crate::model::moderation::{self, Verdict};
use crate::model::{
    AccountId, Author, Counts, Embed, LinkCard, Media, MediaKind, Poll, PollOption, Post, PostId, PostKey, ReplyTo,
    Repost, Viewer, Visibility,
};
use crate::text::{html_to_rich, sanitize, sanitize_line};

/// What conversion needs to know about the fetching account.
pub(super) struct Ctx<'a> {
    pub account: &'a AccountId,
    /// Host of the account's server: local accounts have a bare `acct`.
    pub host: &'a str,
}

/// Converts a status; `None` when it lacks what a post needs (it is then skipped, not fatal).
pub(super) fn status(s: wire::Status, ctx: &Ctx) -> Option<Post> {
    let wire::Status { reblog, account, created_at, .. } = s;
    match reblog {
        Some(inner) => {
            let mut post = status(*inner, ctx)?;
            let at = parse_time(&created_at)?;
            let id = Some(sanitize_line(&s.id));
            post.repost = Some(Repost { by: author(&account, ctx), at, id });
            Some(post)
        }
        None => own_status(wire::Status { reblog: None, account, created_at, ..s }, ctx),
    }
}

fn own_status(s: wire::Status, ctx: &Ctx) -> Option<Post> {
    let created_at = parse_time(&s.created_at)?;
    let uri = if s.uri.is_empty() {
        s.url.clone().unwrap_or_else(|| format!("{}/{}", ctx.host, s.id))
    } else {
        s.uri.clone()
    };
    let mut cw = Some(sanitize_line(&s.spoiler_text)).filter(|c| !c.trim().is_empty());
    let home = s.filtered.iter().filter(|f| f.filter.context.iter().any(|c| c == "home"));
    match moderation::mastodon_filters(home.map(|f| (f.filter.title.as_str(), f.filter.filter_action.as_str()))) {
        Verdict::Hide => return None,
        Verdict::Warn(w) => cw = moderation::with_warning(cw, &sanitize_line(&w)),
        Verdict::Show => {}
    }
    Some(Post {
        id: PostId {
            account: ctx.account.clone(),
            key: PostKey::Mastodon { id: sanitize_line(&s.id), uri: sanitize_line(&uri) },
        },
        author: author(&s.account, ctx),
        created_at,
        text: html_to_rich(&s.content),
        // Some servers send `sensitive: false` with a CW: the CW text is what counts.
        sensitive: s.sensitive || cw.is_some(),
        cw,
        media: s.media_attachments.iter().filter_map(media).collect(),
        embed: s.card.as_ref().map(card),
        poll: s.poll.as_ref().map(poll),
        reply_to: reply_to(&s, ctx),
        repost: None,
        trail: Vec::new(),
        tags: s.tags.iter().map(|t| sanitize_line(&t.name)).collect(),
        labels: Vec::new(),
        counts: Counts { replies: s.replies_count, reposts: s.reblogs_count, likes: s.favourites_count, quotes: None },
        viewer: Viewer {
            liked: s.favourited.unwrap_or(false),
            reposted: s.reblogged.unwrap_or(false),
            bookmarked: s.bookmarked.unwrap_or(false),
            // Statuses do not say whether the account follows their author: asked when needed.
            ..Viewer::default()
        },
        visibility: visibility(&s.visibility),
        url: s.url.as_deref().map(sanitize_line),
    })
}

fn parse_time(raw: &str) -> Option<Timestamp> {
    raw.parse::<Timestamp>().ok()
}

fn full_acct(acct: &str, ctx: &Ctx) -> String {
    let acct = sanitize_line(acct);
    if acct.contains('@') { acct } else { format!("{acct}@{}", ctx.host) }
}

pub(super) fn author(a: &wire::Account, ctx: &Ctx) -> Author {
    let acct = if a.acct.is_empty() { &a.username } else { &a.acct };
    Author {
        name: sanitize_line(&a.display_name),
        handle: full_acct(acct, ctx),
        url: a.url.as_deref().map(sanitize_line),
        id: Some(sanitize_line(&a.id)).filter(|id| !id.is_empty()),
    }
}

fn reply_to(s: &wire::Status, ctx: &Ctx) -> Option<ReplyTo> {
    let parent = s.in_reply_to_id.as_ref()?;
    let account = s.in_reply_to_account_id.as_deref();
    let handle = if account == Some(s.account.id.as_str()) {
        Some(author(&s.account, ctx).handle)
    } else {
        s.mentions.iter().find(|m| Some(m.id.as_str()) == account).map(|m| full_acct(&m.acct, ctx))
    };
    Some(ReplyTo { handle, id: Some(sanitize_line(parent)) })
}

fn media(m: &wire::Attachment) -> Option<Media> {
    let url = m.url.as_ref().or(m.remote_url.as_ref())?;
    let kind = match m.kind.as_str() {
        "image" => MediaKind::Image,
        "gifv" => MediaKind::Gif,
        "video" => MediaKind::Video,
        "audio" => MediaKind::Audio,
        _ => MediaKind::Unknown,
    };
    let alt = m.description.as_deref().map(sanitize).filter(|d| !d.trim().is_empty());
    Some(Media { kind, url: sanitize_line(url), preview_url: m.preview_url.as_deref().map(sanitize_line), alt })
}

fn card(c: &wire::Card) -> Embed {
    Embed::Link(LinkCard {
        url: sanitize_line(&c.url),
        title: sanitize_line(&c.title),
        description: sanitize(&c.description),
        image: c.image.as_deref().map(sanitize_line),
    })
}

fn poll(p: &wire::Poll) -> Poll {
    Poll {
        options: p
            .options
            .iter()
            .map(|o| PollOption { title: sanitize_line(&o.title), votes: o.votes_count })
            .collect(),
        expires_at: p.expires_at.as_deref().and_then(parse_time),
        expired: p.expired,
        multiple: p.multiple,
        votes: p.votes_count,
    }
}

fn visibility(v: &str) -> Visibility {
    match v {
        "unlisted" => Visibility::Unlisted,
        "private" => Visibility::Private,
        "direct" => Visibility::Direct,
        _ => Visibility::Public,
    }
}
