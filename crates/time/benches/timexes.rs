//! Throughput of `annotate` (document date + all time expressions) and of
//! `attach` over every token, on the seed texts from ../shared repeated to ~1 MB.

#[path = "../tests/support/mod.rs"]
mod support;

use divan::counter::BytesCount;
use kroniek_model::Document;

fn corpus() -> Vec<Document> {
    let dir = support::shared_dir().join("corpus/seeds");
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    if texts.is_empty() {
        eprintln!(
            "../shared seeds not found at {}: using a built-in text",
            dir.display()
        );
        texts.push("Het leger trok vorige week de stad binnen. Sinds 27 september 2020 vielen er doden. In de jaren negentig woedde de oorlog, die in 1994 eindigde.".repeat(50));
    }
    let mut docs = Vec::new();
    let mut total = 0;
    while total < 1_000_000 {
        for t in &texts {
            let doc = support::seed_document(t);
            total += doc.text.len();
            docs.push(doc);
        }
    }
    docs
}

#[divan::bench(sample_count = 10)]
fn annotate(bencher: divan::Bencher) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .with_inputs(|| docs.clone())
        .bench_local_values(|mut docs| {
            for d in &mut docs {
                kroniek_time::annotate(d);
            }
            docs
        });
}

#[divan::bench(sample_count = 10)]
fn attach_every_token(bencher: divan::Bencher) {
    let mut docs = corpus();
    for d in &mut docs {
        kroniek_time::annotate(d);
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench_local(|| {
        let mut n = 0usize;
        for d in &docs {
            for (s, sentence) in d.sentences.iter().enumerate() {
                // One event per sentence is already generous for news text.
                if let Some(t) = sentence.token_range().nth(2) {
                    n += kroniek_time::attach(d, s, t).timex.is_some() as usize;
                }
            }
        }
        n
    });
}

fn main() {
    divan::main();
}
