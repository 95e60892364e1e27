//! `kroniek demo`: ingest the built-in demo corpus and show what was found.
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use kroniek_pipeline::{Depth, Pipeline, PipelineOptions};
use kroniek_store::{EventFilter, Store};

use crate::ingest::{IngestArgs, ingest_all};

const DEMO_CORPUS: &str = include_str!("../../../data/demo/articles.jsonl");

pub fn run(store_dir: &Path) -> Result<u8> {
    std::fs::create_dir_all(store_dir)
        .with_context(|| format!("creating {}", store_dir.display()))?;
    let corpus = store_dir.join("demo-articles.jsonl");
    std::fs::write(&corpus, DEMO_CORPUS)
        .with_context(|| format!("writing {}", corpus.display()))?;
    let mut store = crate::cli::open_store(store_dir)?;
    let pipeline = Arc::new(Pipeline::new(Depth::Events, &PipelineOptions::default())?);
    let args = IngestArgs {
        paths: vec![corpus],
        date: None,
        jobs: None,
        max_doc_mb: kroniek_ingest::DEFAULT_MAX_DOC_MB,
        json: false,
        text_only: false,
        parse: crate::cli::ParseArg::default(),
    };
    let run = store.begin_run("kroniek demo")?;
    let summary = ingest_all(&mut store, store_dir, &pipeline, &args, run)?;
    store.finish_run(run, &summary)?;
    println!("kroniek demo: store in {}", store_dir.display());
    println!(
        "ingested {} new, {} replaced, {} unchanged, {} failed",
        summary.added, summary.replaced, summary.unchanged, summary.failed
    );
    println!();
    crate::listing::stats(&store, false)?;
    println!();
    crate::listing::docs(&store, false, None, None)?;
    let events = store.events(&EventFilter::default())?;
    println!();
    println!("events ({}):", events.len());
    for e in &events {
        let actor = |a: &Option<kroniek_model::EventActor>| {
            a.as_ref()
                .and_then(|a| a.country.clone().or(a.name.clone()))
                .unwrap_or_else(|| "-".into())
        };
        println!(
            "  {:<10} {:<4} {:<10} {:<4} {:>5.1}  {}",
            e.date.as_deref().unwrap_or("undated"),
            actor(&e.source),
            e.category.as_str(),
            actor(&e.target),
            e.score,
            crate::listing::truncate(&e.sentence, 90)
        );
    }
    Ok(if summary.failed > 0 { 1 } else { 0 })
}
