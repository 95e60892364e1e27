//! Document dates and Dutch/English temporal expressions normalised to calendar values. Pure: no I/O, no clock.
//!
//! - [`annotate`] sets `doc.date` (kept if given; else the header date; else
//!   inferred from the text when the text supports it, see [`infer_document_date`])
//!   and fills `doc.timexes`.
//! - [`find_timexes`] recognises expressions (`17 maart 2022`, `vorige week`,
//!   `in het najaar van 2020`, `de afgelopen 13 dagen`, `sinds 1991` ...) and
//!   anchors the relative ones to the given anchor, using the tense of their
//!   clause for direction. Without an anchor, relative expressions get no value.
//! - [`attach`] finds the expression that dates an event: `clause-timex`,
//!   then `sentence-timex` (linked clauses only), then `previous-sentence`
//!   (a pronoun-led past-tense continuation), then `document`, else `none`.
//!   Ranges date an event by their start (`sinds 27 september`), anchored
//!   durations by the smallest calendar unit they fall in.
//!
//! Works with or without the parser: UPOS, `Tense=` features and dependency
//! trees are used when tokens carry them, word lists and word order otherwise.
//!
//! Timex `rule` strings say how a value was obtained: `absolute`,
//! `year-from-document`, `relative`, `relative-at-document-precision`,
//! `weekday-past`, `weekday-future`, `weekday-nearest`,
//! `weekday-at-document-precision`, `present`, `duration P9M` (not anchored),
//! `duration-to-document P13D`, `set`, `unanchored`, `vague`; prefixed with
//! `since`, `until`, `between` for ranges and suffixed with `mod=start|mid|end`
//! for `begin`/`medio`/`eind`.
#![forbid(unsafe_code)]

mod attach;
mod calendar;
mod clauses;
mod docdate;
mod grammar;
mod lexicon;
mod resolve;
mod tense;
mod words;

use kroniek_model::{Document, Span, TimeValue, Timex};

pub use attach::{Attachment, attach};
pub use calendar::parse_date_value;
pub use docdate::{header_date, infer_document_date};

/// All temporal expressions of the document, sentence by sentence, anchored to `anchor`.
pub fn find_timexes(doc: &Document, anchor: Option<&TimeValue>) -> Vec<Timex> {
    let mut out = Vec::new();
    for s in 0..words::sentence_count(doc) {
        let ws = words::sentence_words(doc, s);
        let exprs = grammar::scan(&ws);
        if exprs.is_empty() {
            continue;
        }
        let cl = clauses::segment(doc, &ws);
        let mut tense_of: Vec<Option<tense::Tense>> = vec![None; cl.clauses.len()];
        for e in exprs {
            let clause = cl.of_word.get(e.first).copied().unwrap_or(0);
            let tense = match tense_of.get(clause).copied().flatten() {
                Some(t) => t,
                None => {
                    let members: Vec<usize> = cl.words_of(clause).collect();
                    let t = tense::tense(doc, &ws, &members);
                    if let Some(slot) = tense_of.get_mut(clause) {
                        *slot = Some(t);
                    }
                    t
                }
            };
            let r = resolve::resolve(&e, anchor, tense);
            let (Some(first), Some(last)) = (ws.get(e.first), ws.get(e.last)) else {
                continue;
            };
            out.push(Timex {
                span: Span::new(first.start, last.end),
                sentence: s as u32,
                kind: r.kind.to_string(),
                value: r.value,
                until: r.until,
                rule: r.rule,
            });
        }
    }
    out
}

/// Date the document and find its time expressions.
pub fn annotate(doc: &mut Document) {
    if doc.date.is_none() {
        doc.date = header_date(doc);
    }
    if doc.date.is_none() {
        let unanchored = find_timexes(doc, None);
        doc.date = infer_document_date(doc, &unanchored);
    }
    let anchor = doc.date.as_ref().map(|d| d.value.clone());
    doc.timexes = find_timexes(doc, anchor.as_ref());
}
