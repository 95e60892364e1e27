//! Analysis commands: timeline, network, export (and the hidden synth
//! command that builds a large synthetic store for benchmarks).
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use kroniek_analysis::{
    ActorLevel, ActorRef, EventPoint, NetworkBuilder, NetworkOptions, PeriodUnit, Timeline,
    TimelineOptions, timeline_from_points, timeline_svg, to_gexf, to_graphml, top_actors_by_degree,
};
use kroniek_model::{Category, Event, QuadClass};
use kroniek_store::analysis_queries::EventRow;
use kroniek_store::{EventFilter, Store, StoreError};

#[path = "synth.rs"]
pub mod synth;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TimelineFormat {
    Table,
    Json,
    Csv,
    Svg,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// First actor: registry id or country/organisation code (RUS, person:putin).
    pub a: String,
    /// Second actor.
    pub b: String,
    /// Only events with A as source and B as target (default: both directions).
    #[arg(long)]
    pub directed: bool,
    /// Period length.
    #[arg(long, default_value = "month", value_parser = ["week", "month", "quarter", "year"])]
    pub by: String,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TimelineFormat,
    /// First date (YYYY[-MM[-DD]]), inclusive.
    #[arg(long)]
    pub from: Option<String>,
    /// Last date (YYYY[-MM[-DD]]), inclusive.
    #[arg(long)]
    pub to: Option<String>,
    /// Evidence sentences per period.
    #[arg(long, default_value_t = 3)]
    pub evidence: usize,
    /// Place the undated events of undated documents in the period `kroniek
    /// dates` estimates for their document (marked `~`; listed under
    /// `estimated` in JSON). Events with a date of their own keep it.
    #[arg(long)]
    pub estimated: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NetworkFormat {
    Json,
    Graphml,
    Gexf,
}

#[derive(Debug, Args)]
pub struct NetworkArgs {
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: NetworkFormat,
    /// Nodes are countries/organisations (codes) or individual registry actors.
    #[arg(long, default_value = "country", value_parser = ["country", "actor"])]
    pub level: String,
    /// Print only the N actors with the most partners (a table, or JSON with --format json).
    #[arg(long)]
    pub top: Option<usize>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Jsonl,
    #[cfg(feature = "parquet")]
    Parquet,
    Plover,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (a folder for parquet); `-` writes to standard output.
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    /// Only events with this actor (code or registry id) as source or target.
    #[arg(long)]
    pub actor: Option<String>,
    /// Leave out negated events (by default they are exported with negated = true).
    #[arg(long)]
    pub skip_negated: bool,
    /// Skip story clustering (num_mentions/num_docs are then 1).
    #[arg(long)]
    pub no_stories: bool,
}

fn actor_ref(id: &Option<String>, code: &Option<String>) -> Option<ActorRef> {
    (id.is_some() || code.is_some()).then(|| ActorRef {
        id: id.clone(),
        code: code.clone(),
        name: None,
    })
}

/// A date value with the same interval as the store's [begin, end]
/// (the store only writes day, month and year intervals).
fn date_value(begin: &Option<String>, end: &Option<String>) -> Option<String> {
    date_prefix(begin, end).map(String::from)
}

/// [`date_value`], borrowed: a prefix of `begin`.
fn date_prefix<'a>(begin: &'a Option<String>, end: &Option<String>) -> Option<&'a str> {
    let (begin, end) = (begin.as_deref()?, end.as_deref()?);
    if begin == end {
        Some(begin)
    } else if begin.get(..7) == end.get(..7) {
        begin.get(..7)
    } else {
        begin.get(..4)
    }
}

fn quad_class(s: &str, category: Category) -> QuadClass {
    QuadClass::ALL
        .into_iter()
        .find(|q| q.as_str() == s)
        .unwrap_or_else(|| category.quad_class())
}

fn point(row: EventRow) -> Option<EventPoint> {
    let category = Category::parse(&row.category)?;
    Some(EventPoint {
        date: date_value(&row.date_begin, &row.date_end),
        source: actor_ref(&row.source_id, &row.source_code),
        target: actor_ref(&row.target_id, &row.target_code),
        quad_class: quad_class(&row.quad_class, category),
        category,
        score: row.score as f32,
        negated: row.negated,
        event_id: row.event_id,
        doc_id: row.doc_id,
        sentence: String::new(),
    })
}

pub fn timeline(store: &dyn Store, args: TimelineArgs) -> Result<u8> {
    let by = PeriodUnit::parse(&args.by).unwrap_or_default();
    let rows = store
        .dyad_rows(
            &args.a,
            &args.b,
            args.directed,
            args.from.as_deref(),
            args.to.as_deref(),
        )
        .context("reading the dyad's events")?;
    let unreadable = rows.len();
    let mut points: Vec<EventPoint> = rows.into_iter().filter_map(point).collect();
    let placed = if args.estimated {
        place_estimated(store, &mut points)?
    } else {
        Placed::default()
    };
    if points.len() < unreadable {
        eprintln!(
            "warning: {} events with an unknown category were skipped",
            unreadable - points.len()
        );
    }
    let opts = TimelineOptions {
        by,
        directed: args.directed,
        from: args.from.clone(),
        to: args.to.clone(),
        evidence_per_period: args.evidence,
        ..Default::default()
    };
    let mut t = timeline_from_points(&points, &args.a, &args.b, &opts);
    let wanted: Vec<String> = t
        .periods
        .iter()
        .flat_map(|p| p.top_evidence.iter().map(|e| e.event_id.clone()))
        .collect();
    let sentences = store.event_sentences(&wanted)?;
    for p in &mut t.periods {
        for e in &mut p.top_evidence {
            if let Some(s) = sentences.get(&e.event_id) {
                e.sentence = s.clone();
            }
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        TimelineFormat::Json => {
            let mut json = serde_json::to_value(&t)?;
            if args.estimated {
                json["estimated"] = serde_json::to_value(&placed)?;
            }
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?
        }
        TimelineFormat::Svg => write!(out, "{}", timeline_svg(&t))?,
        TimelineFormat::Csv => timeline_csv(&mut out, &t)?,
        TimelineFormat::Table => timeline_table(&mut out, &t, args.estimated.then_some(&placed))?,
    }
    Ok(0)
}

/// Events placed in a period by their document's estimate.
#[derive(Debug, Default, serde::Serialize)]
struct Placed {
    events: usize,
    event_ids: Vec<String>,
    /// Document id → estimated period.
    documents: std::collections::BTreeMap<String, String>,
}

fn place_estimated(store: &dyn Store, points: &mut [EventPoint]) -> Result<Placed> {
    let mut placed = Placed::default();
    if points.iter().all(|p| p.date.is_some()) {
        return Ok(placed);
    }
    let periods: std::collections::HashMap<String, String> =
        super::dating::estimates(store, &kroniek_analysis::DatingOptions::default())?
            .into_iter()
            .filter_map(|e| Some((e.doc_id, e.period?)))
            .collect();
    for p in points.iter_mut().filter(|p| p.date.is_none()) {
        if let Some(period) = periods.get(&p.doc_id) {
            p.date = Some(period.clone());
            placed.events += 1;
            placed.event_ids.push(p.event_id.clone());
            placed.documents.insert(p.doc_id.clone(), period.clone());
        }
    }
    Ok(placed)
}

fn timeline_csv(out: &mut impl Write, t: &Timeline) -> Result<()> {
    writeln!(
        out,
        "period,start,events,docs,verbal_cooperation,material_cooperation,verbal_conflict,material_conflict,score_sum,score_mean,shift"
    )?;
    for p in &t.periods {
        let q = |k: &str| p.by_quad.get(k).copied().unwrap_or(0);
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{:.3},{},{}",
            p.period,
            p.start,
            p.events,
            p.docs,
            q("verbal_cooperation"),
            q("material_cooperation"),
            q("verbal_conflict"),
            q("material_conflict"),
            p.score_sum,
            p.score_mean.map(|m| format!("{m:.3}")).unwrap_or_default(),
            t.shifts.iter().any(|s| s.period == p.period)
        )?;
    }
    Ok(())
}

fn timeline_table(out: &mut impl Write, t: &Timeline, placed: Option<&Placed>) -> Result<()> {
    let estimated = |id: &str| placed.is_some_and(|p| p.event_ids.iter().any(|e| e == id));
    let arrow = if t.directed { "→" } else { "↔" };
    writeln!(out, "{} {arrow} {} by {}", t.a, t.b, t.by.as_str())?;
    writeln!(
        out,
        "{:<9} {:>6} {:>5} {:>4} {:>4} {:>4} {:>4} {:>8} {:>6}  strongest evidence",
        "period", "events", "docs", "v+", "m+", "v-", "m-", "sum", "mean"
    )?;
    for p in &t.periods {
        if t.shifts.iter().any(|s| s.period == p.period) {
            writeln!(out, "{:-<9} shift {:-<60}", "", "")?;
        }
        let q = |k: &str| p.by_quad.get(k).copied().unwrap_or(0);
        let evidence = p
            .top_evidence
            .first()
            .map(|e| {
                format!(
                    "{}[{} {:+.1}] {}",
                    if estimated(&e.event_id) { "~" } else { "" },
                    e.category,
                    e.score,
                    crate::listing::truncate(&e.sentence, 70)
                )
            })
            .unwrap_or_default();
        writeln!(
            out,
            "{:<9} {:>6} {:>5} {:>4} {:>4} {:>4} {:>4} {:>8.1} {:>6}  {}",
            p.period,
            p.events,
            p.docs,
            q("verbal_cooperation"),
            q("material_cooperation"),
            q("verbal_conflict"),
            q("material_conflict"),
            p.score_sum,
            p.score_mean
                .map(|m| format!("{m:+.2}"))
                .unwrap_or_else(|| "-".into()),
            evidence
        )?;
    }
    for s in &t.shifts {
        writeln!(
            out,
            "shift at {}: mean {:+.2} → {:+.2} (drivers: {})",
            s.period,
            s.before_mean,
            s.after_mean,
            s.drivers.join(", ")
        )?;
    }
    writeln!(
        out,
        "undated: {}  imprecise dates: {}  negated (not counted): {}",
        t.undated.events, t.imprecise.events, t.negated.events
    )?;
    if let Some(p) = placed {
        writeln!(
            out,
            "estimated (~): {} events of {} undated documents placed by `kroniek dates`: {}",
            p.events,
            p.documents.len(),
            p.documents
                .iter()
                .map(|(d, period)| format!("{d} ~{period}"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    Ok(())
}

pub fn network(store: &dyn Store, args: NetworkArgs) -> Result<u8> {
    let level = ActorLevel::parse(&args.level).unwrap_or_default();
    let opts = NetworkOptions {
        level,
        from: args.from.clone(),
        to: args.to.clone(),
    };
    let mut builder = NetworkBuilder::new(&opts);
    let edges = store
        .edge_rows(
            level == ActorLevel::Country,
            args.from.as_deref(),
            args.to.as_deref(),
        )
        .context("reading the event network")?;
    let mut keys = std::collections::BTreeSet::new();
    for e in &edges {
        match (&e.source, &e.target) {
            (Some(s), Some(t)) => builder.add_edge(s, t, e.events, e.cooperation, e.conflict),
            (Some(s), None) => builder.add_one_sided(s, true, e.events),
            (None, Some(t)) => builder.add_one_sided(t, false, e.events),
            (None, None) => {}
        }
        keys.extend(e.source.iter().chain(e.target.iter()).cloned());
    }
    let keys: Vec<String> = keys.into_iter().collect();
    for (key, name) in store.actor_names(&keys)? {
        builder.name(&key, &name);
    }
    let (undated, negated) =
        store.undated_and_negated_ids(args.from.as_deref(), args.to.as_deref())?;
    for id in &undated {
        builder.add_undated(id);
    }
    for id in &negated {
        builder.add_negated(id);
    }
    let net = builder.finish();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Some(n) = args.top {
        let top = top_actors_by_degree(&net, n);
        if matches!(args.format, NetworkFormat::Json) {
            writeln!(out, "{}", serde_json::to_string_pretty(&top)?)?;
        } else {
            writeln!(out, "{:<16} {:>6} {:>8}  name", "actor", "degree", "events")?;
            for a in top {
                writeln!(
                    out,
                    "{:<16} {:>6} {:>8}  {}",
                    a.id,
                    a.degree,
                    a.events,
                    a.name.unwrap_or_default()
                )?;
            }
            writeln!(
                out,
                "undated events (not in the graph): {}",
                net.undated.events
            )?;
        }
        return Ok(0);
    }
    match args.format {
        NetworkFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&net)?)?,
        NetworkFormat::Graphml => write!(out, "{}", to_graphml(&net))?,
        NetworkFormat::Gexf => write!(out, "{}", to_gexf(&net))?,
    }
    if !matches!(args.format, NetworkFormat::Json) && net.undated.events > 0 {
        eprintln!(
            "note: {} undated events are not in the graph (see --format json)",
            net.undated.events
        );
    }
    Ok(0)
}

/// Story counts of the events in stories told more than once: each story's
/// counts once, and every event id pointing at them.
#[derive(Default)]
struct Stories {
    of_event: HashMap<String, usize>,
    counts: Vec<kroniek_export::StoryCounts>,
}

impl Stories {
    fn get(&self, event_id: &str) -> Option<&kroniek_export::StoryCounts> {
        self.of_event.get(event_id).map(|&i| &self.counts[i])
    }
}

/// Story counts for every event in a story told more than once.
fn story_counts(store: &dyn Store, args: &ExportArgs) -> Result<Stories> {
    let mut rows = store.event_rows(
        args.actor.as_deref(),
        args.from.as_deref(),
        args.to.as_deref(),
        false,
    )?;
    let grouped = {
        // Inputs skip rows of unknown categories; `row_of` maps them back.
        let (row_of, inputs): (Vec<usize>, Vec<kroniek_coder::StoryInput<'_>>) = rows
            .iter()
            .enumerate()
            .filter_map(|(i, row)| story_input(row).map(|input| (i, input)))
            .unzip();
        kroniek_coder::group_stories(&inputs)
            .into_iter()
            .filter(|story| story.members.len() >= 2)
            .map(|story| {
                let mut doc_ids: Vec<&str> =
                    story.members.iter().map(|&i| inputs[i].doc_id).collect();
                doc_ids.sort_unstable();
                doc_ids.dedup();
                let counts = kroniek_export::StoryCounts {
                    num_mentions: story.members.len() as u32,
                    num_docs: doc_ids.len() as u32,
                    doc_ids: doc_ids.into_iter().map(String::from).collect(),
                };
                let members: Vec<usize> = story.members.iter().map(|&i| row_of[i]).collect();
                (counts, members)
            })
            .collect::<Vec<_>>()
    };
    let mut stories = Stories::default();
    for (counts, members) in grouped {
        let at = stories.counts.len();
        stories.counts.push(counts);
        for i in members {
            stories
                .of_event
                .insert(std::mem::take(&mut rows[i].event_id), at);
        }
    }
    Ok(stories)
}

/// What story clustering reads of a light row (the date as the store's
/// whole-event date value: day, month or year; `None` for an unknown category).
fn story_input(row: &EventRow) -> Option<kroniek_coder::StoryInput<'_>> {
    let category = Category::parse(&row.category)?;
    let date = date_prefix(&row.date_begin, &row.date_end);
    let date_precision = date.map(|d| match d.len() {
        10 => kroniek_model::Precision::Day,
        7 => kroniek_model::Precision::Month,
        _ => kroniek_model::Precision::Year,
    });
    Some(kroniek_coder::StoryInput {
        event_id: &row.event_id,
        doc_id: &row.doc_id,
        source: row.source_code.as_deref().or(row.source_id.as_deref()),
        target: row.target_code.as_deref().or(row.target_id.as_deref()),
        category,
        date,
        date_precision,
        negated: row.negated,
    })
}

/// [`Store::visit_events`] with a callback whose errors are anyhow's (a
/// write error is kept aside, the store is told to stop, and it is returned).
fn visit(
    store: &dyn Store,
    filter: &EventFilter,
    mut f: impl FnMut(Event) -> Result<()>,
) -> Result<u64> {
    let mut failed = None;
    let visited = store.visit_events(filter, &mut |e| {
        f(e).map_err(|err| {
            failed = Some(err);
            StoreError::Backend {
                backend: "export",
                reason: "stopped by a write error".into(),
            }
        })
    });
    match (visited, failed) {
        (_, Some(err)) => Err(err),
        (Ok(n), None) => Ok(n),
        (Err(e), None) => Err(e.into()),
    }
}

pub fn export(store: &dyn Store, args: ExportArgs) -> Result<u8> {
    let stories = if args.no_stories {
        Stories::default()
    } else {
        story_counts(store, &args).context("clustering events into stories")?
    };
    let filter = EventFilter {
        actor: args.actor.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        include_negated: !args.skip_negated,
        ..Default::default()
    };
    let flat = |e: &Event| kroniek_export::FlatEvent::new(e, stories.get(&e.event_id));
    let to_stdout = args.out == Path::new("-");
    let n = match args.format {
        #[cfg(feature = "parquet")]
        ExportFormat::Parquet => {
            if to_stdout {
                bail!("parquet export needs a folder: --out FOLDER");
            }
            let mut writer = kroniek_export::ParquetWriter::create(&args.out)?;
            visit(store, &filter, |e| -> Result<()> {
                let story = stories.get(&e.event_id);
                writer.write(kroniek_export::FlatEvent::from_event(e, story))?;
                Ok(())
            })?;
            let summary = writer.finish()?;
            eprintln!(
                "wrote {} events in {} files under {}",
                summary.rows,
                summary.files.len(),
                args.out.display()
            );
            return Ok(0);
        }
        format => {
            let sink: Box<dyn Write> = if to_stdout {
                Box::new(std::io::stdout().lock())
            } else {
                let file = std::fs::File::create(&args.out)
                    .with_context(|| format!("creating {}", args.out.display()))?;
                Box::new(file)
            };
            let sink = std::io::BufWriter::new(sink);
            match format {
                ExportFormat::Csv => {
                    let mut csv = kroniek_export::CsvSink::new(sink);
                    visit(store, &filter, |e| -> Result<()> {
                        Ok(csv.write(&flat(&e))?)
                    })?;
                    csv.finish()?
                }
                ExportFormat::Plover => {
                    let mut jsonl = kroniek_export::JsonlSink::new(sink);
                    visit(store, &filter, |e| -> Result<()> {
                        let record =
                            kroniek_export::PloverRecord::new(&e, stories.get(&e.event_id));
                        Ok(jsonl.write(&record)?)
                    })?;
                    jsonl.finish()?
                }
                _ => {
                    let mut jsonl = kroniek_export::JsonlSink::new(sink);
                    visit(store, &filter, |e| -> Result<()> {
                        Ok(jsonl.write(&flat(&e))?)
                    })?;
                    jsonl.finish()?
                }
            }
        }
    };
    if !to_stdout {
        eprintln!("wrote {n} events to {}", args.out.display());
    }
    Ok(0)
}
