//! Annotates pre-tokenised text (one sentence a line, tokens separated by
//! spaces) with the built-in models and prints CoNLL-U; `--tag-only` runs the
//! tagger and lemmatiser without the parser. Mirrors `frog -n` for side-by-side timing.
use std::io::{BufWriter, Read, Write};

use kroniek_nlp::Models;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tag_only = std::env::args().any(|a| a == "--tag-only");
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let models = Models::builtin()?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in text.lines() {
        let forms: Vec<&str> = line.split_whitespace().collect();
        if forms.is_empty() {
            continue;
        }
        if tag_only {
            for (i, t) in models.tag_tokens(&forms).iter().enumerate() {
                writeln!(out, "{}\t{}\t{}\t{}", i + 1, t.norm, t.lemma, t.upos)?;
            }
        } else {
            for (i, t) in models.annotate_tokens(&forms).iter().enumerate() {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t_\t{}\t{}\t{}\t_\t_",
                    i + 1,
                    t.norm,
                    t.lemma,
                    t.upos,
                    if t.feats.is_empty() { "_" } else { &t.feats },
                    t.head,
                    t.deprel
                )?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}
