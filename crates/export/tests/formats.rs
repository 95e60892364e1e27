//! CSV, JSON Lines and PLOVER records for a few hand-made events.
#![allow(clippy::unwrap_used)] // tests and tools: a failed unwrap is a failed run
use kroniek_export::*;
use kroniek_model::{Category, Event, EventActor, Modality, Precision, Span};

fn event(id: &str, date: Option<&str>) -> Event {
    Event {
        event_id: id.into(),
        doc_id: "krant-1".into(),
        sentence_index: 2,
        sentence: "Oslo zegde Kopenhagen steun toe, \"voorlopig\".".into(),
        span: Span { start: 0, end: 10 },
        trigger: "zegde toe".into(),
        trigger_span: Span { start: 5, end: 10 },
        date: date.map(String::from),
        date_precision: date.map(|_| Precision::Month),
        date_rule: "document".into(),
        source: Some(EventActor {
            id: Some("NOR".into()),
            name: Some("Norway".into()),
            text: "Oslo".into(),
            country: Some("NOR".into()),
            sector: Some("GOV".into()),
        }),
        target: Some(EventActor {
            id: None,
            name: None,
            text: "Kopenhagen".into(),
            country: Some("DNK".into()),
            sector: None,
        }),
        category: Category::Support,
        mode: None,
        quad_class: Category::Support.quad_class(),
        score: Category::Support.score(),
        negated: false,
        modality: Modality::Reported,
        attribution: None,
        confidence: 0.75,
        coder_version: "test".into(),
    }
}

#[test]
fn csv_has_a_header_and_quotes_sentences() {
    let rows = vec![FlatEvent::new(&event("a", Some("2022-06")), None)];
    let mut out = Vec::new();
    assert_eq!(write_csv(&mut out, rows).unwrap(), 1);
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), FLAT_COLUMNS.join(","));
    let row = lines.next().unwrap();
    assert!(
        row.starts_with(
            "a,2022-06,month,2022-06-01,2022-06-30,2022,6,NOR,Norway,NOR,GOV,,Kopenhagen,DNK,"
        ),
        "{row}"
    );
    assert!(row.contains("\"Oslo zegde Kopenhagen steun toe, \"\"voorlopig\"\".\""));
    let mut empty = Vec::new();
    write_csv(&mut empty, Vec::new()).unwrap();
    assert_eq!(
        String::from_utf8(empty).unwrap().trim(),
        FLAT_COLUMNS.join(",")
    );
}

#[test]
fn jsonl_rows_carry_story_counts_and_undated_nulls() {
    let story = StoryCounts {
        num_mentions: 3,
        num_docs: 2,
        doc_ids: vec!["krant-1".into(), "krant-7".into()],
    };
    let rows = vec![
        FlatEvent::new(&event("a", Some("2022-06-14")), Some(&story)),
        FlatEvent::new(&event("b", None), None),
    ];
    let mut out = Vec::new();
    assert_eq!(write_jsonl(&mut out, rows).unwrap(), 2);
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["num_docs"], 2);
    assert_eq!(lines[0]["doc_ids"], "krant-1;krant-7");
    assert_eq!(lines[0]["month"], 6);
    assert_eq!(lines[1]["date"], serde_json::Value::Null);
    assert_eq!(lines[1]["year"], serde_json::Value::Null);
    assert_eq!(lines[1]["num_mentions"], 1);
    let keys: Vec<&String> = lines[0].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), FLAT_COLUMNS.len());
}

#[test]
fn plover_records_use_plover_names() {
    let record = PloverRecord::new(&event("a", Some("2022-06")), None);
    let mut out = Vec::new();
    write_plover(&mut out, vec![record]).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["id"], "a");
    assert_eq!(v["event_type"], "SUPPORT");
    assert_eq!(v["quad_class"], "verbal_cooperation");
    assert_eq!(v["actor1"]["code"], "NOR");
    assert_eq!(v["actor2"]["text"], "Kopenhagen");
    assert_eq!(v["source"]["trigger"], "zegde toe");
    assert_eq!(v["modality"], "reported");
    assert!(v["context"].as_array().unwrap().is_empty());
}
