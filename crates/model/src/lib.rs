//! Domain types shared by every kroniek stage.
//!
//! One [`Document`] flows through the pipeline; each stage adds annotations
//! (sentences, tokens, mentions, time expressions, events) that point into the
//! cleaned text by byte spans. No stage ever rewrites `Document::text` after
//! cleaning, so every span stays valid, and [`OffsetMap`] leads from any
//! cleaned byte back to the original file.
#![forbid(unsafe_code)]

mod date;
mod document;
mod event;
mod offsets;
mod token;

pub use compact_str::CompactString;
pub use date::{DateSource, DocDate, Precision, TimeValue, Timex};
pub use document::{Document, Furniture, Language};
pub use event::{Category, Event, EventActor, Modality, QuadClass};
pub use offsets::{OffsetMap, Piece, Span};
pub use token::{Mention, MentionKind, Sentence, Token};
