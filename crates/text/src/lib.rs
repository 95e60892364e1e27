//! Cleaning of extraction noise with an offset map, language identification,
//! Dutch sentence splitting and tokenisation. Pure: no I/O.
//!
//! [`prepare`] runs everything on a [`Document`]: [`clean`] turns the raw text
//! into the body that every later span points into, [`identify_language`]
//! names its language and [`segment`] splits it into sentences and tokens.
//!
//! Cleaning, in order: a leading `date YYYY-MM[-DD]` header; page furniture
//! (links and their wrapped tails, author links and bylines, photo captions
//! and credits, capitalised datelines, "lees ook" teasers, page numbers,
//! running headers, share labels, pull quotes repeated from the text); then
//! at every line break a decision between running on (wrapped lines,
//! words hyphenated across lines) and a new paragraph (titles, subheads,
//! paragraph ends), from the words on both sides and the line's length
//! against the document's usual line width. Paragraphs are separated by
//! `"\n\n"`, so no sentence crosses one. Quotes and dashes stay as written;
//! [`kroniek_model::Token::norm`] carries their ASCII forms.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepare_fills_the_document() {
        let mut doc = Document {
            raw: " date 2024-02-29 Minister ziek\n\nDe minister van Financiën is ziek. Zijn taken worden overgenomen.\n".to_string(),
            ..Default::default()
        };
        prepare(&mut doc);
        assert_eq!(
            doc.meta.get("header_date").map(String::as_str),
            Some("2024-02-29")
        );
        assert_eq!(doc.title.as_deref(), Some("Minister ziek"));
        assert_eq!(doc.language.as_ref().map(|l| l.code.as_str()), Some("nl"));
        assert_eq!(doc.sentences.len(), 3);
        assert_eq!(doc.sentence_text(1), "De minister van Financiën is ziek.");
        let first = &doc.tokens[0];
        assert_eq!(
            doc.offsets.span_to_raw(first.span).slice(&doc.raw),
            "Minister"
        );
    }

    #[test]
    fn prepare_keeps_a_given_title_and_handles_empty_input() {
        let mut doc = Document {
            title: Some("Gegeven titel".to_string()),
            raw: "Kop van het stuk\n\nDe tekst.".to_string(),
            ..Default::default()
        };
        prepare(&mut doc);
        assert_eq!(doc.title.as_deref(), Some("Gegeven titel"));
        let mut empty = Document::default();
        prepare(&mut empty);
        assert!(empty.text.is_empty() && empty.sentences.is_empty() && empty.language.is_none());
    }
}
