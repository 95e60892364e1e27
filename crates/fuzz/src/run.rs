//! The bounded-time driver: mutate corpus entries, run the target under
//! `catch_unwind`, keep every input that panics.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::Target;
use crate::mutate::{Rng, mutate};

/// Largest input produced by mutation.
const MAX_INPUT: usize = 1 << 16;

/// What one fuzzing session found.
#[derive(Debug, Default)]
pub struct Report {
    pub target: &'static str,
    pub executions: u64,
    /// Distinct panic messages, each with the file its input was saved to.
    pub crashes: Vec<(String, PathBuf)>,
    pub slowest: Duration,
    pub slowest_len: usize,
    /// The slowest input itself (for finding superlinear paths).
    pub slowest_input: Vec<u8>,
}

/// The seed inputs of `target` (one file each) from `corpus/<target>/`.
pub fn load_corpus(corpus: &Path, target: &str) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join(target))
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    let mut seeds: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    if seeds.is_empty() {
        seeds.push(Vec::new());
    }
    seeds
}

static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

thread_local! {
    static IN_TARGET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Silences the default hook for panics inside a target (it would print
/// every caught one) and remembers the message with its location instead;
/// other panics (a failing test) still print.
pub fn capture_panics() {
    std::panic::set_hook(Box::new(|info| {
        if IN_TARGET.with(|t| t.get()) {
            if let Ok(mut last) = LAST_PANIC.lock() {
                *last = info.to_string();
            }
        } else {
            eprintln!("{info}");
        }
    }));
}

/// Runs `input` through `target`; the panic message if it panicked.
pub fn run_one(target: &Target, input: &[u8]) -> Option<String> {
    IN_TARGET.with(|t| t.set(true));
    let outcome = catch_unwind(AssertUnwindSafe(|| (target.run)(input)));
    IN_TARGET.with(|t| t.set(false));
    match outcome {
        Ok(()) => None,
        Err(_) => Some(LAST_PANIC.lock().map(|s| s.clone()).unwrap_or_default()),
    }
}

/// Fuzzes `target` for `budget` (or `max_execs` runs), saving each input
/// with a new panic message under `crashes/<target>-<n>.bin`.
pub fn fuzz(
    target: &Target,
    seeds: &[Vec<u8>],
    seed: u64,
    budget: Duration,
    max_execs: u64,
    crashes: &Path,
) -> Report {
    let mut rng = Rng::new(seed);
    let mut report = Report {
        target: target.name,
        ..Default::default()
    };
    let start = Instant::now();
    while start.elapsed() < budget && report.executions < max_execs {
        let base = &seeds[rng.below(seeds.len())];
        let input = if report.executions < seeds.len() as u64 {
            base.clone()
        } else {
            mutate(&mut rng, base, target.dictionary, seeds, MAX_INPUT)
        };
        let began = Instant::now();
        let outcome = run_one(target, &input);
        let took = began.elapsed();
        report.executions += 1;
        if took > report.slowest {
            report.slowest = took;
            report.slowest_len = input.len();
            report.slowest_input.clone_from(&input);
        }
        if let Some(message) = outcome {
            let key = message.split(':').take(3).collect::<Vec<_>>().join(":");
            if report
                .crashes
                .iter()
                .any(|(m, _)| m.split(':').take(3).collect::<Vec<_>>().join(":") == key)
            {
                continue;
            }
            let _ = std::fs::create_dir_all(crashes);
            let file = crashes.join(format!("{}-{}.bin", target.name, report.crashes.len()));
            let _ = std::fs::write(&file, &input);
            report.crashes.push((message, file));
        }
    }
    report
}
