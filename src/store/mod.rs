//! What murre keeps on disk: where (XDG dirs or `--config-dir`), the config file, and secrets.

pub mod attachment;
pub mod cache;
pub mod config;
mod keyring;
pub mod lock;
pub mod log;
pub mod outbox;
pub mod reading;
pub mod secrets;
pub mod sessions;

use std::path::{Path, PathBuf};

/// The folders murre uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirs {
    pub config: PathBuf,
    pub data: PathBuf,
    pub cache: PathBuf,
    pub state: PathBuf,
    /// Everything lives under one `--config-dir`: the OS keyring is never touched.
    pub isolated: bool,
}

impl Dirs {
    /// `--config-dir DIR` moves everything under DIR; otherwise the XDG folders.
    pub fn resolve(config_dir: Option<&Path>) -> anyhow::Result<Dirs> {
        if let Some(dir) = config_dir {
            return Ok(Dirs {
                config: dir.to_path_buf(),
                data: dir.join("data"),
                cache: dir.join("cache"),
                state: dir.join("state"),
                isolated: true,
            });
        }
        let p = directories::ProjectDirs::from("", "", "murre")
            .ok_or_else(|| anyhow::anyhow!("cannot find a home folder; pass --config-dir DIR"))?;
        let state = p.state_dir().unwrap_or_else(|| p.data_local_dir()).to_path_buf();
        let (config, data, cache) = (p.config_dir().into(), p.data_dir().into(), p.cache_dir().into());
        Ok(Dirs { config, data, cache, state, isolated: false })
    }

    /// The config file.
    pub fn config_file(&self) -> PathBuf {
        self.config.join("config.toml")
    }
}

/// Writes `bytes` to `path` atomically (temp file + rename), with mode 0600 on Unix.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)
}
