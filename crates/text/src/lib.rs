//! Cleaning of extraction noise with an offset map, language identification,
//! Dutch sentence splitting and tokenisation. Pure: no I/O.
//!
//! [`prepare`] runs everything on a [`Document`]: [`clean`] turns the raw text
//! into the body that every later span points into, [`identify_language`]
//! names its language and [`segment`] splits it into sentences and tokens.
#![forbid(unsafe_code)]

mod chars;
mod clean;
mod lang;
mod lexicon;
mod segment;

pub use clean::{Cleaned, clean};
pub use lang::identify_language;
pub use segment::segment;

use kroniek_model::Document;

/// Fills `text`, `offsets`, `furniture`, `language`, `sentences` and
/// `tokens` of `doc` from `doc.raw`; sets `meta["header_date"]` when the
/// raw text starts with a `date` header, and `title` when it had none and
/// the text opens with a headline.
pub fn prepare(doc: &mut Document) {
    let cleaned = clean(&doc.raw);
    if let Some(date) = cleaned.header_date {
        doc.meta.insert("header_date".to_string(), date);
    }
    if doc.title.is_none() {
        doc.title = cleaned.title;
    }
    doc.language = identify_language(&cleaned.text);
    let (sentences, tokens) = segment(&cleaned.text);
    doc.text = cleaned.text;
    doc.offsets = cleaned.offsets;
    doc.furniture = cleaned.furniture;
    doc.sentences = sentences;
    doc.tokens = tokens;
}
