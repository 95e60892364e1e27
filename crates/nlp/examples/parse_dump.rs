//! Development aid: annotates the gold tokenisation of a CoNLL-U file with
//! given model files and prints gold and predicted columns side by side
//! (id, form, gold UPOS, predicted UPOS, gold head, predicted head, gold
//! deprel, predicted deprel), one sentence per block, for error analysis.
//! Usage: `parse_dump FILE.conllu TAGGER.bin PARSER.bin`.
use std::io::{BufWriter, Write};

use kroniek_nlp::{Models, parse_conllu};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(tagger), Some(parser)) = (args.first(), args.get(1), args.get(2)) else {
        return Err("usage: parse_dump FILE.conllu TAGGER.bin PARSER.bin".into());
    };
    let gold = parse_conllu(&std::fs::read_to_string(path)?)?;
    let models = Models::from_bytes(&std::fs::read(tagger)?, &std::fs::read(parser)?)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for s in &gold {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        for (i, (g, p)) in s
            .words
            .iter()
            .zip(models.annotate_tokens(&forms))
            .enumerate()
        {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                i + 1,
                g.form,
                g.upos,
                p.upos,
                g.head,
                p.head,
                g.deprel,
                p.deprel
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
