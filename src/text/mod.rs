//! Pure text work: sanitizing remote text, display width and wrapping, and turning each
//! network's rich text (Mastodon HTML, Bluesky facets, Tumblr NPF) into `model::RichText`.
//! (Temporary stubs on main while the real module is written on its branch.)
#![allow(missing_docs, dead_code, unused_variables)]
use crate::model::*;
pub fn sanitize(s: &str) -> String { s.to_string() }
pub fn sanitize_line(s: &str) -> String { s.to_string() }
pub fn width(s: &str) -> usize { s.len() }
pub fn truncate(s: &str, max: usize) -> String { s.to_string() }
pub struct Piece { pub text: String, pub style: SpanStyle, pub link: Option<u16> }
pub struct WrappedLine { pub kind: BlockKind, pub pieces: Vec<Piece> }
pub fn wrap_rich(text: &RichText, width: usize) -> Vec<WrappedLine> { Vec::new() }
pub fn wrap_plain(text: &str, width: usize) -> Vec<String> { Vec::new() }
pub fn html_to_rich(html: &str) -> RichText { RichText::plain(html) }
pub enum FacetFeature { Link(String), Mention(String), Tag(String) }
pub struct Facet { pub start: usize, pub end: usize, pub features: Vec<FacetFeature> }
pub fn facets_to_rich(text: &str, facets: &[Facet]) -> RichText { RichText::plain(text) }
pub enum NpfFormatKind { Bold, Italic, Strike, Small, Link(String), Mention { blog: String, url: String }, Other }
pub struct NpfFormat { pub start: usize, pub end: usize, pub kind: NpfFormatKind }
pub fn npf_text_block(text: &str, subtype: Option<&str>, formatting: &[NpfFormat]) -> Block { Block::default() }
