//! Error listing on a CoNLL-U file for development: UPOS confusions, lemma errors.
use std::collections::HashMap;

use kroniek_nlp::{Models, parse_conllu};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let gold = parse_conllu(&std::fs::read_to_string(&args[0])?)?;
    let models = Models::from_bytes(&std::fs::read(&args[1])?, &std::fs::read(&args[2])?)?;
    let mut confusion: HashMap<(String, String), usize> = HashMap::new();
    let mut lemma_errors: HashMap<(String, String, String), usize> = HashMap::new();
    let mut feats_errors: HashMap<(String, String, String), usize> = HashMap::new();
    let mut head_errors: HashMap<String, usize> = HashMap::new();
    let mut label_errors: HashMap<(String, String), usize> = HashMap::new();
    for s in &gold {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let out = models.annotate_tokens(&forms);
        for (g, p) in s.words.iter().zip(&out) {
            if g.upos != p.upos {
                *confusion
                    .entry((g.upos.clone(), format!("{} {}", p.upos, g.form)))
                    .or_default() += 1;
            } else if g.lemma != p.lemma {
                *lemma_errors
                    .entry((g.form.clone(), g.lemma.clone(), p.lemma.to_string()))
                    .or_default() += 1;
            }
            if g.upos == p.upos && g.feats != p.feats {
                *feats_errors
                    .entry((g.upos.clone(), g.feats.clone(), p.feats.to_string()))
                    .or_default() += 1;
            }
            if g.head != p.head as usize {
                *head_errors.entry(g.deprel.clone()).or_default() += 1;
            }
            if g.head == p.head as usize && g.deprel.split(':').next() != p.deprel.split(':').next()
            {
                *label_errors
                    .entry((g.deprel.clone(), p.deprel.to_string()))
                    .or_default() += 1;
            }
        }
    }
    for (name, map) in [
        (
            "upos",
            confusion
                .into_iter()
                .map(|(k, v)| (format!("{} -> {}", k.0, k.1), v))
                .collect::<Vec<_>>(),
        ),
        (
            "lemma",
            lemma_errors
                .into_iter()
                .map(|(k, v)| (format!("{} {} -> {}", k.0, k.1, k.2), v))
                .collect(),
        ),
        (
            "feats",
            feats_errors
                .into_iter()
                .map(|(k, v)| (format!("{} {} -> {}", k.0, k.1, k.2), v))
                .collect(),
        ),
        (
            "label",
            label_errors
                .into_iter()
                .map(|(k, v)| (format!("{} -> {}", k.0, k.1), v))
                .collect(),
        ),
    ] {
        let mut v = map;
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        println!("== {name}: {} errors", v.iter().map(|x| x.1).sum::<usize>());
        for (k, n) in v.iter().take(600) {
            println!("{n:5} {k}");
        }
    }
    let mut heads: Vec<_> = head_errors.into_iter().collect();
    heads.sort_by_key(|x| std::cmp::Reverse(x.1));
    println!("== head errors by gold relation");
    for (k, n) in heads.iter().take(25) {
        println!("{n:5} {k}");
    }
    Ok(())
}
