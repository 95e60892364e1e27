//! Read commands over actors, events and the full-text index.
use anyhow::Result;
use clap::{Args, ValueEnum};
use kroniek_model::{Event, EventActor};
use kroniek_store::{EventFilter, SearchQuery, Store};

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

pub fn search(store: &dyn Store, a: SearchArgs) -> Result<u8> {
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

pub fn events(store: &dyn Store, a: EventArgs) -> Result<u8> {
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
    if let Some(c) = &a.category
        && kroniek_model::Category::parse(c).is_none()
    {
        eprintln!("error: unknown category {c:?} (PLOVER categories: AGREE, CONSULT, ... ASSAULT)");
        return Ok(2);
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

pub fn actors(store: &dyn Store, json: bool, limit: Option<usize>) -> Result<u8> {
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

pub fn actor(
    store: &dyn Store,
    store_dir: &std::path::Path,
    id: &str,
    json: bool,
    limit: usize,
) -> Result<u8> {
    let options = crate::ingest::user_registry(store_dir)?;
    let builtin = kroniek_actors::Registry::builtin()?;
    let files: Vec<(&str, &str)> = options
        .user_registry
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_str()))
        .collect();
    let registry = builtin.with_overrides(&kroniek_actors::Registry::parse(&files)?);
    let entry = registry.actor(id).or_else(|| {
        registry
            .actors()
            .find(|a| a.code.as_deref() == Some(id) && a.kind == kroniek_actors::ActorKind::State)
    });
    let mentions = store.mentions_of(entry.map(|a| a.id.as_str()).unwrap_or(id), limit)?;
    if entry.is_none() && mentions.is_empty() {
        eprintln!("error: no actor {id:?} in the registry or the store (see `kroniek actors`)");
        return Ok(1);
    }
    if json {
        let value = serde_json::json!({
            "id": entry.map(|a| a.id.clone()).unwrap_or_else(|| id.to_string()),
            "name": entry.map(|a| a.name.clone()),
            "kind": entry.map(|a| a.kind.as_str()),
            "code": entry.and_then(|a| a.code.clone()),
            "sector": entry.and_then(|a| a.sector.clone()),
            "aliases": entry.map(|a| a.aliases.clone()).unwrap_or_default(),
            "offices": entry.map(|a| a.offices.iter().map(|o| serde_json::json!({
                "title": o.title, "code": o.code, "sector": o.sector, "from": o.from, "to": o.to,
            })).collect::<Vec<_>>()).unwrap_or_default(),
            "mentions": mentions,
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(0);
    }
    if let Some(a) = entry {
        println!(
            "{} ({}) {} code {} sector {}",
            a.name,
            a.id,
            a.kind.as_str(),
            a.code.as_deref().unwrap_or("-"),
            a.sector.as_deref().unwrap_or("-")
        );
        println!("aliases: {}", a.aliases.join(", "));
        for o in &a.offices {
            println!(
                "office: {} of {} ({}) {} – {}",
                o.title,
                o.code,
                o.sector,
                o.from.as_deref().unwrap_or("?"),
                o.to.as_deref().unwrap_or("now")
            );
        }
    }
    println!("mentions ({}):", mentions.len());
    for m in &mentions {
        println!(
            "  {} [{}] {:<20} {}",
            m.doc_id,
            m.sentence_index,
            truncate(&m.text, 20),
            truncate(&m.sentence, 100)
        );
    }
    Ok(0)
}
