//! Two `kroniek ingest` processes at once into one PostgreSQL store
//! ($KRONIEK_TEST_POSTGRES; skipped without it): every article is stored
//! exactly once and the store answers like a one-process SQLite ingest of
//! the same articles. The 10,000-article version is
//! scripts/pg-concurrent-ingest.sh (docs/benchmarks/postgres.md).
#![cfg(feature = "postgres")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::process::Command;

use kroniek_store::{DocFilter, EventFilter, SqliteStore, Store};
use kroniek_store_postgres::{PgStore, postgres};

const ARTICLES: usize = 400;

/// Short synthetic articles (own templates), each with a unique sentence.
fn articles() -> Vec<String> {
    let countries = [
        "Nederland",
        "België",
        "Duitsland",
        "Frankrijk",
        "Rusland",
        "Oekraïne",
        "Armenië",
        "Azerbeidzjan",
    ];
    let acts = [
        "sprak met",
        "steunde",
        "bekritiseerde",
        "beschuldigde",
        "stuurde hulp naar",
    ];
    (0..ARTICLES)
        .map(|i| {
            let a = countries[i % countries.len()];
            let b = countries[(i / 3 + 1 + i) % countries.len()];
            let b = if a == b { "Polen" } else { b };
            let text = format!(
                "{a} {} {b} over de handel. Het overleg duurde {} uur. Dit is bericht {i}.",
                acts[i % acts.len()],
                i % 9 + 1
            );
            serde_json::json!({
                "id": format!("art-{i:04}"),
                "title": format!("Bericht {i}"),
                "date": format!("20{:02}-{:02}-{:02}", 15 + i % 9, i % 12 + 1, i % 28 + 1),
                "text": text,
            })
            .to_string()
        })
        .collect()
}

fn write_lines(path: &Path, lines: &[&String]) {
    let mut f = std::fs::File::create(path).unwrap();
    for l in lines {
        writeln!(f, "{l}").unwrap();
    }
}

fn ingest(store: &str, input: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kroniek"))
        .args(["--store", store, "ingest", "--jobs", "1", "--json"])
        .arg(input)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start kroniek ingest")
}

#[test]
fn two_ingest_processes_store_every_article_once() {
    let Some(server) = std::env::var("KRONIEK_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("skipping: set KRONIEK_TEST_POSTGRES=postgres://USER@HOST:PORT/DB to run");
        return;
    };
    // A database of its own, next to the one named in the URL.
    let db = format!("kroniek_cli_{}", std::process::id());
    let mut admin = postgres::Client::connect(&server, postgres::NoTls).expect("connect");
    // One statement a call: CREATE/DROP DATABASE cannot run in a transaction block.
    for sql in [
        format!("DROP DATABASE IF EXISTS {db}"),
        format!("CREATE DATABASE {db}"),
    ] {
        admin.batch_execute(&sql).expect("create database");
    }
    let (base, _) = server.rsplit_once('/').expect("URL ends in /DB");
    let url = format!("{base}/{db}");

    let dir = tempfile::tempdir().unwrap();
    let all = articles();
    let first: Vec<&String> = all[..ARTICLES * 3 / 5].iter().collect();
    let last: Vec<&String> = all[ARTICLES * 2 / 5..].iter().rev().collect();
    write_lines(&dir.path().join("a.jsonl"), &first);
    write_lines(&dir.path().join("b.jsonl"), &last);
    write_lines(
        &dir.path().join("all.jsonl"),
        &all.iter().collect::<Vec<_>>(),
    );
    let mut a = ingest(&url, &dir.path().join("a.jsonl"));
    let mut b = ingest(&url, &dir.path().join("b.jsonl"));
    assert!(a.wait().unwrap().success(), "first ingest failed");
    assert!(b.wait().unwrap().success(), "second ingest failed");
    let sqlite_dir = dir.path().join("sqlite");
    let one = ingest(sqlite_dir.to_str().unwrap(), &dir.path().join("all.jsonl"))
        .wait()
        .unwrap();
    assert!(one.success());

    let pg = PgStore::connect(&url).expect("open the PostgreSQL store");
    let sqlite = SqliteStore::open(&sqlite_dir).unwrap();
    let docs = pg.documents(&DocFilter::default()).unwrap();
    let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
    let expected: Vec<String> = (0..ARTICLES).map(|i| format!("art-{i:04}")).collect();
    assert_eq!(ids, expected, "every article exactly once, none lost");
    assert!(pg.check().unwrap().is_empty());
    let all_events = EventFilter {
        include_negated: true,
        ..Default::default()
    };
    let events = pg.events(&all_events).unwrap();
    assert!(!events.is_empty(), "the articles have events");
    assert_eq!(events, sqlite.events(&all_events).unwrap());
    let (s, q) = (pg.stats().unwrap(), sqlite.stats().unwrap());
    assert_eq!(
        (s.documents, s.sentences, s.mentions, s.events, s.runs),
        (q.documents, q.sentences, q.mentions, q.events, 2)
    );
    drop(pg);
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {db}"))
        .expect("drop database");
}
