//! Scores a NER model on a labelled CoNLL file with conlleval semantics.
//!
//! cargo run --release -p kroniek-ner --example eval -- --conll FILE [--model FILE]

use std::time::Instant;

use kroniek_ner::{Gazetteer, NerModel, evaluate, format_conlleval};

fn main() -> anyhow::Result<()> {
    let mut conll = None;
    let mut model_path = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--conll" => conll = args.next(),
            "--model" => model_path = args.next(),
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    let conll = conll.ok_or_else(|| anyhow::anyhow!("usage: eval --conll FILE [--model FILE]"))?;
    let text =
        std::fs::read_to_string(&conll).map_err(|e| anyhow::anyhow!("cannot read {conll}: {e}"))?;
    let owned;
    let model: &NerModel = match model_path {
        Some(p) => {
            let bytes = std::fs::read(&p).map_err(|e| anyhow::anyhow!("cannot read {p}: {e}"))?;
            owned = NerModel::from_bytes(&bytes)?;
            &owned
        }
        None => NerModel::builtin()?,
    };
    let start = Instant::now();
    let scores = evaluate(model, &text, &Gazetteer::empty())?;
    let secs = start.elapsed().as_secs_f64();
    print!("{}", format_conlleval(&scores));
    eprintln!(
        "{} tokens in {secs:.2}s ({:.0} tokens/s)",
        scores.tokens,
        scores.tokens as f64 / secs.max(1e-9)
    );
    Ok(())
}
