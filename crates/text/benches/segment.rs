//! Throughput of cleaning and segmentation on articles built from the
//! `# text =` sentences of UD Dutch LassySmall (../shared), wrapped at 80
//! columns the way extraction leaves them: half with blank lines between all
//! lines (web pages), half with hard wraps and blank lines between
//! paragraphs only (PDF). Run: `cargo bench -p kroniek-text --bench segment`.

use std::path::PathBuf;
use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::BytesCount;

const SENTENCES_PER_PARAGRAPH: usize = 5;
const PARAGRAPHS_PER_ARTICLE: usize = 4;
const WRAP_COLUMNS: usize = 80;

static ARTICLES: LazyLock<Vec<String>> = LazyLock::new(build_articles);

fn main() {
    divan::main();
}

fn build_articles() -> Vec<String> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud-nl/train.conllu");
    let conllu = match std::fs::read_to_string(&path) {
        Ok(c) => c,
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "cannot read {}: {e}",
                path.display()
            );
            eprintln!("skipping: cannot read {}: {e}", path.display());
            return Vec::new();
        }
    };
    let sentences: Vec<&str> = conllu
        .lines()
        .filter_map(|l| l.strip_prefix("# text = "))
        .collect();
    let per_article = SENTENCES_PER_PARAGRAPH * PARAGRAPHS_PER_ARTICLE;
    sentences
        .chunks(per_article)
        .enumerate()
        .map(|(n, chunk)| {
            let web_style = n % 2 == 0;
            let paragraphs: Vec<String> = chunk
                .chunks(SENTENCES_PER_PARAGRAPH)
                .map(|p| wrap(&p.join(" "), web_style))
                .collect();
            paragraphs.join("\n\n")
        })
        .collect()
}

/// Wraps at `WRAP_COLUMNS`; web style puts a blank line after every line.
fn wrap(paragraph: &str, web_style: bool) -> String {
    let separator = if web_style { " \n\n" } else { " \n" };
    let mut out = String::with_capacity(paragraph.len() + paragraph.len() / 40);
    let mut line_len = 0;
    for word in paragraph.split(' ') {
        if line_len > 0 && line_len + word.len() > WRAP_COLUMNS {
            out.push_str(separator);
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += word.len();
    }
    out
}

fn total_bytes(texts: &[String]) -> usize {
    texts.iter().map(String::len).sum()
}

#[divan::bench]
fn clean_and_segment(bencher: Bencher) {
    let articles = &*ARTICLES;
    bencher
        .counter(BytesCount::new(total_bytes(articles)))
        .bench(|| {
            let mut tokens = 0;
            for raw in articles {
                let cleaned = kroniek_text::clean(divan::black_box(raw));
                tokens += kroniek_text::segment(&cleaned.text).1.len();
            }
            tokens
        });
}

#[divan::bench]
fn clean_only(bencher: Bencher) {
    let articles = &*ARTICLES;
    bencher
        .counter(BytesCount::new(total_bytes(articles)))
        .bench(|| {
            articles
                .iter()
                .map(|raw| kroniek_text::clean(divan::black_box(raw)).text.len())
                .sum::<usize>()
        });
}

#[divan::bench]
fn segment_only(bencher: Bencher) {
    let cleaned: Vec<String> = ARTICLES
        .iter()
        .map(|raw| kroniek_text::clean(raw).text)
        .collect();
    bencher
        .counter(BytesCount::new(total_bytes(&cleaned)))
        .bench(|| {
            cleaned
                .iter()
                .map(|text| kroniek_text::segment(divan::black_box(text)).1.len())
                .sum::<usize>()
        });
}

#[divan::bench(sample_count = 20)]
fn identify_language(bencher: Bencher) {
    let cleaned: Vec<String> = ARTICLES
        .iter()
        .map(|raw| kroniek_text::clean(raw).text)
        .collect();
    bencher
        .counter(BytesCount::new(total_bytes(&cleaned)))
        .bench(|| {
            cleaned
                .iter()
                .filter(|text| kroniek_text::identify_language(divan::black_box(text)).is_some())
                .count()
        });
}
