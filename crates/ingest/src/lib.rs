//! Reads article files from disk and turns each article into a raw
//! [`Document`](kroniek_model::Document): decoded original text plus the
//! metadata the file itself gives (id, title, date, url, source, language).
//!
//! Everything here is streaming: folders are walked lazily, JSONL is read
//! line by line with a bound on the line length, so memory stays flat
//! whatever the corpus size. Every failure is an [`ItemError`] naming the
//! file (and line) and the reason; one bad item never stops the rest.
#![forbid(unsafe_code)]

mod decode;
mod discover;
mod html;
mod jsonl;
mod read;

pub use decode::{DecodeError, Decoded, decode};
pub use discover::{Discovered, discover};
pub use html::{HtmlArticle, extract_html};
pub use jsonl::parse_article;
pub use read::{DEFAULT_MAX_DOC_MB, Format, Limits, read_source};

/// A per-item failure: which item, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{item}: {reason}")]
pub struct ItemError {
    pub item: String,
    pub reason: String,
}

impl ItemError {
    pub fn new(item: impl Into<String>, reason: impl Into<String>) -> Self {
        ItemError {
            item: item.into(),
            reason: reason.into(),
        }
    }
}

/// Content hash used for de-duplication: BLAKE3 of the decoded text, hex.
pub fn content_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}
