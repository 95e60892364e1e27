//! Runs text → nlp → ner → time → actors → coder over the seed articles in
//! `../shared/corpus/seeds`, writes the events as JSONL and prints this
//! crate's score next to the reference Python scorer's.
//!
//! `cargo run -p kroniek-coder --example seeds -- [OUT.jsonl] [--verbose] [--dump]`

use std::path::PathBuf;
use std::process::Command;

use kroniek_actors::Registry;
use kroniek_coder::{Lexicon, cluster_stories, code, format_report, score};
use kroniek_model::{DateSource, DocDate, Document};
use kroniek_ner::{Gazetteer, NerModel};
use kroniek_nlp::Models;

fn main() -> anyhow_free::Result {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    // `--cache=FILE`: annotated documents are read from FILE when it exists
    // (so rule work does not wait on model rebuilds) and written to it otherwise.
    let cache = args
        .iter()
        .find_map(|a| a.strip_prefix("--cache="))
        .map(PathBuf::from);
    let dump = args.iter().any(|a| a == "--dump");
    let out_path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("kroniek-coder-seeds.jsonl"));
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    // `--dir=DIR`: another folder of `.txt` articles (then no gold scoring).
    let seeds = args
        .iter()
        .find_map(|a| a.strip_prefix("--dir="))
        .map(PathBuf::from)
        .unwrap_or_else(|| shared.join("corpus/seeds"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .map_err(|e| format!("{}: {e}", seeds.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();

    let docs = match cache.as_ref().filter(|c| c.exists()) {
        Some(c) => std::fs::read_to_string(c)
            .map_err(|e| format!("{}: {e}", c.display()))?
            .lines()
            .map(|l| serde_json::from_str::<Document>(l).map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, _>>()?,
        None => {
            let docs = annotate(&files)?;
            if let Some(c) = &cache {
                let text: String = docs
                    .iter()
                    .filter_map(|d| serde_json::to_string(d).ok())
                    .map(|l| l + "\n")
                    .collect();
                std::fs::write(c, text).map_err(|e| format!("{}: {e}", c.display()))?;
            }
            docs
        }
    };
    let lexicon = Lexicon::builtin().map_err(|e| e.to_string())?;
    let mut events = Vec::new();
    for doc in &docs {
        let found = code(doc, lexicon);
        if dump {
            dump_doc(doc, &found);
        }
        events.extend(found);
    }
    report(&shared, &out_path, &events, verbose)
}

fn annotate(files: &[PathBuf]) -> Result<Vec<Document>, String> {
    // `NLP_MODELS=DIR`: candidate nl-tagger.bin / nl-parser.bin from DIR
    // instead of the committed ones (no rebuild to compare models).
    let candidate;
    let nlp = match std::env::var("NLP_MODELS") {
        Ok(dir) => {
            let read = |name: &str| {
                std::fs::read(PathBuf::from(&dir).join(name))
                    .map_err(|e| format!("{dir}/{name}: {e}"))
            };
            candidate = Models::from_bytes(&read("nl-tagger.bin")?, &read("nl-parser.bin")?)
                .map_err(|e| e.to_string())?;
            &candidate
        }
        Err(_) => Models::builtin().map_err(|e| e.to_string())?,
    };
    // The actor linker finds registry names on its own; NER adds the rest.
    let ner = NerModel::builtin()
        .map_err(|e| eprintln!("NER unavailable, linking registry names only: {e}"))
        .ok();
    let registry = Registry::builtin().map_err(|e| e.to_string())?;
    let entries = registry.gazetteer_entries();
    let gazetteer = Gazetteer::new(entries.iter().map(|(n, k)| (n.as_str(), *k)));
    let mut docs = Vec::new();
    for path in files {
        let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut doc = Document {
            id: path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string(),
            raw,
            ..Default::default()
        };
        kroniek_text::prepare(&mut doc);
        if let Some(value) = doc
            .meta
            .get("header_date")
            .and_then(|d| kroniek_time::parse_date_value(d.trim()))
        {
            doc.date = Some(DocDate {
                value,
                source: DateSource::Header,
                evidence: None,
            });
        }
        nlp.annotate(&mut doc);
        if let Some(ner) = ner {
            doc.mentions = ner.recognise(&doc, &gazetteer);
        }
        kroniek_time::annotate(&mut doc);
        kroniek_actors::link(&mut doc, registry);
        docs.push(doc);
    }
    Ok(docs)
}

fn report(
    shared: &std::path::Path,
    out_path: &std::path::Path,
    events: &[kroniek_model::Event],
    verbose: bool,
) -> anyhow_free::Result {
    let jsonl: String = events
        .iter()
        .filter_map(|e| serde_json::to_string(e).ok())
        .map(|l| l + "\n")
        .collect();
    std::fs::write(out_path, jsonl).map_err(|e| format!("{}: {e}", out_path.display()))?;
    let stories = cluster_stories(events);
    println!(
        "{} events ({} dyadic), {} story events -> {}",
        events.len(),
        events
            .iter()
            .filter(|e| e.source.is_some() && e.target.is_some())
            .count(),
        stories.len(),
        out_path.display()
    );
    let gold_path = shared.join("gold/seed-events.tsv");
    let gold =
        std::fs::read_to_string(&gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let report = score(&gold, events).map_err(|e| e.to_string())?;
    println!("--- kroniek-coder score");
    print!("{}", format_report(&report, verbose));
    let mut py = Command::new("python3");
    py.arg(shared.join("eval/score_events.py"))
        .arg(&gold_path)
        .arg(out_path);
    if verbose {
        py.arg("--verbose");
    }
    match py.output() {
        Ok(out) => {
            println!("--- score_events.py");
            print!("{}", String::from_utf8_lossy(&out.stdout));
        }
        Err(e) => println!("python3 not available: {e}"),
    }
    Ok(())
}

fn dump_doc(doc: &Document, events: &[kroniek_model::Event]) {
    for (si, s) in doc.sentences.iter().enumerate() {
        println!("\n## {} s{si}: {}", doc.id, s.span.slice(&doc.text));
        for (i, t) in doc.sentence_tokens(si).iter().enumerate() {
            let m = doc.mentions.iter().find(|m| {
                m.sentence as usize == si
                    && (m.token_start as usize..m.token_end as usize)
                        .contains(&(s.token_start as usize + i))
            });
            println!(
                "{:>3} {:<18} {:<14} {:<6} {:>3} {:<12} {}",
                i + 1,
                t.text(&doc.text),
                t.full_lemma.as_deref().unwrap_or(&t.lemma),
                t.upos,
                t.head,
                t.deprel,
                m.map(|m| format!("[{}:{}]", m.code.as_deref().unwrap_or("?"), m.rule))
                    .unwrap_or_default()
            );
        }
        for t in doc.timexes.iter().filter(|t| t.sentence as usize == si) {
            println!(
                "    TIMEX {:?} {:?}",
                t.span.slice(&doc.text),
                t.value.as_ref().map(|v| &v.value)
            );
        }
        for e in events.iter().filter(|e| e.sentence_index as usize == si) {
            println!(
                "    EVENT {} {}->{} {} neg={} {:?} date={:?} trig={}",
                e.category,
                e.source
                    .as_ref()
                    .and_then(|a| a.country.as_deref())
                    .unwrap_or("-"),
                e.target
                    .as_ref()
                    .and_then(|a| a.country.as_deref())
                    .unwrap_or("-"),
                e.mode.as_deref().unwrap_or(""),
                e.negated,
                e.modality,
                e.date,
                e.trigger
            );
        }
    }
}

mod anyhow_free {
    pub type Result = std::result::Result<(), String>;
}
