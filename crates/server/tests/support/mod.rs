//! A small store filled through the store API with hand-written documents,
//! and helpers to send requests to the router in-process.
#![allow(dead_code, clippy::unwrap_used)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use http_body_util::BodyExt;
use kroniek_model::{
    Category, DateSource, DocDate, Document, Event, EventActor, Language, Mention, MentionKind,
    Modality, Precision, Sentence, Span, TimeValue, Timex,
};
use kroniek_server::{AppState, router};
use kroniek_store::{RunSummary, SqliteStore, Store};
use tower::ServiceExt;

pub const XSS_SCRIPT: &str = "<script>alert(1)</script>";
pub const XSS_ATTR: &str = "\"><img src=x onerror=alert(1)>";

/// One sentence of a hand-made document and the event it states, if any.
pub struct Line {
    pub text: String,
    /// (category, source code, target code, trigger word, date)
    pub event: Option<(
        Category,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    )>,
    pub negated: bool,
}

pub fn line(text: &str) -> Line {
    Line {
        text: text.into(),
        event: None,
        negated: false,
    }
}

pub fn event_line(
    text: &str,
    category: Category,
    source: &'static str,
    target: &'static str,
    trigger: &'static str,
    date: &'static str,
) -> Line {
    Line {
        text: text.into(),
        event: Some((category, source, target, trigger, date)),
        negated: false,
    }
}

fn actor(code: &str, name: &str, text: &str) -> EventActor {
    EventActor {
        id: Some(code.into()),
        name: Some(name.into()),
        text: text.into(),
        country: Some(code.into()),
        sector: Some("GOV".into()),
    }
}

/// Display names for the codes the tests use.
fn name_of(code: &str) -> &'static str {
    match code {
        "FRA" => "France",
        "DEU" => "Germany",
        "NOR" => "Norway",
        "ISL" => "Iceland",
        _ => "Elsewhere",
    }
}

/// Builds a document from lines; mentions are added for every code name
/// found in a sentence by the words `words_of` gives.
pub fn document(id: &str, title: &str, date: &str, lines: Vec<Line>) -> Document {
    let mut text = String::new();
    let mut doc = Document {
        id: id.into(),
        title: Some(title.into()),
        language: Some(Language {
            code: "nl".into(),
            confidence: 0.99,
        }),
        ..Default::default()
    };
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    doc.date = Some(DocDate {
        value: TimeValue::day(day),
        source: DateSource::Header,
        evidence: None,
    });
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(&l.text);
        let span = Span::new(start, text.len());
        doc.sentences.push(Sentence {
            span,
            token_start: 0,
            token_end: 0,
        });
        for (word, code) in [
            ("Frankrijk", "FRA"),
            ("Duitsland", "DEU"),
            ("Noorwegen", "NOR"),
            ("IJsland", "ISL"),
        ] {
            if let Some(at) = l.text.find(word) {
                doc.mentions.push(Mention {
                    span: Span::new(start + at, start + at + word.len()),
                    sentence: i as u32,
                    token_start: 0,
                    token_end: 0,
                    kind: MentionKind::Loc,
                    actor_id: Some(code.into()),
                    name: Some(name_of(code).into()),
                    code: Some(code.into()),
                    sector: Some("GOV".into()),
                    office: None,
                    rule: "alias".into(),
                    confidence: 0.9,
                });
            }
        }
        if let Some(at) = l.text.find("2019").or_else(|| l.text.find("2022")) {
            doc.timexes.push(Timex {
                span: Span::new(start + at, start + at + 4),
                sentence: i as u32,
                kind: "date".into(),
                value: None,
                until: None,
                rule: "absolute".into(),
            });
        }
        if let Some((category, source, target, trigger, date)) = l.event {
            let at = l.text.find(trigger).unwrap_or(0);
            doc.events.push(Event {
                event_id: format!("{id}-e{i}"),
                doc_id: id.into(),
                sentence_index: i as u32,
                sentence: l.text.clone(),
                span,
                trigger: trigger.into(),
                trigger_span: Span::new(start + at, start + at + trigger.len()),
                date: Some(date.into()),
                date_precision: Some(if date.len() == 4 {
                    Precision::Year
                } else {
                    Precision::Day
                }),
                date_rule: "sentence-timex".into(),
                source: Some(actor(source, name_of(source), source)),
                target: Some(actor(target, name_of(target), target)),
                category,
                mode: None,
                quad_class: category.quad_class(),
                score: category.score(),
                negated: l.negated,
                modality: if l.negated {
                    Modality::Negated
                } else {
                    Modality::Asserted
                },
                attribution: None,
                confidence: 0.8,
                coder_version: "test".into(),
            });
        }
    }
    doc.raw = text.clone();
    doc.text = text;
    doc.meta
        .insert("content_hash".into(), format!("hash-of-{id}"));
    doc
}

/// The documents every test starts from: France and Germany cooperate in
/// 2019 and quarrel in 2022; one document carries markup in every field.
pub fn corpus() -> Vec<Document> {
    use Category::*;
    vec![
        document(
            "energie-2019",
            "Verdrag over stroomnetten",
            "2019-03-04",
            vec![
                event_line(
                    "Frankrijk en Duitsland ondertekenden in 2019 een verdrag over gedeelde stroomnetten.",
                    Agree,
                    "FRA",
                    "DEU",
                    "ondertekenden",
                    "2019-03-03",
                ),
                event_line(
                    "Duitsland beloofde Frankrijk steun bij de aanleg van nieuwe kabels.",
                    Support,
                    "DEU",
                    "FRA",
                    "beloofde",
                    "2019-03-04",
                ),
                line("De ministers spraken van een goede dag voor Europa."),
            ],
        ),
        document(
            "ruzie-2022",
            "Onenigheid over subsidies",
            "2022-06-10",
            vec![
                event_line(
                    "In 2022 beschuldigde Duitsland Frankrijk van oneerlijke staatssteun.",
                    Accuse,
                    "DEU",
                    "FRA",
                    "beschuldigde",
                    "2022-06-09",
                ),
                event_line(
                    "Frankrijk wees het Duitse voorstel voor een gezamenlijk fonds af.",
                    Reject,
                    "FRA",
                    "DEU",
                    "wees",
                    "2022-06-10",
                ),
                Line {
                    negated: true,
                    ..event_line(
                        "Noorwegen stuurde geen hulp naar IJsland.",
                        Aid,
                        "NOR",
                        "ISL",
                        "stuurde",
                        "2022-06-10",
                    )
                },
            ],
        ),
        document(
            "markup-test",
            &format!("Titel {XSS_SCRIPT}"),
            "2022-07-01",
            vec![event_line(
                &format!("Frankrijk veroordeelde Duitsland {XSS_SCRIPT} en {XSS_ATTR} scherp."),
                Accuse,
                "FRA",
                "DEU",
                "veroordeelde",
                "2022-07-01",
            )],
        ),
    ]
}

pub fn fill(dir: &std::path::Path, docs: &[Document]) {
    let mut store = SqliteStore::open(dir).unwrap();
    let run = store.begin_run("test").unwrap();
    for doc in docs {
        store.put_document(doc, run).unwrap();
    }
    store
        .finish_run(
            run,
            &RunSummary {
                added: docs.len() as u64,
                ..Default::default()
            },
        )
        .unwrap();
}

pub struct TestServer {
    pub dir: tempfile::TempDir,
    pub app: Router,
}

impl TestServer {
    pub fn new(token: Option<&str>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        fill(dir.path(), &corpus());
        let state = AppState::open(dir.path(), token.map(String::from)).unwrap();
        TestServer {
            app: router(state),
            dir,
        }
    }

    pub async fn send(&self, request: Request<Body>) -> Response<Body> {
        self.app.clone().oneshot(request).await.unwrap()
    }

    pub async fn get(&self, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
        let response = self
            .send(Request::get(uri).body(Body::empty()).unwrap())
            .await;
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            headers,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    pub async fn json(&self, uri: &str) -> (StatusCode, serde_json::Value) {
        let (status, headers, body) = self.get(uri).await;
        let kind = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            kind.starts_with("application/json"),
            "{uri}: content type {kind:?}, body {body}"
        );
        let value =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {body}"));
        (status, value)
    }
}
