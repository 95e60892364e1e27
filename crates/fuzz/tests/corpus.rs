//! Replays the seed corpus and every input that once crashed, then a short
//! deterministic burst of mutations per target (the long runs are
//! `scripts/fuzz.sh`).
#![allow(clippy::unwrap_used)] // tests and tools: a failed unwrap is a failed run

use std::time::Duration;

use kroniek_fuzz::{TARGETS, data_dir, run};

#[test]
fn seeds_and_regressions_pass_every_target() {
    run::capture_panics();
    for target in TARGETS {
        for folder in ["corpus", "regressions"] {
            for input in run::load_corpus(&data_dir().join(folder), target.name) {
                if let Some(message) = run::run_one(target, &input) {
                    panic!("{} on a {folder} input: {message}", target.name);
                }
            }
        }
    }
}

#[test]
fn a_short_mutation_burst_finds_nothing() {
    run::capture_panics();
    let crashes = tempfile::tempdir().unwrap();
    for target in TARGETS {
        let seeds = run::load_corpus(&data_dir().join("corpus"), target.name);
        let report = run::fuzz(
            target,
            &seeds,
            42,
            Duration::from_secs(3),
            300,
            crashes.path(),
        );
        assert!(report.executions > 0);
        assert!(
            report.crashes.is_empty(),
            "{}: {:?}",
            target.name,
            report.crashes
        );
    }
}

#[test]
fn deeply_nested_queries_stay_searchable() {
    run::capture_panics();
    let query = TARGETS.iter().find(|t| t.name == "query").unwrap();
    for pattern in ["a OR b", "a -b", "\"x y\" OR -z", "-a OR b NOT"] {
        let long = vec![pattern; 400].join(" ");
        assert_eq!(run::run_one(query, long.as_bytes()), None, "{pattern}");
    }
}
