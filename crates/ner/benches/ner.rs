//! Tagging speed of the shipped model on CoNLL-2002 Dutch testa (needs ../shared).

use kroniek_ner::{Gazetteer, NerModel};

fn main() {
    divan::main();
}

fn testa_sentences() -> Vec<Vec<String>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/conll2002-nl/ned.testa"
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut out = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        let token = line.split_whitespace().next().unwrap_or("");
        if token.is_empty() || token == "-DOCSTART-" {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(token.to_string());
        }
    }
    out
}

/// Tokens per second: divan reports throughput with `counter`.
#[divan::bench(sample_count = 10)]
fn tag_testa(bencher: divan::Bencher) {
    let Ok(model) = NerModel::builtin() else {
        eprintln!("built-in model missing; nothing to measure");
        return;
    };
    let sentences = testa_sentences();
    if sentences.is_empty() {
        eprintln!("../shared/data/conll2002-nl/ned.testa not found; nothing to measure");
        return;
    }
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let gazetteer = Gazetteer::empty();
    bencher
        .counter(divan::counter::ItemsCount::new(tokens))
        .bench(|| {
            let mut n = 0;
            for s in &sentences {
                let forms: Vec<&str> = s.iter().map(String::as_str).collect();
                n += model.tag_tokens(&forms, &gazetteer).len();
            }
            divan::black_box(n)
        });
}
