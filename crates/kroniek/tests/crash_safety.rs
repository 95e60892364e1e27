//! `kroniek ingest` killed with SIGKILL at random moments leaves a store
//! that opens, passes `kroniek check`, and after a re-run holds exactly what
//! a clean run stores, with a full-text index that has no orphans.
#![allow(clippy::unwrap_used)]
// tests and tools: a failed unwrap is a failed run
mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A word per article made of letters only, so that the stemmer keeps it
/// searchable and it appears in no other article.
fn marker(i: usize) -> String {
    let mut word = String::from("kwiz");
    let mut n = i + 26 * 26;
    while n > 0 {
        word.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    word
}

/// `n` short Dutch articles written for this test, one file each.
fn write_articles(dir: &Path, n: usize) {
    let cities = [
        "Zwolle",
        "Leeuwarden",
        "Breda",
        "Enschede",
        "Maastricht",
        "Alkmaar",
    ];
    let topics = [
        "de begroting",
        "een nieuwe brug",
        "het waterbeheer",
        "de bibliotheek",
    ];
    for i in 0..n {
        let sub = dir.join(format!("{:02}", i % 40));
        fs::create_dir_all(&sub).unwrap();
        let text = format!(
            "Raad van {city} praat over {topic}\n\n\
             De gemeenteraad van {city} besprak op avond {i} het voorstel over {topic}. \
             Volgens de wethouder kost het plan {euros} euro en is het woord {word} het sleutelbegrip. \
             De oppositie vroeg om uitstel, maar een meerderheid stemde uiteindelijk voor.\n",
            city = cities[i % cities.len()],
            topic = topics[i % topics.len()],
            euros = 1000 + i * 37,
            word = marker(i),
        );
        fs::write(sub.join(format!("raad-{i:05}.txt")), text).unwrap();
    }
}

/// Deterministic xorshift, so that a failing kill schedule can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn ingest_command(store: &Path, input: &Path, text_only: bool) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kroniek"));
    cmd.arg("--store")
        .arg(store)
        .arg("ingest")
        .arg(input)
        .env_remove("KRONIEK_STORE")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if text_only {
        cmd.arg("--text-only");
    }
    cmd
}

fn ids_and_hashes(store: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = docs_json(store)
        .as_array()
        .expect("docs --json prints an array")
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap_or_default().to_string(),
                d["content_hash"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn assert_check_passes(store: &Path, when: &str) {
    let check = kroniek(store, &["check"]);
    assert!(
        check.status.success(),
        "check failed {when}: {}{}",
        stdout(&check),
        stderr(&check)
    );
}

/// Every index row points at a stored sentence and every sentence is indexed.
fn assert_index_matches_sentences(store: &Path) {
    let store = kroniek_store::SqliteStore::open(store).expect("store opens");
    let conn = store.connection();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    let orphans = count(
        "SELECT count(*) FROM sentence_fts f WHERE NOT EXISTS (
           SELECT 1 FROM documents d JOIN sentences s ON s.doc_id = d.id
           WHERE d.rowid = f.rowid >> 20 AND s.idx = (f.rowid & 1048575))",
    );
    assert_eq!(orphans, 0, "index rows without a sentence");
    let unindexed = count(
        "SELECT count(*) FROM sentences s JOIN documents d ON d.id = s.doc_id
         WHERE NOT EXISTS (SELECT 1 FROM sentence_fts f WHERE f.rowid = (d.rowid << 20) | s.idx)",
    );
    assert_eq!(unindexed, 0, "sentences missing from the index");
}

/// Kills up to `rounds * kills_per_round` ingests at seeded random moments
/// (at least `min_kills` of them mid-run); each
/// round starts from an empty store so that kills land mid-ingest, checks
/// the store after every kill, then completes the ingest and compares it
/// with a clean run.
fn kill_and_resume(
    n_docs: usize,
    rounds: usize,
    kills_per_round: usize,
    min_kills: usize,
    text_only: bool,
    seed: u64,
) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write_articles(&input, n_docs);

    let clean = dir.path().join("clean");
    let started = Instant::now();
    let status = ingest_command(&clean, &input, text_only).status().unwrap();
    let clean_time = started.elapsed();
    assert!(status.success(), "clean ingest");
    let expected = ids_and_hashes(&clean);
    assert_eq!(expected.len(), n_docs);

    let mut rng = Rng(seed);
    let mut killed_mid_run = 0;
    for round in 0..rounds {
        let store = dir.path().join(format!("killed-{round}"));
        let mut kills_in_round = 0;
        for attempt in 0..kills_per_round * 6 {
            if kills_in_round == kills_per_round {
                break;
            }
            let mut child = ingest_command(&store, &input, text_only).spawn().unwrap();
            // Within the first half of a clean run's length: the store grows
            // across kills, so later kills hit later phases of the ingest.
            let max_ms = (clean_time.as_millis() as u64 / 2).max(20);
            std::thread::sleep(Duration::from_millis(5 + rng.next() % max_ms));
            let still_running = child.try_wait().unwrap().is_none();
            child.kill().unwrap();
            child.wait().unwrap();
            if still_running {
                kills_in_round += 1;
            } else {
                // Finished before the kill (a loaded machine runs faster or
                // slower than the clean run): start the round's store over.
                assert_check_passes(&store, "after a completed run");
                fs::remove_dir_all(&store).unwrap();
                continue;
            }
            assert_check_passes(&store, &format!("after attempt {attempt} of round {round}"));
        }
        killed_mid_run += kills_in_round;
        let status = ingest_command(&store, &input, text_only).status().unwrap();
        assert!(status.success(), "resumed ingest of round {round}");
        assert_check_passes(&store, &format!("after resuming round {round}"));
        assert_eq!(
            ids_and_hashes(&store),
            expected,
            "round {round} differs from a clean run"
        );
        assert_index_matches_sentences(&store);
        let last = marker(n_docs - 1);
        let found = kroniek(&store, &["search", &last, "--json"]);
        assert!(found.status.success(), "{}", stderr(&found));
        assert!(
            stdout(&found).contains(&format!("raad-{:05}", n_docs - 1)),
            "search for {last} misses the last article: {}",
            stdout(&found)
        );
    }
    eprintln!(
        "{killed_mid_run} kills mid-ingest over {n_docs} articles in {rounds} rounds, clean run {:.2} s",
        clean_time.as_secs_f64()
    );
    assert!(
        killed_mid_run >= min_kills,
        "only {killed_mid_run} kills landed while the ingest ran"
    );
}

#[test]
fn sigkill_during_text_only_ingest_loses_nothing() {
    kill_and_resume(2000, 4, 6, 20, true, 0x5eed_2026);
}

#[test]
fn sigkill_during_full_pipeline_ingest_loses_nothing() {
    kill_and_resume(300, 1, 5, 3, false, 0x0dd_ba11);
}
