//! Links the five seed articles in ../shared and checks names and codes
//! that occur in them. Skips when ../shared is missing (fails when CI is set).
mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use kroniek_actors::{Registry, link};
use kroniek_model::Document;

fn seeds_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared/corpus/seeds not found at {}",
        dir.display()
    );
    eprintln!(
        "skipping: ../shared/corpus/seeds not found at {}",
        dir.display()
    );
    None
}

/// The seed documents, with the `date YYYY-MM` header turned into the document date.
fn seeds() -> Vec<Document> {
    let Some(dir) = seeds_dir() else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("seed directory readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5, "expected five seeds in {}", dir.display());
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("seed readable");
            let header = text
                .trim_start()
                .strip_prefix("date ")
                .and_then(|rest| rest.get(..7))
                .and_then(|ym| Some((ym.get(..4)?.parse().ok()?, ym.get(5..7)?.parse().ok()?)));
            let mut doc = match header {
                Some((year, month)) => common::dated(&text, year, month),
                None => common::document(&text),
            };
            link(&mut doc, Registry::builtin().expect("registry"));
            doc
        })
        .collect()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn seed_mentions_get_the_expected_codes() {
    let docs = seeds();
    if docs.is_empty() {
        return;
    }
    let expected = [
        ("Poetin", "RUS"),
        ("Kremlin", "RUS"),
        ("Moskou", "RUS"),
        ("Jerevan", "ARM"),
        ("Pachinian", "ARM"),
        ("Pasjinjan", "ARM"),
        ("Pashinyan", "ARM"),
        ("Aliëv", "AZE"),
        ("Ilham Aliev", "AZE"),
        ("Azeri’s", "AZE"),
        ("Bakoe", "AZE"),
        ("Ankara", "TUR"),
        ("Erdogan", "TUR"),
        ("Minskgroep", "OSCE"),
        ("Minsk-groep", "OSCE"),
        ("OVSE", "OSCE"),
        ("Internationaal Strafhof", "ICC"),
        ("Strafhof", "ICC"),
        ("Stanislav Zas", "CSTO"),
        ("CSTO", "CSTO"),
        ("Oezbekistan", "UZB"),
        ("Kazachstan", "KAZ"),
        ("Oekraïne", "UKR"),
        ("Verenigde Staten", "USA"),
        ("VS", "USA"),
        ("EU", "EU"),
        ("Europese Unie", "EU"),
        ("Verenigde Naties", "UN"),
        ("NAVO", "NATO"),
        ("Sovjet-Unie", "SUN"),
        ("Nagorno-Karabach", "NKR"),
        ("Wit-Rusland", "BLR"),
        ("Frankrijk", "FRA"),
        ("Macron", "FRA"),
        ("Iran", "IRN"),
        ("Russische vredesmacht", "RUS"),
        ("Russische staatsmedia", "RUS"),
        ("Armeense premier", "ARM"),
        ("Ruslands", "RUS"),
        ("Armeniërs", "ARM"),
    ];
    let mut missing = Vec::new();
    for (surface, code) in expected {
        let found = docs.iter().any(|doc| {
            doc.mentions.iter().any(|m| {
                squeeze(m.span.slice(&doc.text)).contains(surface)
                    && m.code.as_deref() == Some(code)
            })
        });
        if !found {
            missing.push(format!("{surface} -> {code}"));
        }
    }
    assert!(missing.is_empty(), "not linked: {missing:?}");
}

#[test]
fn seed_codes_cover_the_region() {
    let docs = seeds();
    if docs.is_empty() {
        return;
    }
    let codes: BTreeSet<&str> = docs
        .iter()
        .flat_map(|d| d.mentions.iter().filter_map(|m| m.code.as_deref()))
        .collect();
    for want in [
        "RUS", "ARM", "AZE", "TUR", "USA", "EU", "CSTO", "ICC", "OSCE", "UKR", "UZB", "KAZ",
    ] {
        assert!(codes.contains(want), "{want} missing from {codes:?}");
    }
}

#[test]
fn seed_mentions_are_well_formed() {
    for doc in seeds() {
        for m in &doc.mentions {
            assert!(
                doc.text.get(m.span.range()).is_some(),
                "span off a char boundary"
            );
            assert!(m.token_start <= m.token_end);
            assert!((m.token_end as usize) <= doc.tokens.len());
            if m.actor_id.is_some() {
                assert!(!m.rule.is_empty() && m.confidence > 0.0, "{m:?}");
            }
        }
        let starts: Vec<u32> = doc.mentions.iter().map(|m| m.span.start).collect();
        assert!(
            starts.windows(2).all(|w| w[0] <= w[1]),
            "mentions are ordered"
        );
    }
}
