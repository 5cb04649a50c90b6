//! Work for the runtime to do: returned by `update` as data, never done by it.

use super::ReqId;
use crate::backend::Cursor;

/// A command for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Fetch a page of source `source`'s feed; the answer comes back as `Msg::FeedLoaded`.
    Fetch { req: ReqId, source: usize, at: Cursor },
    /// Open a URL in the user's browser.
    OpenUrl(String),
}
