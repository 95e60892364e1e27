//! The document date: from the header when there is one, else inferred
//! from the text only when the text supports it.
//!
//! A dateline wins: a full date at the very top of the text, standing on its
//! own (`12 oktober 2023 - Het kabinet ...`), dates the document to the day.
//!
//! Otherwise the document is dated to the month of the latest explicit
//! date in its text (a full date or a month with its year, `27 september
//! 2020`, `september 2020`) when
//! 1. the text also speaks of its own present: a present-reference word
//!    (`vandaag`, `nu`, `momenteel`, `deze week`, `op dit moment`) in a clause
//!    that is not in the past tense, and
//! 2. no explicit year later than that date occurs, and the date does not
//!    stand in a future-tense clause (an announced date is not the writing date).
//!
//! Month precision, because a text written about a date is usually written
//! within weeks of it, but not on a day we could name. Bare years (`in 1915`),
//! dates without a year (`in juni` in a caption) and durations never date a
//! document: they are as common in history as in news.

use kroniek_model::{DateSource, DocDate, Document, Precision, Timex};

use crate::calendar;
use crate::clauses;
use crate::tense::Tense;
use crate::words;

pub fn header_date(doc: &Document) -> Option<DocDate> {
    let raw = doc.meta.get("header_date")?;
    Some(DocDate {
        value: calendar::parse_date_value(raw)?,
        source: DateSource::Header,
        evidence: None,
    })
}

fn present_reference(w: &str, next: &str) -> bool {
    matches!(
        w,
        "vandaag" | "nu" | "momenteel" | "thans" | "today" | "now" | "currently"
    ) || (matches!(w, "deze" | "this") && matches!(next, "week" | "dagen" | "days"))
        || (w == "dit" && next == "moment")
}

/// Whether some clause of the text refers to the text's own present.
fn speaks_of_its_present(doc: &Document) -> bool {
    (0..words::sentence_count(doc)).any(|s| {
        let ws = words::sentence_words(doc, s);
        let markers: Vec<usize> = (0..ws.len())
            .filter(|&i| {
                present_reference(
                    &ws[i].lower,
                    ws.get(i + 1).map(|w| w.lower.as_str()).unwrap_or(""),
                )
            })
            .collect();
        if markers.is_empty() {
            return false;
        }
        let cl = clauses::segment(doc, &ws);
        markers
            .iter()
            .any(|&m| cl.tense(doc, &ws, cl.of_word[m]) != Tense::Past)
    })
}

/// Whether a timex stands in a future-tense clause. Timexes come sentence by
/// sentence, so the words and clauses of the last sentence asked about are
/// kept: a long sentence is split once, not once per timex.
#[derive(Default)]
struct FutureClauses {
    sentence: Option<(u32, Vec<words::Word>, clauses::Clauses)>,
}

impl FutureClauses {
    fn holds(&mut self, doc: &Document, t: &Timex) -> bool {
        if self
            .sentence
            .as_ref()
            .is_none_or(|(s, _, _)| *s != t.sentence)
        {
            let ws = words::sentence_words(doc, t.sentence as usize);
            let cl = clauses::segment(doc, &ws);
            self.sentence = Some((t.sentence, ws, cl));
        }
        let Some((_, ws, cl)) = &self.sentence else {
            return false;
        };
        // First word at or after the timex start (words are ordered).
        let i = ws.partition_point(|w| w.start < t.span.start as usize);
        match cl.of_word.get(i) {
            Some(&clause) => cl.tense(doc, ws, clause) == Tense::Future,
            None => false,
        }
    }
}

fn is_explicit(t: &Timex) -> bool {
    t.rule.split(' ').any(|r| r == "absolute") && matches!(t.kind.as_str(), "date" | "range")
}

/// A dateline: a full date standing at the very top of the text, not inside
/// a sentence about something else (`12 oktober 2023 - Het kabinet ...`,
/// `Maandag 2 oktober 2023`). `Op 27 september 2020 lanceerde ...` is not one.
fn dateline(doc: &Document, timexes: &[Timex]) -> Option<DocDate> {
    let t = timexes.iter().find(|t| t.sentence == 0)?;
    let v = t.value.as_ref()?;
    if t.kind != "date" || v.precision != Precision::Day || !t.rule.starts_with("absolute") {
        return None;
    }
    let before = doc.text.get(..t.span.start as usize)?;
    let last_before = before
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    if before.chars().filter(|c| c.is_alphanumeric()).count() > 25
        || matches!(
            last_before.as_str(),
            "op" | "in" | "sinds" | "vanaf" | "tot" | "na" | "voor" | "on" | "since"
        )
    {
        return None;
    }
    let ws = words::sentence_words(doc, 0);
    let after = ws.iter().find(|w| w.start >= t.span.end as usize);
    // A date followed straight by a verb is the subject matter, not the dateline.
    let standalone =
        after.is_none_or(|w| w.is_punct() || w.capitalised || w.shape != words::Shape::Word);
    standalone.then(|| DocDate {
        value: v.clone(),
        source: DateSource::Inferred,
        evidence: Some(t.span.slice(&doc.text).to_string()),
    })
}

pub fn infer_document_date(doc: &Document, timexes: &[Timex]) -> Option<DocDate> {
    if let Some(d) = dateline(doc, timexes) {
        return Some(d);
    }
    let explicit: Vec<&Timex> = timexes
        .iter()
        .filter(|t| {
            is_explicit(t)
                && t.value
                    .as_ref()
                    .is_some_and(|v| v.precision <= Precision::Year)
        })
        .collect();
    let mut future = FutureClauses::default();
    let explicit: Vec<&Timex> = explicit
        .into_iter()
        .filter(|t| !future.holds(doc, t))
        .collect();
    let latest = explicit
        .iter()
        .filter(|t| {
            t.value
                .as_ref()
                .is_some_and(|v| v.precision <= Precision::Month)
        })
        .max_by_key(|t| t.value.as_ref().map(|v| v.end))?;
    let value = latest.value.as_ref()?;
    let later_year = explicit
        .iter()
        .filter_map(|t| t.value.as_ref())
        .any(|v| v.begin > value.end && v.precision == Precision::Year);
    if later_year || !speaks_of_its_present(doc) {
        return None;
    }
    use chrono::Datelike;
    Some(DocDate {
        value: calendar::month(value.begin.year(), value.begin.month())?,
        source: DateSource::Inferred,
        evidence: Some(latest.span.slice(&doc.text).to_string()),
    })
}
