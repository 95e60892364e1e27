//! Linking speed on a synthetic Dutch text (sentences written for the bench).
//! Run: `cargo bench -p kroniek-actors --bench link`; divide the token count
//! printed by `setup` by the median time for tokens per second.
#[path = "../tests/common/mod.rs"]
mod common;

use kroniek_actors::{Registry, link};
use kroniek_model::{Document, MentionKind};

const SENTENCES: &[&str] = &[
    "De Armeense premier Nikol Pasjinjan zei maandag in Jerevan dat de Russische vredesmacht had gefaald.",
    "Het Kremlin reageerde woedend en woordvoerder Dmitri Peskov noemde de uitspraken onacceptabel.",
    "Volgens het ministerie van Defensie in Bakoe vielen Armeense soldaten een post aan bij de grens.",
    "Hij vroeg de Europese Unie en de Verenigde Staten om steun, maar Moskou waarschuwde voor inmenging.",
    "De Turkse president Erdogan ontmoette Aliëv in Nachitsjevan om over een nieuwe corridor te praten.",
    "Het land is lid van de CSTO, een militair bondgenootschap onder leiding van Rusland.",
    "In de hoofdstad gingen duizenden betogers de straat op tegen de regering van het land.",
    "Ruslands invloed in de regio neemt af sinds de oorlog in Oekraïne begon.",
];

fn document(repeats: usize) -> Document {
    let text = SENTENCES.repeat(repeats).join(" ");
    let mut doc = common::document(&text);
    common::ner(&mut doc, "Nikol Pasjinjan", MentionKind::Per);
    common::ner(&mut doc, "Dmitri Peskov", MentionKind::Per);
    common::ner(&mut doc, "Nachitsjevan", MentionKind::Loc);
    doc.mentions.sort_by_key(|m| m.span.start);
    doc
}

fn main() {
    divan::main();
}

#[divan::bench(args = [50, 500])]
fn link_document(bencher: divan::Bencher, repeats: usize) {
    let registry = Registry::builtin().expect("registry");
    let doc = document(repeats);
    eprintln!("{} tokens", doc.tokens.len());
    bencher
        .with_inputs(|| doc.clone())
        .bench_local_values(|mut doc| {
            link(&mut doc, registry);
            doc
        });
}

#[divan::bench]
fn parse_builtin_registry(bencher: divan::Bencher) {
    let files: Vec<(&str, String)> = ["states", "organisations", "people", "sectors"]
        .iter()
        .map(|name| {
            let path = format!(
                "{}/../../data/actors/{name}.tsv",
                env!("CARGO_MANIFEST_DIR")
            );
            (*name, std::fs::read_to_string(path).expect("data file"))
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(n, c)| (*n, c.as_str())).collect();
    bencher.bench(|| Registry::parse(&borrowed).map(|r| r.actors().count()));
}
