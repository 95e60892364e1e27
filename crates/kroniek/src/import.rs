//! `kroniek import --parquet DIR`: load a Hive-partitioned event lake (from
//! a Spark job over `kroniek extract`, or from `kroniek export --format
//! parquet`) into a store, so `kroniek serve` and the analysis commands can
//! work on cluster results.
//!
//! Columns are found by name (the layout of [`kroniek_export::FLAT_COLUMNS`]),
//! with lenient types: Spark writes doubles, longs and dates where kroniek
//! writes floats, ints and strings. Every event needs a document and a
//! sentence in the store. A document already ingested keeps its own events;
//! for any other `doc_id` a minimal document is built from the evidence
//! sentences, each at its original sentence index (the sentences in between
//! are empty), so `sentence_index` and spans stay valid. Event ids are kept,
//! so importing the same lake twice changes nothing.
use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::Args;
use kroniek_model::{
    Category, Document, Event, EventActor, Modality, Precision, QuadClass, Sentence, Span,
};
use kroniek_store::{PutOutcome, RunSummary, Store};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

/// `meta["format"]` of the documents this command builds.
pub const IMPORTED_FORMAT: &str = "parquet-import";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Root folder of the lake (`year=YYYY/month=MM/*.parquet`).
    #[arg(long)]
    pub parquet: PathBuf,
    /// Only events whose date ends on or after this (YYYY[-MM[-DD]]); undated events are then left out.
    #[arg(long)]
    pub from: Option<String>,
    /// Only events whose date begins on or before this.
    #[arg(long)]
    pub to: Option<String>,
}

/// One lake row as an event (spans are set when its document is built).
fn event_of(row: &Row) -> Result<Event> {
    let text = |name: &str| row.text(name);
    let required = |name: &str| text(name).with_context(|| format!("column {name} is missing"));
    let category_text = required("category")?;
    let category = Category::parse(&category_text)
        .with_context(|| format!("unknown category {category_text:?}"))?;
    let actor = |side: &str| {
        let name = text(&format!("{side}_name"));
        let actor = EventActor {
            id: text(&format!("{side}_id")),
            text: name.clone().unwrap_or_default(),
            name,
            country: text(&format!("{side}_country")),
            sector: text(&format!("{side}_sector")),
        };
        (actor != EventActor::default()).then_some(actor)
    };
    let quad_class = text("quad_class")
        .and_then(|q| QuadClass::ALL.into_iter().find(|c| c.as_str() == q))
        .unwrap_or_else(|| category.quad_class());
    Ok(Event {
        event_id: required("event_id")?,
        doc_id: required("doc_id")?,
        sentence_index: row
            .number("sentence_index")
            .and_then(|n| u32::try_from(n as i64).ok())
            .context("column sentence_index is missing or negative")?,
        sentence: text("sentence").unwrap_or_default(),
        span: Span::default(),
        trigger: text("trigger").unwrap_or_default(),
        trigger_span: Span::default(),
        date: text("date"),
        date_precision: text("date_precision").and_then(|p| Precision::parse(&p)),
        date_rule: text("date_rule").unwrap_or_default(),
        source: actor("source"),
        target: actor("target"),
        category,
        mode: text("mode"),
        quad_class,
        score: row.number("score").map_or(category.score(), |s| s as f32),
        negated: row.flag("negated").unwrap_or(false),
        modality: modality(text("modality").as_deref()),
        attribution: None,
        confidence: row.number("confidence").unwrap_or(0.0) as f32,
        coder_version: text("coder_version").unwrap_or_default(),
    })
}

fn modality(value: Option<&str>) -> Modality {
    match value {
        Some("reported") => Modality::Reported,
        Some("hypothetical") => Modality::Hypothetical,
        Some("future") => Modality::Future,
        Some("negated") => Modality::Negated,
        _ => Modality::Asserted,
    }
}

/// A lake row by column name.
struct Row(BTreeMap<String, Field>);

impl Row {
    fn text(&self, name: &str) -> Option<String> {
        match self.0.get(name)? {
            Field::Str(s) => Some(s.clone()),
            Field::Bytes(b) => std::str::from_utf8(b.data()).ok().map(String::from),
            Field::Date(days) => NaiveDate::from_ymd_opt(1970, 1, 1)
                .and_then(|epoch| {
                    epoch.checked_add_signed(chrono::Duration::days(i64::from(*days)))
                })
                .map(|d| d.format("%Y-%m-%d").to_string()),
            Field::Null => None,
            other => Some(other.to_string()),
        }
    }

    fn number(&self, name: &str) -> Option<f64> {
        Some(match self.0.get(name)? {
            Field::Byte(v) => f64::from(*v),
            Field::Short(v) => f64::from(*v),
            Field::Int(v) => f64::from(*v),
            Field::Long(v) => *v as f64,
            Field::UByte(v) => f64::from(*v),
            Field::UShort(v) => f64::from(*v),
            Field::UInt(v) => f64::from(*v),
            Field::ULong(v) => *v as f64,
            Field::Float(v) => f64::from(*v),
            Field::Double(v) => *v,
            Field::Str(s) => s.parse().ok()?,
            _ => return None,
        })
    }

    fn flag(&self, name: &str) -> Option<bool> {
        match self.0.get(name)? {
            Field::Bool(b) => Some(*b),
            Field::Str(s) => s.parse().ok(),
            _ => None,
        }
    }
}

/// The `.parquet` files under `root`, in path order (so imports are repeatable).
fn parquet_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries =
            std::fs::read_dir(&folder).with_context(|| format!("reading {}", folder.display()))?;
        for entry in entries {
            let path = entry
                .with_context(|| format!("reading {}", folder.display()))?
                .path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            // Spark's _SUCCESS, .crc side files and temporary folders are not data.
            if name.starts_with('_') || name.starts_with('.') {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else if name.ends_with(".parquet") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// `[first, last]` day of a `YYYY[-MM[-DD]]` bound.
fn bound(value: &Option<String>, flag: &str) -> Result<Option<(String, String)>> {
    match value {
        None => Ok(None),
        Some(v) => kroniek_store::date_bounds(v).map(Some).with_context(|| {
            format!("{flag} {v:?} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        }),
    }
}

fn in_range(e: &Event, from: &Option<(String, String)>, to: &Option<(String, String)>) -> bool {
    if from.is_none() && to.is_none() {
        return true;
    }
    let Some((begin, end)) = e.date.as_deref().and_then(kroniek_store::date_bounds) else {
        return false;
    };
    from.as_ref().is_none_or(|f| end >= f.0) && to.as_ref().is_none_or(|t| begin <= t.1)
}

/// What an import did.
#[derive(Debug, Default, serde::Serialize)]
pub struct ImportSummary {
    pub files: u64,
    pub events: u64,
    pub documents_added: u64,
    pub documents_replaced: u64,
    /// Documents ingested from their text, whose own events were kept.
    pub documents_kept: u64,
    pub events_skipped: u64,
}

pub fn run(store_dir: &Path, args: ImportArgs) -> Result<u8> {
    if !args.parquet.is_dir() {
        bail!("{} is not a folder", args.parquet.display());
    }
    let from = bound(&args.from, "--from")?;
    let to = bound(&args.to, "--to")?;
    let files = parquet_files(&args.parquet)?;
    let mut summary = ImportSummary {
        files: files.len() as u64,
        ..Default::default()
    };
    // Grouped by document: each document is written once with all its events.
    let mut by_doc: BTreeMap<String, Vec<Event>> = BTreeMap::new();
    for path in &files {
        let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
        let reader = SerializedFileReader::new(file)
            .with_context(|| format!("{} is not a Parquet file", path.display()))?;
        let rows = reader
            .get_row_iter(None)
            .with_context(|| format!("reading {}", path.display()))?;
        for (n, row) in rows.enumerate() {
            let row = row.with_context(|| format!("{}: row {n}", path.display()))?;
            let row = Row(row.into_columns().into_iter().collect());
            match event_of(&row) {
                Ok(e) if in_range(&e, &from, &to) => {
                    by_doc.entry(e.doc_id.clone()).or_default().push(e);
                }
                Ok(_) => {}
                Err(err) => {
                    summary.events_skipped += 1;
                    eprintln!("error: {}: row {n}: {err:#}", path.display());
                }
            }
        }
    }
    let mut store = crate::cli::open_store(store_dir)?;
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    let run_id = store.begin_run(&command)?;
    store.begin_batch()?;
    for (doc_id, events) in by_doc {
        if let Some(existing) = store.document(&doc_id)?
            && existing.meta.get("format").map(String::as_str) != Some(IMPORTED_FORMAT)
        {
            summary.documents_kept += 1;
            continue;
        }
        summary.events += events.len() as u64;
        let doc = minimal_document(doc_id, events);
        match store.put_document(&doc, run_id)? {
            PutOutcome::Added => summary.documents_added += 1,
            PutOutcome::Replaced => summary.documents_replaced += 1,
        }
    }
    store.commit_batch()?;
    let run = RunSummary {
        added: summary.documents_added,
        replaced: summary.documents_replaced,
        unchanged: summary.documents_kept,
        failed: summary.events_skipped,
        ..Default::default()
    };
    store.finish_run(run_id, &run)?;
    eprintln!(
        "imported {} events from {} files: {} documents added, {} replaced, {} kept as ingested, {} rows skipped",
        summary.events,
        summary.files,
        summary.documents_added,
        summary.documents_replaced,
        summary.documents_kept,
        summary.events_skipped
    );
    Ok(if summary.events_skipped > 0 { 1 } else { 0 })
}

/// A document holding just the evidence sentences of `events`, each at its
/// own sentence index, one line each; the events' spans are set to match.
pub fn minimal_document(doc_id: String, mut events: Vec<Event>) -> Document {
    events.sort_by(|a, b| (a.sentence_index, &a.event_id).cmp(&(b.sentence_index, &b.event_id)));
    let mut sentences: BTreeMap<u32, String> = BTreeMap::new();
    for e in &events {
        sentences
            .entry(e.sentence_index)
            .or_insert_with(|| e.sentence.clone());
    }
    let count = sentences.keys().next_back().map_or(0, |last| last + 1);
    let mut text = String::new();
    let mut spans = Vec::with_capacity(count as usize);
    for index in 0..count {
        match sentences.get(&index) {
            Some(sentence) => {
                if !text.is_empty() {
                    text.push('\n');
                }
                let start = text.len();
                text.push_str(sentence);
                spans.push(Span::new(start, text.len()));
            }
            None => spans.push(Span::new(text.len(), text.len())),
        }
    }
    for e in &mut events {
        let span = spans
            .get(e.sentence_index as usize)
            .copied()
            .unwrap_or_default();
        e.span = span;
        let sentence = span.slice(&text);
        e.trigger_span = match sentence
            .find(e.trigger.as_str())
            .filter(|_| !e.trigger.is_empty())
        {
            Some(at) => Span::new(
                span.start as usize + at,
                span.start as usize + at + e.trigger.len(),
            ),
            None => Span::new(span.start as usize, span.start as usize),
        };
        // Imported evidence is exactly what the store shows.
        e.sentence = sentence.to_string();
    }
    let mut doc = Document {
        id: doc_id,
        raw: text.clone(),
        sentences: spans
            .into_iter()
            .map(|span| Sentence {
                span,
                token_start: 0,
                token_end: 0,
            })
            .collect(),
        text,
        events,
        ..Default::default()
    };
    doc.meta.insert("format".into(), IMPORTED_FORMAT.into());
    doc.meta.insert(
        "content_hash".into(),
        kroniek_ingest::content_hash(&doc.raw),
    );
    doc
}
