//! Pure text work: sanitizing remote text, display width and wrapping, and turning each
//! network's rich text (Mastodon HTML, Bluesky facets, Tumblr NPF) into `model::RichText`.

mod facets;
mod fill;
mod html;
mod npf;
mod sanitize;
mod width;
mod wrap;

pub use facets::{Facet, FacetFeature, facets_to_rich};
pub use html::html_to_rich;
pub use npf::{NpfFormat, NpfFormatKind, npf_text_block};
pub(crate) use sanitize::is_web_url;
pub use sanitize::{sanitize, sanitize_line};
pub use width::{truncate, width};
pub use wrap::{Piece, WrappedLine, wrap_plain, wrap_rich};

#[cfg(test)]
#[path = "fuzz_tests.rs"]
mod fuzz_tests;
