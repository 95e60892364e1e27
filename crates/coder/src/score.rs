//! A faithful re-implementation of `shared/eval/score_events.py`.

use std::collections::{BTreeSet, HashSet};

use kroniek_model::{Event, EventActor};

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ScoreError {
    #[error("gold line {line}: expected 8 tab-separated columns, found {found}")]
    Columns { line: usize, found: usize },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoreReport {
    pub gold_required: usize,
    pub found: usize,
    pub system_events: usize,
    pub unmatched: usize,
    pub negation_errors: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub date_ok: usize,
    pub date_n: usize,
    /// `MISSED ...` lines as the Python scorer prints them with `--verbose`.
    pub missed: Vec<String>,
    /// `SPURIOUS ...` lines.
    pub spurious: Vec<String>,
}

struct Gold {
    doc: String,
    hint: String,
    src: BTreeSet<String>,
    tgt: BTreeSet<String>,
    cat: BTreeSet<String>,
    date: Option<String>,
    flag: String,
    note: String,
}

struct Sys<'e> {
    event: &'e Event,
    doc: &'e str,
    sent: String,
    src: String,
    tgt: String,
    cat: String,
}

/// Python's `re.sub(r"\s+", "", s)`: `str.isspace` also covers the ASCII
/// information separators that Rust's `char::is_whitespace` leaves out.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !(c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(c)))
        .collect()
}

fn actor_code(a: &Option<EventActor>) -> Option<String> {
    let a = a.as_ref()?;
    [&a.country, &a.id]
        .into_iter()
        .flatten()
        .find(|s| !s.is_empty())
        .cloned()
}

fn parse_gold(text: &str) -> Result<Vec<Gold>, ScoreError> {
    let mut out = Vec::new();
    // Python iterates lines keeping `\r`; only the trailing `\n` is stripped.
    for (idx, line) in text.split_inclusive('\n').enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line
            .strip_suffix('\n')
            .unwrap_or(line)
            .split('\t')
            .collect();
        if cols.len() != 8 {
            return Err(ScoreError::Columns {
                line: idx + 1,
                found: cols.len(),
            });
        }
        let set = |s: &str| s.split('|').map(str::to_string).collect::<BTreeSet<_>>();
        out.push(Gold {
            doc: cols[0].to_string(),
            hint: squash(cols[1]),
            src: set(cols[2]),
            tgt: set(cols[3]),
            cat: set(cols[4]),
            date: (cols[5] != "-").then(|| cols[5].to_string()),
            flag: cols[6].to_string(),
            note: cols[7].to_string(),
        });
    }
    Ok(out)
}

fn matches(g: &Gold, e: &Sys) -> bool {
    e.doc.starts_with(&g.doc)
        && e.sent.contains(&g.hint)
        && g.src.contains(&e.src)
        && g.tgt.contains(&e.tgt)
        && g.cat.contains(&e.cat)
}

fn joined(s: &BTreeSet<String>) -> String {
    s.iter().cloned().collect::<Vec<_>>().join("|")
}

/// Scores events against a gold TSV exactly as the reference Python scorer does.
pub fn score(gold_tsv: &str, events: &[Event]) -> Result<ScoreReport, ScoreError> {
    let gold = parse_gold(gold_tsv)?;
    let gold_docs: HashSet<&str> = gold.iter().map(|g| g.doc.as_str()).collect();
    let system: Vec<Sys> = events
        .iter()
        .filter(|e| gold_docs.iter().any(|d| e.doc_id.starts_with(d)))
        .filter_map(|e| {
            Some(Sys {
                event: e,
                doc: &e.doc_id,
                sent: squash(&e.sentence),
                src: actor_code(&e.source)?,
                tgt: actor_code(&e.target)?,
                cat: e.category.as_str().to_string(),
            })
        })
        .collect();
    let mut r = ScoreReport {
        system_events: system.len(),
        ..Default::default()
    };
    let (mut tp, mut fn_) = (0usize, 0usize);
    let mut used = HashSet::new();
    for g in &gold {
        let hits: Vec<usize> = (0..system.len())
            .filter(|&i| matches(g, &system[i]))
            .collect();
        if g.flag == "neg" {
            for &i in &hits {
                used.insert(i);
                if !system[i].event.negated {
                    r.negation_errors += 1;
                }
            }
            continue;
        }
        used.extend(hits.iter().copied());
        if g.flag == "opt" {
            continue;
        }
        if hits.is_empty() {
            fn_ += 1;
            r.missed.push(format!(
                "MISSED {} {}: {}->{} {}",
                g.doc,
                g.note,
                joined(&g.src),
                joined(&g.tgt),
                joined(&g.cat)
            ));
            continue;
        }
        tp += 1;
        if let Some(date) = &g.date {
            r.date_n += 1;
            if hits.iter().any(|&i| {
                system[i]
                    .event
                    .date
                    .as_deref()
                    .unwrap_or("")
                    .starts_with(date.as_str())
            }) {
                r.date_ok += 1;
            }
        }
    }
    for (i, e) in system.iter().enumerate() {
        if !used.contains(&i) {
            let doc: String = e.doc.chars().take(3).collect();
            let sentence: String = e.event.sentence.chars().take(110).collect();
            r.spurious.push(format!(
                "SPURIOUS {doc} {}->{} {} :: {sentence}",
                e.src, e.tgt, e.cat
            ));
        }
    }
    r.unmatched = r.spurious.len();
    let fp = r.unmatched + r.negation_errors;
    let matched = used.len() - r.negation_errors;
    r.precision = if matched + fp > 0 {
        matched as f64 / (matched + fp) as f64
    } else {
        0.0
    };
    r.recall = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    r.f1 = if r.precision + r.recall > 0.0 {
        2.0 * r.precision * r.recall / (r.precision + r.recall)
    } else {
        0.0
    };
    r.gold_required = tp + fn_;
    r.found = tp;
    Ok(r)
}

/// The lines the Python scorer prints (with `--verbose` when `verbose`).
pub fn format_report(r: &ScoreReport, verbose: bool) -> String {
    let mut out = String::new();
    if verbose {
        for line in r.missed.iter().chain(&r.spurious) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(&format!(
        "gold required {}, found {}; system dyadic events {}, unmatched {}, negation errors {}\n",
        r.gold_required, r.found, r.system_events, r.unmatched, r.negation_errors
    ));
    out.push_str(&format!(
        "precision {:.3} recall {:.3}\n",
        r.precision, r.recall
    ));
    out.push_str(&format!("date accuracy {}/{}\n", r.date_ok, r.date_n));
    out.push_str(&format!("F1 {:.3}\n", r.f1));
    out
}
