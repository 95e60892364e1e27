//! Story clustering across documents.

use kroniek_coder::cluster_stories;
use kroniek_model::{Category, Event, EventActor, Modality, Precision, Span};

fn actor(code: &str) -> Option<EventActor> {
    Some(EventActor {
        text: code.into(),
        country: Some(code.into()),
        ..Default::default()
    })
}

fn event(
    id: &str,
    doc: &str,
    src: &str,
    tgt: &str,
    cat: Category,
    date: Option<(&str, Precision)>,
) -> Event {
    Event {
        event_id: id.into(),
        doc_id: doc.into(),
        sentence_index: 0,
        sentence: String::new(),
        span: Span::default(),
        trigger: String::new(),
        trigger_span: Span::default(),
        date: date.map(|d| d.0.to_string()),
        date_precision: date.map(|d| d.1),
        date_rule: String::new(),
        source: actor(src),
        target: actor(tgt),
        category: cat,
        mode: None,
        quad_class: cat.quad_class(),
        score: cat.score(),
        negated: false,
        modality: Modality::Asserted,
        attribution: None,
        confidence: 0.8,
        coder_version: "test".into(),
    }
}

#[test]
fn same_dyad_and_overlapping_dates_form_one_story() {
    let events = vec![
        event(
            "a",
            "d1",
            "RUS",
            "UKR",
            Category::Assault,
            Some(("2022-02-24", Precision::Day)),
        ),
        event(
            "b",
            "d2",
            "RUS",
            "UKR",
            Category::Assault,
            Some(("2022-02", Precision::Month)),
        ),
        event("c", "d3", "RUS", "UKR", Category::Assault, None),
        event(
            "d",
            "d3",
            "RUS",
            "UKR",
            Category::Assault,
            Some(("2014-03", Precision::Month)),
        ),
        event(
            "e",
            "d1",
            "UKR",
            "RUS",
            Category::Assault,
            Some(("2022-02-24", Precision::Day)),
        ),
        event(
            "f",
            "d1",
            "RUS",
            "UKR",
            Category::Accuse,
            Some(("2022-02-24", Precision::Day)),
        ),
    ];
    let stories = cluster_stories(&events);
    let invasion = stories
        .iter()
        .find(|s| s.event_ids.contains(&"a".to_string()))
        .expect("story of a");
    assert_eq!(invasion.event_ids, vec!["a", "b", "c"]);
    assert_eq!(invasion.num_docs, 3);
    assert_eq!(invasion.num_mentions, 3);
    assert_eq!(invasion.date.as_deref(), Some("2022-02-24"));
    let crimea = stories
        .iter()
        .find(|s| s.event_ids.contains(&"d".to_string()))
        .expect("story of d");
    assert_eq!(crimea.event_ids, vec!["d"]);
    assert_eq!(stories.len(), 4);
}

#[test]
fn negated_and_one_sided_events_make_no_story() {
    let mut negated = event("n", "d1", "TUR", "GRC", Category::Assault, None);
    negated.negated = true;
    let mut monadic = event("m", "d1", "TUR", "GRC", Category::Assault, None);
    monadic.target = None;
    assert!(cluster_stories(&[negated, monadic]).is_empty());
}
