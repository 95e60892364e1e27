//! Which time expression dates an event.
//!
//! Order of rules:
//! 1. `clause-timex`: an expression that hangs directly from the trigger in
//!    the dependency tree (when the parser has run), else one in the
//!    trigger's own clause (nearest first, dates before durations).
//! 2. `sentence-timex`: an expression in another clause of the sentence that is
//!    linked in time to the trigger's clause: an enclosing clause (unless the
//!    trigger sits in a relative clause, which describes a participant), a
//!    temporal clause (`toen`, `nadat`) governing or governed by it, or the
//!    clause right before a temporal clause, or a relative clause that
//!    describes the trigger noun itself. Relative clauses of other
//!    participants never lend their time (`X, die in 1991 onafhankelijk werd,
//!    viel aan`).
//! 3. `previous-sentence`: a sentence that continues the previous one with a
//!    subject pronoun in the past tense (`Hij riep op ...`) takes over the
//!    previous sentence's main or temporal-clause date when that date says
//!    more than the document date.
//! 4. `document`: the document date.
//! 5. `none`.

use kroniek_model::{Document, Precision, TimeValue, Timex};

use crate::calendar;
use crate::clauses::{self, ClauseKind, Clauses};
use crate::tense::Tense;
use crate::words::{self, Word};

#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub value: Option<TimeValue>,
    /// `clause-timex` | `sentence-timex` | `previous-sentence` | `document` | `none`
    pub rule: &'static str,
    /// Index into `Document::timexes` of the governing expression.
    pub timex: Option<usize>,
}

/// The value an event takes from a time expression: a range dates the event
/// by its start; an anchored duration by the smallest calendar unit covering it.
fn event_value(t: &Timex) -> Option<TimeValue> {
    let v = t.value.as_ref()?;
    if t.kind == "duration" {
        return calendar::smallest_cover(v.begin, v.end, Precision::Day);
    }
    Some(v.clone())
}

/// Expressions that can date an event: not sets, not unanchored durations,
/// not `tot ...` ranges (an end is not when something happened).
fn can_govern(t: &Timex) -> bool {
    match t.kind.as_str() {
        "set" => false,
        // Only durations that fall inside one calendar unit (not `al 30 jaar`).
        "duration" => event_value(t).is_some(),
        "range" => t.value.is_some() || t.until.is_none(),
        _ => true,
    }
}

struct SentenceView {
    words: Vec<Word>,
    clauses: Clauses,
    /// (index in doc.timexes, word index of its first word)
    timexes: Vec<(usize, usize)>,
}

fn view(doc: &Document, sentence: usize) -> SentenceView {
    let ws = words::sentence_words(doc, sentence);
    let clauses = clauses::segment(doc, &ws);
    let timexes = doc
        .timexes
        .iter()
        .enumerate()
        .filter(|(_, t)| t.sentence as usize == sentence && can_govern(t))
        .filter_map(|(k, t)| {
            let w = ws.iter().position(|w| w.end > t.span.start as usize)?;
            Some((k, w))
        })
        .collect();
    SentenceView {
        words: ws,
        clauses,
        timexes,
    }
}

/// A relative clause right after the trigger describes the trigger itself
/// (`een bestand dat ze in 2020 sloten`).
fn describes_trigger(c: &Clauses, words: &[Word], relative: usize, trigger_word: usize) -> bool {
    let Some(first) = c.first_word(relative) else {
        return false;
    };
    first == trigger_word + 1
        || (first == trigger_word + 2 && words.get(trigger_word + 1).is_some_and(|w| w.is(",")))
}

fn linked(
    c: &Clauses,
    words: &[Word],
    timex_clause: usize,
    trigger_clause: usize,
    trigger_word: usize,
) -> bool {
    let tk = c.kind(timex_clause);
    let gk = c.kind(trigger_clause);
    if tk == ClauseKind::Relative && !c.is_ancestor(timex_clause, trigger_clause) {
        return (gk == ClauseKind::Temporal && trigger_clause == timex_clause + 1)
            || describes_trigger(c, words, timex_clause, trigger_word);
    }
    if c.is_ancestor(timex_clause, trigger_clause) {
        return !c
            .path_kinds(trigger_clause, timex_clause)
            .contains(&ClauseKind::Relative);
    }
    if gk == ClauseKind::Relative {
        return false;
    }
    if c.is_ancestor(trigger_clause, timex_clause) {
        return c
            .path_kinds(timex_clause, trigger_clause)
            .iter()
            .all(|k| *k == ClauseKind::Temporal);
    }
    // Siblings: a temporal clause is tied to the clause it follows.
    (gk == ClauseKind::Temporal && trigger_clause == timex_clause + 1)
        || (tk == ClauseKind::Temporal && timex_clause == trigger_clause + 1)
}

/// Dependency evidence (when the parser has run): the token outside the
/// timex that the timex hangs from, as an index into `Document::tokens`.
fn governor(doc: &Document, sentence: usize, timex: &Timex) -> Option<usize> {
    let range = doc.sentences.get(sentence)?.token_range();
    let tokens = doc.tokens.get(range.clone())?;
    let inside = |k: usize| tokens.get(k).is_some_and(|t| timex.span.contains(t.span));
    let mut cur = (0..tokens.len()).find(|&k| inside(k))?;
    for _ in 0..tokens.len() {
        let t = &tokens[cur];
        if t.deprel.is_empty() || t.head == 0 || t.head as usize > tokens.len() {
            return None;
        }
        cur = t.head as usize - 1;
        if !inside(cur) {
            return Some(range.start + cur);
        }
    }
    None
}

fn best(
    doc: &Document,
    v: &SentenceView,
    trigger_word: usize,
    pick: impl Fn(usize) -> bool,
) -> Option<usize> {
    v.timexes
        .iter()
        .filter(|(_, w)| pick(v.clauses.of_word.get(*w).copied().unwrap_or(0)))
        .min_by_key(|(k, w)| {
            let duration = doc.timexes.get(*k).is_some_and(|t| t.kind == "duration");
            (duration, w.abs_diff(trigger_word))
        })
        .map(|(k, _)| *k)
}

fn subject_pronoun(w: &str) -> bool {
    matches!(w, "hij" | "zij" | "ze" | "he" | "she" | "they")
}

fn carried_over(
    doc: &Document,
    sentence: usize,
    v: &SentenceView,
    trigger_clause: usize,
) -> Option<usize> {
    if v.clauses.kind(trigger_clause) == ClauseKind::Relative {
        return None;
    }
    let first = v.words.iter().find(|w| !w.is_punct())?;
    if !subject_pronoun(&first.lower) {
        return None;
    }
    if v.clauses.tense(doc, &v.words, 0) != Tense::Past {
        return None;
    }
    let prev = view(doc, sentence.checked_sub(1)?);
    let doc_value = doc.date.as_ref().map(|d| &d.value);
    prev.timexes
        .iter()
        .rev()
        .filter(|(_, w)| {
            let clause = prev.clauses.of_word.get(*w).copied().unwrap_or(0);
            clause == 0 || prev.clauses.kind(clause) == ClauseKind::Temporal
        })
        .map(|(k, _)| *k)
        .find(|k| {
            doc.timexes
                .get(*k)
                .and_then(event_value)
                .is_some_and(|val| {
                    Some(&val) != doc_value
                        && matches!(doc.timexes[*k].kind.as_str(), "date" | "range")
                })
        })
}

/// Date the event whose trigger is token `trigger_token` of sentence `sentence`.
pub fn attach(doc: &Document, sentence: usize, trigger_token: usize) -> Attachment {
    let document = || match &doc.date {
        Some(d) => Attachment {
            value: Some(d.value.clone()),
            rule: "document",
            timex: None,
        },
        None => Attachment {
            value: None,
            rule: "none",
            timex: None,
        },
    };
    let v = view(doc, sentence);
    let Some(trigger_start) = doc.tokens.get(trigger_token).map(|t| t.span.start as usize) else {
        return document();
    };
    let trigger_word = v
        .words
        .iter()
        .position(|w| w.end > trigger_start)
        .unwrap_or(v.words.len().saturating_sub(1));
    let trigger_clause = v.clauses.of_word.get(trigger_word).copied().unwrap_or(0);
    let found = |k: usize, rule: &'static str| Attachment {
        value: doc.timexes.get(k).and_then(event_value),
        rule,
        timex: Some(k),
    };
    // Parsers misplace relative clauses; a tree link into a relative clause
    // that does not hold the trigger is not trusted.
    let governing = v.timexes.iter().find(|(k, w)| {
        let clause = v.clauses.of_word.get(*w).copied().unwrap_or(0);
        let foreign_relative = clause != trigger_clause
            && v.clauses.kind(clause) == ClauseKind::Relative
            && !v.clauses.is_ancestor(clause, trigger_clause);
        !foreign_relative
            && doc
                .timexes
                .get(*k)
                .is_some_and(|t| governor(doc, sentence, t) == Some(trigger_token))
    });
    if let Some((k, _)) = governing {
        return found(*k, "clause-timex");
    }
    if let Some(k) = best(doc, &v, trigger_word, |c| c == trigger_clause) {
        return found(k, "clause-timex");
    }
    if let Some(k) = best(doc, &v, trigger_word, |c| {
        linked(&v.clauses, &v.words, c, trigger_clause, trigger_word)
    }) {
        return found(k, "sentence-timex");
    }
    if let Some(k) = carried_over(doc, sentence, &v, trigger_clause) {
        return found(k, "previous-sentence");
    }
    document()
}
