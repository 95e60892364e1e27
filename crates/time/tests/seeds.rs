//! The seed documents and their gold dates from ../shared (never copied here).

mod support;

use std::path::{Path, PathBuf};

use kroniek_model::{DateSource, Document};
use kroniek_time::{annotate, attach};

fn shared_or_skip() -> Option<PathBuf> {
    let dir = support::shared_dir();
    if dir.join("gold").is_dir() {
        return Some(dir);
    }
    eprintln!(
        "../shared not found at {}: seed tests skipped",
        dir.display()
    );
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared is required in CI"
    );
    None
}

#[derive(Clone, Copy, PartialEq)]
enum Prep {
    /// The minimal test splitter in `support`.
    Support,
    /// The real cleaner, sentence splitter and tokenizer of kroniek-text.
    Text,
}

fn preps() -> Vec<Prep> {
    vec![Prep::Support, Prep::Text]
}

fn seed(shared: &Path, prefix: &str) -> Document {
    seed_with(shared, prefix, Prep::Support)
}

fn seed_with(shared: &Path, prefix: &str, prep: Prep) -> Document {
    let dir = shared.join("corpus/seeds");
    let entry = std::fs::read_dir(&dir)
        .expect("seed dir")
        .filter_map(Result::ok)
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("{prefix}_"))
        })
        .unwrap_or_else(|| panic!("no seed {prefix}"));
    let raw = std::fs::read_to_string(entry.path()).expect("seed text");
    let mut doc = match prep {
        Prep::Support => support::seed_document(&raw),
        Prep::Text => {
            let mut doc = Document {
                id: prefix.to_string(),
                raw,
                ..Default::default()
            };
            kroniek_text::prepare(&mut doc);
            doc
        }
    };
    annotate(&mut doc);
    doc
}

fn rows(shared: &Path, file: &str) -> Vec<Vec<String>> {
    std::fs::read_to_string(shared.join("gold").join(file))
        .expect("gold file")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn document_dates_match_gold() {
    let Some(shared) = shared_or_skip() else {
        return;
    };
    for row in rows(&shared, "seed-docs.tsv") {
        for prep in preps() {
            let doc = seed_with(&shared, &row[0], prep);
            let got = doc.date.as_ref().map(|d| d.value.value.clone());
            let want = (row[1] != "-").then(|| row[1].clone());
            assert_eq!(got, want, "seed {}", row[0]);
        }
    }
    let d = seed_with(&shared, "002", Prep::Text)
        .date
        .expect("002 inferred after kroniek-text");
    assert_eq!(d.value.value, "2020-09");
    let d = seed(&shared, "001").date.expect("001 header");
    assert_eq!(
        (d.value.value.as_str(), d.source),
        ("2023-10", DateSource::Header)
    );
    // 002 has no header; its text names a full date and speaks of the fighting as current.
    let d = seed(&shared, "002").date.expect("002 inferred");
    assert_eq!(d.source, DateSource::Inferred);
    assert!(
        d.value.value.as_str() >= "2020-09" && d.value.value.starts_with("2020"),
        "{d:?}"
    );
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Content tokens of the hint (alphabetic, 4+ letters, outside time expressions):
/// whichever of them the coder takes as trigger, the date must come out right.
fn hint_triggers(doc: &Document, sentence: usize, hint: &str) -> Vec<usize> {
    let s = &doc.sentences[sentence];
    let text = s.span.slice(&doc.text);
    // Map the whitespace-free hint back to a byte range of the sentence.
    let squashed_hint = squash(hint);
    let mut map = Vec::new();
    let mut flat = String::new();
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            map.push(i);
            flat.push(c);
        }
    }
    let Some(pos) = flat.find(&squashed_hint) else {
        return Vec::new();
    };
    let char_pos = flat[..pos].chars().count();
    let char_len = squashed_hint.chars().count();
    let start = s.span.start as usize + map[char_pos];
    let end = s.span.start as usize + map[char_pos + char_len - 1];
    s.token_range()
        .filter(|&t| {
            let tok = &doc.tokens[t];
            let w = tok.span.slice(&doc.text);
            (tok.span.start as usize) >= start
                && (tok.span.start as usize) <= end
                && w.chars().count() >= 4
                && w.chars().all(char::is_alphabetic)
                && !doc.timexes.iter().any(|x| x.span.contains(tok.span))
        })
        .collect()
}

#[test]
fn gold_event_dates_attach() {
    gold_event_dates_attach_with(Prep::Support);
}

#[test]
fn gold_event_dates_attach_after_kroniek_text() {
    gold_event_dates_attach_with(Prep::Text);
}

fn gold_event_dates_attach_with(prep: Prep) {
    let Some(shared) = shared_or_skip() else {
        return;
    };
    let mut checked = 0;
    let mut failures = Vec::new();
    for row in rows(&shared, "seed-events.tsv") {
        let (prefix, hint, gold) = (&row[0], &row[1], &row[5]);
        if gold == "-" {
            continue;
        }
        let doc = seed_with(&shared, prefix, prep);
        let sentence = doc
            .sentences
            .iter()
            .position(|s| squash(s.span.slice(&doc.text)).contains(&squash(hint)))
            .unwrap_or_else(|| panic!("hint not found in {prefix}: {hint}"));
        let triggers = hint_triggers(&doc, sentence, hint);
        assert!(!triggers.is_empty(), "no trigger candidates for {hint}");
        for t in triggers {
            let a = attach(&doc, sentence, t);
            let got = a
                .value
                .as_ref()
                .map(|v| v.value.clone())
                .unwrap_or_default();
            checked += 1;
            if !got.starts_with(gold.as_str()) {
                failures.push(format!(
                    "{prefix} {hint:?} trigger {:?}: got {got:?} ({}) want {gold}",
                    doc.tokens[t].span.slice(&doc.text),
                    a.rule
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} triggers misdated:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
