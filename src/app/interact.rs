//! Acting on the selected post: l like, b boost, m bookmark, d delete (asks first), F follow the
//! author. Each press flips the state of every copy of the post at once (`optimistic`), hands the
//! work to the runtime as an effect, and the answer either keeps the change (storing the record it
//! made) or takes back exactly what was changed, with the reason in the status bar. Pure.
//!
//! A second press while the same kind of interaction on the same post is still on its way is
//! ignored (and says so): the shown state is always the one the server is being asked for, and the
//! answer can never be applied to a state it was not meant for. Deleting flips nothing: the row
//! shows "deleting…" and leaves when the server confirms.

use super::optimistic::{self, Change, Field};
use super::place::Place;
use super::update::toast;
use super::{Action, App, Effect, ReqId, nav};
use crate::backend::{BackendError, Interaction, Outcome, Target, refusal};

/// An interaction on its way to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub req: ReqId,
    pub target: Target,
    pub act: Interaction,
    /// What was changed before the answer, to take back on failure (nothing while only asking
    /// whether the account follows the author).
    changes: Vec<Change>,
}

impl Pending {
    /// Follows the timeline's renumbered slots (after a drop, see `evict`).
    pub(super) fn move_places(&mut self, to: impl Fn(Place) -> Option<Place>) {
        self.changes = std::mem::take(&mut self.changes).into_iter().filter_map(|c| c.moved(&to)).collect();
    }
}

/// A question in the status bar that the next key answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Delete the post at this place: `d` again deletes, any other key keeps it.
    Delete(Place),
}

/// A key of the interaction family: l, b, m, d or F.
pub(super) fn start(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::Follow
        && let Some((target, following)) = super::views::profile_target(app)
    {
        return follow_person(app, target, following);
    }
    let Some(post) = app.selected_post() else { return Vec::new() };
    let target = Target::of(post);
    let v = &post.viewer;
    let toggle = |on: bool, yes: Interaction, no: Interaction| if on { no } else { yes };
    let act = match action {
        Action::Like => toggle(v.liked, Interaction::Like, Interaction::Unlike),
        Action::Boost => toggle(v.reposted, Interaction::Repost, Interaction::Unrepost),
        Action::Bookmark => toggle(v.bookmarked, Interaction::Bookmark, Interaction::Unbookmark),
        Action::Follow if post.by_fetching_account() => return say(app, "that is you: murre does not follow itself"),
        Action::Follow => match v.following {
            Some(on) => toggle(on, Interaction::Follow, Interaction::Unfollow),
            None => return check_following(app, target),
        },
        Action::Delete if !post.by_fetching_account() => {
            let text = format!("only your own posts can be deleted: this one is by @{}", post.author.handle);
            return say(app, &text);
        }
        Action::Delete => return ask_delete(app),
        _ => return Vec::new(),
    };
    begin(app, target, act)
}

/// The key after `d`: `d` again deletes, anything else keeps the post.
pub(super) fn answer(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Confirm::Delete(place)) = app.confirm.take() else { return Vec::new() };
    let post = app.post_at(place).filter(|_| action == Action::Delete);
    let Some(post) = post else {
        toast(app, "not deleted".into(), false);
        return Vec::new();
    };
    let target = Target::of(post);
    begin(app, target, Interaction::Delete)
}

/// Whether the post's deletion is on its way (the row says "deleting…").
pub fn deleting(app: &App, post: &crate::model::Post) -> bool {
    app.interactions.iter().any(|p| p.act == Interaction::Delete && p.target.post.key.same_post(&post.id.key))
}

fn ask_delete(app: &mut App) -> Vec<Effect> {
    let Some(place) = app.selected_place() else { return Vec::new() };
    if let Some(post) = app.post_at(place)
        && deleting(app, post)
    {
        return say(app, "this post is already being deleted");
    }
    app.confirm = Some(Confirm::Delete(place));
    Vec::new()
}

/// F on a profile: follow or unfollow the person (asking the server first when it is not known).
fn follow_person(app: &mut App, target: Target, following: Option<bool>) -> Vec<Effect> {
    if target.author.eq_ignore_ascii_case(target.post.account.handle()) {
        return say(app, "that is you: murre does not follow itself");
    }
    match following {
        Some(true) => begin(app, target, Interaction::Unfollow),
        Some(false) => begin(app, target, Interaction::Follow),
        None => check_following(app, target),
    }
}

/// Flips what `act` shows, and asks the runtime to do it.
fn begin(app: &mut App, target: Target, act: Interaction) -> Vec<Effect> {
    let net = target.post.network();
    if let Some(other) = app.interactions.iter().find(|p| same_kind(p, &target, act)) {
        let text = format!("still waiting for the {} of this post: wait for it", other.act.verb(net));
        return say(app, &text);
    }
    if let Some(why) = refusal(&target, act) {
        return say(app, &why);
    }
    let changes = optimistic::apply(app, &target, act);
    let req = app.next_req();
    app.interactions.push(Pending { req, target: target.clone(), act, changes });
    vec![Effect::Interact { req, target, act }]
}

/// Asks the server whether the account follows the author before toggling (Mastodon statuses do
/// not say); the toggle follows the answer.
fn check_following(app: &mut App, target: Target) -> Vec<Effect> {
    if app.interactions.iter().any(|p| same_kind(p, &target, Interaction::Follow)) {
        return say(app, "still waiting for the server about this author");
    }
    if let Some(why) = refusal(&target, Interaction::Follow) {
        return say(app, &why);
    }
    let req = app.next_req();
    app.interactions.push(Pending { req, target: target.clone(), act: Interaction::Follow, changes: Vec::new() });
    vec![Effect::CheckFollowing { req, target }]
}

/// The server said whether the account follows the author: remember it on their posts, then toggle.
pub(super) fn checked(app: &mut App, req: ReqId, result: Result<bool, BackendError>) -> Vec<Effect> {
    let Some(pending) = take(app, req) else { return Vec::new() };
    match result {
        Ok(following) => {
            for (place, owner) in optimistic::places(app, &pending.target, Field::Following) {
                if let Some(parts) = optimistic::parts_mut(app, place, &owner) {
                    parts.viewer.following = Some(following);
                }
            }
            let act = if following { Interaction::Unfollow } else { Interaction::Follow };
            begin(app, pending.target, act)
        }
        Err(e) => {
            let text = format!("cannot tell whether you follow @{}: {}", pending.target.author, reason(&pending, &e));
            toast(app, text, true);
            Vec::new()
        }
    }
}

/// The server's answer to an interaction.
pub(super) fn done(app: &mut App, req: ReqId, result: Result<Outcome, BackendError>) -> Vec<Effect> {
    let Some(pending) = take(app, req) else { return Vec::new() };
    match result {
        Ok(outcome) => kept(app, &pending, outcome),
        Err(e) => {
            optimistic::roll_back(app, &pending.changes);
            let net = pending.target.post.network();
            let text = format!(
                "{} failed on {}: {}",
                pending.act.verb(net),
                pending.target.post.account,
                reason(&pending, &e)
            );
            toast(app, text, true);
        }
    }
    Vec::new()
}

/// A success: the record it made is kept for the undo; a delete takes the post out.
fn kept(app: &mut App, pending: &Pending, outcome: Outcome) {
    let target = &pending.target;
    match pending.act {
        Interaction::Delete => {
            app.timeline.remove(&target.post.key);
            super::views::forget(app, &target.post.key);
            nav::rebuild_rows(app);
            toast(app, "deleted".into(), false);
        }
        Interaction::Follow if outcome.requested => {
            optimistic::roll_back(app, &pending.changes);
            toast(app, format!("@{} approves followers: follow requested", target.author), false);
        }
        act => {
            let Some((field, _)) = optimistic::effect_of(act) else { return };
            for (place, owner) in optimistic::places(app, target, field) {
                let acting = app.post_at(place).is_none_or(|p| p.id.account == target.post.account);
                let Some(parts) = optimistic::parts_mut(app, place, &owner).filter(|_| acting) else {
                    continue;
                };
                let v = parts.viewer;
                let record = match field {
                    Field::Liked => &mut v.like_record,
                    Field::Reposted => &mut v.repost_record,
                    Field::Following => &mut v.follow_record,
                    Field::Bookmarked => continue,
                };
                *record = outcome.record.clone();
            }
            if field == Field::Following {
                let verb = if act == Interaction::Follow { "following" } else { "unfollowed" };
                toast(app, format!("{verb} @{}", target.author), false);
            }
        }
    }
}

fn take(app: &mut App, req: ReqId) -> Option<Pending> {
    let i = app.interactions.iter().position(|p| p.req == req)?;
    Some(app.interactions.remove(i))
}

/// Whether `p` is the same kind of interaction on the same post (or, for follows, the same author).
fn same_kind(p: &Pending, target: &Target, act: Interaction) -> bool {
    let kind = |a: Interaction| optimistic::effect_of(a).map(|(field, _)| field);
    if p.target.post.account != target.post.account || kind(p.act) != kind(act) {
        return false;
    }
    match kind(act) {
        Some(Field::Following) => p.target.author_id == target.author_id,
        _ => p.target.post.key.same_post(&target.post.key),
    }
}

/// The error without the network's name in front (the message names the account already).
fn reason(pending: &Pending, e: &BackendError) -> String {
    let net = pending.target.post.network();
    let text = e.user_message(net);
    text.strip_prefix(&format!("{}: ", net.title())).map_or(text.clone(), str::to_string)
}

fn say(app: &mut App, text: &str) -> Vec<Effect> {
    toast(app, text.to_string(), true);
    Vec::new()
}
