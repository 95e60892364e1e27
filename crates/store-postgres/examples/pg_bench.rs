//! Measures PgStore for docs/benchmarks/postgres.md (not a test):
//!   pg_bench ingest URL N WRITER   put N synthetic documents (writer 1 walks them backwards)
//!   pg_bench check URL N           every document and event stored exactly once?
//!   pg_bench dyads URL QUERIES     timeline-style dyad queries: p50/p95 latency
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use kroniek_model::Category;
use kroniek_store::testsuite::{doc, event};
use kroniek_store::{EventFilter, Store, prepare};
use kroniek_store_postgres::PgStore;

const CODES: [&str; 12] = [
    "NLD", "BEL", "DEU", "FRA", "RUS", "UKR", "ARM", "AZE", "TUR", "USA", "CHN", "IRN",
];
const EVENTS_PER_DOC: usize = 20;

/// Deterministic pseudo-random numbers (xorshift), so both writers build the same documents.
fn mix(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

fn synthetic(i: usize) -> kroniek_model::Document {
    let sentences: Vec<String> = (0..EVENTS_PER_DOC)
        .map(|s| format!("Zin {s} van bericht {i}: de regering overlegde met de buren."))
        .collect();
    let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let mut d = doc(&format!("bench{i:07}"), &refs);
    let mut r = mix(i as u64 + 1);
    d.events = (0..EVENTS_PER_DOC)
        .map(|n| {
            r = mix(r);
            let a = CODES[(r % 12) as usize];
            let b = CODES[((r >> 8) % 12) as usize];
            let date = format!(
                "{}-{:02}-{:02}",
                2015 + (r >> 16) % 10,
                1 + (r >> 24) % 12,
                1 + (r >> 32) % 28
            );
            event(&d, n, n as u32, (a, b), Category::Consult, Some(&date))
        })
        .collect();
    d
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (cmd, url, n) = (&args[1], &args[2], args[3].parse::<usize>().unwrap());
    let mut store = PgStore::connect(url).expect("connect");
    match cmd.as_str() {
        "ingest" => {
            let backwards = args.get(4).map(String::as_str) == Some("1");
            let order: Vec<usize> = if backwards {
                (0..n).rev().collect()
            } else {
                (0..n).collect()
            };
            let run = store.begin_run("bench").unwrap();
            let start = Instant::now();
            for chunk in order.chunks(50) {
                let prepared: Vec<_> = chunk.iter().map(|&i| prepare(synthetic(i))).collect();
                store.begin_batch().unwrap();
                for p in &prepared {
                    store.put_prepared(p, run).unwrap();
                }
                store.commit_batch().unwrap();
            }
            let secs = start.elapsed().as_secs_f64();
            println!(
                "writer put {n} documents in {secs:.1} s: {:.0} docs/s",
                n as f64 / secs
            );
        }
        "check" => {
            let s = store.stats().unwrap();
            println!(
                "documents {} events {} sentences {}",
                s.documents, s.events, s.sentences
            );
            assert_eq!(s.documents as usize, n, "documents lost or duplicated");
            assert_eq!(
                s.events as usize,
                n * EVENTS_PER_DOC,
                "events lost or duplicated"
            );
        }
        "dyads" => {
            let mut times = Vec::with_capacity(n);
            let mut rows = 0;
            let mut r = 42u64;
            for _ in 0..n {
                r = mix(r);
                let filter = EventFilter {
                    dyad: Some((
                        CODES[(r % 12) as usize].into(),
                        CODES[((r >> 8) % 12) as usize].into(),
                    )),
                    from: Some(format!("{}", 2015 + (r >> 16) % 8)),
                    to: Some(format!("{}", 2017 + (r >> 16) % 8)),
                    ..Default::default()
                };
                let start = Instant::now();
                rows += store.events(&filter).unwrap().len();
                times.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
            println!(
                "{n} dyad queries over {} events: p50 {:.1} ms, p95 {:.1} ms, mean rows {}",
                store.stats().unwrap().events,
                at(0.5),
                at(0.95),
                rows / n
            );
        }
        _ => eprintln!("unknown command {cmd}"),
    }
}
