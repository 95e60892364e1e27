use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use kroniek_store::{SqliteStore, Store};

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
    /// Store folder (default ./kroniek-data; `kroniek demo` defaults to ./kroniek-demo),
    /// or a PostgreSQL database: postgres://USER[:PASSWORD]@HOST[:PORT]/DB.
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

/// A store opened through the [`Store`] interface: either backend.
pub type AnyStore = Box<dyn Store + Send>;

/// Whether `--store` names a PostgreSQL database rather than a folder.
pub fn is_postgres(store: &std::path::Path) -> bool {
    store
        .to_str()
        .is_some_and(|s| s.starts_with("postgres://") || s.starts_with("postgresql://"))
}

/// Open the store at `store`: a folder (SQLite) or a `postgres://` URL.
pub fn open_store(store: &std::path::Path) -> Result<AnyStore> {
    if is_postgres(store) {
        return open_postgres(store.to_str().unwrap_or_default());
    }
    let sqlite =
        SqliteStore::open(store).with_context(|| format!("opening store {}", store.display()))?;
    Ok(Box::new(sqlite))
}

#[cfg(feature = "postgres")]
fn open_postgres(url: &str) -> Result<AnyStore> {
    let store = kroniek_store_postgres::PgStore::connect(url).with_context(|| {
        format!(
            "opening PostgreSQL store {}",
            kroniek_store_postgres::without_password(url)
        )
    })?;
    Ok(Box::new(store))
}

#[cfg(not(feature = "postgres"))]
fn open_postgres(url: &str) -> Result<AnyStore> {
    bail!("{url}: this kroniek was built without the `postgres` feature")
}

/// Commands that work on a store folder only.
fn folder_only(store: &std::path::Path, command: &str) -> Result<()> {
    if is_postgres(store) {
        bail!(
            "`kroniek {command}` works on a store folder only, not on a PostgreSQL store \
             (see docs/scale-out.md)"
        );
    }
    Ok(())
}

pub fn run(cli: Cli) -> Result<u8> {
    let store = default_store(cli.store.clone());
    match cli.command {
        Command::Ingest(args) => ingest::run(&store, args),
        Command::Docs { json, limit, lang } => {
            listing::docs(&open_store(&store)?, json, limit, lang)
        }
        Command::Show { id, json, timex } => listing::show(&open_store(&store)?, &id, json, timex),
        Command::Stats { json } => listing::stats(&open_store(&store)?, json),
        Command::Check => listing::check(&open_store(&store)?),
        Command::Search(a) => queries::search(&open_store(&store)?, a),
        Command::Events(a) => queries::events(&open_store(&store)?, a),
        Command::Actors { json, limit } => queries::actors(&open_store(&store)?, json, limit),
        Command::Actor { id, json, limit } => {
            queries::actor(&open_store(&store)?, &store, &id, json, limit)
        }
        Command::Train(cmd) => models::train(cmd),
        Command::Eval(cmd) => models::eval(cmd, &store),
        Command::Demo => {
            let dir = cli.store.unwrap_or_else(|| PathBuf::from("kroniek-demo"));
            folder_only(&dir, "demo")?;
            demo::run(&dir)
        }
        Command::Serve(args) => {
            folder_only(&store, "serve")?;
            serve::run(&store, args)
        }
        Command::Timeline(a) => analysis::timeline(&open_store(&store)?, a),
        Command::Network(a) => analysis::network(&open_store(&store)?, a),
        Command::Export(a) => analysis::export(&open_store(&store)?, a),
        Command::Extract(a) => extract::run(a),
        Command::Dates(a) => dating::run(open_store(&store)?.as_ref(), a),
        #[cfg(feature = "parquet")]
        Command::Import(a) => import::run(&store, a),
        Command::Synth(a) => analysis::synth::run(&store, a),
    }
}

/// Which sentences get a dependency parse.
#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
pub enum ParseArg {
    /// Those that may carry an event and the context their pronouns and
    /// dates read (same events, under a third of the parsing).
    #[default]
    Events,
    /// Every sentence, for users of the trees themselves.
    All,
}

impl From<ParseArg> for kroniek_pipeline::ParseScope {
    fn from(arg: ParseArg) -> Self {
        match arg {
            ParseArg::Events => kroniek_pipeline::ParseScope::EventSentences,
            ParseArg::All => kroniek_pipeline::ParseScope::All,
        }
    }
}
