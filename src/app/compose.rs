//! The compose box: one text for several accounts, with each target's counter in its own unit. Every
//! printable key is text; Ctrl chords and Esc act. Sending hands the draft to the outbox (an effect).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::{App, Effect};
use crate::compose::length::{self, Count};
use crate::model::{AccountId, Network, PostKey, Visibility};
use crate::publish::prepare::{self, Request};

/// Which part of the box has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Body,
    Warning,
    Targets,
}

/// A draft being written.
#[derive(Debug, Clone)]
pub struct Compose {
    pub body: TextArea<'static>,
    pub warning: TextArea<'static>,
    pub field: Field,
    /// Every account it may go to, and whether it does.
    pub targets: Vec<(AccountId, Network, bool)>,
    /// The target under the cursor in the target row.
    pub cursor: usize,
    /// Shown (false: put away with Esc, kept for later).
    pub open: bool,
    /// The post this answers, and its author's handle (for the title).
    pub reply_to: Option<(PostKey, String)>,
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

    fn cw(&self) -> String {
        self.warning_text()
    }

    /// Each chosen target's count in its network's unit.
    pub fn counters(&self) -> Vec<(AccountId, Count)> {
        let (text, cw) = (self.text(), self.cw());
        self.targets
            .iter()
            .filter(|t| t.2)
            .map(|(account, network, _)| {
                let count = match network {
                    Network::Mastodon => length::mastodon(&text, &cw, prepare::MASTODON_CHARS, 23),
                    Network::Bluesky => length::bluesky(&prepare::with_warning(&text, &cw)),
                    // Shown for information: NPF splits long text into blocks, so it is never over.
                    Network::Tumblr => length::tumblr(&text),
                };
                (account.clone(), count)
            })
            .collect()
    }

    fn request(&self) -> Request {
        let targets = self.targets.iter().filter(|t| t.2).map(|t| t.0.clone()).collect();
        let reply_to = self.reply_to.as_ref().map(|r| r.0.clone());
        Request {
            text: self.text(),
            cw: self.cw(),
            visibility: Visibility::Public,
            targets,
            reply_to,
            images: Vec::new(),
            alt_required: true,
        }
    }
}

/// Restores text kept from an earlier run into a put-away box (c opens it).
pub fn restore(app: &mut App, text: &str, cw: &str) {
    open(app);
    if let Some(c) = &mut app.compose {
        c.body.insert_str(text);
        c.warning.insert_str(cw);
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
        app.sources.iter().filter(|s| !s.logged_out).map(|s| (s.account.clone(), s.network, s.posting)).collect();
    if targets.is_empty() {
        super::update::toast(app, "no account to post as: press L to log in".into(), true);
        return Vec::new();
    }
    let mut body = TextArea::default();
    body.set_placeholder_text("What's happening? (Ctrl-S sends)");
    body.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    let mut warning = TextArea::default();
    warning.set_placeholder_text("content warning (optional)");
    app.compose = Some(Compose { body, warning, field: Field::Body, targets, cursor: 0, open: true, reply_to: None });
    Vec::new()
}

/// `r`: a reply to the selected post, from the account that sees it, on that network only.
pub(super) fn reply(app: &mut App) -> Vec<Effect> {
    let Some(post) = app.selected_post() else { return Vec::new() };
    if post.network() == Network::Tumblr {
        super::update::toast(app, "Tumblr has no replies: reblog the post instead".into(), true);
        return Vec::new();
    }
    let (account, network, key, handle) =
        (post.id.account.clone(), post.network(), post.id.key.clone(), post.author.handle.clone());
    if app.compose.as_ref().is_some_and(|c| !c.text().trim().is_empty()) {
        super::update::toast(app, "a draft is waiting: send or discard it first (c opens it)".into(), true);
        return Vec::new();
    }
    app.compose = None;
    open(app);
    if let Some(c) = &mut app.compose {
        c.targets = vec![(account, network, true)];
        c.reply_to = Some((key, handle.clone()));
        c.body.insert_str(if network == Network::Mastodon { format!("@{handle} ") } else { String::new() });
    }
    Vec::new()
}

/// A key while the box is open.
pub(super) fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(c) = app.compose.as_mut() else { return Vec::new() };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match (key.code, ctrl) {
        // Ctrl-C and Esc put the box away; the text stays (and survives a quit).
        (KeyCode::Esc, _) | (KeyCode::Char('c'), true) => c.open = false,
        (KeyCode::Char('s'), true) => return send(app),
        (KeyCode::Char('d'), true) => app.compose = None,
        (KeyCode::Char('w'), true) | (KeyCode::Tab, _) => {
            c.field = match c.field {
                Field::Body => Field::Warning,
                Field::Warning => Field::Targets,
                Field::Targets => Field::Body,
            };
        }
        _ => match c.field {
            Field::Body => {
                c.body.input(key);
            }
            Field::Warning if key.code != KeyCode::Enter => {
                c.warning.input(key);
            }
            Field::Warning => {}
            Field::Targets => targets_key(c, key.code),
        },
    }
    Vec::new()
}

fn targets_key(c: &mut Compose, code: KeyCode) {
    let last = c.targets.len().saturating_sub(1);
    match code {
        KeyCode::Left | KeyCode::Char('h') => c.cursor = c.cursor.saturating_sub(1),
        KeyCode::Right | KeyCode::Char('l') => c.cursor = (c.cursor + 1).min(last),
        KeyCode::Char(' ') | KeyCode::Enter => {
            if let Some(t) = c.targets.get_mut(c.cursor) {
                t.2 = !t.2;
            }
        }
        _ => {}
    }
}

/// Ctrl-S: checked per target; refused with the reasons, or handed to the outbox.
fn send(app: &mut App) -> Vec<Effect> {
    let Some(c) = &app.compose else { return Vec::new() };
    let request = c.request();
    if request.targets.is_empty() {
        super::update::toast(app, "choose at least one account (Tab to the target row, Space)".into(), true);
        return Vec::new();
    }
    let problems = prepare::problems(&request);
    if let Some((account, why)) = problems.first() {
        super::update::toast(app, format!("not sent: {account}: {why}"), true);
        return Vec::new();
    }
    app.compose = None;
    super::update::toast(app, format!("sending to {} account(s)…", request.targets.len()), false);
    vec![Effect::Publish(request)]
}
