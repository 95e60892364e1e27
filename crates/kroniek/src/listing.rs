//! Read-only commands: docs, show, stats, check (on either store backend).
use anyhow::Result;
use kroniek_store::{DocFilter, Store};

pub fn docs(
    store: &dyn Store,
    json: bool,
    limit: Option<usize>,
    lang: Option<String>,
) -> Result<u8> {
    let docs = store.documents(&DocFilter {
        limit,
        offset: 0,
        language: lang,
    })?;
    if json {
        println!("{}", serde_json::to_string_pretty(&docs)?);
        return Ok(0);
    }
    println!(
        "{:<32} {:<4} {:<10} {:>5} {:>6} {:>6}  title",
        "id", "lang", "date", "sents", "tokens", "events"
    );
    for d in &docs {
        println!(
            "{:<32} {:<4} {:<10} {:>5} {:>6} {:>6}  {}",
            truncate(&d.id, 32),
            d.language.as_deref().unwrap_or("?"),
            d.date.as_deref().unwrap_or("-"),
            d.sentences,
            d.tokens,
            d.events,
            truncate(d.title.as_deref().unwrap_or(""), 60)
        );
    }
    Ok(0)
}

pub fn show(store: &dyn Store, id: &str, json: bool, timex: bool) -> Result<u8> {
    let Some(doc) = store.document(id)? else {
        eprintln!("error: no document with id {id:?} in the store (see `kroniek docs`)");
        return Ok(1);
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&doc)?);
        return Ok(0);
    }
    println!("# {}", doc.id);
    if let Some(title) = &doc.title {
        println!("title: {title}");
    }
    match &doc.date {
        Some(d) => println!(
            "date: {} ({}, from {})",
            d.value.value,
            d.value.precision.as_str(),
            serde_json::to_value(d.source)?.as_str().unwrap_or("?")
        ),
        None => println!("date: unknown"),
    }
    if let Some(lang) = &doc.language {
        println!("language: {} ({:.2})", lang.code, lang.confidence);
    }
    for f in &doc.furniture {
        println!("removed {}: {}", f.kind, truncate(&f.text, 100));
    }
    println!();
    if timex {
        for t in &doc.timexes {
            let value = t
                .value
                .as_ref()
                .map(|v| format!("{} ({})", v.value, v.precision.as_str()));
            println!(
                "[{}] {:<30} {:<8} {:<24} {}",
                t.sentence,
                t.span.slice(&doc.text),
                t.kind,
                value.unwrap_or_else(|| "unresolved".into()),
                t.rule
            );
        }
        return Ok(0);
    }
    for (i, s) in doc.sentences.iter().enumerate() {
        println!("[{i}] {}", s.span.slice(&doc.text));
    }
    Ok(0)
}

pub fn stats(store: &dyn Store, json: bool) -> Result<u8> {
    let s = store.stats()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(0);
    }
    println!("documents       {}", s.documents);
    println!("  undated       {}", s.undated_documents);
    println!("duplicates      {}", s.duplicates);
    println!("near-duplicates {} pairs", s.near_duplicate_pairs);
    println!("sentences       {}", s.sentences);
    println!("tokens          {}", s.tokens);
    println!("mentions        {}", s.mentions);
    println!("events          {}", s.events);
    println!("text            {:.1} MB", s.text_bytes as f64 / 1e6);
    println!(
        "dates           {} .. {}",
        s.first_date.as_deref().unwrap_or("-"),
        s.last_date.as_deref().unwrap_or("-")
    );
    let langs: Vec<String> = s
        .languages
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    println!("languages       {}", langs.join(", "));
    println!("ingest runs     {}", s.runs);
    Ok(0)
}

pub fn check(store: &dyn Store) -> Result<u8> {
    let problems = store.check()?;
    if problems.is_empty() {
        println!("ok: {} passes the integrity check", store.location());
        Ok(0)
    } else {
        for p in &problems {
            println!("problem: {p}");
        }
        Ok(1)
    }
}

pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
