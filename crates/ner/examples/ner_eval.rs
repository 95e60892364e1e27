//! Scores a NER model on a labelled CoNLL file with conlleval semantics.
//!
//! cargo run --release -p kroniek-ner --example ner_eval -- --conll FILE [--model FILE] [--names FILE]
//!
//! `--names`: a name list passed as the gazetteer, one `name<TAB>PER|ORG|LOC|MISC` a line.

use std::time::Instant;

use kroniek_model::MentionKind;
use kroniek_ner::{Gazetteer, NerModel, evaluate, format_conlleval};

fn read_names(path: &str) -> anyhow::Result<Gazetteer> {
    let text =
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {path}: {e}"))?;
    let mut entries = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let (name, kind) = line
            .rsplit_once('\t')
            .ok_or_else(|| anyhow::anyhow!("{path}:{}: expected name<TAB>kind", i + 1))?;
        let kind = match kind.trim() {
            "PER" => MentionKind::Per,
            "ORG" => MentionKind::Org,
            "LOC" => MentionKind::Loc,
            "MISC" => MentionKind::Misc,
            other => anyhow::bail!("{path}:{}: unknown kind {other:?}", i + 1),
        };
        entries.push((name.to_string(), kind));
    }
    Ok(Gazetteer::new(
        entries.iter().map(|(n, k)| (n.as_str(), *k)),
    ))
}

fn main() -> anyhow::Result<()> {
    let mut conll = None;
    let mut model_path = None;
    let mut names = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--conll" => conll = args.next(),
            "--model" => model_path = args.next(),
            "--names" => names = args.next(),
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
    let gazetteer = match names {
        Some(p) => read_names(&p)?,
        None => Gazetteer::empty(),
    };
    let start = Instant::now();
    let scores = evaluate(model, &text, &gazetteer)?;
    let secs = start.elapsed().as_secs_f64();
    print!("{}", format_conlleval(&scores));
    eprintln!(
        "{} tokens in {secs:.2}s ({:.0} tokens/s)",
        scores.tokens,
        scores.tokens as f64 / secs.max(1e-9)
    );
    Ok(())
}
