//! Where the pipeline's time goes: every stage of `Pipeline::process`, run
//! one after the other over a folder of `.txt` articles on one thread, with
//! the thread's CPU clock read between stages.
//!
//! `cargo run --release -p kroniek-pipeline --example stages -- DIR [PASSES] [all|events]`
//! (a corpus from `scripts/gen-corpus.py DIR MB`). The third argument is the
//! parse scope (default `events`, as `kroniek ingest`); with `check` the
//! events of both scopes are compared document by document. With
//! `DUMP=FILE` every document's tokens, mentions, events, timexes and date are written to FILE as
//! JSON lines, to compare two builds.

use std::time::{Duration, Instant};

use kroniek_actors::Registry;
use kroniek_coder::Lexicon;
use kroniek_model::Document;
use kroniek_ner::{Gazetteer, NerModel};
use kroniek_nlp::Models;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: stages DIR [PASSES]")?;
    let passes: usize = args.next().map_or(Ok(1), |p| p.parse())?;
    let scope = args.next().unwrap_or_else(|| "events".into());
    let mut texts = Vec::new();
    let mut folders = vec![std::path::PathBuf::from(&dir)];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                texts.push(std::fs::read_to_string(&path)?);
            }
        }
    }
    texts.sort();
    let bytes: usize = texts.iter().map(String::len).sum();

    let nlp = Models::builtin()?;
    let ner = NerModel::builtin()?;
    let registry = Registry::builtin()?;
    let entries = registry.gazetteer_entries();
    let gazetteer = Gazetteer::new(entries.iter().map(|(name, kind)| (name.as_str(), *kind)));
    let lexicon = Lexicon::builtin()?;

    let names = [
        "text", "simhash", "tag", "parse", "ner", "time", "actors", "coder", "gate",
    ];
    let mut spent = [Duration::ZERO; 9];
    let (mut tokens, mut events) = (0usize, 0usize);
    let (mut sentences, mut parsed_sentences, mut parsed_tokens) = (0usize, 0usize, 0usize);
    let mut differing = Vec::new();
    // Pronoun and anaphor links with every sentence parsed, and how many of
    // them the gated run links otherwise.
    let mut links = (0usize, 0usize);
    let mut dump = match std::env::var_os("DUMP") {
        Some(path) => Some(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => None,
    };
    let started = Instant::now();
    for _ in 0..passes {
        for (i, raw) in texts.iter().enumerate() {
            let mut doc = Document {
                id: format!("d{i}"),
                raw: raw.clone(),
                ..Default::default()
            };
            let mut lap = Lap::new();
            kroniek_text::prepare(&mut doc);
            spent[0] += lap.next();
            let hash = kroniek_pipeline::simhash(&doc.text);
            doc.meta.insert("simhash".into(), format!("{hash:016x}"));
            spent[1] += lap.next();
            let full = (scope == "check").then(|| doc.clone());
            let mut may_fire = None;
            if scope == "all" {
                nlp.annotate(&mut doc);
                spent[2] += lap.next();
            } else {
                nlp.tag_document(&mut doc);
                spent[2] += lap.next();
                // As the pipeline: NER before the parse, for the gate.
                doc.mentions = ner.recognise(&doc, &gazetteer);
                spent[4] += lap.next();
                let fires = kroniek_pipeline::sentences_that_may_code(&doc, lexicon, registry);
                let wanted = kroniek_pipeline::sentences_to_parse_from(&doc, &fires, registry);
                spent[8] += lap.next();
                nlp.parse_sentences(&mut doc, &wanted);
                may_fire = Some(fires);
                sentences += wanted.len();
                for (s, _) in wanted.iter().enumerate().filter(|(_, w)| **w) {
                    parsed_sentences += 1;
                    parsed_tokens += doc.sentence_tokens(s).len();
                }
            }
            spent[3] += lap.next();
            if scope == "all" {
                doc.mentions = ner.recognise(&doc, &gazetteer);
                spent[4] += lap.next();
            }
            kroniek_time::annotate(&mut doc);
            spent[5] += lap.next();
            kroniek_actors::link(&mut doc, registry);
            spent[6] += lap.next();
            doc.events = match &may_fire {
                Some(fires) => kroniek_coder::code_where(&doc, lexicon, fires),
                None => kroniek_coder::code(&doc, lexicon),
            };
            spent[7] += lap.next();
            tokens += doc.tokens.len();
            events += doc.events.len();
            if let Some(out) = dump.as_mut() {
                use std::io::Write;
                let line = serde_json::json!({
                    "id": doc.id, "text": doc.text, "tokens": doc.tokens, "mentions": doc.mentions,
                    "events": doc.events, "timexes": doc.timexes, "date": doc.date,
                });
                writeln!(out, "{line}")?;
            }
            if let Some(mut full) = full {
                nlp.annotate(&mut full);
                full.mentions = ner.recognise(&full, &gazetteer);
                kroniek_time::annotate(&mut full);
                kroniek_actors::link(&mut full, registry);
                full.events = kroniek_coder::code(&full, lexicon);
                let pronouns = |d: &Document| {
                    d.mentions
                        .iter()
                        .filter(|m| m.rule.starts_with("pronoun") || m.rule == "anaphor")
                        .map(|m| (m.span, m.actor_id.clone()))
                        .collect::<Vec<_>>()
                };
                let (p, q) = (pronouns(&full), pronouns(&doc));
                links.0 += p.len();
                links.1 += p.iter().filter(|x| !q.contains(x)).count();
                if full.events != doc.events {
                    differing.push((doc.id.clone(), full.events.len(), doc.events.len()));
                }
                lap.next();
            }
        }
    }
    if sentences > 0 {
        println!(
            "parsed {parsed_sentences} of {sentences} sentences ({:.1} %), {:.1} % of tokens",
            100.0 * parsed_sentences as f64 / sentences as f64,
            100.0 * parsed_tokens as f64 / tokens as f64
        );
    }
    if scope == "check" {
        println!(
            "{} documents whose events differ from a full parse",
            differing.len()
        );
        println!(
            "{} of {} pronoun/anaphor links differ (in sentences no event reads)",
            links.1, links.0
        );
        for (id, full, gated) in differing.iter().take(20) {
            println!("  {id}: {full} events with every sentence parsed, {gated} gated");
        }
    }
    let total: Duration = spent.iter().sum();
    let mb = (bytes * passes) as f64 / 1e6;
    println!(
        "{} articles x {passes}, {mb:.2} MB, {tokens} tokens, {events} events; wall {:.2} s",
        texts.len(),
        started.elapsed().as_secs_f64()
    );
    for (name, t) in names.iter().zip(spent) {
        println!(
            "{name:>10}: {:7.3} s {:5.1} %  {:8.2} MB/s  {:9.0} tokens/s",
            t.as_secs_f64(),
            100.0 * t.as_secs_f64() / total.as_secs_f64(),
            mb / t.as_secs_f64(),
            tokens as f64 / t.as_secs_f64()
        );
    }
    println!(
        "{:>10}: {:7.3} s          {:8.2} MB/s  {:9.0} tokens/s",
        "all",
        total.as_secs_f64(),
        mb / total.as_secs_f64(),
        tokens as f64 / total.as_secs_f64()
    );
    Ok(())
}

/// Wall time between stages; on an otherwise idle core it is the CPU time.
struct Lap(Instant);

impl Lap {
    fn new() -> Self {
        Lap(Instant::now())
    }
    fn next(&mut self) -> Duration {
        let now = Instant::now();
        let d = now - self.0;
        self.0 = now;
        d
    }
}
