//! murre's TUI in a tmux session: keys in, the screen out, as a user sees it.

/// Drives the real TUI in tmux, as a user would.
pub struct Tmux(String);

impl Tmux {
    pub fn start(name: &str, dir: &std::path::Path) -> Tmux {
        let session = format!("murre-e2e-{name}-{}", std::process::id());
        let cmd = format!("{} --config-dir {}", env!("CARGO_BIN_EXE_murre"), dir.display());
        // A tmux server whose last session just ended may still be going away: try again briefly.
        let ok = (0..20).any(|_| {
            let started = std::process::Command::new("tmux")
                .args(["new-session", "-d", "-s", &session, "-x", "120", "-y", "32", &cmd])
                .status()
                .is_ok_and(|s| s.success());
            if !started {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            started
        });
        assert!(ok, "tmux is needed for the TUI tests");
        Tmux(session)
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", self.0.as_str()];
        args.extend_from_slice(keys);
        let _ = std::process::Command::new("tmux").args(&args).status();
    }

    /// `kill -9` of murre (and of anything it started) in this session: no destructor, no last save.
    pub fn kill9(&self) {
        let pid = std::process::Command::new("tmux").args(["display", "-p", "-t", &self.0, "#{pane_pid}"]).output();
        let pid = pid.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).unwrap_or_default();
        assert!(!pid.is_empty(), "no process in the tmux session");
        let _ = std::process::Command::new("pkill").args(["-9", "-P", &pid]).status();
        let _ = std::process::Command::new("kill").args(["-9", &pid]).status();
    }

    /// Closes the session as a closed terminal window does (the program gets SIGHUP).
    pub fn hang_up(&self) {
        let _ = std::process::Command::new("tmux").args(["kill-session", "-t", &self.0]).status();
    }

    pub fn screen(&self) -> String {
        let out = std::process::Command::new("tmux").args(["capture-pane", "-p", "-t", &self.0]).output();
        out.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default()
    }

    pub async fn wait_for(&self, text: &str) {
        let end = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !self.screen().contains(text) {
            assert!(std::time::Instant::now() < end, "{text:?} not on the screen:\n{}", self.screen());
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = std::process::Command::new("tmux").args(["kill-session", "-t", &self.0]).status();
    }
}
