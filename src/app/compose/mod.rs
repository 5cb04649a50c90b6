//! The compose box: one text for several accounts, with each target's counter in its own unit, a
//! content warning, images with alt text and, for Mastodon, the visibility. Every printable key is
//! text; Ctrl chords and Esc act. Sending hands the draft to the outbox (an effect).

mod keys;
mod media;

pub use keys::key;
pub use media::{edited, image_loaded};

use ratatui_textarea::TextArea;

use super::{App, Effect};
use crate::compose::length::{self, Count};
use crate::model::{AccountId, Network, PostKey, Visibility};
use crate::publish::prepare::{self, Request};
use crate::store::attachment::Attachment;

/// Which part of the box has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Body,
    Warning,
    /// The image line: a file's path to attach, or the alt text of the image being described.
    Images,
    Targets,
}

/// A draft being written.
#[derive(Debug, Clone)]
pub struct Compose {
    pub body: TextArea<'static>,
    pub warning: TextArea<'static>,
    /// The image line (a path, or an alt text while `alt_for` is set).
    pub attach: TextArea<'static>,
    /// The image whose alt text the image line edits.
    pub alt_for: Option<usize>,
    pub images: Vec<Attachment>,
    /// Who may see it on Mastodon (the other networks are public).
    pub visibility: Visibility,
    pub field: Field,
    /// Every account it may go to, and whether it does.
    pub targets: Vec<(AccountId, Network, bool)>,
    /// The target under the cursor in the target row.
    pub cursor: usize,
    /// Shown (false: put away with Esc, kept for later).
    pub open: bool,
    /// The post this answers, and its author's handle (for the title).
    pub reply_to: Option<(PostKey, String)>,
    /// The post this quotes, and its author's handle (for the title).
    pub quote: Option<(PostKey, String)>,
    /// A first Ctrl-S warned that the post would be public somewhere; a second one sends anyway.
    pub widen_warned: bool,
    /// Whether images need alt text (config `compose.alt_required`).
    pub alt_required: bool,
    /// Ctrl-T: text too long for a network goes out there as a numbered thread.
    pub split: bool,
    /// Each Mastodon-API account's server limits, where known.
    pub rules: Vec<(AccountId, prepare::Rules)>,
}

impl Compose {
    /// The text as typed.
    pub fn text(&self) -> String {
        self.body.lines().join("\n")
    }

    /// The content warning as typed.
    pub fn warning_text(&self) -> String {
        self.warning.lines().join(" ")
    }

    /// Each chosen target's count in its network's unit.
    pub fn counters(&self) -> Vec<(AccountId, Count)> {
        let (text, cw) = (self.text(), self.warning_text());
        self.targets
            .iter()
            .filter(|t| t.2)
            .map(|(account, network, _)| {
                let count = match network {
                    Network::Mastodon => {
                        let rules = self.rules_for(account);
                        length::mastodon(&text, &cw, rules.chars, rules.per_url)
                    }
                    Network::Bluesky => length::bluesky(&prepare::with_warning(&text, &cw)),
                    // Shown for information: NPF splits long text into blocks, so it is never over.
                    Network::Tumblr => length::tumblr(&text),
                };
                (account.clone(), count)
            })
            .collect()
    }

    /// The limits of `account`'s server (the usual ones until it said).
    fn rules_for(&self, account: &AccountId) -> prepare::Rules {
        self.rules.iter().find(|(a, _)| a == account).map(|(_, r)| *r).unwrap_or_default()
    }

    /// How many posts the draft makes for `account` (more than one: a thread, when `split` is on).
    pub fn pieces(&self, account: &AccountId, network: Network) -> usize {
        let rules = self.rules_for(account);
        crate::publish::thread::pieces(network, &self.text(), &self.warning_text(), self.split, rules).len()
    }

    /// What Ctrl-S would publish.
    pub fn request(&self) -> Request {
        Request {
            text: self.text(),
            cw: self.warning_text(),
            visibility: self.visibility,
            targets: self.targets.iter().filter(|t| t.2).map(|t| t.0.clone()).collect(),
            reply_to: self.reply_to.as_ref().map(|r| r.0.clone()),
            images: self.images.clone(),
            alt_required: self.alt_required,
            widen_confirmed: self.widen_warned,
            split: self.split,
            quote: self.quote.as_ref().map(|q| q.0.clone()),
            rules: self.rules.clone(),
        }
    }

    fn empty(
        targets: Vec<(AccountId, Network, bool)>,
        alt_required: bool,
        rules: Vec<(AccountId, prepare::Rules)>,
    ) -> Compose {
        let mut body = TextArea::default();
        body.set_placeholder_text("What's happening? (Ctrl-S sends, Ctrl-E opens $EDITOR)");
        body.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        let mut warning = TextArea::default();
        warning.set_placeholder_text("content warning (optional)");
        Compose {
            body,
            warning,
            attach: media::attach_line(None),
            alt_for: None,
            images: Vec::new(),
            visibility: Visibility::Public,
            field: Field::Body,
            targets,
            cursor: 0,
            open: true,
            reply_to: None,
            quote: None,
            widen_warned: false,
            alt_required,
            split: false,
            rules,
        }
    }
}

/// Restores a draft kept from an earlier run (or one the outbox could not take) into a put-away box.
pub fn restore(app: &mut App, text: &str, cw: &str, images: Vec<Attachment>) {
    open(app);
    if let Some(c) = &mut app.compose {
        c.body.insert_str(text);
        c.warning.insert_str(cw);
        c.images = images;
        c.open = false;
    }
}

/// `c`: opens the box (again, with what was kept), targets defaulting to the posting accounts.
pub(super) fn open(app: &mut App) -> Vec<Effect> {
    if let Some(c) = &mut app.compose {
        c.open = true;
        return Vec::new();
    }
    let targets: Vec<_> =
        app.accounts().filter(|s| !s.logged_out).map(|s| (s.account.clone(), s.network, s.posting)).collect();
    if targets.is_empty() {
        super::update::toast(app, "no account to post as: press L to log in".into(), true);
        return Vec::new();
    }
    let rules = app.sources.iter().filter_map(|s| Some((s.account.clone(), s.rules?))).collect();
    app.compose = Some(Compose::empty(targets, app.alt_required, rules));
    Vec::new()
}

/// `r`: a reply to the selected post, from the account that sees it, on that network only, as
/// visible as the post it answers (a reply to a followers-only post stays followers-only).
pub(super) fn reply(app: &mut App) -> Vec<Effect> {
    let Some(post) = app.selected_post() else { return Vec::new() };
    if post.network() == Network::Tumblr {
        super::update::toast(app, "Tumblr has no replies: reblog the post instead".into(), true);
        return Vec::new();
    }
    let (account, network, key, handle, visibility) =
        (post.id.account.clone(), post.network(), post.id.key.clone(), post.author.handle.clone(), post.visibility);
    if let Some(c) = fresh_box(app, account, network) {
        c.reply_to = Some((key, handle.clone()));
        c.visibility = visibility;
        c.body.insert_str(if network == Network::Mastodon { format!("@{handle} ") } else { String::new() });
    }
    Vec::new()
}

/// `Q`: a post quoting the selected one, from the account that sees it. Only Bluesky has quote posts
/// murre can make (on Mastodon, boost or link it; on Tumblr, reblog it).
pub(super) fn quote(app: &mut App) -> Vec<Effect> {
    let Some(post) = app.selected_post() else { return Vec::new() };
    let why = match post.network() {
        Network::Bluesky => None,
        Network::Mastodon => Some("Mastodon quote posts are not supported here: boost it (b) or link it"),
        Network::Tumblr => Some("on Tumblr, reblog it (b)"),
    };
    if let Some(why) = why {
        super::update::toast(app, why.into(), true);
        return Vec::new();
    }
    let (account, key, handle) = (post.id.account.clone(), post.id.key.clone(), post.author.handle.clone());
    if let Some(c) = fresh_box(app, account, Network::Bluesky) {
        c.quote = Some((key, handle));
    }
    Vec::new()
}

/// A new box going only to `account`, unless a draft is waiting (then it says so and gives `None`).
fn fresh_box(app: &mut App, account: AccountId, network: Network) -> Option<&mut Compose> {
    if app.compose.as_ref().is_some_and(|c| !c.text().trim().is_empty() || !c.images.is_empty()) {
        super::update::toast(app, "a draft is waiting: send or discard it first (c opens it)".into(), true);
        return None;
    }
    app.compose = None;
    open(app);
    let c = app.compose.as_mut()?;
    c.targets = vec![(account, network, true)];
    Some(c)
}

/// Ctrl-S: checked per target; refused with the reasons, a first warning when the post would be public
/// somewhere it was meant to be private, or handed to the outbox.
fn send(app: &mut App) -> Vec<Effect> {
    let Some(c) = &app.compose else { return Vec::new() };
    let request = c.request();
    if request.targets.is_empty() {
        super::update::toast(app, "choose at least one account (Tab to the target row, Space)".into(), true);
        return Vec::new();
    }
    let confirmed = Request { widen_confirmed: true, ..request.clone() };
    if let Some((account, why)) = prepare::problems(&confirmed).first() {
        super::update::toast(app, format!("not sent: {account}: {why}"), true);
        return Vec::new();
    }
    let widened = prepare::widened(&request);
    if !widened.is_empty() && !request.widen_confirmed {
        let names: Vec<&str> = widened.iter().map(|a| a.0.as_str()).collect();
        let text = format!("this post would be public on {}: Ctrl-S again sends it anyway", names.join(", "));
        super::update::toast(app, text, true);
        if let Some(c) = &mut app.compose {
            c.widen_warned = true;
        }
        return Vec::new();
    }
    app.compose = None;
    super::update::toast(app, format!("sending to {} account(s)…", request.targets.len()), false);
    vec![Effect::Publish(request)]
}
