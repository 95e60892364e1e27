//! Trains the Dutch NER model on CoNLL-2002 `ned.train` (dev: `ned.testa`),
//! with word classes from the unlabelled text in ../shared, and writes
//! `models/nl-ner.bin`.
//!
//! cargo run --release -p kroniek-ner --example ner_train -- [--train FILE] [--dev FILE]
//!     [--unlabeled FILE]... [--out FILE] [--epochs N] [--seed N] [--no-default-unlabeled]

use std::path::PathBuf;
use std::time::Instant;

use kroniek_ner::{Gazetteer, NerModel, TrainOptions, evaluate, format_conlleval, train};

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

fn read(path: &PathBuf) -> anyhow::Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))
}

fn main() -> anyhow::Result<()> {
    let data = shared().join("data");
    let mut train_path = data.join("conll2002-nl/ned.train");
    let mut dev_path = Some(data.join("conll2002-nl/ned.testa"));
    let mut out = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../models/nl-ner.bin"
    ));
    let mut unlabeled_paths = vec![
        data.join("ud-nl/train.conllu"),
        data.join("ud-nl/dev.conllu"),
    ];
    let mut extra = Vec::new();
    let mut opts = TrainOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| anyhow::anyhow!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--train" => train_path = value()?.into(),
            "--dev" => dev_path = Some(value()?.into()),
            "--no-dev" => dev_path = None,
            "--out" => out = value()?.into(),
            "--unlabeled" => extra.push(PathBuf::from(value()?)),
            "--no-default-unlabeled" => unlabeled_paths.clear(),
            "--epochs" => opts.epochs = value()?.parse()?,
            "--seed" => opts.seed = value()?.parse()?,
            "--dropout" => opts.dropout = value()?.parse()?,
            "--ensemble" => opts.ensemble = value()?.parse()?,
            "--folds" => opts.name_folds = value()?.parse()?,
            "--classes" => {
                let v: Vec<usize> = value()?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?;
                for (slot, n) in opts
                    .cluster_sizes
                    .iter_mut()
                    .zip(v.iter().chain(std::iter::repeat(&0)))
                {
                    *slot = *n;
                }
            }
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    unlabeled_paths.extend(extra);
    let train_text = read(&train_path)?;
    let dev_text = dev_path.as_ref().map(read).transpose()?;
    let mut unlabeled_texts = Vec::new();
    for p in &unlabeled_paths {
        unlabeled_texts.push(read(p)?);
    }
    // The dev tokens are unlabelled text too (their tags are only used to pick the epoch).
    if let Some(dev) = &dev_text {
        unlabeled_texts.push(dev.clone());
    }
    let unlabeled: Vec<&str> = unlabeled_texts.iter().map(String::as_str).collect();
    let gazetteer = Gazetteer::empty();
    let start = Instant::now();
    let bytes = train(
        &train_text,
        dev_text.as_deref(),
        &unlabeled,
        &gazetteer,
        &opts,
        &mut |msg| {
            eprintln!("[{:7.1}s] {msg}", start.elapsed().as_secs_f64());
        },
    )?;
    let secs = start.elapsed().as_secs_f64();
    std::fs::write(&out, &bytes)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
    eprintln!(
        "wrote {} ({} bytes) in {secs:.1}s",
        out.display(),
        bytes.len()
    );
    let model = NerModel::from_bytes(&bytes)?;
    if let Some(dev) = &dev_text {
        let scores = evaluate(&model, dev, &gazetteer)?;
        println!(
            "dev ({}):\n{}",
            dev_path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            format_conlleval(&scores)
        );
    }
    Ok(())
}
