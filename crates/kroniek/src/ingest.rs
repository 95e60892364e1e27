//! `kroniek ingest`: files → pipeline (on all cores) → store (one writer).
//!
//! A reader thread walks the inputs and streams articles; worker threads run
//! the pure pipeline; the calling thread writes documents to the store in
//! input order, in batched transactions. A fixed number of in-flight slots
//! bounds memory whatever the corpus size. Either store backend: several
//! processes may ingest into one PostgreSQL store at once (the store keeps
//! each document exactly once; see kroniek-store-postgres).
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::TryLockError;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use kroniek_ingest::{ItemError, Limits, content_hash, discover, read_source};
use kroniek_model::Document;
use kroniek_pipeline::{Depth, Pipeline, PipelineOptions};
use kroniek_store::{Duplicate, Prepared, PutOutcome, RunSummary, Store};

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files and folders (searched recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Date (YYYY[-MM[-DD]]) for documents that give none themselves.
    #[arg(long)]
    pub date: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Largest article accepted, in MiB (memory grows with the largest article).
    #[arg(long, default_value_t = kroniek_ingest::DEFAULT_MAX_DOC_MB)]
    pub max_doc_mb: usize,
    /// Print the run summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Only clean, split and tokenise (no tagging, parsing, actors or events).
    #[arg(long)]
    pub text_only: bool,
    /// Which sentences get a dependency parse (stored with their tokens).
    #[arg(long, value_enum, default_value_t)]
    pub parse: crate::cli::ParseArg,
}

/// What happened to one input item.
enum Outcome {
    Processed(Box<Prepared>),
    Unchanged,
    Duplicate(Duplicate),
    Failed(ItemError),
}

/// Near-duplicate threshold in SimHash bits (of 64).
const NEAR_DUPLICATE_BITS: u32 = 5;
const IN_FLIGHT: usize = 64;
const BATCH_DOCS: usize = 256;
const WORKER_STACK: usize = 64 << 20;
const BATCH_TIME: Duration = Duration::from_millis(500);

pub fn run(store_dir: &Path, args: IngestArgs) -> Result<u8> {
    if let Some(date) = &args.date
        && !valid_date(date)
    {
        eprintln!("error: --date {date:?} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD");
        return Ok(2);
    }
    let mut store = crate::cli::open_store(store_dir)?;
    let depth = if args.text_only {
        Depth::Text
    } else {
        Depth::Events
    };
    let mut options = user_registry(store_dir)?;
    options.parse = args.parse.into();
    let pipeline = Arc::new(Pipeline::new(depth, &options).context("loading the pipeline")?);
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    let run_id = store.begin_run(&command)?;
    let summary = ingest_all(&mut store, store_dir, &pipeline, &args, run_id)?;
    store.finish_run(run_id, &summary)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        eprintln!(
            "ingested: {} added, {} replaced, {} unchanged, {} duplicates, {} failed",
            summary.added, summary.replaced, summary.unchanged, summary.duplicates, summary.failed
        );
    }
    Ok(if summary.failed > 0 { 1 } else { 0 })
}

/// A user registry next to the store (a folder's `actors.tsv`) extends the built-in one.
pub fn user_registry(store_dir: &Path) -> Result<PipelineOptions> {
    let mut options = PipelineOptions::default();
    if !crate::cli::is_postgres(store_dir) {
        let path = store_dir.join("actors.tsv");
        if path.exists() {
            let content = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            options
                .user_registry
                .push((path.display().to_string(), content));
        }
    }
    Ok(options)
}

fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        }
        _ => false,
    }
}

pub fn ingest_all(
    store: &mut dyn Store,
    store_dir: &Path,
    pipeline: &Arc<Pipeline>,
    args: &IngestArgs,
    run_id: i64,
) -> Result<RunSummary> {
    let jobs = args
        .jobs
        .unwrap_or_else(|| {
            thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
        .max(1);
    let limits = Limits {
        max_doc_bytes: args.max_doc_mb.max(1) << 20,
    };
    let (slot_tx, slot_rx) = sync_channel::<()>(IN_FLIGHT);
    for _ in 0..IN_FLIGHT {
        let _ = slot_tx.send(());
    }
    let (work_tx, work_rx) = sync_channel::<(u64, Document)>(jobs * 2);
    let (done_tx, done_rx) = sync_channel::<Vec<(u64, Outcome)>>(IN_FLIGHT);
    let work_rx = Arc::new(Mutex::new(work_rx));

    let reader = {
        let paths = args.paths.clone();
        let done_tx = done_tx.clone();
        let user_date = args.date.clone();
        let checker = crate::cli::open_store(store_dir)?;
        thread::spawn(move || {
            read_inputs(
                &paths, limits, user_date, &*checker, &slot_rx, &work_tx, &done_tx,
            )
        })
    };
    let workers: Vec<thread::JoinHandle<()>> = (0..jobs)
        .map(|_| {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let pipeline = Arc::clone(pipeline);
            // A roomy stack: analysis of a pathological sentence must fail as
            // an item error, not overflow the thread.
            thread::Builder::new()
                .name("kroniek-worker".into())
                .stack_size(WORKER_STACK)
                .spawn(move || process_items(&pipeline, &work_rx, &done_tx))
        })
        .collect::<std::io::Result<_>>()
        .context("starting worker threads")?;
    drop(done_tx);

    let progress = ProgressBar::new_spinner();
    progress.set_style(
        ProgressStyle::with_template(
            "{spinner} {pos} documents {msg} [{elapsed_precise}, {per_sec}]",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let summary = write_in_order(store, run_id, done_rx, &slot_tx, &progress);
    progress.finish_and_clear();
    if reader.join().is_err() {
        bail!("the input reader stopped unexpectedly");
    }
    for w in workers {
        let _ = w.join();
    }
    summary
}

fn read_inputs(
    paths: &[PathBuf],
    limits: Limits,
    user_date: Option<String>,
    checker: &dyn Store,
    slots: &Receiver<()>,
    work: &SyncSender<(u64, Document)>,
    done: &SyncSender<Vec<(u64, Outcome)>>,
) {
    let mut seq = 0u64;
    for found in discover(paths) {
        let items: Box<dyn Iterator<Item = Result<Document, ItemError>>> = match found {
            Ok(found) => read_source(&found, limits),
            Err(e) => Box::new(std::iter::once(Err(e))),
        };
        for item in items {
            if slots.recv().is_err() {
                return;
            }
            let outcome = match item {
                Err(e) => Some(Outcome::Failed(e)),
                Ok(mut doc) => {
                    let hash = content_hash(&doc.raw);
                    doc.meta.insert("content_hash".into(), hash.clone());
                    if let Some(date) = &user_date {
                        doc.meta.insert("user_date".into(), date.clone());
                    }
                    match prior(checker, &doc.id, &hash) {
                        Some(outcome) => Some(outcome(doc)),
                        None => {
                            if work.send((seq, doc)).is_err() {
                                return;
                            }
                            None
                        }
                    }
                }
            };
            if let Some(outcome) = outcome
                && done.send(vec![(seq, outcome)]).is_err()
            {
                return;
            }
            seq += 1;
        }
    }
}

type Prior = Box<dyn FnOnce(Document) -> Outcome>;

/// Decide before any work whether the store already has this content.
fn prior(checker: &dyn Store, id: &str, hash: &str) -> Option<Prior> {
    if checker.content_hash_of(id).ok().flatten().as_deref() == Some(hash) {
        return Some(Box::new(|_: Document| Outcome::Unchanged));
    }
    let original = checker.id_with_hash(hash).ok().flatten()?;
    if original == id {
        return None;
    }
    let hash = hash.to_string();
    Some(Box::new(move |doc: Document| {
        Outcome::Duplicate(Duplicate {
            id: doc.id,
            original_id: original,
            origin: doc.origin,
            content_hash: hash,
        })
    }))
}

/// Outcomes a worker hands to the writer at once. Waking the writer is a
/// system call and, on a virtual machine, an interrupt to the other core:
/// once a document it was 3 % of an ingest.
const DONE_BATCH: usize = 16;

fn process_items(
    pipeline: &Pipeline,
    work: &Mutex<Receiver<(u64, Document)>>,
    done: &SyncSender<Vec<(u64, Outcome)>>,
) {
    let mut finished = Vec::with_capacity(DONE_BATCH);
    loop {
        // Never wait for work, nor for the other workers' lock on it, while
        // holding finished documents: the writer may be waiting for one of
        // them, and the reader for its slot (a worker blocked in `recv`
        // holds the lock).
        let next = match work.try_lock() {
            Ok(rx) => rx.try_recv(),
            Err(TryLockError::WouldBlock) => Err(TryRecvError::Empty),
            Err(TryLockError::Poisoned(_)) => return,
        };
        let next = match next {
            Ok(item) => Ok(item),
            Err(TryRecvError::Disconnected) => Err(()),
            Err(TryRecvError::Empty) => {
                if !finished.is_empty() && done.send(std::mem::take(&mut finished)).is_err() {
                    return;
                }
                match work.lock() {
                    Ok(rx) => rx.recv().map_err(|_| ()),
                    Err(_) => return,
                }
            }
        };
        let Ok((seq, mut doc)) = next else {
            if !finished.is_empty() {
                let _ = done.send(finished);
            }
            return;
        };
        finished.push((seq, analyse(pipeline, &mut doc)));
        if finished.len() >= DONE_BATCH && done.send(std::mem::take(&mut finished)).is_err() {
            return;
        }
    }
}

/// The pipeline over one document, a panic turned into the item's error.
fn analyse(pipeline: &Pipeline, doc: &mut Document) -> Outcome {
    let item = doc.origin.clone().unwrap_or_else(|| doc.id.clone());
    match catch_unwind(AssertUnwindSafe(|| pipeline.process(doc))) {
        Ok(()) => Outcome::Processed(Box::new(kroniek_store::prepare(std::mem::take(doc)))),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            Outcome::Failed(ItemError::new(
                item,
                format!("internal error while analysing (bug, please report): {what}"),
            ))
        }
    }
}

fn write_in_order(
    store: &mut dyn Store,
    run_id: i64,
    done: Receiver<Vec<(u64, Outcome)>>,
    slots: &SyncSender<()>,
    progress: &ProgressBar,
) -> Result<RunSummary> {
    let mut summary = RunSummary::default();
    let mut pending: BTreeMap<u64, Outcome> = BTreeMap::new();
    let mut next = 0u64;
    let mut in_batch = 0usize;
    let mut batch_started = Instant::now();
    store.begin_batch()?;
    for finished in done {
        pending.extend(finished);
        while let Some(outcome) = pending.remove(&next) {
            write_one(store, run_id, outcome, &mut summary, progress)?;
            next += 1;
            in_batch += 1;
            let _ = slots.send(());
        }
        // Commit often enough that readers see progress and a crash loses
        // little, rarely enough that the full-text index is not flushed per document.
        if in_batch >= BATCH_DOCS || batch_started.elapsed() >= BATCH_TIME {
            store.commit_batch()?;
            store.begin_batch()?;
            in_batch = 0;
            batch_started = Instant::now();
        }
    }
    store.commit_batch()?;
    Ok(summary)
}

fn write_one(
    store: &mut dyn Store,
    run_id: i64,
    outcome: Outcome,
    summary: &mut RunSummary,
    progress: &ProgressBar,
) -> Result<()> {
    match outcome {
        Outcome::Failed(e) => {
            summary.failed += 1;
            progress.suspend(|| eprintln!("error: {e}"));
        }
        Outcome::Unchanged => summary.unchanged += 1,
        Outcome::Duplicate(dup) => {
            summary.duplicates += 1;
            store.record_duplicate(&dup)?;
        }
        Outcome::Processed(prepared) => {
            let doc = &prepared.doc;
            let hash = doc.meta.get("content_hash").cloned().unwrap_or_default();
            // Checked again here: the same content may occur twice in one batch.
            if store.content_hash_of(&doc.id)?.as_deref() == Some(hash.as_str()) {
                summary.unchanged += 1;
            } else if let Some(original) = store.id_with_hash(&hash)?.filter(|o| *o != doc.id) {
                summary.duplicates += 1;
                store.record_duplicate(&Duplicate {
                    id: doc.id.clone(),
                    original_id: original,
                    origin: doc.origin.clone(),
                    content_hash: hash,
                })?;
            } else {
                match store.put_prepared(&prepared, run_id)? {
                    PutOutcome::Added => summary.added += 1,
                    PutOutcome::Replaced => summary.replaced += 1,
                }
                if let Some(simhash) = doc
                    .meta
                    .get("simhash")
                    .and_then(|s| u64::from_str_radix(s, 16).ok())
                {
                    let near = store.near_duplicates_of(&doc.id, simhash, NEAR_DUPLICATE_BITS)?;
                    store.link_near_duplicates(&doc.id, &near)?;
                }
            }
            progress.inc(1);
        }
    }
    Ok(())
}
