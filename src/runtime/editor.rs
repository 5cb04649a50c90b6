//! Ctrl-E in the compose box: the text goes to `$VISUAL` / `$EDITOR` (else `vi`) in a private temporary
//! file, and whatever the editor saved comes back. The event loop hands over the terminal meanwhile.

use std::process::Command;

/// Edits `text` in the user's editor; `Err` says why the text stays as it was.
pub fn edit(text: &str) -> Result<String, String> {
    let random = crate::backend::oauth::random_token(6).map_err(|e| e.to_string())?;
    let path = std::env::temp_dir().join(format!("murre-draft-{random}.md"));
    crate::store::write_private(&path, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let result = run(&path);
    let edited = std::fs::read_to_string(&path);
    let _ = std::fs::remove_file(&path);
    result?;
    edited.map_err(|e| format!("cannot read the edited text: {e}"))
}

/// The editor command as the user set it (it may hold arguments: `code --wait`).
fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

fn run(path: &std::path::Path) -> Result<(), String> {
    let editor = editor();
    // The shell splits the editor's own arguments; the file travels as "$1", never through the shell.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .map_err(|e| format!("cannot start {editor}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{editor} exited with {status}")) }
}
