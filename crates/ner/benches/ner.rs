//! Tagging speed of the shipped model on CoNLL-2002 Dutch testa (needs ../shared).

use kroniek_model::{Document, Sentence, Span, Token};
use kroniek_ner::{Gazetteer, NerModel};

fn main() {
    divan::main();
}

/// testa's articles as pipeline documents (tokens joined by spaces).
fn testa_documents() -> Vec<Document> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/conll2002-nl/ned.testa"
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut docs = Vec::new();
    let mut doc = Document::default();
    let mut sentence_start: Option<(usize, u32)> = None;
    let close = |doc: &mut Document, open: &mut Option<(usize, u32)>| {
        if let Some((start, first)) = open.take() {
            let end = doc.text.len();
            doc.sentences.push(Sentence {
                span: Span::new(start, end),
                token_start: first,
                token_end: doc.tokens.len() as u32,
            });
        }
    };
    for line in text.lines() {
        let token = line.split_whitespace().next().unwrap_or("");
        if token.is_empty() {
            close(&mut doc, &mut sentence_start);
        } else if token == "-DOCSTART-" {
            close(&mut doc, &mut sentence_start);
            if !doc.tokens.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
        } else {
            if !doc.text.is_empty() {
                doc.text.push(' ');
            }
            if sentence_start.is_none() {
                sentence_start = Some((doc.text.len(), doc.tokens.len() as u32));
            }
            let start = doc.text.len();
            doc.text.push_str(token);
            doc.tokens
                .push(Token::new(Span::new(start, doc.text.len())));
        }
    }
    close(&mut doc, &mut sentence_start);
    if !doc.tokens.is_empty() {
        docs.push(doc);
    }
    docs
}

/// Whole articles through `recognise`, as the pipeline calls it.
#[divan::bench(sample_count = 10)]
fn recognise_testa_articles(bencher: divan::Bencher) {
    let Ok(model) = NerModel::builtin() else {
        eprintln!("built-in model missing; nothing to measure");
        return;
    };
    let docs = testa_documents();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let gazetteer = Gazetteer::empty();
    bencher
        .counter(divan::counter::ItemsCount::new(tokens))
        .bench(|| {
            let mut n = 0;
            for doc in &docs {
                n += model.recognise(doc, &gazetteer).len();
            }
            divan::black_box(n)
        });
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
