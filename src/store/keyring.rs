//! The OS keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows), when
//! murre is built with the `keyring` feature and the keyring answers. Secrets are JSON in one entry
//! per account (service `murre`). Everything else falls back to the 0600 file.

/// The service name entries are kept under.
#[cfg(feature = "keyring")]
const SERVICE: &str = "murre";

/// Whether the keyring can be used in this process: probed once (an entry that does not exist must
/// read as "no entry", not as an error).
#[cfg(feature = "keyring")]
pub fn available() -> bool {
    static PROBE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *PROBE.get_or_init(|| {
        if keyring::Entry::store_status().is_err() {
            return false;
        }
        match keyring::Entry::new(SERVICE, "murre-probe").and_then(|e| e.get_password()) {
            Ok(_) | Err(keyring::Error::NoEntry) => true,
            Err(e) => {
                tracing::info!("no usable OS keyring: {e}");
                false
            }
        }
    })
}

/// The entry of `account`, if any.
#[cfg(feature = "keyring")]
pub fn get(account: &str) -> anyhow::Result<Option<String>> {
    match keyring::Entry::new(SERVICE, account).and_then(|e| e.get_password()) {
        Ok(text) => Ok(Some(text)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(anyhow::anyhow!("the OS keyring refused to read: {e}")),
    }
}

/// Writes the entry of `account`.
#[cfg(feature = "keyring")]
pub fn set(account: &str, text: &str) -> anyhow::Result<()> {
    keyring::Entry::new(SERVICE, account)
        .and_then(|e| e.set_password(text))
        .map_err(|e| anyhow::anyhow!("the OS keyring refused to store: {e}"))
}

/// Deletes the entry of `account` (nothing to delete is fine).
#[cfg(feature = "keyring")]
pub fn delete(account: &str) -> anyhow::Result<()> {
    match keyring::Entry::new(SERVICE, account).and_then(|e| e.delete_credential()) {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(anyhow::anyhow!("the OS keyring refused to delete: {e}")),
    }
}

#[cfg(not(feature = "keyring"))]
pub fn available() -> bool {
    false
}

#[cfg(not(feature = "keyring"))]
pub fn get(_account: &str) -> anyhow::Result<Option<String>> {
    Ok(None)
}

#[cfg(not(feature = "keyring"))]
pub fn set(_account: &str, _text: &str) -> anyhow::Result<()> {
    anyhow::bail!("murre was built without the keyring feature")
}

#[cfg(not(feature = "keyring"))]
pub fn delete(_account: &str) -> anyhow::Result<()> {
    Ok(())
}
