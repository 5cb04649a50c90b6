//! murre: parse args, load config, then run a command or the TUI.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use murre::app::live::LiveConfig;
use murre::app::{App, Source};
use murre::cli::{self, Args, Context};
use murre::runtime::{self, Home, Runtime};
use murre::store::{Dirs, config::Config};
use murre::ui::{Keymap, Theme};

fn main() -> ExitCode {
    murre::runtime::mark_start();
    let args = Args::parse();
    match start(args) {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) => {
            eprintln!("murre: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn start(args: Args) -> anyhow::Result<i32> {
    let dirs = Dirs::resolve(args.config_dir.as_deref())?;
    let config = Config::load(&dirs.config_file())?;
    let keymap = Keymap::new(&config.keys).map_err(|e| anyhow::anyhow!("{}: {e}", dirs.config_file().display()))?;
    let theme = murre::ui::theme::load(&dirs, config.theme.as_deref())?;
    let _log = murre::store::log::init(&dirs.state);
    let ctx = Context { dirs, config, demo: args.demo };
    let config_dir = args.config_dir.clone();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        match args.command {
            Some(command) => cli::run(command, &ctx).await,
            None => tui(&ctx, config_dir, theme, keymap).await.map(|()| 0),
        }
    })
}

async fn tui(ctx: &Context, config_dir: Option<PathBuf>, theme: Theme, keymap: Keymap) -> anyhow::Result<()> {
    let connected = cli::connect(ctx).await?;
    let sources = connected.clients.iter().map(|c| source_for(c, ctx)).collect();
    let mut app = App::new(sources, jiff::Timestamp::now());
    app.timeline.grouping = ctx.config.timeline.group_cross_posts;
    app.timeline.set_muted_words(&ctx.config.timeline.muted_words);
    app.timeline.max_posts = ctx.config.timeline.row_bound();
    let t = &ctx.config.timeline;
    // The demo's posts are made afresh at every start: there is no place in them to come back to.
    let read_position = t.remember_position && !ctx.demo;
    app.live = LiveConfig { poll: Some(t.poll_interval()), stream: t.streaming, read_position };
    app.alt_required = ctx.config.compose.alt_required;
    let term = runtime::caps::TermEnv::from_env();
    app.images.enabled = runtime::caps::images_wanted(ctx.config.ui.images, &term);
    app.hyperlinks = runtime::caps::hyperlinks_wanted(ctx.config.ui.hyperlinks, &term);
    for s in app.sources.iter().filter(|s| !s.included) {
        app.timeline.set_excluded(&s.account.0, true);
    }
    for a in ctx.config.accounts.iter().filter(|a| a.pane && app.sources.iter().any(|s| s.account == a.id)) {
        app.panes.push(murre::app::Pane::of(a.id.clone()));
    }
    murre::app::feeds::configure(&mut app, &ctx.config.timeline.feeds, &ctx.config.panes);
    if !ctx.demo {
        // The last run's posts, drawn in the first frame while the servers are asked.
        let cache = murre::store::cache::TimelineCache::new(&ctx.dirs.cache);
        for i in 0..app.accounts().count() {
            let posts = cache.load(&app.sources[i].account);
            murre::app::cache::load(&mut app, i, posts);
        }
    }
    for (id, e) in &connected.failed {
        tracing::warn!(account = %id, error = %e, "account not connected");
    }
    let home = (!ctx.demo).then(|| Home { dirs: ctx.dirs.clone(), config_dir: config_dir.clone() });
    let outbox = murre::store::outbox::Outbox::new(&ctx.dirs.data);
    if let Some((text, cw)) = outbox.unsent() {
        murre::app::compose::restore(&mut app, &text, &cw, Vec::new());
    }
    let mut runtime = Runtime::new(connected.clients, theme, keymap, outbox);
    runtime.home = home;
    runtime.viewer = runtime::images::viewer(ctx.config.ui.viewer.as_deref());
    runtime.live.state_dir = Some(ctx.dirs.state.clone());
    if let Some(net) = &connected.demo {
        net.chatter();
    }
    runtime::run(app, runtime).await
}

/// A timeline source for a connected account, with the switcher's saved choices (the demo: the
/// first account of each network posts).
fn source_for(client: &murre::backend::Client, ctx: &Context) -> Source {
    let mut source = Source::new(client.account().clone(), client.network());
    match ctx.config.accounts.iter().find(|a| &a.id == client.account()) {
        Some(a) => (source.included, source.posting) = (a.in_timeline, a.default),
        None => source.posting = true,
    }
    source
}
