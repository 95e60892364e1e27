//! How well Frog's converted trees agree with a UD treebank on the same
//! sentences (Frog run on the treebank's own tokens): the quality of the
//! uptraining data. Usage: `frog_check FROG_OUTPUT GOLD.conllu`.

use kroniek_nlp::{parse_conllu, read_frog_parses};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [frog, gold] = args.as_slice() else {
        return Err("usage: frog_check FROG_OUTPUT GOLD.conllu".into());
    };
    let trees = read_frog_parses(&std::fs::read_to_string(frog)?);
    let gold = parse_conllu(&std::fs::read_to_string(gold)?)?;
    let (mut words, mut known, mut heads, mut labels, mut skipped) = (0, 0, 0, 0, 0);
    let mut gold_iter = gold.iter();
    for tree in &trees {
        // Frog drops nothing, but a sentence whose tree did not convert is
        // missing from `trees`: find the gold sentence with the same words.
        let Some(g) = gold_iter.by_ref().find(|g| {
            g.words.len() == tree.forms.len()
                && g.words.iter().zip(&tree.forms).all(|(w, f)| &w.form == f)
        }) else {
            skipped += 1;
            continue;
        };
        for ((w, h), l) in g.words.iter().zip(&tree.heads).zip(&tree.labels) {
            words += 1;
            let Some(h) = h else { continue };
            known += 1;
            if *h == w.head {
                heads += 1;
                let main = |l: &str| l.split(':').next().unwrap_or("").to_string();
                labels += usize::from(l.is_some_and(|l| main(l) == main(&w.deprel)));
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "sentences {} of {} (unaligned {skipped}); words {words}; known arcs {:.1}%; UAS on known {:.2}; LAS on known {:.2}",
        trees.len(),
        gold.len(),
        pct(known, words),
        pct(heads, known),
        pct(labels, known)
    );
    Ok(())
}
