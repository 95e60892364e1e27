//! Read commands over actors, events and the full-text index.
use anyhow::Result;
use clap::{Args, ValueEnum};
use kroniek_model::{Event, EventActor};
use kroniek_store::{EventFilter, SearchQuery, SqliteStore, Store};

use crate::listing::truncate;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words (all must occur), "quoted phrases", -word to exclude, OR between alternatives.
    pub query: String,
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    /// Only sentences that mention this actor (id or country/organisation code).
    #[arg(long)]
    pub actor: Option<String>,
    #[arg(long)]
    pub lang: Option<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

pub fn search(store: &SqliteStore, a: SearchArgs) -> Result<u8> {
    let hits = store.search(&SearchQuery {
        query: a.query,
        from: a.from,
        to: a.to,
        actor: a.actor,
        language: a.lang,
        limit: a.limit.clamp(1, 10_000),
        offset: 0,
    })?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&hits)?);
        return Ok(0);
    }
    if hits.is_empty() {
        eprintln!("no sentences match");
    }
    for h in &hits {
        println!(
            "{} [{}] {}  {:.2}\n    {}",
            h.doc_id,
            h.sentence_index,
            h.date.as_deref().unwrap_or("undated"),
            h.score,
            h.snippet
        );
    }
    Ok(0)
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EventFormat {
    Table,
    Jsonl,
    Csv,
}

#[derive(Debug, Args)]
pub struct EventArgs {
    #[arg(long, value_enum, default_value_t = EventFormat::Table)]
    pub format: EventFormat,
    /// Events with this actor (id or code) as source or target.
    #[arg(long)]
    pub actor: Option<String>,
    /// Events between two actors, `A,B` (both directions).
    #[arg(long)]
    pub dyad: Option<String>,
    #[arg(long)]
    pub category: Option<String>,
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long)]
    pub doc: Option<String>,
    /// Include events stated as not happening (negated).
    #[arg(long)]
    pub include_negated: bool,
    #[arg(long)]
    pub limit: Option<usize>,
}

pub fn events(store: &SqliteStore, a: EventArgs) -> Result<u8> {
    let dyad = match &a.dyad {
        None => None,
        Some(d) => match d.split_once(',') {
            Some((x, y)) if !x.trim().is_empty() && !y.trim().is_empty() => {
                Some((x.trim().to_string(), y.trim().to_string()))
            }
            _ => {
                eprintln!("error: --dyad takes two actors separated by a comma, e.g. RUS,ARM");
                return Ok(2);
            }
        },
    };
    if let Some(c) = &a.category {
        if kroniek_model::Category::parse(c).is_none() {
            eprintln!(
                "error: unknown category {c:?} (PLOVER categories: AGREE, CONSULT, ... ASSAULT)"
            );
            return Ok(2);
        }
    }
    let events = store.events(&EventFilter {
        actor: a.actor,
        dyad,
        directed: false,
        category: a.category,
        from: a.from,
        to: a.to,
        doc: a.doc,
        include_negated: a.include_negated,
        limit: a.limit,
        offset: 0,
    })?;
    match a.format {
        EventFormat::Jsonl => {
            for e in &events {
                println!("{}", serde_json::to_string(e)?);
            }
        }
        EventFormat::Csv => print_csv(&events),
        EventFormat::Table => {
            for e in &events {
                println!(
                    "{:<10} {:<5} {:<9} {:<5} {:>5.1} {}{} {}",
                    e.date.as_deref().unwrap_or("undated"),
                    code(&e.source),
                    e.category.as_str(),
                    code(&e.target),
                    e.score,
                    if e.negated { "NOT " } else { "" },
                    e.doc_id,
                    truncate(&e.sentence, 100)
                );
            }
            eprintln!("{} events", events.len());
        }
    }
    Ok(0)
}

fn code(a: &Option<EventActor>) -> String {
    a.as_ref()
        .and_then(|a| a.country.clone().or_else(|| a.id.clone()))
        .unwrap_or_else(|| "-".into())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn print_csv(events: &[Event]) {
    println!(
        "event_id,doc_id,date,source,source_name,category,target,target_name,score,negated,modality,trigger,sentence"
    );
    for e in events {
        let name =
            |a: &Option<EventActor>| a.as_ref().and_then(|a| a.name.clone()).unwrap_or_default();
        let fields = [
            e.event_id.clone(),
            e.doc_id.clone(),
            e.date.clone().unwrap_or_default(),
            code(&e.source),
            name(&e.source),
            e.category.as_str().to_string(),
            code(&e.target),
            name(&e.target),
            format!("{}", e.score),
            e.negated.to_string(),
            e.modality.as_str().to_string(),
            e.trigger.clone(),
            e.sentence.clone(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        println!("{}", row.join(","));
    }
}

pub fn actors(store: &SqliteStore, json: bool, limit: Option<usize>) -> Result<u8> {
    let mut counts = store.actor_counts()?;
    if let Some(l) = limit {
        counts.truncate(l);
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&counts)?);
        return Ok(0);
    }
    println!(
        "{:<28} {:<6} {:>8} {:>5}  name",
        "actor", "code", "mentions", "docs"
    );
    for c in &counts {
        println!(
            "{:<28} {:<6} {:>8} {:>5}  {}",
            truncate(&c.actor_id, 28),
            c.code.as_deref().unwrap_or("-"),
            c.mentions,
            c.documents,
            c.name.as_deref().unwrap_or("")
        );
    }
    Ok(0)
}
