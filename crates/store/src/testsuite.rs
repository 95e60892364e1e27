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
    DocFilter, Duplicate, EventFilter, NearDuplicate, PutOutcome, Result, SearchHit, SearchQuery,
    Store, prepare,
};

/// A backend under test: the trait plus what is still backend-specific.
pub trait SuiteStore: Store + Send {
    fn search_hits(&self, q: &SearchQuery) -> Result<Vec<SearchHit>>;
}

impl SuiteStore for crate::SqliteStore {
    fn search_hits(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        self.search(q)
    }
}

/// Generates one `#[test]` per suite case. `$fresh` is a
/// `fn(&str) -> Option<S>` giving an empty store for the named case (None:
/// backend unavailable, skip); `$pair` a `fn(&str) -> Option<(S, S)>` giving
/// two connections to one empty store.
#[macro_export]
macro_rules! store_suite {
    ($fresh:expr, $pair:expr) => {
        $crate::store_suite!(@cases $fresh;
            put_replace_and_round_trip, duplicates_and_hashes, near_duplicates,
            document_listing, event_filters, stats_and_actors, search);
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
        .search_hits(&SearchQuery {
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
        .search_hits(&SearchQuery {
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
