//! Acceptance on the seed corpus (issue 7): the RUS–ARM timeline, the
//! network and the exports.
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

fn mean_of_year(timeline: &serde_json::Value, year: &str) -> Option<f64> {
    let (mut sum, mut n) = (0.0, 0.0);
    for p in timeline["periods"].as_array()? {
        if p["period"].as_str()?.starts_with(year) && p["events"].as_u64()? > 0 {
            sum += p["score_sum"].as_f64()?;
            n += p["events"].as_f64()?;
        }
    }
    (n > 0.0).then(|| sum / n)
}

#[test]
fn russia_armenia_relation_shifts_to_conflict() {
    let Some((_dir, store)) = ingested_seeds() else {
        return;
    };
    let out = kroniek(&store, &["timeline", "RUS", "ARM", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let t: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mean_2020 = mean_of_year(&t, "2020").expect("events in 2020");
    let mean_2023 = mean_of_year(&t, "2023").expect("events in 2023");
    assert!(
        mean_2023 < mean_2020,
        "2023 {mean_2023} vs 2020 {mean_2020}"
    );
    let shifts = t["shifts"].as_array().unwrap();
    let between = shifts.iter().find(|s| {
        let p = s["period"].as_str().unwrap_or("");
        p > "2020-10" && p <= "2023-10"
    });
    let shift = between.unwrap_or_else(|| panic!("no shift between 2020 and 2023: {shifts:?}"));
    assert!(shift["after_mean"].as_f64() < shift["before_mean"].as_f64());
    assert!(!shift["drivers"].as_array().unwrap().is_empty());
    for p in t["periods"].as_array().unwrap() {
        for e in p["top_evidence"].as_array().unwrap() {
            assert!(!e["sentence"].as_str().unwrap().is_empty(), "{e}");
        }
    }
}

#[test]
fn timeline_formats_and_network_run_on_the_seeds() {
    let Some((dir, store)) = ingested_seeds() else {
        return;
    };
    for format in ["table", "csv", "svg"] {
        let out = kroniek(&store, &["timeline", "ARM", "RUS", "--format", format]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert!(!out.stdout.is_empty());
    }
    let svg = kroniek(&store, &["timeline", "ARM", "RUS", "--format", "svg"]);
    assert!(stdout(&svg).starts_with("<svg"));
    let net = kroniek(&store, &["network", "--format", "json"]);
    assert!(net.status.success(), "{}", stderr(&net));
    let net: serde_json::Value = serde_json::from_slice(&net.stdout).unwrap();
    let ids: Vec<&str> = net["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert!(ids.contains(&"RUS") && ids.contains(&"ARM"), "{ids:?}");
    assert!(net["undated"]["events"].is_u64());
    for format in ["graphml", "gexf"] {
        let out = kroniek(&store, &["network", "--format", format]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).starts_with("<?xml"));
    }

    // Exports agree on the number of events.
    let jsonl = dir.path().join("events.jsonl");
    let out = kroniek(
        &store,
        &[
            "export",
            "--format",
            "jsonl",
            "--out",
            jsonl.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = std::fs::read_to_string(&jsonl).unwrap();
    let n = rows.lines().count();
    assert!(n > 0, "the seeds have events");
    let csv = dir.path().join("events.csv");
    let out = kroniek(
        &store,
        &["export", "--format", "csv", "--out", csv.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&csv).unwrap().lines().count() > n);
    let plover = kroniek(&store, &["export", "--format", "plover", "--out", "-"]);
    assert!(plover.status.success(), "{}", stderr(&plover));
    assert_eq!(stdout(&plover).lines().count(), n);
    let parquet = dir.path().join("parquet");
    let out = kroniek(
        &store,
        &[
            "export",
            "--format",
            "parquet",
            "--out",
            parquet.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("wrote {n} events")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn synthetic_store_supports_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("synth");
    let out = kroniek(
        &store,
        &["synth", "--docs", "300", "--events", "3000", "--seed", "3"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = kroniek(
        &store,
        &["timeline", "USA", "RUS", "--format", "json", "--by", "year"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let t: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let counted: u64 = t["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["events"].as_u64().unwrap())
        .sum();
    assert!(counted > 0);
    let top = kroniek(
        &store,
        &[
            "network", "--top", "5", "--format", "json", "--from", "2020", "--to", "2020",
        ],
    );
    assert!(top.status.success(), "{}", stderr(&top));
    let top: serde_json::Value = serde_json::from_slice(&top.stdout).unwrap();
    assert_eq!(top.as_array().unwrap().len(), 5);
    let out = kroniek(
        &store,
        &[
            "export", "--format", "jsonl", "--out", "-", "--actor", "USA",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for line in stdout(&out).lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(
            row["source_country"] == "USA" || row["target_country"] == "USA",
            "{row}"
        );
    }
}

#[test]
fn estimated_periods_bring_undated_seed_events_into_the_timeline_marked() {
    let Some((_dir, store)) = ingested_seeds() else {
        return;
    };
    let plain = kroniek(&store, &["timeline", "RUS", "ARM", "--format", "json"]);
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    let undated = plain["undated"]["events"].as_u64().unwrap();
    assert!(
        undated > 0,
        "the seeds have an undated document with RUS-ARM events"
    );

    let out = kroniek(
        &store,
        &["timeline", "RUS", "ARM", "--format", "json", "--estimated"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let t: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let placed = t["estimated"]["events"].as_u64().unwrap();
    assert!(placed > 0, "{}", t["estimated"]);
    assert_eq!(
        t["undated"]["events"].as_u64().unwrap() + placed,
        undated,
        "every placed event was undated before"
    );
    // Every placed event's document is undated in the store.
    let docs = common::docs_json(&store);
    for (doc, _) in t["estimated"]["documents"].as_object().unwrap() {
        let d = docs
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == doc.as_str())
            .unwrap();
        assert!(d["date"].is_null(), "{d}");
    }
}
