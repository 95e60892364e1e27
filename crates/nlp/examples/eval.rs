//! Scores the committed models (or models given as paths) on a CoNLL-U file.
//! Usage: `cargo run --release -p kroniek-nlp --example eval -- FILE.conllu [TAGGER PARSER]`.

use std::time::Instant;

use kroniek_nlp::{Models, evaluate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        return Err("usage: eval FILE.conllu [TAGGER.bin PARSER.bin]".into());
    };
    let gold = std::fs::read_to_string(path)?;
    let owned;
    let models = match (args.get(1), args.get(2)) {
        (Some(t), Some(p)) => {
            owned = Models::from_bytes(&std::fs::read(t)?, &std::fs::read(p)?)?;
            &owned
        }
        _ => Models::builtin()?,
    };
    let start = Instant::now();
    let scores = evaluate(models, &gold)?;
    let seconds = start.elapsed().as_secs_f64();
    println!("tokens {}", scores.tokens);
    println!("UPOS   {:.2}", 100.0 * scores.upos);
    println!("feats  {:.2}", 100.0 * scores.feats);
    println!("lemma  {:.2}", 100.0 * scores.lemma);
    println!("UAS    {:.2}", 100.0 * scores.uas);
    println!("LAS    {:.2}", 100.0 * scores.las);
    println!(
        "speed  {:.0} tokens/s (tagger+lemmatiser+parser)",
        scores.tokens as f64 / seconds
    );
    Ok(())
}
