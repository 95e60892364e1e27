use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use kroniek_store::SqliteStore;

use crate::{demo, ingest, listing, models, queries};

// Declared here rather than in main.rs so the server's wiring stays in one file.
#[path = "serve.rs"]
mod serve;
// The analysis commands (timeline, network, export, synth) live in one module.
#[path = "analysis.rs"]
mod analysis;
// Stateless worker for cluster engines (issue 9).
#[path = "extract.rs"]
mod extract;
// Estimated periods for undated documents.
#[path = "dating.rs"]
mod dating;
// Loads a Parquet event lake into the store (issue 9).
#[cfg(feature = "parquet")]
#[path = "import.rs"]
mod import;

/// kroniek: turns news articles into a dated, sourced chronicle of who did what to whom.
#[derive(Debug, Parser)]
#[command(name = "kroniek", version, about)]
pub struct Cli {
    /// Store folder (default ./kroniek-data; `kroniek demo` defaults to ./kroniek-demo).
    #[arg(long, global = true, env = "KRONIEK_STORE")]
    pub store: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read article files and folders (.txt, .md, .html, .jsonl) into the store.
    Ingest(ingest::IngestArgs),
    /// List the stored documents.
    Docs {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        limit: Option<usize>,
        /// Only documents in this language (ISO 639-1).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Show a document's cleaned text, one sentence a line.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
        /// List the temporal expressions found, with their values.
        #[arg(long)]
        timex: bool,
    },
    /// Counts of what the store holds.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Check the store's integrity (SQLite and kroniek's own invariants).
    Check,
    /// Full-text search over sentences (Dutch stemming, phrases, filters).
    Search(queries::SearchArgs),
    /// Coded events, with filters.
    Events(queries::EventArgs),
    /// Actors with their mention counts.
    Actors {
        #[arg(long)]
        json: bool,
        /// Only the N most mentioned.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// One actor: registry entry (aliases, offices) and its mentions with their sentences.
    Actor {
        id: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Train a model (tagger, parser, ner) from annotated data.
    #[command(subcommand)]
    Train(models::TrainCommand),
    /// Evaluate a model or the event coder against gold data.
    #[command(subcommand)]
    Eval(models::EvalCommand),
    /// Build a store from the demo corpus built into the binary and show what kroniek found.
    Demo,
    /// Serve the JSON API and the pages over the store (loopback by default).
    Serve(serve::ServeArgs),
    /// Period-by-period relation between two actors, with shifts and evidence.
    Timeline(analysis::TimelineArgs),
    /// The weighted actor-to-actor event network.
    Network(analysis::NetworkArgs),
    /// Export events as CSV, JSON Lines, Parquet (Hive-partitioned) or PLOVER JSON.
    Export(analysis::ExportArgs),
    /// Estimated periods of undated documents, from the dated documents they resemble.
    Dates(dating::DatesArgs),
    /// JSON Lines articles on stdin → JSON Lines events on stdout (no store; for Spark, Hadoop, ...).
    Extract(extract::ExtractArgs),
    /// Load a Hive-partitioned Parquet event lake (Spark output, `export --format parquet`) into the store.
    #[cfg(feature = "parquet")]
    Import(import::ImportArgs),
    /// Build a synthetic store for benchmarks.
    #[command(hide = true)]
    Synth(analysis::synth::SynthArgs),
}

pub fn default_store(explicit: Option<PathBuf>) -> PathBuf {
    explicit.unwrap_or_else(|| PathBuf::from("kroniek-data"))
}

pub fn open_store(dir: &std::path::Path) -> Result<SqliteStore> {
    SqliteStore::open(dir).with_context(|| format!("opening store {}", dir.display()))
}

pub fn run(cli: Cli) -> Result<u8> {
    if let Some(url) = cli.store.as_deref().and_then(|p| p.to_str())
        && (url.starts_with("postgres://") || url.starts_with("postgresql://"))
    {
        return postgres::run(url, cli.command);
    }
    match cli.command {
        Command::Ingest(args) => ingest::run(&default_store(cli.store), args),
        Command::Docs { json, limit, lang } => {
            listing::docs(&open_store(&default_store(cli.store))?, json, limit, lang)
        }
        Command::Show { id, json, timex } => {
            listing::show(&open_store(&default_store(cli.store))?, &id, json, timex)
        }
        Command::Stats { json } => listing::stats(&open_store(&default_store(cli.store))?, json),
        Command::Check => listing::check(&open_store(&default_store(cli.store))?),
        Command::Search(a) => queries::search(&open_store(&default_store(cli.store))?, a),
        Command::Events(a) => queries::events(&open_store(&default_store(cli.store))?, a),
        Command::Actors { json, limit } => {
            queries::actors(&open_store(&default_store(cli.store))?, json, limit)
        }
        Command::Actor { id, json, limit } => {
            let dir = default_store(cli.store);
            queries::actor(&open_store(&dir)?, &dir, &id, json, limit)
        }
        Command::Train(cmd) => models::train(cmd),
        Command::Eval(cmd) => models::eval(cmd, &default_store(cli.store)),
        Command::Demo => demo::run(&cli.store.unwrap_or_else(|| PathBuf::from("kroniek-demo"))),
        Command::Serve(args) => serve::run(&default_store(cli.store), args),
        Command::Timeline(a) => analysis::timeline(&open_store(&default_store(cli.store))?, a),
        Command::Network(a) => analysis::network(&open_store(&default_store(cli.store))?, a),
        Command::Export(a) => analysis::export(&open_store(&default_store(cli.store))?, a),
        Command::Extract(a) => extract::run(a),
        Command::Dates(a) => dating::run(&open_store(&default_store(cli.store))?, a),
        #[cfg(feature = "parquet")]
        Command::Import(a) => import::run(&default_store(cli.store), a),
        Command::Synth(a) => analysis::synth::run(&default_store(cli.store), a),
    }
}

/// `--store postgres://USER@HOST:PORT/DB`: the commands that need only the
/// [`kroniek_store::Store`] trait, answering in JSON. The rest take a
/// `SqliteStore` (ingest, search, analysis, server) and say so.
mod postgres {
    use anyhow::{Context, Result, bail};
    use kroniek_store::{DocFilter, Store};

    use super::Command;

    #[cfg(feature = "postgres")]
    fn open(url: &str) -> Result<Box<dyn Store>> {
        let store = kroniek_store_postgres::PgStore::connect(url)
            .with_context(|| format!("opening PostgreSQL store {url}"))?;
        Ok(Box::new(store))
    }

    #[cfg(not(feature = "postgres"))]
    fn open(url: &str) -> Result<Box<dyn Store>> {
        bail!("{url}: this kroniek was built without the `postgres` feature")
    }

    fn print<T: serde::Serialize>(value: &T) -> Result<u8> {
        println!("{}", serde_json::to_string_pretty(value)?);
        Ok(0)
    }

    pub fn run(url: &str, command: Command) -> Result<u8> {
        match command {
            Command::Docs { limit, lang, .. } => print(&open(url)?.documents(&DocFilter {
                limit,
                language: lang,
                ..Default::default()
            })?),
            Command::Show { id, .. } => match open(url)?.document(&id)? {
                Some(doc) => print(&doc),
                None => bail!("no document {id} in {url}"),
            },
            Command::Stats { .. } => print(&open(url)?.stats()?),
            Command::Actors { limit, .. } => {
                let mut counts = open(url)?.actor_counts()?;
                counts.truncate(limit.unwrap_or(usize::MAX));
                print(&counts)
            }
            other => {
                let name = format!("{other:?}");
                let name = name
                    .split([' ', '(', '{'])
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                bail!("not yet supported on PostgreSQL stores: {name} (use a store folder)")
            }
        }
    }
}
