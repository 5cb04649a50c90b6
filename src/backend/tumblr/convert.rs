//! Tumblr NPF -> model. Text blocks become rich text (formatting by code point); image, link,
//! audio, video and poll blocks become media, a link card or a poll. Every string is sanitized. Pure.

use jiff::Timestamp;

use super::wire::{self, Block};
use crate::model::{
    AccountId, Author, BlockKind, Counts, Embed, LinkCard, Media, MediaKind, Poll, PollOption, Post, PostId, PostKey,
    RichText, Span, TrailEntry, Viewer, Visibility,
};
use crate::text::{NpfFormat, NpfFormatKind, npf_text_block, sanitize, sanitize_line};

/// What a list of NPF blocks turns into.
#[derive(Default)]
struct Content {
    text: RichText,
    media: Vec<Media>,
    embed: Option<Embed>,
    poll: Option<Poll>,
}

/// Converts a dashboard post; `None` when it lacks what a post needs.
pub(super) fn post(p: wire::Post, account: &AccountId) -> Option<Post> {
    let created_at = Timestamp::from_second(p.timestamp).ok()?;
    let asks = ask_blocks(&p.layout);
    let body = content(&p.content, &asks);
    let name = if p.blog.name.is_empty() { &p.blog_name } else { &p.blog.name };
    let author = blog_author(&wire::Blog {
        name: name.clone(),
        title: p.blog.title.clone(),
        uuid: p.blog.uuid.clone(),
        url: p.blog.url.clone(),
        primary: false,
    });
    let trail = p
        .trail
        .iter()
        .map(|t| TrailEntry { author: blog_author(&t.blog), text: content(&t.content, &[]).text })
        .collect();
    Some(Post {
        id: PostId {
            account: account.clone(),
            key: PostKey::Tumblr {
                blog: author.handle.clone(),
                blog_uuid: sanitize_line(&p.blog.uuid),
                id: sanitize_line(&p.id_string),
                reblog_key: sanitize_line(&p.reblog_key),
            },
        },
        author,
        created_at,
        text: body.text,
        cw: None,
        media: body.media,
        embed: body.embed,
        poll: body.poll,
        reply_to: None,
        repost: None,
        trail,
        tags: p.tags.iter().map(|t| sanitize_line(t)).collect(),
        labels: Vec::new(),
        counts: Counts { likes: p.note_count, ..Counts::default() },
        viewer: Viewer { liked: p.liked.unwrap_or(false), following: p.followed, ..Viewer::default() },
        visibility: Visibility::Public,
        sensitive: false,
        url: p.post_url.as_deref().map(sanitize_line),
    })
}

pub(super) fn blog_author(b: &wire::Blog) -> Author {
    let handle = sanitize_line(&b.name);
    let id = Some(sanitize_line(&b.uuid)).filter(|u| !u.is_empty());
    Author { name: sanitize_line(&b.title), url: b.url.as_deref().map(sanitize_line), handle, id }
}

/// Indices of blocks that an `ask` layout marks as the question.
fn ask_blocks(layout: &[wire::Layout]) -> Vec<usize> {
    layout.iter().filter(|l| l.kind == "ask").flat_map(|l| l.blocks.iter().copied()).collect()
}

fn content(blocks: &[Block], asks: &[usize]) -> Content {
    let mut out = Content::default();
    let mut number = 0;
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Text { text, subtype, formatting } => {
                let mut b = npf_text_block(text, subtype.as_deref(), &formats(formatting));
                number = if subtype.as_deref() == Some("ordered-list-item") { number + 1 } else { 0 };
                if let BlockKind::ListItem { number: Some(n), .. } = &mut b.kind {
                    *n = number;
                }
                if asks.contains(&i) {
                    b.kind = BlockKind::Quote;
                }
                out.text.blocks.push(b);
            }
            Block::Image { media, alt_text } => out.media.extend(image(media, alt_text.as_deref())),
            Block::Link { url, title, description } => out.embed = Some(link(url, title, description)),
            Block::Audio { url, title, artist, media } => out.media.extend(audio(url, media, title, artist)),
            Block::Video { url, media } => out.media.extend(video(url, media)),
            Block::Poll { question, answers } => {
                let question = sanitize(question);
                // Posts often repeat the question as their text just above the poll: show it once.
                let repeated = out.text.blocks.last().is_some_and(|b| b.plain().trim() == question.trim());
                if !repeated {
                    out.text
                        .blocks
                        .push(crate::model::Block { kind: BlockKind::Paragraph, spans: vec![Span::plain(question)] });
                }
                out.poll = Some(poll(answers));
            }
            Block::Unknown => {}
        }
    }
    out
}

fn formats(formatting: &[wire::Format]) -> Vec<NpfFormat> {
    formatting
        .iter()
        .map(|f| NpfFormat {
            start: f.start,
            end: f.end,
            kind: match f.kind.as_str() {
                "bold" => NpfFormatKind::Bold,
                "italic" => NpfFormatKind::Italic,
                "strikethrough" => NpfFormatKind::Strike,
                "small" => NpfFormatKind::Small,
                "link" => NpfFormatKind::Link(f.url.clone().unwrap_or_default()),
                "mention" => {
                    let blog = f.blog.as_ref();
                    NpfFormatKind::Mention {
                        blog: blog.map(|b| b.name.clone()).unwrap_or_default(),
                        url: blog.and_then(|b| b.url.clone()).unwrap_or_default(),
                    }
                }
                _ => NpfFormatKind::Other,
            },
        })
        .collect()
}

fn image(media: &[wire::MediaObject], alt: Option<&str>) -> Option<Media> {
    // The first media object is the largest rendition.
    let url = &media.first()?.url;
    let alt = alt.map(sanitize).filter(|a| !a.trim().is_empty());
    Some(Media { kind: MediaKind::Image, url: sanitize_line(url), preview_url: None, alt })
}

fn link(url: &str, title: &Option<String>, description: &Option<String>) -> Embed {
    Embed::Link(LinkCard {
        url: sanitize_line(url),
        title: title.as_deref().map(sanitize_line).unwrap_or_default(),
        description: description.as_deref().map(sanitize).unwrap_or_default(),
        image: None,
    })
}

fn audio(
    url: &Option<String>,
    media: &Option<wire::MediaObject>,
    title: &Option<String>,
    artist: &Option<String>,
) -> Option<Media> {
    let url = url.as_ref().or(media.as_ref().map(|m| &m.url))?;
    let label = [title.as_deref(), artist.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" - ");
    let alt = Some(sanitize_line(&label)).filter(|l| !l.is_empty());
    Some(Media { kind: MediaKind::Audio, url: sanitize_line(url), preview_url: None, alt })
}

fn video(url: &Option<String>, media: &Option<wire::MediaObject>) -> Option<Media> {
    let url = url.as_ref().or(media.as_ref().map(|m| &m.url))?;
    Some(Media { kind: MediaKind::Video, url: sanitize_line(url), preview_url: None, alt: None })
}

fn poll(answers: &[wire::PollAnswer]) -> Poll {
    Poll {
        options: answers.iter().map(|a| PollOption { title: sanitize_line(&a.answer_text), votes: None }).collect(),
        expires_at: None,
        expired: false,
        multiple: false,
        votes: None,
    }
}
