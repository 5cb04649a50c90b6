//! Opening views: `t` (and Enter in the detail pane) the selected post's thread, `n` the
//! notifications of every account, `p` the profile of whoever the selection is about; R reads the
//! top view again. Pure.

use super::{Body, Inbox, Load, View, push, request::Request};
use crate::app::update::toast;
use crate::app::{App, Effect, Focus, ReqId};
use crate::backend::Target;
use crate::model::{AccountId, Author, Network, Post, PostId, PostKey};

/// The selected post's conversation. Asked again on the post a thread is open on, the thread's
/// list gets the keyboard instead of a copy of the view.
pub fn open_thread(app: &mut App) -> Vec<Effect> {
    let Some(post) = app.selected_post().cloned() else {
        toast(app, "no post selected".into(), false);
        return Vec::new();
    };
    if let Some(Body::Thread { post: open, .. }) = app.top_view().map(|v| &v.body)
        && open.id.key.same_post(&post.id.key)
    {
        app.focus = Focus::Timeline;
        return Vec::new();
    }
    let body = Body::Thread { post: Box::new(post.clone()), req: None, load: Load::Loading };
    let Some(view) = push(app, body) else { return Vec::new() };
    thread_request(app, view, post)
}

fn thread_request(app: &mut App, view: u64, post: Post) -> Vec<Effect> {
    let req = app.next_req();
    if let Some(Body::Thread { req: r, .. }) = app.view_mut(view).map(|v| &mut v.body) {
        *r = Some(req);
    }
    vec![Effect::View(Request::Thread { req, view, post: Box::new(post) })]
}

/// The notifications of every connected account, merged. Asked while they show, the list gets the
/// keyboard.
pub fn open_notifications(app: &mut App) -> Vec<Effect> {
    if matches!(app.top_view().map(|v| &v.body), Some(Body::Notifications(_))) {
        app.focus = Focus::Timeline;
        return Vec::new();
    }
    let Some(view) = push(app, Body::Notifications(Inbox::default())) else { return Vec::new() };
    notifications_requests(app, view)
}

fn notifications_requests(app: &mut App, view: u64) -> Vec<Effect> {
    let accounts: Vec<AccountId> = app.accounts().filter(|s| !s.logged_out).map(|s| s.account.clone()).collect();
    let asked: Vec<(ReqId, AccountId)> = accounts.into_iter().map(|a| (app.next_req(), a)).collect();
    let effects = asked
        .iter()
        .map(|(req, account)| {
            Effect::View(Request::Notifications { req: *req, view, account: account.clone(), cursor: None })
        })
        .collect();
    if let Some(Body::Notifications(inbox)) = app.view_mut(view).map(|v| &mut v.body) {
        inbox.pages.waiting = asked;
    }
    effects
}

/// The profile of whoever the selection is about: a notification's first actor, a thread row's
/// author, a post's author.
pub fn open_profile(app: &mut App) -> Vec<Effect> {
    let Some((account, person)) = selected_person(app) else {
        toast(app, "nobody selected".into(), false);
        return Vec::new();
    };
    let body = Body::Profile { account: account.clone(), person: person.clone(), req: None, load: Load::Loading };
    let Some(view) = push(app, body) else { return Vec::new() };
    profile_request(app, view, account, person)
}

fn profile_request(app: &mut App, view: u64, account: AccountId, person: Author) -> Vec<Effect> {
    let req = app.next_req();
    if let Some(Body::Profile { req: r, .. }) = app.view_mut(view).map(|v| &mut v.body) {
        *r = Some(req);
    }
    vec![Effect::View(Request::Profile { req, view, account, person })]
}

/// The account that sees the selection, and the person it is about.
fn selected_person(app: &App) -> Option<(AccountId, Author)> {
    let Some(view) = app.top_view() else {
        return app.selected_post().map(|p| (p.id.account.clone(), p.author.clone()));
    };
    match &view.body {
        Body::Notifications(inbox) => {
            let g = inbox.groups.get(view.selected)?;
            Some((g.account.clone(), g.actors.first()?.clone()))
        }
        Body::Thread { post, load: Load::Ready(t), .. } => {
            let author = t.nodes.get(view.selected)?.item.author()?.clone();
            Some((post.id.account.clone(), author))
        }
        _ => view.post(view.selected).map(|p| (p.id.account.clone(), p.author.clone())),
    }
}

/// The view read again, in the same place on the stack, its selection kept.
pub(super) fn again(app: &mut App, mut view: View) -> Vec<Effect> {
    let id = view.id;
    let body = std::mem::replace(&mut view.body, Body::Notifications(Inbox::default()));
    view.body = match &body {
        Body::Thread { post, .. } => Body::Thread { post: post.clone(), req: None, load: Load::Loading },
        Body::Notifications(_) => Body::Notifications(Inbox::default()),
        Body::Profile { account, person, .. } => {
            Body::Profile { account: account.clone(), person: person.clone(), req: None, load: Load::Loading }
        }
        Body::Search(r) => Body::Search(super::search::Results::new(r.kind, r.query.clone())),
        Body::Feed(f) => Body::Feed(super::feed::FeedView {
            posts: Vec::new(),
            req: None,
            older: None,
            loaded: false,
            note: None,
            ..f.clone()
        }),
    };
    app.views.push(view);
    match body {
        Body::Thread { post, .. } => thread_request(app, id, *post),
        Body::Notifications(_) => notifications_requests(app, id),
        Body::Profile { account, person, .. } => profile_request(app, id, account, person),
        Body::Search(_) => super::search::requests(app, id),
        Body::Feed(_) => super::feed::request(app, id, None),
    }
}

/// On a loaded profile, F acts on the person: the target to follow or unfollow, and whether the
/// account follows them (`None`: unknown, the server is asked first).
pub fn profile_target(app: &App) -> Option<(Target, Option<bool>)> {
    let profile = app.top_view()?.profile()?;
    let person = &profile.person;
    let id = person.id.clone().unwrap_or_default();
    // A follow needs no post: the key only names the person where the network follows by the key.
    let key = match profile.account.network()? {
        Network::Mastodon => PostKey::Mastodon { id: id.clone(), uri: format!("profile:{}", person.handle) },
        Network::Bluesky => PostKey::Bluesky { uri: format!("profile:{id}"), cid: String::new() },
        Network::Tumblr => PostKey::Tumblr {
            blog: person.handle.clone(),
            blog_uuid: id.clone(),
            id: String::new(),
            reblog_key: String::new(),
        },
    };
    let target = Target {
        post: PostId { account: profile.account.clone(), key },
        author: person.handle.clone(),
        author_id: person.id.clone(),
        like_record: None,
        repost_record: None,
        follow_record: profile.viewer.follow_record.clone(),
    };
    Some((target, profile.viewer.following))
}
