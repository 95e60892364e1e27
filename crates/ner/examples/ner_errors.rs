//! Lists the sentences of a labelled CoNLL file where the model's entities
//! differ from the gold ones (for error analysis).
//!
//! cargo run --release -p kroniek-ner --example ner_errors -- --conll FILE [--model FILE]

use kroniek_ner::{Gazetteer, NerModel};

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
    let conll =
        conll.ok_or_else(|| anyhow::anyhow!("usage: errors --conll FILE [--model FILE]"))?;
    let text = std::fs::read_to_string(&conll)?;
    let owned;
    let model: &NerModel = match model_path {
        Some(p) => {
            owned = NerModel::from_bytes(&std::fs::read(&p)?)?;
            &owned
        }
        None => NerModel::builtin()?,
    };
    // Sentence by sentence, without article context: enough to see the kinds of error.
    let mut sentence: Vec<(String, String)> = Vec::new();
    let flush = |sentence: &mut Vec<(String, String)>| {
        if sentence.is_empty() {
            return;
        }
        let forms: Vec<&str> = sentence.iter().map(|(w, _)| w.as_str()).collect();
        let predicted = model.tag_tokens(&forms, &Gazetteer::empty());
        if sentence.iter().zip(&predicted).any(|((_, g), p)| g != p) {
            let line: Vec<String> = sentence
                .iter()
                .zip(&predicted)
                .map(|((w, g), p)| {
                    if g == p {
                        if g == "O" {
                            w.clone()
                        } else {
                            format!("{w}/{g}")
                        }
                    } else {
                        format!("[{w} {g}≠{p}]")
                    }
                })
                .collect();
            println!("{}", line.join(" "));
        }
        sentence.clear();
    };
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        match cols.as_slice() {
            [] => flush(&mut sentence),
            [first, ..] if *first == "-DOCSTART-" => flush(&mut sentence),
            [word, .., tag] => sentence.push((word.to_string(), tag.to_string())),
            _ => {}
        }
    }
    flush(&mut sentence);
    Ok(())
}
