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

/// Units of work (characters split into words, words segmented into
/// clauses, words read for a tense), counted in test builds so that tests
/// can check that recognition stays linear in the input size.
#[cfg(test)]
pub(crate) mod work {
    use std::cell::Cell;
    thread_local! {
        static UNITS: Cell<u64> = const { Cell::new(0) };
    }
    pub(crate) fn add(n: usize) {
        UNITS.with(|u| u.set(u.get() + n as u64));
    }
    /// The units counted on this thread since the last call.
    pub(crate) fn take() -> u64 {
        UNITS.with(|u| u.replace(0))
    }
}
#[cfg(not(test))]
pub(crate) mod work {
    #[inline(always)]
    pub(crate) fn add(_: usize) {}
}

pub use attach::{Attachment, attach};
pub use calendar::parse_date_value;
pub use docdate::{header_date, infer_document_date};

/// All temporal expressions of the document, sentence by sentence, anchored to `anchor`.
pub fn find_timexes(doc: &Document, anchor: Option<&TimeValue>) -> Vec<Timex> {
    resolve_all(&scan_document(doc), anchor)
}

/// An expression as recognised, before it is anchored.
struct Found {
    sentence: u32,
    span: Span,
    expr: grammar::Expr,
    tense: tense::Tense,
}

/// The expressions of every sentence with the tense of their clause: what
/// does not depend on the anchor, so an undated document is read once.
fn scan_document(doc: &Document) -> Vec<Found> {
    let mut out = Vec::new();
    let (mut buffers, mut ws) = (words::Buffers::default(), Vec::new());
    for s in 0..words::sentence_count(doc) {
        words::sentence_words_into(doc, s, &mut buffers, &mut ws);
        let exprs = grammar::scan(&ws);
        if exprs.is_empty() {
            continue;
        }
        let cl = clauses::segment(doc, &ws);
        for e in exprs {
            let clause = cl.of_word.get(e.first).copied().unwrap_or(0);
            let tense = cl.tense(doc, &ws, clause);
            let (Some(first), Some(last)) = (ws.get(e.first), ws.get(e.last)) else {
                continue;
            };
            out.push(Found {
                sentence: s as u32,
                span: Span::new(first.start, last.end),
                expr: e,
                tense,
            });
        }
    }
    out
}

fn resolve_all(found: &[Found], anchor: Option<&TimeValue>) -> Vec<Timex> {
    found
        .iter()
        .map(|f| {
            let r = resolve::resolve(&f.expr, anchor, f.tense);
            Timex {
                span: f.span,
                sentence: f.sentence,
                kind: r.kind.to_string(),
                value: r.value,
                until: r.until,
                rule: r.rule,
            }
        })
        .collect()
}

/// Date the document and find its time expressions.
pub fn annotate(doc: &mut Document) {
    if doc.date.is_none() {
        doc.date = header_date(doc);
    }
    let found = scan_document(doc);
    if doc.date.is_none() {
        let unanchored = resolve_all(&found, None);
        doc.date = infer_document_date(doc, &unanchored);
    }
    let anchor = doc.date.as_ref().map(|d| d.value.clone());
    doc.timexes = resolve_all(&found, anchor.as_ref());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Work done by `annotate` (which finds expressions without and with an
    /// anchor and infers the document date) on `fragment` repeated `n` times.
    fn work_on(prefix: &str, fragment: &str, n: usize) -> u64 {
        let mut doc = Document {
            id: "lineair".into(),
            raw: format!("{}{}", prefix.repeat(n), fragment.repeat(n)),
            ..Default::default()
        };
        kroniek_text::prepare(&mut doc);
        work::take();
        annotate(&mut doc);
        let anchor = parse_date_value("2021-05-04");
        find_timexes(&doc, anchor.as_ref());
        work::take()
    }

    /// Long sentences of repeated fragments (the shapes the fuzzer found
    /// slow, and others with many clauses, time words and present markers):
    /// four times the input may cost at most five times the work. A
    /// quadratic path costs sixteen times.
    #[test]
    fn recognition_stays_linear_in_sentence_length() {
        let shapes = [
            ("", "Tussen 2001 en "),
            ("", "toen hij op 1 mei vertrok, die dat in 2001 zei dat "),
            (
                "",
                "vandaag zei de minister dat het nu gebeurt en in maart 2020 ",
            ),
            ("", "sinds 12 juni 2019 of vorige week, omdat hij "),
            ("( ", "de minister zei op 3 mei dat "),
            ("", "2001 2002 en 2003, "),
        ];
        let mut superlinear = Vec::new();
        for (prefix, fragment) in shapes {
            let small = work_on(prefix, fragment, 150);
            let large = work_on(prefix, fragment, 600);
            assert!(small > 0, "{fragment:?}: no work counted");
            if large > 5 * small {
                superlinear.push(format!(
                    "{fragment:?}: 4× the input took {:.1}× the work ({small} → {large})",
                    large as f64 / small as f64
                ));
            }
        }
        assert!(superlinear.is_empty(), "{superlinear:#?}");
    }
}
