//! `kroniek extract`: the stateless stdin → stdout worker.
#![allow(clippy::unwrap_used)] // tests and tools: a failed unwrap is a failed run
mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use common::*;
use serde_json::Value;

const FIRST: &str = r#"{"id": "nl-1", "date": "2022-05-12", "text": "Frankrijk veroordeelde donderdag de Russische aanval op Oekraïne. De Franse president Macron belde met de Oekraïense president Zelensky."}"#;
const SECOND: &str = r#"{"id": "nl-2", "date": "2021-11-03", "text": "Duitsland stuurt hulpgoederen naar Polen. De Duitse minister van Buitenlandse Zaken ontmoette woensdag haar Poolse collega in Warschau."}"#;
const THIRD: &str = r#"{"date": "2023-02", "text": "Turkije dreigde Zweden met een veto tegen het lidmaatschap van de NAVO."}"#;

fn input() -> String {
    [
        FIRST,
        "{dit is geen json",
        SECOND,
        r#"{"id": "nl-3", "text": 5}"#,
        r#"{"id": "nl-4", "title": "Zonder tekst"}"#,
        "",
        THIRD,
    ]
    .join("\n")
}

fn extract(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kroniek"))
        .arg("extract")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the kroniek binary runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || pipe.write_all(text.as_bytes()));
    let out = child.wait_with_output().expect("kroniek extract finishes");
    writer
        .join()
        .expect("writer thread")
        .expect("stdin written");
    out
}

fn json_lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn bad_lines_become_error_lines_and_the_stream_goes_on() {
    let out = extract(&[], &input());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let errors = json_lines(&out.stderr);
    let summary: Vec<(u64, Option<&str>)> = errors
        .iter()
        .map(|e| (e["line"].as_u64().unwrap_or(0), e["id"].as_str()))
        .collect();
    assert_eq!(
        summary,
        vec![(2, None), (4, Some("nl-3")), (5, Some("nl-4"))],
        "{errors:?}"
    );
    assert!(
        errors[0]["error"]
            .as_str()
            .unwrap()
            .contains("invalid JSON")
    );
    assert!(
        errors[1]["error"]
            .as_str()
            .unwrap()
            .contains("must be a string")
    );
    assert!(errors[2]["error"].as_str().unwrap().contains("\"text\""));

    let events = json_lines(&out.stdout);
    assert!(!events.is_empty(), "no events from the good lines");
    assert!(events.iter().all(|e| e["kind"] == "event"));
    // Events come in input order; an article without an id is named after its line.
    let docs: Vec<&str> = events.iter().filter_map(|e| e["doc_id"].as_str()).collect();
    let order = |d: &str| ["nl-1", "nl-2", "stdin-7"].iter().position(|x| *x == d);
    assert!(docs.iter().all(|d| order(d).is_some()), "{docs:?}");
    assert!(
        docs.windows(2).all(|w| order(w[0]) <= order(w[1])),
        "{docs:?}"
    );
}

#[test]
fn threads_keep_the_order_and_the_output() {
    // Many articles, so that workers finish out of order.
    let many: String = (0..40)
        .map(|i| {
            let line = if i % 2 == 0 { FIRST } else { SECOND };
            line.replacen("\"nl-", &format!("\"x{i}-nl-"), 1) + "\n"
        })
        .collect();
    let serial = extract(&["--jobs", "1"], &many);
    let parallel = extract(&["--jobs", "3"], &many);
    assert_eq!(serial.status.code(), Some(0), "{}", stderr(&serial));
    assert_eq!(parallel.status.code(), Some(0), "{}", stderr(&parallel));
    assert!(!serial.stdout.is_empty());
    assert_eq!(stdout(&serial), stdout(&parallel));
}

#[test]
fn events_equal_those_ingest_stores() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("articles.jsonl");
    std::fs::write(&file, [FIRST, SECOND, THIRD].join("\n")).unwrap();
    let store = dir.path().join("store");
    let ingest = kroniek(&store, &["ingest", file.to_str().unwrap()]);
    assert_eq!(ingest.status.code(), Some(0), "{}", stderr(&ingest));
    let stored = kroniek(
        &store,
        &["events", "--format", "jsonl", "--include-negated"],
    );
    let mut stored = json_lines(&stored.stdout);

    let out = extract(&[], &[FIRST, SECOND, THIRD].join("\n"));
    let mut extracted = json_lines(&out.stdout);
    for e in &mut extracted {
        e.as_object_mut().unwrap().remove("kind");
    }
    // The stdin line names (stdin-3) differ from the file's (articles-3).
    for e in &mut stored {
        for key in ["doc_id", "event_id"] {
            let v = e[key].as_str().unwrap().replace("articles-3", "stdin-3");
            e[key] = Value::String(v);
        }
    }
    let key = |e: &Value| e["event_id"].as_str().unwrap_or_default().to_string();
    stored.sort_by_key(key);
    extracted.sort_by_key(key);
    assert!(!stored.is_empty());
    assert_eq!(stored, extracted);
}

#[test]
fn annotations_add_one_document_line_per_article() {
    let out = extract(&["--annotations"], &input());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&out.stdout);
    let documents: Vec<&Value> = lines.iter().filter(|l| l["kind"] == "document").collect();
    let ids: Vec<&str> = documents
        .iter()
        .filter_map(|d| d["doc_id"].as_str())
        .collect();
    assert_eq!(ids, vec!["nl-1", "nl-2", "stdin-7"]);
    let first = &documents[0]["annotations"];
    assert_eq!(first["sentences"].as_array().map(Vec::len), Some(2));
    assert!(first["tokens"].as_array().is_some_and(|t| t.len() > 15));
    assert!(first["mentions"].as_array().is_some_and(|m| !m.is_empty()));
    assert!(first["date"].is_object(), "{first}");
    // Each document line follows its own events.
    let last_event_of_first = lines
        .iter()
        .rposition(|l| l["kind"] == "event" && l["doc_id"] == "nl-1");
    let first_doc = lines
        .iter()
        .position(|l| l["doc_id"] == "nl-1" && l["kind"] == "document");
    assert!(last_event_of_first < first_doc);
}

#[test]
fn an_overlong_line_is_skipped_and_the_next_one_still_read() {
    let long = format!(
        r#"{{"id": "groot", "text": "{}"}}"#,
        "Lange zin. ".repeat(110_000)
    );
    let out = extract(&["--max-doc-mb", "1"], &format!("{long}\n{FIRST}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let errors = json_lines(&out.stderr);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["line"], 1);
    assert!(errors[0]["error"].as_str().unwrap().contains("max-doc-mb"));
    let events = json_lines(&out.stdout);
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| e["doc_id"] == "nl-1"));
}
