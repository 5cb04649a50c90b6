//! Search and tags: `/` and `#` ask for words or a tag in a one-line prompt (`#` pre-filled with the
//! selected post's first tag); Enter opens a view of the posts every account's network finds,
//! merged newest first; a network that fails or cannot search leaves a note while the others'
//! posts show. Older pages are asked as the selection nears the end. Pure.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::paging::{Pages, ask_older, note};
use super::request::Request;
use super::{Body, push};
use crate::app::update::toast;
use crate::app::{App, Effect, Overlay, ReqId};
use crate::backend::BackendError;
use crate::backend::search::{Found, SearchKind, TUMBLR_NO_SEARCH};
use crate::model::{AccountId, Link, Network, Post};

/// Longest query the prompt takes (in characters).
pub const MAX_QUERY: usize = 200;

/// A search view: what was asked and what came back so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub kind: SearchKind,
    /// The words, or the tag without its `#`.
    pub query: String,
    /// Every account's first page awaited, and the older pages.
    pub pages: super::paging::Pages,
    /// Every account's posts, merged: newest first, each post once.
    pub posts: Vec<Post>,
    /// Lines above the rows: errors per account, what a network cannot do.
    pub notes: Vec<String>,
}

impl Results {
    /// A search for `query` not asked yet.
    pub fn new(kind: SearchKind, query: String) -> Self {
        Results { kind, query, pages: Pages::default(), posts: Vec::new(), notes: Vec::new() }
    }
}

/// `/` or `#`: the prompt opens (`#` with the selected post's first tag in it).
pub fn prompt(app: &mut App, kind: SearchKind) -> Vec<Effect> {
    let text = match kind {
        SearchKind::Tag => app.selected_post().and_then(first_tag).unwrap_or_default(),
        SearchKind::Posts => String::new(),
    };
    app.overlay = Some(Overlay::Prompt { kind, text });
    Vec::new()
}

/// The first hashtag of `post`: its tags, else the first tag link in its text.
pub fn first_tag(post: &Post) -> Option<String> {
    let linked = || {
        post.text.blocks.iter().flat_map(|b| &b.spans).find_map(|s| match &s.link {
            Some(Link::Tag { tag }) => Some(tag.clone()),
            _ => None,
        })
    };
    post.tags.first().cloned().or_else(linked).map(|t| t.trim_start_matches('#').to_string())
}

/// A key while the prompt is open: printable keys are text, Enter opens the view, Esc cancels.
pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Prompt { kind, text }) = app.overlay.as_mut() else { return Vec::new() };
    let chord = key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match (key.code, chord) {
        (KeyCode::Esc, _) | (KeyCode::Char('c'), true) => app.overlay = None,
        (KeyCode::Enter, _) => {
            let (kind, query) = (*kind, normalized(*kind, text));
            return submit(app, kind, query);
        }
        (KeyCode::Backspace, _) => {
            text.pop();
        }
        (KeyCode::Char('u'), true) => text.clear(),
        (KeyCode::Char(c), false) if !c.is_control() && text.chars().count() < MAX_QUERY => text.push(c),
        _ => {}
    }
    Vec::new()
}

/// The query as sent: trimmed, and a tag without its `#` and spaces.
fn normalized(kind: SearchKind, text: &str) -> String {
    match kind {
        SearchKind::Tag => text.trim().trim_start_matches('#').split_whitespace().collect(),
        SearchKind::Posts => text.trim().to_string(),
    }
}

fn submit(app: &mut App, kind: SearchKind, query: String) -> Vec<Effect> {
    if query.is_empty() {
        let what = if kind == SearchKind::Tag { "a tag" } else { "words to search for" };
        toast(app, format!("type {what} first (Esc cancels)"), false);
        return Vec::new();
    }
    app.overlay = None;
    let body = Body::Search(Results::new(kind, query));
    let Some(view) = push(app, body) else { return Vec::new() };
    requests(app, view)
}

/// One request per connected account; a network that cannot search gets a note instead.
pub(super) fn requests(app: &mut App, view: u64) -> Vec<Effect> {
    let Some(Body::Search(r)) = app.view(view).map(|v| &v.body) else { return Vec::new() };
    let (kind, query) = (r.kind, r.query.clone());
    let accounts: Vec<AccountId> = app.accounts().filter(|s| !s.logged_out).map(|s| s.account.clone()).collect();
    let cannot = |a: &AccountId| kind == SearchKind::Posts && a.network() == Some(Network::Tumblr);
    let note = accounts.iter().any(cannot).then(|| TUMBLR_NO_SEARCH.to_string());
    let asked: Vec<(ReqId, AccountId)> =
        accounts.into_iter().filter(|a| !cannot(a)).map(|a| (app.next_req(), a)).collect();
    let effects = asked
        .iter()
        .map(|(req, account)| {
            let (account, query) = (account.clone(), query.clone());
            Effect::View(Request::Search { req: *req, view, account, kind, query, cursor: None })
        })
        .collect();
    if let Some(Body::Search(r)) = app.view_mut(view).map(|v| &mut v.body) {
        r.pages.waiting = asked;
        r.notes.extend(note);
    }
    effects
}

/// One account's answer (a first page or an older one): its posts merged in, or a note saying why
/// there are none.
pub(super) fn answered(
    app: &mut App,
    view: u64,
    req: ReqId,
    account: &AccountId,
    result: Result<Found, BackendError>,
) -> Vec<Effect> {
    let Some(v) = app.view_mut(view) else { return Vec::new() };
    let selected = v.post(v.selected).map(|p| p.id.key.clone());
    let Body::Search(r) = &mut v.body else { return Vec::new() };
    let Some(asked) = r.pages.answered(req, account) else { return Vec::new() }; // stale
    let net = account.network().unwrap_or(Network::Mastodon);
    let found = match result {
        Ok(found) => found,
        Err(e) => {
            note(&mut r.notes, format!("{account}: {}", e.user_message(net)));
            r.pages.next(account, &asked, Err(()));
            return Vec::new();
        }
    };
    if let Some(n) = found.note {
        note(&mut r.notes, format!("{}: {n}", net.title()));
    }
    r.pages.next(account, &asked, Ok(found.older.filter(|_| !found.posts.is_empty())));
    merge(&mut r.posts, found.posts);
    let kept = selected.and_then(|key| r.posts.iter().position(|p| p.id.key.same_post(&key)));
    let len = v.len();
    v.selected = kept.unwrap_or(v.selected).min(len.saturating_sub(1));
    super::paging::more_if_near_end(app, view)
}

/// The next older page of every account that has one and is not asked already.
pub(super) fn more(app: &mut App, view: u64) -> Vec<Effect> {
    let Some(Body::Search(r)) = app.view(view).map(|v| &v.body) else { return Vec::new() };
    let (kind, query) = (r.kind, r.query.clone());
    let asked = ask_older(app, view);
    let search = |(req, account, cursor)| {
        let query = query.clone();
        Effect::View(Request::Search { req, view, account, kind, query, cursor: Some(cursor) })
    };
    asked.into_iter().map(search).collect()
}

/// Adds `new` to `posts`: each post once (the first account that found it keeps it), newest first.
fn merge(posts: &mut Vec<Post>, new: Vec<Post>) {
    for post in new {
        if !posts.iter().any(|p| p.id.key.same_post(&post.id.key)) {
            posts.push(post);
        }
    }
    posts.sort_by_cached_key(|p| (std::cmp::Reverse(p.feed_time()), p.id.global()));
}
