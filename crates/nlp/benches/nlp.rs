//! Tokens per second of the tagger alone and of tagger + lemmatiser + parser
//! on the sentences of UD Dutch Alpino test (read from ../shared).

use std::path::PathBuf;

use divan::counter::ItemsCount;
use kroniek_nlp::{Models, parse_conllu};

fn main() {
    divan::main();
}

fn sentences() -> Vec<Vec<String>> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud-nl/test.conllu");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    if text.is_empty() {
        eprintln!(
            "benchmark data {} not found: nothing to measure",
            path.display()
        );
    }
    parse_conllu(&text)
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.words.into_iter().map(|w| w.form).collect())
        .collect()
}

fn run(bencher: divan::Bencher, full: bool) {
    let Ok(models) = Models::builtin() else {
        eprintln!("built-in models do not load: nothing to measure");
        return;
    };
    let sentences = sentences();
    let forms: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let tokens: usize = forms.iter().map(Vec::len).sum();
    bencher.counter(ItemsCount::new(tokens)).bench(|| {
        for s in &forms {
            if full {
                divan::black_box(models.annotate_tokens(s));
            } else {
                divan::black_box(models.tag(s));
            }
        }
    });
}

#[divan::bench(sample_count = 10)]
fn tagger(bencher: divan::Bencher) {
    run(bencher, false);
}

#[divan::bench(sample_count = 10)]
fn tagger_lemmatiser_parser(bencher: divan::Bencher) {
    run(bencher, true);
}
