//! Cross-process locks beside the files they guard (`FILE.lock`), so the TUI and a script never
//! interleave a read-modify-write of config or secrets, nor refresh a rotating token twice.

use std::fs::File;
use std::path::{Path, PathBuf};

/// Held while alive; the lock is released when dropped (or when the process dies).
#[derive(Debug)]
pub struct FileLock {
    _file: File,
}

impl FileLock {
    /// Waits for the exclusive lock that guards `path`.
    pub fn acquire(path: &Path) -> std::io::Result<FileLock> {
        let lock_path = lock_path(path);
        if let Some(dir) = lock_path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&lock_path)?;
        file.lock()?;
        Ok(FileLock { _file: file })
    }
}

fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_second_holder_waits_for_the_first() {
        let dir = std::env::temp_dir().join(format!("murre-lock-{}", std::process::id()));
        let path = dir.join("secrets.toml");
        let inside = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let (path, inside) = (path.clone(), Arc::clone(&inside));
                std::thread::spawn(move || {
                    for _ in 0..20 {
                        let _guard = FileLock::acquire(&path).unwrap_or_else(|e| panic!("{e}"));
                        assert_eq!(inside.fetch_add(1, Ordering::SeqCst), 0, "two holders at once");
                        std::thread::yield_now();
                        inside.fetch_sub(1, Ordering::SeqCst);
                    }
                })
            })
            .collect();
        for t in threads {
            assert!(t.join().is_ok());
        }
        assert!(dir.join("secrets.toml.lock").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
