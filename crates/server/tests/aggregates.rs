//! The fast paths (yearly counts, light dyad rows) give what the plain
//! queries over every event give, on a store with every kind of event.
#![allow(clippy::unwrap_used)]

use kroniek_analysis::{PeriodUnit, TimelineOptions};
use kroniek_model::{Category, Document, Event, EventActor, Modality, Sentence, Span};
use kroniek_server::queries;
use kroniek_server::views::TimelineRequest;
use kroniek_store::{RunSummary, SqliteStore, Store};

const CODES: [&str; 5] = ["FRA", "DEU", "NOR", "ISL", "BEL"];
const DATES: [Option<&str>; 8] = [
    Some("2019-03-04"),
    Some("2019-11"),
    Some("2020"),
    None,
    Some("2020-12-31"),
    Some("2021-01"),
    Some("2021-W05"),
    Some("2019-07-14"),
];

fn actor(k: usize, code: &str) -> Option<EventActor> {
    match k % 19 {
        0 => None,
        // A person: registry id with a colon, and sometimes no country.
        1 | 2 => Some(EventActor {
            id: Some("person:rutte".into()),
            name: Some("Rutte".into()),
            text: "Rutte".into(),
            country: k.is_multiple_of(2).then(|| "NLD".into()),
            sector: None,
        }),
        _ => Some(EventActor {
            id: Some(code.into()),
            name: None,
            text: code.into(),
            country: Some(code.into()),
            sector: None,
        }),
    }
}

/// 40 documents, 12 events each, over five countries and one person.
fn store() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let run = store.begin_run("test").unwrap();
    let mut docs = Vec::new();
    for d in 0..40usize {
        let events = (0..12usize)
            .map(|i| {
                let k = d * 12 + i;
                let category = Category::ALL[k % Category::ALL.len()];
                Event {
                    event_id: format!("d{d:02}-e{i:02}"),
                    doc_id: format!("d{d:02}"),
                    sentence_index: (i % 3) as u32,
                    sentence: format!("Zin {i} van stuk {d}."),
                    span: Span { start: 0, end: 5 },
                    trigger: "zin".into(),
                    trigger_span: Span { start: 0, end: 3 },
                    date: DATES[(k * 7 + d) % DATES.len()].map(String::from),
                    date_precision: None,
                    date_rule: "test".into(),
                    source: actor(k, CODES[k % 5]),
                    target: actor(k + 7, CODES[(k / 5 + 1 + k % 5) % 5]),
                    category,
                    mode: None,
                    quad_class: category.quad_class(),
                    score: category.score(),
                    negated: k % 9 == 0,
                    modality: if k % 13 == 0 {
                        Modality::Hypothetical
                    } else {
                        Modality::Asserted
                    },
                    attribution: None,
                    confidence: 0.9,
                    coder_version: "test".into(),
                }
            })
            .collect();
        docs.push(Document {
            id: format!("d{d:02}"),
            text: "Zin. Zin. Zin.".into(),
            raw: "Zin. Zin. Zin.".into(),
            sentences: (0..3)
                .map(|s| Sentence {
                    span: Span {
                        start: s * 5,
                        end: s * 5 + 4,
                    },
                    token_start: 0,
                    token_end: 0,
                })
                .collect(),
            events,
            ..Default::default()
        });
    }
    for doc in &docs {
        store.put_document(doc, run).unwrap();
    }
    // Replace some documents, so the counts have seen deletions too.
    for doc in docs.iter_mut().step_by(7) {
        doc.events.truncate(5);
        for e in &mut doc.events {
            e.negated = !e.negated;
        }
        store.put_document(doc, run).unwrap();
    }
    store.finish_run(run, &RunSummary::default()).unwrap();
    assert!(store.check().unwrap().is_empty());
    (dir, store)
}

fn rows<T: rusqlite::types::FromSql>(
    store: &SqliteStore,
    sql: &str,
    args: impl rusqlite::Params,
    width: usize,
) -> Vec<Vec<T>> {
    let mut stmt = store.connection().prepare(sql).unwrap();
    stmt.query_map(args, |r| (0..width).map(|i| r.get(i)).collect())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

type Value = rusqlite::types::Value;

#[test]
fn top_dyads_match_the_events() {
    let (_dir, store) = store();
    let fast = queries::top_dyads(&store, 100).unwrap();
    let slow: Vec<Vec<Value>> = rows(
        &store,
        "SELECT min(source_code, target_code), max(source_code, target_code), count(*), avg(score)
         FROM events
         WHERE source_code IS NOT NULL AND target_code IS NOT NULL
           AND source_code != target_code AND negated = 0
         GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 100",
        [],
        4,
    );
    assert!(fast.len() > 5);
    assert_eq!(fast.len(), slow.len());
    for (f, s) in fast.iter().zip(&slow) {
        assert_eq!(Value::Text(f.a.clone()), s[0]);
        assert_eq!(Value::Text(f.b.clone()), s[1]);
        assert_eq!(Value::Integer(f.events as i64), s[2]);
        assert_eq!(Value::Real(f.mean_score), s[3]);
    }
}

#[test]
fn relations_match_the_events() {
    let (_dir, store) = store();
    for actor in ["FRA", "NLD", "person:rutte", "BEL"] {
        let src = if actor.contains(':') {
            "source_id"
        } else {
            "source_code"
        };
        let tgt = if actor.contains(':') {
            "target_id"
        } else {
            "target_code"
        };
        let slow: Vec<Vec<Value>> = rows(
            &store,
            &format!(
                "SELECT substr(date_begin, 1, 4), other, count(*), sum(score > 0), sum(score < 0), avg(score)
                 FROM (
                   SELECT date_begin, target_code AS other, score FROM events
                     WHERE {src} = ?1 AND negated = 0
                   UNION ALL
                   SELECT date_begin, source_code AS other, score FROM events
                     WHERE {tgt} = ?1 AND negated = 0 AND NOT ({src} = ?1)
                 )
                 WHERE date_begin IS NOT NULL AND other IS NOT NULL AND other != ?1
                 GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2"
            ),
            [actor],
            6,
        );
        let (fast, total) = queries::relations(&store, actor).unwrap();
        assert!(!fast.is_empty(), "{actor}");
        assert_eq!(fast.len(), slow.len(), "{actor}");
        for (f, s) in fast.iter().zip(&slow) {
            assert_eq!(
                vec![
                    Value::Text(f.year.clone()),
                    Value::Text(f.other.clone()),
                    Value::Integer(f.events as i64),
                    Value::Integer(f.cooperative as i64),
                    Value::Integer(f.conflictual as i64),
                    Value::Real(f.mean_score),
                ],
                *s,
                "{actor}"
            );
        }
        assert_eq!(total, fast.iter().map(|r| r.events).sum::<u64>());
    }
}

#[test]
fn network_edges_match_the_events() {
    let (_dir, store) = store();
    let ranges = [
        (None, None),
        (Some("2019"), Some("2019")),
        (Some("2020"), None),
        (None, Some("2020")),
        (Some("2019-11"), Some("2020-12-31")),
        (Some("2020-12-31"), Some("2021-01")),
    ];
    for (from, to) in ranges {
        let begin = from.map(|f: &str| match f.len() {
            4 => format!("{f}-01-01"),
            7 => format!("{f}-01"),
            _ => f.to_string(),
        });
        let end = to.map(|t: &str| match t.len() {
            4 => format!("{t}-12-31"),
            7 => format!("{t}-31"),
            _ => t.to_string(),
        });
        let slow: Vec<Vec<Value>> = rows(
            &store,
            "SELECT source_code, target_code, count(*),
                    total(CASE WHEN score > 0 THEN score ELSE 0 END),
                    total(CASE WHEN score < 0 THEN -score ELSE 0 END)
             FROM events
             WHERE source_code IS NOT NULL AND target_code IS NOT NULL
               AND source_code != target_code AND negated = 0 AND date_begin IS NOT NULL
               AND (?1 IS NULL OR date_end >= ?1) AND (?2 IS NULL OR date_begin <= ?2)
             GROUP BY 1, 2 ORDER BY 1, 2",
            [begin, end],
            5,
        );
        let mut fast = queries::edges(&store, from, to).unwrap();
        fast.sort_by(|a, b| (&a.source, &a.target).cmp(&(&b.source, &b.target)));
        assert!(!fast.is_empty(), "{from:?} {to:?}");
        let fast: Vec<Vec<Value>> = fast
            .into_iter()
            .map(|e| {
                vec![
                    Value::Text(e.source),
                    Value::Text(e.target),
                    Value::Integer(e.events as i64),
                    Value::Real(e.cooperation),
                    Value::Real(e.conflict),
                ]
            })
            .collect();
        assert_eq!(fast, slow, "{from:?} {to:?}");
    }
}

#[test]
fn dyad_rows_and_timelines_match_the_whole_events() {
    let (_dir, store) = store();
    for (a, b, directed) in [
        ("FRA", "DEU", false),
        ("DEU", "FRA", true),
        ("person:rutte", "NOR", false),
        ("BEL", "BEL", false),
        ("XXX", "FRA", false),
    ] {
        let whole = queries::dyad_events(&store, a, b, directed, true).unwrap();
        let light = queries::dyad_points(&store, a, b, directed).unwrap();
        let ids = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
        assert_eq!(
            ids(light.iter().map(|e| e.point.event_id.as_str()).collect()),
            ids(whole.iter().map(|e| e.event_id.as_str()).collect()),
            "{a} {b}"
        );
        for (l, w) in light.iter().zip(&whole) {
            let mut expected = kroniek_analysis::EventPoint::from(w);
            expected.sentence = String::new();
            for actor in [&mut expected.source, &mut expected.target]
                .into_iter()
                .flatten()
            {
                actor.name = None;
            }
            assert_eq!(l.point, expected);
            assert_eq!(l.sentence_index, i64::from(w.sentence_index));
        }
        for by in ["year", "quarter", "month", "week"] {
            for (from, to) in [
                (None, None),
                (Some("2019-06".to_string()), Some("2020".to_string())),
            ] {
                let request = TimelineRequest::parse(
                    a,
                    b,
                    &Some(by.into()),
                    &Some(directed.to_string()),
                    &from,
                    &to,
                )
                .unwrap();
                let (fast, _) = request.compute(&store).unwrap();
                let opts = TimelineOptions {
                    by: PeriodUnit::parse(by).unwrap(),
                    directed,
                    from: from.clone(),
                    to: to.clone(),
                    evidence_per_period: 3,
                    ..TimelineOptions::default()
                };
                let slow = kroniek_analysis::timeline(&whole, a, b, &opts);
                assert_eq!(fast, slow, "{a} {b} {by} {from:?}");
            }
        }
    }
}

#[test]
fn overview_figures_match_the_store_stats() {
    let (_dir, store) = store();
    let stats = store.stats().unwrap();
    let overview = queries::overview(&store).unwrap();
    assert_eq!(
        overview,
        queries::Overview {
            documents: stats.documents,
            events: stats.events,
            sentences: stats.sentences,
            languages: stats.languages,
            first_date: stats.first_date,
            last_date: stats.last_date,
            undated_documents: stats.undated_documents,
        }
    );
    assert_eq!(overview.documents, 40);
}
