//! Behaviour every [`Store`] backend must show, written once and run against
//! each backend (SQLite in this crate's tests/suite.rs, PostgreSQL in
//! kroniek-store-postgres) through [`store_suite!`](crate::store_suite).
//! Failing assertions panic: this module is test code compiled as a library.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kroniek_model::{
    Category, DocDate, Document, Event, EventActor, Language, Mention, MentionKind, Modality,
    Sentence, Span,
};

use crate::{
    DocFilter, Duplicate, EventFilter, NearDuplicate, PutOutcome, SearchQuery, Store, prepare,
};

/// A backend under test: everything is on the [`Store`] trait now; kept as
/// the bound the cases (and the backends' suite files) name.
pub trait SuiteStore: Store + Send {}

impl<S: Store + Send> SuiteStore for S {}

/// Generates one `#[test]` per suite case. `$fresh` is a
/// `fn(&str) -> Option<S>` giving an empty store for the named case (None:
/// backend unavailable, skip); `$pair` a `fn(&str) -> Option<(S, S)>` giving
/// two connections to one empty store.
#[macro_export]
macro_rules! store_suite {
    ($fresh:expr, $pair:expr) => {
        $crate::store_suite!(@cases $fresh;
            put_replace_and_round_trip, duplicates_and_hashes, near_duplicates,
            document_listing, event_filters, stats_and_actors, search, analysis_rows,
            visit_events_in_order, check_finds_nothing_wrong, batch_sees_its_own_writes,
            replacing_in_a_batch_leaves_no_rows_behind);
        #[test]
        fn concurrent_ingest_loses_nothing() {
            if let Some((a, b)) = ($pair)("concurrent_ingest") {
                $crate::testsuite::concurrent_ingest_loses_nothing(a, b);
            }
        }
    };
    (@cases $fresh:expr; $($case:ident),*) => {
        $(
            #[test]
            fn $case() {
                if let Some(store) = ($fresh)(stringify!($case)) {
                    $crate::testsuite::$case(store);
                }
            }
        )*
    };
}

/// A document whose sentences are `sentences` joined by spaces; mentions and
/// events are added by the callers.
pub fn doc(id: &str, sentences: &[&str]) -> Document {
    let text = sentences.join(" ");
    let mut at = 0u32;
    let sentences = sentences
        .iter()
        .map(|s| {
            let span = Span::new(at as usize, at as usize + s.len());
            at += s.len() as u32 + 1;
            Sentence {
                span,
                token_start: 0,
                token_end: 0,
            }
        })
        .collect();
    let mut d = Document {
        id: id.into(),
        title: Some(format!("Titel van {id}")),
        raw: text.clone(),
        text,
        sentences,
        ..Default::default()
    };
    d.meta.insert("content_hash".into(), format!("hash-{id}"));
    d
}

fn dated(mut d: Document, value: &str) -> Document {
    let begin = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").unwrap();
    d.date = Some(DocDate {
        value: kroniek_model::TimeValue::day(begin),
        source: kroniek_model::DateSource::Metadata,
        evidence: None,
    });
    d
}

fn actor(code: &str) -> EventActor {
    EventActor {
        id: Some(code.into()),
        text: code.into(),
        country: Some(code.into()),
        ..Default::default()
    }
}

/// An event in sentence `sentence` of `d`, from `source` to `target`.
pub fn event(
    d: &Document,
    n: usize,
    sentence: u32,
    (source, target): (&str, &str),
    category: Category,
    date: Option<&str>,
) -> Event {
    let span = d.sentences[sentence as usize].span;
    Event {
        event_id: format!("{}#{n}", d.id),
        doc_id: d.id.clone(),
        sentence_index: sentence,
        sentence: span.slice(&d.text).to_string(),
        span,
        trigger: "trigger".into(),
        trigger_span: span,
        date: date.map(String::from),
        date_precision: None,
        date_rule: "document".into(),
        source: Some(actor(source)),
        target: Some(actor(target)),
        category,
        mode: None,
        quad_class: category.quad_class(),
        score: 0.75,
        negated: false,
        modality: Modality::default(),
        attribution: None,
        confidence: 0.5,
        coder_version: "suite".into(),
    }
}

fn mention(d: &Document, sentence: u32, word: &str, code: &str) -> Mention {
    let s = d.sentences[sentence as usize].span;
    let start = s.start as usize + d.text[s.start as usize..].find(word).unwrap();
    Mention {
        span: Span::new(start, start + word.len()),
        sentence,
        token_start: 0,
        token_end: 0,
        kind: MentionKind::Loc,
        actor_id: Some(code.into()),
        name: Some(word.into()),
        code: Some(code.into()),
        sector: None,
        office: None,
        rule: "alias".into(),
        confidence: 0.9,
    }
}

/// Three documents about Armenia, Azerbaijan and Russia, dated 2023.
fn corpus() -> Vec<Document> {
    let mut a = dated(
        doc(
            "a",
            &[
                "Armenië en Azerbeidzjan voerden overleg in Brussel.",
                "Rusland stuurde vredestroepen naar de grens.",
            ],
        ),
        "2023-05-14",
    );
    a.language = Some(Language {
        code: "nl".into(),
        confidence: 0.98,
    });
    a.mentions = vec![
        mention(&a, 0, "Armenië", "ARM"),
        mention(&a, 0, "Azerbeidzjan", "AZE"),
        mention(&a, 1, "Rusland", "RUS"),
    ];
    a.events = vec![
        event(&a, 0, 1, ("RUS", "ARM"), Category::Aid, Some("2023-05")),
        event(
            &a,
            1,
            0,
            ("ARM", "AZE"),
            Category::Consult,
            Some("2023-05-14"),
        ),
    ];
    let mut b = dated(
        doc(
            "b",
            &["Azerbeidzjan beschoot dorpen bij de grens met Armenië."],
        ),
        "2023-09-19",
    );
    b.mentions = vec![
        mention(&b, 0, "Azerbeidzjan", "AZE"),
        mention(&b, 0, "Armenië", "ARM"),
    ];
    let mut negated = event(
        &b,
        1,
        0,
        ("AZE", "ARM"),
        Category::Assault,
        Some("2023-09-20"),
    );
    negated.negated = true;
    b.events = vec![
        event(
            &b,
            0,
            0,
            ("AZE", "ARM"),
            Category::Assault,
            Some("2023-09-19"),
        ),
        negated,
    ];
    let mut c = doc("c", &["Over de oorlogen in de regio is niets bekend."]);
    c.events = vec![event(&c, 0, 0, ("RUS", "AZE"), Category::Consult, None)];
    vec![a, b, c]
}

fn put_all<S: Store>(store: &mut S, docs: &[Document]) {
    let run = store.begin_run("suite").unwrap();
    for d in docs {
        store.put_document(d, run).unwrap();
    }
}

pub fn put_replace_and_round_trip<S: SuiteStore>(mut store: S) {
    let run = store.begin_run("suite").unwrap();
    let docs = corpus();
    assert_eq!(
        store.put_document(&docs[0], run).unwrap(),
        PutOutcome::Added
    );
    let back = store.document("a").unwrap().expect("document a stored");
    assert_eq!(back, docs[0], "round trip changes the document");
    assert!(store.document("missing").unwrap().is_none());

    let mut newer = doc("a", &["Een nieuwe versie zonder gebeurtenissen."]);
    newer.meta.insert("content_hash".into(), "hash-a2".into());
    assert_eq!(
        store.put_document(&newer, run).unwrap(),
        PutOutcome::Replaced
    );
    assert_eq!(store.document("a").unwrap(), Some(newer));
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.events, stats.mentions), (1, 0, 0));
    assert_eq!(stats.sentences, 1);
    store
        .finish_run(run, &crate::RunSummary::default())
        .unwrap();
    assert_eq!(store.stats().unwrap().runs, 1);
}

pub fn duplicates_and_hashes<S: SuiteStore>(mut store: S) {
    put_all(&mut store, &corpus());
    assert_eq!(
        store.content_hash_of("b").unwrap().as_deref(),
        Some("hash-b")
    );
    assert_eq!(store.content_hash_of("zz").unwrap(), None);
    assert_eq!(store.id_with_hash("hash-c").unwrap().as_deref(), Some("c"));
    assert_eq!(store.id_with_hash("nope").unwrap(), None);
    let mut dup = Duplicate {
        id: "b-copy".into(),
        original_id: "b".into(),
        origin: Some("copy.txt".into()),
        content_hash: "hash-b".into(),
    };
    store.record_duplicate(&dup).unwrap();
    dup.original_id = "a".into();
    store.record_duplicate(&dup).unwrap();
    assert_eq!(store.duplicates().unwrap(), vec![dup]);
    assert_eq!(store.stats().unwrap().duplicates, 1);
}

pub fn near_duplicates<S: SuiteStore>(mut store: S) {
    let mut docs = corpus();
    let base: u64 = 0xDEAD_BEEF_0123_4567;
    for (d, hash) in docs.iter_mut().zip([base, base ^ 0b101, !base]) {
        d.meta.insert("simhash".into(), format!("{hash:016x}"));
    }
    put_all(&mut store, &docs);
    let near = store.near_duplicates_of("a", base, 3).unwrap();
    assert_eq!(
        near,
        vec![NearDuplicate {
            id: "b".into(),
            distance: 2
        }]
    );
    assert!(store.near_duplicates_of("a", base, 1).unwrap().is_empty());
    store.link_near_duplicates("b", &near_to("a", 2)).unwrap();
    store.link_near_duplicates("a", &near_to("b", 2)).unwrap();
    let listed = store.documents(&DocFilter::default()).unwrap();
    assert_eq!(listed[0].near_duplicates, near_to("b", 2));
    assert_eq!(listed[1].near_duplicates, near_to("a", 2));
    assert!(listed[2].near_duplicates.is_empty());
    assert_eq!(store.stats().unwrap().near_duplicate_pairs, 1);
}

fn near_to(id: &str, distance: u32) -> Vec<NearDuplicate> {
    vec![NearDuplicate {
        id: id.into(),
        distance,
    }]
}

pub fn document_listing<S: SuiteStore>(mut store: S) {
    put_all(&mut store, &corpus());
    let all = store.documents(&DocFilter::default()).unwrap();
    let ids: Vec<&str> = all.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(all[0].date.as_deref(), Some("2023-05-14"));
    assert_eq!(all[0].language_confidence, Some(0.98));
    assert_eq!((all[0].sentences, all[0].events), (2, 2));
    assert_eq!(all[2].date, None);
    let page = store
        .documents(&DocFilter {
            limit: Some(1),
            offset: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].id, "b");
    let dutch = store
        .documents(&DocFilter {
            language: Some("nl".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(dutch.len(), 1);
}

fn event_ids<S: Store>(store: &S, f: EventFilter) -> Vec<String> {
    store
        .events(&f)
        .unwrap()
        .into_iter()
        .map(|e| e.event_id)
        .collect()
}

pub fn event_filters<S: SuiteStore>(mut store: S) {
    put_all(&mut store, &corpus());
    let all = event_ids(&store, EventFilter::default());
    // Dated first (by date), undated last; the negated event is left out.
    assert_eq!(all, ["a#0", "a#1", "b#0", "c#0"]);
    let with_negated = EventFilter {
        include_negated: true,
        ..Default::default()
    };
    assert_eq!(event_ids(&store, with_negated.clone()).len(), 5);
    let dyad = |a: &str, b: &str, directed| EventFilter {
        dyad: Some((a.into(), b.into())),
        directed,
        ..Default::default()
    };
    assert_eq!(event_ids(&store, dyad("ARM", "AZE", false)), ["a#1", "b#0"]);
    assert_eq!(event_ids(&store, dyad("AZE", "ARM", false)), ["a#1", "b#0"]);
    assert_eq!(event_ids(&store, dyad("AZE", "ARM", true)), ["b#0"]);
    let actor = EventFilter {
        actor: Some("RUS".into()),
        ..Default::default()
    };
    assert_eq!(event_ids(&store, actor), ["a#0", "c#0"]);
    let category = EventFilter {
        category: Some("consult".into()),
        ..Default::default()
    };
    assert_eq!(event_ids(&store, category), ["a#1", "c#0"]);
    // A month-precise event overlaps a day inside that month.
    let day = EventFilter {
        from: Some("2023-05-20".into()),
        to: Some("2023-05-20".into()),
        ..Default::default()
    };
    assert_eq!(event_ids(&store, day), ["a#0"]);
    let autumn = EventFilter {
        from: Some("2023-09".into()),
        include_negated: true,
        ..Default::default()
    };
    assert_eq!(event_ids(&store, autumn), ["b#0", "b#1"]);
    let of_doc = EventFilter {
        doc: Some("a".into()),
        limit: Some(1),
        offset: 1,
        ..Default::default()
    };
    assert_eq!(event_ids(&store, of_doc), ["a#1"]);
    let back = store.events(&EventFilter::default()).unwrap();
    assert_eq!(back[0], corpus()[0].events[0]);
}

pub fn stats_and_actors<S: SuiteStore>(mut store: S) {
    let docs = corpus();
    put_all(&mut store, &docs);
    let s = store.stats().unwrap();
    assert_eq!(
        (s.documents, s.sentences, s.mentions, s.events),
        (3, 4, 5, 5)
    );
    let bytes: usize = docs.iter().map(|d| d.raw.len()).sum();
    assert_eq!(s.text_bytes, bytes as u64);
    assert_eq!(s.languages, vec![("unknown".into(), 2), ("nl".into(), 1)]);
    assert_eq!(s.first_date.as_deref(), Some("2023-05-14"));
    assert_eq!(s.last_date.as_deref(), Some("2023-09-19"));
    assert_eq!(s.undated_documents, 1);
    let counts = store.actor_counts().unwrap();
    let summary: Vec<(&str, u64, u64)> = counts
        .iter()
        .map(|c| (c.actor_id.as_str(), c.mentions, c.documents))
        .collect();
    assert_eq!(summary, [("ARM", 2, 2), ("AZE", 2, 2), ("RUS", 1, 1)]);
    let rows = store.mentions_of("ARM", 10).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].doc_id, "a");
    assert_eq!(rows[0].text, "Armenië");
    assert_eq!(
        rows[0].sentence,
        "Armenië en Azerbeidzjan voerden overleg in Brussel."
    );
    assert_eq!(rows[1].sentence_index, 0);
    assert_eq!(store.mentions_of("ARM", 1).unwrap().len(), 1);
}

fn hits<S: SuiteStore>(store: &S, q: &str) -> Vec<(String, u32)> {
    let mut found: Vec<(String, u32)> = store
        .search(&SearchQuery {
            query: q.into(),
            limit: 1000,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|h| (h.doc_id, h.sentence_index))
        .collect();
    found.sort();
    found
}

fn at(id: &str, sentence: u32) -> (String, u32) {
    (id.to_string(), sentence)
}

pub fn search<S: SuiteStore>(mut store: S) {
    put_all(&mut store, &corpus());
    // Stemmed: `oorlog` finds `oorlogen`; diacritics folded.
    assert_eq!(hits(&store, "oorlog"), [at("c", 0)]);
    assert_eq!(hits(&store, "armenie"), [at("a", 0), at("b", 0)]);
    assert_eq!(hits(&store, "Armenië grens"), [at("b", 0)]);
    assert_eq!(hits(&store, "Armenië -dorpen"), [at("a", 0)]);
    assert_eq!(hits(&store, "Brussel OR oorlog"), [at("a", 0), at("c", 0)]);
    assert_eq!(hits(&store, "\"naar de grens\""), [at("a", 1)]);
    assert!(hits(&store, "\"de naar grens\"").is_empty());
    assert!(hits(&store, "\"') | 1=1; DROP TABLE documents; --").is_empty());
    assert!(hits(&store, "-alleen").is_empty());
    let with_actor = store
        .search(&SearchQuery {
            query: "grens".into(),
            actor: Some("RUS".into()),
            from: Some("2023-05".into()),
            to: Some("2023-05".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(with_actor.len(), 1);
    assert_eq!(
        with_actor[0].snippet,
        "Rusland stuurde vredestroepen naar de [grens]."
    );
    assert_eq!(with_actor[0].date.as_deref(), Some("2023-05-14"));
    // Replacing a document replaces its index rows.
    let run = store.begin_run("suite").unwrap();
    store
        .put_document(&doc("c", &["Alleen nog sport vandaag."]), run)
        .unwrap();
    assert!(hits(&store, "oorlog").is_empty());
    assert_eq!(hits(&store, "sport"), [at("c", 0)]);
    assert_eq!(store.stats().unwrap().documents, 3);
}

/// Two writers put the same 200 documents at once, in batches: every
/// document and event ends up stored exactly once.
pub fn concurrent_ingest_loses_nothing<S: SuiteStore + 'static>(a: S, b: S) {
    let docs: Vec<Document> = (0..200)
        .map(|i| {
            let mut d = doc(
                &format!("doc{i:03}"),
                &[&format!("Bericht nummer {i} over overleg."), "Tweede zin."],
            );
            d.events = vec![event(&d, 0, 0, ("NLD", "BEL"), Category::Consult, None)];
            d
        })
        .collect();
    let docs = std::sync::Arc::new(docs);
    let writers: Vec<_> = [a, b]
        .into_iter()
        .enumerate()
        .map(|(w, mut store)| {
            let docs = docs.clone();
            std::thread::spawn(move || {
                let run = store.begin_run("suite").unwrap();
                // The writers walk the documents in opposite orders so they collide.
                let order: Vec<&Document> = if w == 0 {
                    docs.iter().collect()
                } else {
                    docs.iter().rev().collect()
                };
                for chunk in order.chunks(20) {
                    store.begin_batch().unwrap();
                    for d in chunk {
                        store.put_prepared(&prepare((*d).clone()), run).unwrap();
                    }
                    store.commit_batch().unwrap();
                }
                store
            })
        })
        .collect();
    let stores: Vec<S> = writers.into_iter().map(|w| w.join().unwrap()).collect();
    let store = &stores[0];
    let s = store.stats().unwrap();
    assert_eq!((s.documents, s.events, s.sentences), (200, 200, 400));
    let listed = store.documents(&DocFilter::default()).unwrap();
    assert_eq!(listed.len(), 200);
    assert!(listed.windows(2).all(|w| w[0].id < w[1].id));
    assert_eq!(hits(store, "overleg").len(), 200);
}

/// (source, target, events, cooperation, conflict)
type Edge = (Option<String>, Option<String>, u64, f64, f64);

fn row_ids(mut rows: Vec<crate::analysis_queries::EventRow>) -> Vec<String> {
    let mut ids: Vec<String> = rows.drain(..).map(|r| r.event_id).collect();
    ids.sort();
    ids
}

/// The light rows and aggregates behind timeline, network and export.
pub fn analysis_rows<S: SuiteStore>(mut store: S) {
    use crate::analysis_queries::EventRow;
    put_all(&mut store, &corpus());
    let dyad = |a, b, directed, from| row_ids(store.dyad_rows(a, b, directed, from, None).unwrap());
    assert_eq!(dyad("ARM", "AZE", false, None), ["a#1", "b#0", "b#1"]);
    assert_eq!(dyad("AZE", "ARM", true, None), ["b#0", "b#1"]);
    assert_eq!(dyad("ARM", "AZE", true, None), ["a#1"]);
    assert_eq!(dyad("ARM", "AZE", false, Some("2023-09")), ["b#0", "b#1"]);
    // Undated events are always part of a dyad's rows (listed apart later).
    assert_eq!(dyad("AZE", "RUS", false, Some("2024")), ["c#0"]);
    assert!(dyad("ARM", "NLD", false, None).is_empty());
    let mut rows = store.dyad_rows("RUS", "ARM", false, None, None).unwrap();
    assert_eq!(rows.len(), 1);
    let aid = Category::Aid;
    assert_eq!(
        rows.remove(0),
        EventRow {
            event_id: "a#0".into(),
            doc_id: "a".into(),
            date_begin: Some("2023-05-01".into()),
            date_end: Some("2023-05-31".into()),
            source_id: Some("RUS".into()),
            source_code: Some("RUS".into()),
            target_id: Some("ARM".into()),
            target_code: Some("ARM".into()),
            category: aid.as_str().into(),
            quad_class: aid.quad_class().as_str().into(),
            score: 0.75,
            negated: false,
        }
    );

    let events =
        |actor, from, negated| row_ids(store.event_rows(actor, from, None, negated).unwrap());
    assert_eq!(events(Some("RUS"), None, false), ["a#0", "c#0"]);
    assert_eq!(events(None, None, true).len(), 5);
    assert_eq!(events(None, Some("2023-09"), false), ["b#0"]);
    assert_eq!(events(None, Some("2023-09"), true), ["b#0", "b#1"]);

    let edges = |by_code, from: Option<&str>| {
        let mut e: Vec<Edge> = store
            .edge_rows(by_code, from, from)
            .unwrap()
            .into_iter()
            .map(|e| (e.source, e.target, e.events, e.cooperation, e.conflict))
            .collect();
        e.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        e
    };
    let edge = |s: &str, t: &str| (Some(s.to_string()), Some(t.to_string()), 1, 0.75, 0.0);
    assert_eq!(
        edges(true, None),
        [edge("ARM", "AZE"), edge("AZE", "ARM"), edge("RUS", "ARM")]
    );
    assert_eq!(edges(false, Some("2023-09")), [edge("AZE", "ARM")]);

    assert_eq!(
        store.undated_and_negated_ids(None, None).unwrap(),
        (vec!["c#0".to_string()], vec!["b#1".to_string()])
    );
    assert_eq!(
        store.undated_and_negated_ids(Some("2024"), None).unwrap(),
        (vec!["c#0".to_string()], vec![])
    );

    let keys: Vec<String> = ["ARM", "RUS", "XXX"].map(String::from).to_vec();
    let names = store.actor_names(&keys).unwrap();
    assert_eq!(names.len(), 2);
    assert_eq!(names["ARM"], "Armenië");
    assert_eq!(names["RUS"], "Rusland");
    let sentences = store
        .event_sentences(&["a#0".to_string(), "zz".to_string()])
        .unwrap();
    assert_eq!(sentences.len(), 1);
    assert_eq!(
        sentences["a#0"],
        "Rusland stuurde vredestroepen naar de grens."
    );
}

/// Export's streaming read: date order, undated last, errors stop it.
pub fn visit_events_in_order<S: SuiteStore>(mut store: S) {
    put_all(&mut store, &corpus());
    let visit = |filter: EventFilter| {
        let mut seen = Vec::new();
        let n = store
            .visit_events(&filter, &mut |e| {
                seen.push(e.event_id);
                Ok(())
            })
            .unwrap();
        assert_eq!(n as usize, seen.len());
        seen
    };
    assert_eq!(visit(EventFilter::default()), ["a#0", "a#1", "b#0", "c#0"]);
    let aze = EventFilter {
        actor: Some("AZE".into()),
        include_negated: true,
        ..Default::default()
    };
    assert_eq!(visit(aze), ["a#1", "b#0", "b#1", "c#0"]);
    let bounded = EventFilter {
        from: Some("2023-05-20".into()),
        to: Some("2023-09-19".into()),
        ..Default::default()
    };
    assert_eq!(visit(bounded), ["a#0", "b#0"]);
    let mut first = None;
    let stopped = store.visit_events(&EventFilter::default(), &mut |e| {
        if first.is_some() {
            return Err(crate::StoreError::Backend {
                backend: "suite",
                reason: "stop".into(),
            });
        }
        first = Some(e);
        Ok(())
    });
    assert!(matches!(
        stopped,
        Err(crate::StoreError::Backend {
            backend: "suite",
            ..
        })
    ));
    assert_eq!(first, Some(corpus()[0].events[0].clone()));
}

pub fn check_finds_nothing_wrong<S: SuiteStore>(mut store: S) {
    put_all(&mut store, &corpus());
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    assert!(!store.location().is_empty());
}

/// Documents replaced inside a batch, with fewer sentences, mentions and
/// events than before, keep none of their old rows: the counts are those of
/// the new versions and `check` finds nothing wrong.
pub fn replacing_in_a_batch_leaves_no_rows_behind<S: SuiteStore>(mut store: S) {
    let run = store.begin_run("suite").unwrap();
    let docs = corpus();
    store.begin_batch().unwrap();
    for d in &docs {
        store.put_prepared(&prepare(d.clone()), run).unwrap();
    }
    store.commit_batch().unwrap();
    let before = store.stats().unwrap();
    assert!(before.mentions > 0 && before.events > 0, "{before:?}");
    store.begin_batch().unwrap();
    for d in &docs {
        let mut shorter = d.clone();
        shorter.mentions.truncate(shorter.mentions.len() / 2);
        shorter.events.truncate(shorter.events.len() / 2);
        assert_eq!(
            store.put_prepared(&prepare(shorter), run).unwrap(),
            PutOutcome::Replaced
        );
    }
    store.commit_batch().unwrap();
    let after = store.stats().unwrap();
    let halves = |f: fn(&Document) -> usize| docs.iter().map(|d| f(d) / 2).sum::<usize>() as u64;
    assert_eq!(after.documents, before.documents);
    assert_eq!(after.mentions, halves(|d| d.mentions.len()));
    assert_eq!(after.events, halves(|d| d.events.len()));
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

/// Inside a batch, the reads ingest relies on (unchanged content, exact and
/// near duplicates) see the batch's own writes, as they would after commit.
pub fn batch_sees_its_own_writes<S: SuiteStore>(mut store: S) {
    let run = store.begin_run("suite").unwrap();
    let base: u64 = 0x0123_4567_89AB_CDEF;
    let mut x = doc("x", &["Een bericht over de grens."]);
    x.meta.insert("simhash".into(), format!("{base:016x}"));
    let mut y = doc("y", &["Nog een bericht over de grens."]);
    y.meta
        .insert("simhash".into(), format!("{:016x}", base ^ 1));
    store.begin_batch().unwrap();
    assert_eq!(
        store.put_prepared(&prepare(x.clone()), run).unwrap(),
        PutOutcome::Added
    );
    assert_eq!(
        store.content_hash_of("x").unwrap().as_deref(),
        Some("hash-x")
    );
    assert_eq!(store.id_with_hash("hash-x").unwrap().as_deref(), Some("x"));
    assert_eq!(
        store.put_prepared(&prepare(x.clone()), run).unwrap(),
        PutOutcome::Replaced
    );
    assert_eq!(
        store.put_prepared(&prepare(y.clone()), run).unwrap(),
        PutOutcome::Added
    );
    let near = store.near_duplicates_of("y", base ^ 1, 3).unwrap();
    assert_eq!(near, near_to("x", 1));
    store.link_near_duplicates("y", &near).unwrap();
    store.commit_batch().unwrap();
    let listed = store.documents(&DocFilter::default()).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].near_duplicates, near_to("y", 1));
    assert_eq!(
        store
            .search(&SearchQuery {
                query: "grens".into(),
                limit: 10,
                ..Default::default()
            })
            .unwrap()
            .len(),
        2
    );
}
