//! `kroniek train …` and `kroniek eval ud|ner`: the drivers around the pure
//! training and evaluation code of the nlp and ner crates.
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train the POS tagger + lemmatiser on CoNLL-U.
    Tagger(UdTrainArgs),
    /// Train the dependency parser on CoNLL-U (uses the trained tagger for jackknifed tags).
    Parser(UdTrainArgs),
    /// Train the named-entity recogniser on CoNLL-2002 data.
    Ner(NerTrainArgs),
}

#[derive(Debug, Args)]
pub struct UdTrainArgs {
    #[arg(long, default_value = "../shared/data/ud-nl/train.conllu")]
    pub conllu: PathBuf,
    #[arg(long, default_value = "../shared/data/ud-nl/dev.conllu")]
    pub dev: PathBuf,
    /// Silver news data (Frog-tagged TSV); `none` to train on the treebank alone.
    #[arg(
        long,
        default_value = "../shared/data/frog-silver-nl/conll2002-train-testa.frog.tsv"
    )]
    pub silver: String,
    /// Parser only: Frog's parses of news text (`scripts/frog-parses.sh`
    /// writes them), converted to UD and added to the training trees.
    #[arg(long)]
    pub frog_parses: Option<PathBuf>,
    /// Where to write the model (default models/nl-tagger.bin or models/nl-parser.bin).
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Seed (default: the trainer's own fixed seed, so runs are reproducible).
    #[arg(long)]
    pub seed: Option<u64>,
}

#[derive(Debug, Args)]
pub struct NerTrainArgs {
    #[arg(long, default_value = "../shared/data/conll2002-nl/ned.train")]
    pub conll: PathBuf,
    /// Development data for choosing the epoch (never the test set).
    #[arg(long, default_value = "../shared/data/conll2002-nl/ned.testa")]
    pub dev: PathBuf,
    /// Unlabelled text for word classes (CoNLL-U or CoNLL files), repeatable.
    #[arg(long, default_values = ["../shared/data/ud-nl/train.conllu", "../shared/data/ud-nl/dev.conllu"])]
    pub unlabeled: Vec<PathBuf>,
    #[arg(long, default_value = "models/nl-ner.bin")]
    pub out: PathBuf,
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Seed (default: the trainer's own fixed seed, so runs are reproducible).
    #[arg(long)]
    pub seed: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Tagger, lemmatiser and parser accuracy on a CoNLL-U file (CoNLL 2018 definitions).
    Ud {
        #[arg(long)]
        conllu: PathBuf,
    },
    /// Named-entity precision/recall/F1 per type (conlleval) on a CoNLL-2002 file.
    Ner {
        #[arg(long)]
        conll: PathBuf,
        /// Tag without the actor registry's names (by default they are given
        /// to the model as gazetteer features, as in the pipeline).
        #[arg(long)]
        no_gazetteer: bool,
    },
    /// Stored events against a gold TSV (the scoring of ../shared/eval/score_events.py).
    /// Scores the events `kroniek events` lists: asserted ones, or with
    /// `--include-negated` the negated ones too (as `kroniek events --include-negated`).
    Events {
        #[arg(long)]
        gold: PathBuf,
        /// Also score negated events (a negated event then counts for a gold
        /// row that says the event happened, as the reference script counts it).
        #[arg(long)]
        include_negated: bool,
        /// List the missed and spurious events.
        #[arg(long)]
        verbose: bool,
    },
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

pub fn train(cmd: TrainCommand) -> Result<u8> {
    let start = Instant::now();
    let mut progress = |m: &str| eprintln!("[{:7.1}s] {m}", start.elapsed().as_secs_f64());
    match cmd {
        TrainCommand::Tagger(a) => {
            let (train, dev, options) = ud_inputs(&a)?;
            let bytes = kroniek_nlp::train_tagger(&train, Some(&dev), &options, &mut progress)?;
            let out = a
                .out
                .unwrap_or_else(|| PathBuf::from("models/nl-tagger.bin"));
            write(&out, &bytes)?;
            eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
        }
        TrainCommand::Parser(a) => {
            let (train, dev, mut options) = ud_inputs(&a)?;
            let tagger = Path::new("models/nl-tagger.bin");
            if tagger.exists() {
                options.tagger_model = Some(
                    std::fs::read(tagger)
                        .with_context(|| format!("reading {}", tagger.display()))?,
                );
            }
            let bytes = kroniek_nlp::train_parser(&train, Some(&dev), &options, &mut progress)?;
            let out = a
                .out
                .unwrap_or_else(|| PathBuf::from("models/nl-parser.bin"));
            write(&out, &bytes)?;
            eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
        }
        TrainCommand::Ner(a) => {
            let train = read(&a.conll)?;
            let dev = read(&a.dev)?;
            let mut texts = Vec::new();
            for p in &a.unlabeled {
                texts.push(read(p)?);
            }
            texts.push(dev.clone());
            let unlabeled: Vec<&str> = texts.iter().map(String::as_str).collect();
            let mut options = kroniek_ner::TrainOptions::default();
            if let Some(seed) = a.seed {
                options.seed = seed;
            }
            if let Some(e) = a.epochs {
                options.epochs = e;
            }
            let gazetteer = kroniek_ner::Gazetteer::empty();
            let bytes = kroniek_ner::train(
                &train,
                Some(&dev),
                &unlabeled,
                &gazetteer,
                &options,
                &mut progress,
            )?;
            write(&a.out, &bytes)?;
            eprintln!("wrote {} ({} bytes)", a.out.display(), bytes.len());
        }
    }
    Ok(0)
}

fn ud_inputs(a: &UdTrainArgs) -> Result<(String, String, kroniek_nlp::TrainOptions)> {
    let train = read(&a.conllu)?;
    let dev = read(&a.dev)?;
    let mut options = kroniek_nlp::TrainOptions::default();
    if let Some(seed) = a.seed {
        options.seed = seed;
    }
    if a.silver != "none" {
        options.silver_tsv = Some(read(Path::new(&a.silver))?);
    }
    if let Some(e) = a.epochs {
        options.epochs = e;
    }
    if let Some(path) = &a.frog_parses {
        options.frog_parses = Some(read(path)?);
    }
    Ok((train, dev, options))
}

pub fn eval(cmd: EvalCommand, store_dir: &Path) -> Result<u8> {
    match cmd {
        EvalCommand::Events {
            gold,
            include_negated,
            verbose,
        } => {
            let gold = read(&gold)?;
            let store = crate::cli::open_store(store_dir)?;
            let events = kroniek_store::Store::events(
                &store,
                &kroniek_store::EventFilter {
                    include_negated,
                    ..Default::default()
                },
            )?;
            let report = kroniek_coder::score(&gold, &events)?;
            print!("{}", kroniek_coder::format_report(&report, verbose));
        }
        EvalCommand::Ud { conllu } => {
            let gold = read(&conllu)?;
            let models = kroniek_nlp::Models::builtin()?;
            let start = Instant::now();
            let s = kroniek_nlp::evaluate(models, &gold)
                .with_context(|| format!("evaluating on {}", conllu.display()))?;
            let secs = start.elapsed().as_secs_f64();
            println!("file     {}", conllu.display());
            println!("tokens   {}", s.tokens);
            println!("UPOS     {:.2}%", s.upos * 100.0);
            println!("lemma    {:.2}%", s.lemma * 100.0);
            println!("feats    {:.2}%", s.feats * 100.0);
            println!("UAS      {:.2}%", s.uas * 100.0);
            println!("LAS      {:.2}%", s.las * 100.0);
            println!(
                "speed    {:.0} tokens/s (tagging + lemmas + parsing, one thread)",
                s.tokens as f64 / secs.max(1e-9)
            );
        }
        EvalCommand::Ner {
            conll,
            no_gazetteer,
        } => {
            let gold = read(&conll)?;
            let model = kroniek_ner::NerModel::builtin()?;
            let gazetteer = if no_gazetteer {
                kroniek_ner::Gazetteer::empty()
            } else {
                let entries = kroniek_actors::Registry::builtin()?.gazetteer_entries();
                kroniek_ner::Gazetteer::new(entries.iter().map(|(n, k)| (n.as_str(), *k)))
            };
            let start = Instant::now();
            let scores = kroniek_ner::evaluate(model, &gold, &gazetteer)
                .with_context(|| format!("evaluating on {}", conll.display()))?;
            let secs = start.elapsed().as_secs_f64();
            print!("{}", kroniek_ner::format_conlleval(&scores));
            let tokens = gold
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with("-DOCSTART-"))
                .count();
            println!(
                "speed: {:.0} tokens/s (one thread)",
                tokens as f64 / secs.max(1e-9)
            );
        }
    }
    Ok(0)
}
