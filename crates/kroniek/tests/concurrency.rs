//! The embedded store under concurrent use: readers keep working while an
//! ingest writes (WAL), and two ingests at once either take turns or one
//! stops with a clear "locked" message; the store is never corrupted.
// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]
mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use common::*;

/// `n` short articles of this test's own wording under `dir`, ids prefixed.
fn write_articles(dir: &Path, prefix: &str, n: usize) {
    fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let text = format!(
            "Provincie stelt besluit {i} uit\n\n\
             Gedeputeerde Staten van provincie {prefix} stelden het besluit over dijk {i} uit. \
             De waterschappen willen eerst meer metingen, zei een woordvoerder donderdag. \
             Een nieuwe datum voor de stemming is nog niet bekend.\n"
        );
        fs::write(dir.join(format!("{prefix}-{i:05}.txt")), text).unwrap();
    }
}

fn spawn_ingest(store: &Path, input: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kroniek"))
        .arg("--store")
        .arg(store)
        .args(["ingest", "--text-only"])
        .arg(input)
        .env_remove("KRONIEK_STORE")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kroniek starts")
}

fn document_count(store: &Path) -> u64 {
    let out = kroniek(store, &["stats", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    stats["documents"].as_u64().expect("documents count")
}

#[test]
fn readers_work_while_an_ingest_writes() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let first = dir.path().join("eerst");
    write_articles(&first, "utrecht", 50);
    let out = kroniek(&store, &["ingest", "--text-only", first.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let input = dir.path().join("in");
    write_articles(&input, "drenthe", 3000);
    let mut ingest = spawn_ingest(&store, &input);
    let mut reads_during_ingest = 0;
    while ingest.try_wait().unwrap().is_none() {
        for args in [
            &["docs", "--json"][..],
            &["search", "waterschappen", "--json"],
            &["stats", "--json"],
        ] {
            let out = kroniek(&store, args);
            assert!(
                out.status.success(),
                "{args:?} failed during an ingest: {}",
                stderr(&out)
            );
            serde_json::from_slice::<serde_json::Value>(&out.stdout)
                .unwrap_or_else(|e| panic!("{args:?} printed no JSON: {e}"));
        }
        let n = document_count(&store);
        assert!((50..=3050).contains(&n), "readers see whole batches: {n}");
        reads_during_ingest += 1;
    }
    let status = ingest.wait().unwrap();
    assert!(status.success());
    assert!(
        reads_during_ingest > 0,
        "the ingest finished before any read"
    );
    assert_eq!(document_count(&store), 3050);
    let check = kroniek(&store, &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn two_ingests_at_once_take_turns_or_one_reports_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let north = dir.path().join("noord");
    let south = dir.path().join("zuid");
    write_articles(&north, "groningen", 1500);
    write_articles(&south, "limburg", 1500);
    // Create the store first so that both runs open an existing one.
    let out = kroniek(&store, &["stats", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let runs = [spawn_ingest(&store, &north), spawn_ingest(&store, &south)];
    let mut redo = Vec::new();
    for (run, input) in runs.into_iter().zip([&north, &south]) {
        let out = run.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{err}");
        eprintln!("{}: exit {:?}", input.display(), out.status.code());
        match out.status.code() {
            Some(0) => {}
            _ => {
                assert!(
                    err.contains("locked"),
                    "a failed concurrent ingest must say the store is locked: {err}"
                );
                redo.push(input);
            }
        }
    }
    let check = kroniek(&store, &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
    for input in redo {
        let out = kroniek(&store, &["ingest", "--text-only", input.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    assert_eq!(document_count(&store), 3000);
    let check = kroniek(&store, &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}
