//! Acceptance on the seed corpus in ../shared (issue 2): ingest, dates from
//! headers, cleaned sentences.
#![allow(clippy::unwrap_used)] // tests and tools: a failed unwrap is a failed run
mod common;

use common::*;

fn ingested_seeds() -> Option<(tempfile::TempDir, std::path::PathBuf)> {
    let shared = shared()?;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let out = kroniek(
        &store,
        &["ingest", shared.join("corpus/seeds").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    Some((dir, store))
}

#[test]
fn seeds_are_stored_with_language_and_header_dates() {
    let Some((_dir, store)) = ingested_seeds() else {
        return;
    };
    let docs = docs_json(&store);
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 5);
    let date_of = |prefix: &str| {
        docs.iter()
            .find(|d| d["id"].as_str().unwrap().starts_with(prefix))
            .map(|d| d["date"].clone())
            .unwrap()
    };
    for d in docs {
        assert_eq!(d["language"], "nl", "{d}");
    }
    assert_eq!(date_of("001"), "2023-10");
    assert_eq!(date_of("003"), "2020-10");
    assert_eq!(date_of("004"), "2022-03");
    assert_eq!(date_of("000"), serde_json::Value::Null);
}

#[test]
fn seed_000_is_clean_and_002_is_dehyphenated() {
    let Some((_dir, store)) = ingested_seeds() else {
        return;
    };
    let show = kroniek(&store, &["show", "000_a2b146511e19d133"]);
    assert!(show.status.success(), "{}", stderr(&show));
    let sentences: Vec<String> = stdout(&show)
        .lines()
        .filter_map(|l| {
            l.strip_prefix('[')
                .and_then(|l| l.split_once("] "))
                .map(|(_, s)| s.to_string())
        })
        .collect();
    // The headline as the file has it, wrapped over its first two lines.
    let raw = std::fs::read_to_string(
        shared()
            .unwrap()
            .join("corpus/seeds/000_a2b146511e19d133.txt"),
    )
    .unwrap();
    let expected_title = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        sentences.first().map(String::as_str),
        Some(expected_title.as_str())
    );
    for s in &sentences {
        assert!(
            !s.contains("http") && !s.contains("nd.nl") && !s.contains("LEES OOK"),
            "furniture in: {s}"
        );
    }
    // No sentence may stop mid-clause at an old line break: apart from the
    // title and subheads, every sentence ends with final punctuation.
    for s in sentences.iter().skip(1) {
        let ends_well = s.ends_with(['.', '!', '?', ':', '’', '\'', '"', '”']);
        let short_heading = s.split_whitespace().count() <= 4;
        assert!(
            ends_well || short_heading,
            "sentence ends mid-clause: {s:?}"
        );
    }
    let doc = kroniek(&store, &["show", "002_957990745c6b37f0", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&doc.stdout).unwrap();
    let text = doc["text"].as_str().unwrap();
    assert!(
        text.contains("staakt-het-vuren en het begin van besprekingen"),
        "{text}"
    );
}

#[test]
fn search_finds_the_ceasefire_in_002_and_004() {
    let Some((_dir, store)) = ingested_seeds() else {
        return;
    };
    let out = kroniek(&store, &["search", "staakt-het-vuren", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["doc_id"].as_str().unwrap())
        .collect();
    assert!(docs.iter().any(|d| d.starts_with("002")), "{docs:?}");
    assert!(docs.iter().any(|d| d.starts_with("004")), "{docs:?}");
    for h in hits.as_array().unwrap() {
        let sentence = h["sentence"].as_str().unwrap().to_lowercase();
        assert!(
            sentence.contains("staakt-het-vuren") || sentence.contains("staakt- het-vuren"),
            "{sentence}"
        );
    }
}

/// The acceptance: `kroniek eval events` prints what the reference
/// scorer prints on `kroniek events --format jsonl`, line for line, and the
/// same with negated events included on both sides.
#[test]
fn eval_events_agrees_with_the_reference_scorer() {
    let Some((dir, store)) = ingested_seeds() else {
        return;
    };
    let shared = shared().unwrap();
    let gold = shared.join("gold/seed-events.tsv");
    let script = shared.join("eval/score_events.py");
    let python = std::process::Command::new("python3")
        .arg("--version")
        .output();
    if python.is_err() {
        assert!(std::env::var("CI").is_err(), "python3 missing in CI");
        return;
    }
    for extra in [&[][..], &["--include-negated"][..]] {
        let mut args = vec!["eval", "events", "--gold", gold.to_str().unwrap()];
        args.extend_from_slice(extra);
        let ours = kroniek(&store, &args);
        assert!(ours.status.success(), "{}", stderr(&ours));
        let mut list = vec!["events", "--format", "jsonl"];
        list.extend_from_slice(extra);
        let listed = kroniek(&store, &list);
        assert!(listed.status.success(), "{}", stderr(&listed));
        let jsonl = dir.path().join("events.jsonl");
        std::fs::write(&jsonl, &listed.stdout).unwrap();
        let reference = std::process::Command::new("python3")
            .arg(&script)
            .arg(&gold)
            .arg(&jsonl)
            .output()
            .unwrap();
        assert!(reference.status.success());
        assert_eq!(stdout(&ours), stdout(&reference), "{extra:?}");
    }
}
