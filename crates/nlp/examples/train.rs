//! Trains the Dutch tagger/lemmatiser and parser from ../shared and writes
//! them to models/. Usage: `cargo run --release -p kroniek-nlp --example train [tagger|parser|all]`.

use std::path::PathBuf;
use std::time::Instant;

use kroniek_nlp::{TrainOptions, train_parser, train_tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = root.join("../shared/data");
    let what = std::env::args().nth(1).unwrap_or_else(|| "all".to_string());
    let train = std::fs::read_to_string(shared.join("ud-nl/train.conllu"))?;
    let dev = std::fs::read_to_string(shared.join("ud-nl/dev.conllu"))?;
    let silver =
        std::fs::read_to_string(shared.join("frog-silver-nl/conll2002-train-testa.frog.tsv"))?;
    let mut options = TrainOptions {
        silver_tsv: Some(silver),
        ..TrainOptions::default()
    };
    if let Ok(e) = std::env::var("NLP_EPOCHS") {
        options.epochs = e.parse()?;
    }
    if let Ok(w) = std::env::var("NLP_SILVER_W") {
        options.silver_weight = w.parse()?;
    }
    if let Ok(f) = std::env::var("NLP_TAGGER_FOLDS") {
        options.tagger_folds = f.parse()?;
    }
    if let Ok(b) = std::env::var("NLP_TAGGER_BITS") {
        options.tagger_bits = b.parse()?;
    }
    if let Ok(t) = std::env::var("NLP_TRANS_BITS") {
        options.parser_bits.0 = t.parse()?;
    }
    if let Ok(l) = std::env::var("NLP_LABEL_BITS") {
        options.parser_bits.1 = l.parse()?;
    }
    if let Ok(w) = std::env::var("NLP_SELF_TRAINING") {
        options.self_training = w.parse()?;
    }
    if let Ok(path) = std::env::var("NLP_FROG_PARSES") {
        options.frog_parses = Some(std::fs::read_to_string(path)?);
    }
    if let Ok(w) = std::env::var("NLP_FROG_W") {
        options.frog_weight = w.parse()?;
    }
    if std::env::var("NLP_CONFIG_LABELS").is_ok() {
        options.label_features = kroniek_nlp::LabelFeatures::Configuration;
    }
    if let Ok(f) = std::env::var("NLP_FOLDS") {
        options.jackknife_folds = f.parse()?;
    }
    if let Ok(p) = std::env::var("NLP_OUT") {
        std::fs::create_dir_all(&p)?;
    }
    let mut progress = |m: &str| eprintln!("{m}");
    let out_dir = std::env::var("NLP_OUT").map_or_else(|_| root.join("models"), PathBuf::from);
    let tagger_path = out_dir.join("nl-tagger.bin");
    let parser_path = out_dir.join("nl-parser.bin");
    if what == "lemmatiser" {
        options.tagger_model = Some(std::fs::read(&tagger_path)?);
        let bytes = train_tagger(&train, Some(&dev), &options, &mut progress)?;
        std::fs::write(&tagger_path, &bytes)?;
        options.tagger_model = None;
    }
    if what == "tagger" || what == "all" {
        let start = Instant::now();
        let bytes = train_tagger(&train, Some(&dev), &options, &mut progress)?;
        std::fs::write(&tagger_path, &bytes)?;
        eprintln!(
            "tagger: {} bytes in {:.1} s",
            bytes.len(),
            start.elapsed().as_secs_f64()
        );
    }
    if what == "parser" || what == "all" {
        let start = Instant::now();
        if std::env::var("NLP_DEV_GOLD_TAGS").is_err() {
            options.tagger_model = Some(std::fs::read(&tagger_path)?);
        }
        let bytes = train_parser(&train, Some(&dev), &options, &mut progress)?;
        std::fs::write(&parser_path, &bytes)?;
        eprintln!(
            "parser: {} bytes in {:.1} s",
            bytes.len(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
