//! Where the pipeline's time goes: every stage of `Pipeline::process`, run
//! one after the other over a folder of `.txt` articles on one thread, with
//! the thread's CPU clock read between stages.
//!
//! `cargo run --release -p kroniek-pipeline --example stages -- DIR [PASSES]`
//! (a corpus from `scripts/gen-corpus.py DIR MB`).

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
        "text",
        "simhash",
        "tag+parse",
        "ner",
        "time",
        "actors",
        "coder",
    ];
    let mut spent = [Duration::ZERO; 7];
    let (mut tokens, mut events) = (0usize, 0usize);
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
            nlp.annotate(&mut doc);
            spent[2] += lap.next();
            doc.mentions = ner.recognise(&doc, &gazetteer);
            spent[3] += lap.next();
            kroniek_time::annotate(&mut doc);
            spent[4] += lap.next();
            kroniek_actors::link(&mut doc, registry);
            spent[5] += lap.next();
            doc.events = kroniek_coder::code(&doc, lexicon);
            spent[6] += lap.next();
            tokens += doc.tokens.len();
            events += doc.events.len();
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
