//! `kroniek import --parquet`: export → import into a fresh store → the same events.
#![allow(clippy::unwrap_used)] // tests and tools: a failed unwrap is a failed run
#![cfg(feature = "parquet")]
mod common;

use std::path::Path;

use common::*;

/// The store's events as sorted flat JSON lines (story counts off: they are
/// recomputed per store and are not what is being tested here).
fn flat_events(store: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["export", "--format", "jsonl", "--out", "-", "--no-stories"];
    args.extend_from_slice(extra);
    let out = kroniek(store, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
    lines.sort();
    lines
}

#[test]
fn exported_lake_imports_into_the_same_events() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original");
    let synth = kroniek(
        &original,
        &["synth", "--docs", "60", "--events", "400", "--seed", "11"],
    );
    assert!(synth.status.success(), "{}", stderr(&synth));
    let lake = dir.path().join("lake");
    let export = kroniek(
        &original,
        &[
            "export",
            "--format",
            "parquet",
            "--out",
            lake.to_str().unwrap(),
        ],
    );
    assert!(export.status.success(), "{}", stderr(&export));

    let copy = dir.path().join("copy");
    let import = |store: &Path, extra: &[&str]| {
        let mut args = vec!["import", "--parquet", lake.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = kroniek(store, &args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    };
    import(&copy, &[]);
    let expected = flat_events(&original, &[]);
    assert!(expected.len() > 300, "{}", expected.len());
    assert_eq!(flat_events(&copy, &[]), expected);

    // Idempotent: a second import neither adds nor changes anything.
    import(&copy, &[]);
    assert_eq!(flat_events(&copy, &[]), expected);
    let check = kroniek(&copy, &["check"]);
    assert!(
        check.status.success(),
        "{}{}",
        stdout(&check),
        stderr(&check)
    );

    // Every imported event's evidence is its document's sentence at its index.
    let events = kroniek(&copy, &["events", "--format", "jsonl", "--include-negated"]);
    for line in stdout(&events).lines().take(50) {
        let e: serde_json::Value = serde_json::from_str(line).unwrap();
        let doc = kroniek(&copy, &["show", e["doc_id"].as_str().unwrap(), "--json"]);
        let doc: serde_json::Value = serde_json::from_slice(&doc.stdout).unwrap();
        let text = doc["text"].as_str().unwrap();
        let span = &doc["sentences"][e["sentence_index"].as_u64().unwrap() as usize]["span"];
        let (start, end) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], e["sentence"].as_str().unwrap());
    }

    // A date range loads only the events it overlaps.
    let year = dir.path().join("year");
    import(&year, &["--from", "2020", "--to", "2020"]);
    assert_eq!(
        flat_events(&year, &[]),
        flat_events(&original, &["--from", "2020", "--to", "2020"])
            .into_iter()
            .filter(|l| !l.contains("\"date\":null"))
            .collect::<Vec<_>>()
    );
}
