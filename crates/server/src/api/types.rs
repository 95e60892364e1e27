//! The shapes the API returns. They mirror the model and store types so that
//! the OpenAPI document can describe them, and so that the API stays the same
//! when internal types grow fields.
use kroniek_model::{Document, Event, EventActor, Mention, Span, Timex};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Stats {
    pub documents: u64,
    pub duplicates: u64,
    pub sentences: u64,
    pub tokens: u64,
    pub mentions: u64,
    pub events: u64,
    /// Documents per language code (`unknown` when not identified).
    pub languages: Vec<LanguageCount>,
    /// First day covered by a document date.
    pub first_date: Option<String>,
    /// Last day covered by a document date.
    pub last_date: Option<String>,
    pub undated_documents: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LanguageCount {
    pub language: String,
    pub documents: u64,
}

impl From<kroniek_store::Stats> for Stats {
    fn from(s: kroniek_store::Stats) -> Self {
        Stats {
            documents: s.documents,
            duplicates: s.duplicates,
            sentences: s.sentences,
            tokens: s.tokens,
            mentions: s.mentions,
            events: s.events,
            languages: s
                .languages
                .into_iter()
                .map(|(language, documents)| LanguageCount {
                    language,
                    documents,
                })
                .collect(),
            first_date: s.first_date,
            last_date: s.last_date,
            undated_documents: s.undated_documents,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentList {
    /// Documents matching the filter, over all pages.
    pub total: u64,
    pub limit: usize,
    pub offset: usize,
    pub items: Vec<DocumentItem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentItem {
    pub id: String,
    pub title: Option<String>,
    pub language: Option<String>,
    /// Document date value (`2023-10-02`, `2023-10`), null when unknown.
    pub date: Option<String>,
    pub origin: Option<String>,
    pub sentences: u64,
    pub tokens: u64,
    pub events: u64,
}

impl From<kroniek_store::DocSummary> for DocumentItem {
    fn from(d: kroniek_store::DocSummary) -> Self {
        DocumentItem {
            id: d.id,
            title: d.title,
            language: d.language,
            date: d.date,
            origin: d.origin,
            sentences: d.sentences,
            tokens: d.tokens,
            events: d.events,
        }
    }
}

/// A byte range `[start, end)` into the document's cleaned text.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct ByteSpan {
    pub start: u32,
    pub end: u32,
}

impl From<Span> for ByteSpan {
    fn from(s: Span) -> Self {
        ByteSpan {
            start: s.start,
            end: s.end,
        }
    }
}

/// A document's cleaned text with everything the pipeline found in it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentView {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub origin: Option<String>,
    pub language: Option<String>,
    pub date: Option<DocDateView>,
    /// The cleaned text every span points into.
    pub text: String,
    pub sentences: Vec<SentenceView>,
    pub mentions: Vec<MentionView>,
    pub timexes: Vec<TimexView>,
    pub events: Vec<EventView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DocDateView {
    pub value: String,
    pub precision: String,
    /// header | metadata | user | inferred
    pub source: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SentenceView {
    pub index: u32,
    pub span: ByteSpan,
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MentionView {
    pub sentence: u32,
    pub span: ByteSpan,
    pub text: String,
    /// PER | ORG | LOC | MISC | DEMONYM | NOMINAL | PRONOUN
    pub kind: String,
    pub actor_id: Option<String>,
    pub name: Option<String>,
    pub code: Option<String>,
    pub sector: Option<String>,
    pub office: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TimexView {
    pub sentence: u32,
    pub span: ByteSpan,
    pub text: String,
    /// date | duration | range | set
    pub kind: String,
    /// TIMEX3-like value (`2023-09-24`, `2023-W38`, `2023`), null when not anchored.
    pub value: Option<String>,
    pub begin: Option<String>,
    pub end: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActorRef {
    pub id: Option<String>,
    pub name: Option<String>,
    /// The words as written in the sentence.
    pub text: String,
    /// Country (ISO 3166-1 alpha-3) or organisation code.
    pub code: Option<String>,
    pub sector: Option<String>,
}

impl From<&EventActor> for ActorRef {
    fn from(a: &EventActor) -> Self {
        ActorRef {
            id: a.id.clone(),
            name: a.name.clone(),
            text: a.text.clone(),
            code: a.country.clone(),
            sector: a.sector.clone(),
        }
    }
}

/// One coded PLOVER event with its evidence sentence.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventView {
    pub event_id: String,
    pub doc_id: String,
    pub sentence_index: u32,
    /// The evidence sentence as it stands in the cleaned text.
    pub sentence: String,
    pub span: ByteSpan,
    pub trigger: String,
    pub trigger_span: ByteSpan,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    /// One of the 16 PLOVER categories (AGREE ... ASSAULT).
    pub category: String,
    pub quad_class: String,
    /// PLOVER conflict–cooperation score, -10 (conflict) to +10 (cooperation).
    pub score: f32,
    pub negated: bool,
    /// asserted | reported | hypothetical | future | negated
    pub modality: String,
    pub confidence: f32,
}

impl From<&Event> for EventView {
    fn from(e: &Event) -> Self {
        EventView {
            event_id: e.event_id.clone(),
            doc_id: e.doc_id.clone(),
            sentence_index: e.sentence_index,
            sentence: e.sentence.clone(),
            span: e.span.into(),
            trigger: e.trigger.clone(),
            trigger_span: e.trigger_span.into(),
            date: e.date.clone(),
            date_precision: e.date_precision.map(|p| p.as_str().to_string()),
            source: e.source.as_ref().map(ActorRef::from),
            target: e.target.as_ref().map(ActorRef::from),
            category: e.category.as_str().to_string(),
            quad_class: e.quad_class.as_str().to_string(),
            score: e.score,
            negated: e.negated,
            modality: e.modality.as_str().to_string(),
            confidence: e.confidence,
        }
    }
}

fn mention_kind(m: &Mention) -> String {
    m.kind.as_str().to_string()
}

impl From<&Timex> for TimexView {
    fn from(t: &Timex) -> Self {
        let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
        TimexView {
            sentence: t.sentence,
            span: t.span.into(),
            text: String::new(),
            kind: t.kind.clone(),
            value: t.value.as_ref().map(|v| v.value.clone()),
            begin: t.value.as_ref().map(|v| day(v.begin)),
            end: t.until.as_ref().or(t.value.as_ref()).map(|v| day(v.end)),
        }
    }
}

impl DocumentView {
    pub fn new(doc: &Document) -> Self {
        let text = &doc.text;
        DocumentView {
            id: doc.id.clone(),
            title: doc.title.clone(),
            url: doc.url.clone(),
            source: doc.source.clone(),
            origin: doc.origin.clone(),
            language: doc.language.as_ref().map(|l| l.code.clone()),
            date: doc.date.as_ref().map(|d| DocDateView {
                value: d.value.value.clone(),
                precision: d.value.precision.as_str().to_string(),
                source: serde_json::to_value(d.source)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default(),
            }),
            text: text.clone(),
            sentences: doc
                .sentences
                .iter()
                .enumerate()
                .map(|(i, s)| SentenceView {
                    index: i as u32,
                    span: s.span.into(),
                    text: s.span.slice(text).to_string(),
                })
                .collect(),
            mentions: doc
                .mentions
                .iter()
                .map(|m| MentionView {
                    sentence: m.sentence,
                    span: m.span.into(),
                    text: m.span.slice(text).to_string(),
                    kind: mention_kind(m),
                    actor_id: m.actor_id.clone(),
                    name: m.name.clone(),
                    code: m.code.clone(),
                    sector: m.sector.clone(),
                    office: m.office.clone(),
                })
                .collect(),
            timexes: doc
                .timexes
                .iter()
                .map(|t| TimexView {
                    text: t.span.slice(text).to_string(),
                    ..TimexView::from(t)
                })
                .collect(),
            events: doc.events.iter().map(EventView::from).collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventList {
    pub limit: usize,
    pub offset: usize,
    pub items: Vec<EventView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ActorList {
    /// Linked actors over all pages.
    pub total: u64,
    pub limit: usize,
    pub offset: usize,
    pub items: Vec<ActorItem>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActorItem {
    pub id: String,
    pub name: Option<String>,
    pub code: Option<String>,
    pub mentions: u64,
    pub documents: u64,
}

impl From<kroniek_store::ActorCount> for ActorItem {
    fn from(a: kroniek_store::ActorCount) -> Self {
        ActorItem {
            id: a.actor_id,
            name: a.name,
            code: a.code,
            mentions: a.mentions,
            documents: a.documents,
        }
    }
}

/// An actor: how it is named in the corpus and whom it deals with, year by year.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActorView {
    pub id: String,
    pub name: Option<String>,
    pub code: Option<String>,
    /// Sectors it was seen in (GOV, MIL, ...), most frequent first.
    pub sectors: Vec<NameCount>,
    /// The words that referred to it, most frequent first.
    pub aliases: Vec<NameCount>,
    /// Offices its mentions held on their documents' dates.
    pub offices: Vec<NameCount>,
    /// Mentions looked at for the lists above (capped).
    pub mentions_sampled: u64,
    /// Events it took part in as source or target (negated ones left out).
    pub events: u64,
    /// Its counterparts per year, cooperative and conflictual events counted apart.
    pub relations: Vec<Relation>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NameCount {
    pub name: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Relation {
    /// Year of the events (`2023`).
    pub year: String,
    /// The other actor's code.
    pub other: String,
    pub events: u64,
    /// Events with a positive PLOVER score.
    pub cooperative: u64,
    /// Events with a negative PLOVER score.
    pub conflictual: u64,
    pub mean_score: f64,
}

/// How often two actors appear together in events, in either direction.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DyadCount {
    pub a: String,
    pub b: String,
    pub events: u64,
    pub mean_score: f64,
}

/// Events between two actors period by period, with the shifts in their relation.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineView {
    pub a: String,
    pub b: String,
    /// week | month | quarter | year
    pub by: String,
    pub directed: bool,
    /// Every period from the first with events to the last; empty ones have
    /// `events` 0 and `score_mean` null.
    pub periods: Vec<PeriodView>,
    /// Where the relation changed: the first period of each new regime.
    pub shifts: Vec<ShiftView>,
    /// Events without a date (not in any period).
    pub undated: u64,
    /// Events whose date spans several periods (not in any period).
    pub imprecise: u64,
    /// Negated events, left out of every count.
    pub negated: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeriodView {
    /// `2020`, `2020-Q4`, `2020-10`, `2020-W43`.
    pub period: String,
    /// First day of the period.
    pub start: String,
    pub events: u64,
    pub docs: u64,
    /// Event counts per quad class.
    pub by_quad: std::collections::BTreeMap<String, u64>,
    pub score_sum: f64,
    pub score_mean: Option<f64>,
    /// The events with the strongest scores, with their sentences.
    pub top_evidence: Vec<EvidenceView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceView {
    pub event_id: String,
    pub doc_id: String,
    pub date: Option<String>,
    pub category: String,
    pub score: f64,
    pub source: Option<String>,
    pub target: Option<String>,
    pub sentence: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ShiftView {
    /// First period of the new regime.
    pub period: String,
    pub before_mean: f64,
    pub after_mean: f64,
    /// Ids of the events that most support the change.
    pub drivers: Vec<String>,
}

impl From<&kroniek_analysis::Timeline> for TimelineView {
    fn from(t: &kroniek_analysis::Timeline) -> Self {
        TimelineView {
            a: t.a.clone(),
            b: t.b.clone(),
            by: t.by.as_str().to_string(),
            directed: t.directed,
            periods: t
                .periods
                .iter()
                .map(|p| PeriodView {
                    period: p.period.clone(),
                    start: p.start.clone(),
                    events: p.events,
                    docs: p.docs,
                    by_quad: p.by_quad.clone(),
                    score_sum: p.score_sum,
                    score_mean: p.score_mean,
                    top_evidence: p
                        .top_evidence
                        .iter()
                        .map(|e| EvidenceView {
                            event_id: e.event_id.clone(),
                            doc_id: e.doc_id.clone(),
                            date: e.date.clone(),
                            category: e.category.clone(),
                            score: e.score,
                            source: e.source.clone(),
                            target: e.target.clone(),
                            sentence: e.sentence.clone(),
                        })
                        .collect(),
                })
                .collect(),
            shifts: t
                .shifts
                .iter()
                .map(|s| ShiftView {
                    period: s.period.clone(),
                    before_mean: s.before_mean,
                    after_mean: s.after_mean,
                    drivers: s.drivers.clone(),
                })
                .collect(),
            undated: t.undated.events,
            imprecise: t.imprecise.events,
            negated: t.negated.events,
        }
    }
}

/// The actor graph: who acted on whom, how often, how cooperatively.
#[derive(Debug, Serialize, ToSchema)]
pub struct NetworkView {
    pub from: Option<String>,
    pub to: Option<String>,
    pub nodes: Vec<NodeView>,
    /// Directed: `source` acted on `target`.
    pub edges: Vec<EdgeView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NodeView {
    /// Country or organisation code.
    pub id: String,
    pub name: Option<String>,
    /// Distinct other actors it has an edge with.
    pub degree: u64,
    pub events: u64,
    pub as_source: u64,
    pub as_target: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EdgeView {
    pub source: String,
    pub target: String,
    pub events: u64,
    /// Sum of the positive PLOVER scores.
    pub cooperation: f64,
    /// Sum of the absolute values of the negative PLOVER scores.
    pub conflict: f64,
}

impl From<&kroniek_analysis::Network> for NetworkView {
    fn from(n: &kroniek_analysis::Network) -> Self {
        NetworkView {
            from: n.from.clone(),
            to: n.to.clone(),
            nodes: n
                .nodes
                .iter()
                .map(|x| NodeView {
                    id: x.id.clone(),
                    name: x.name.clone(),
                    degree: x.degree,
                    events: x.events,
                    as_source: x.as_source,
                    as_target: x.as_target,
                })
                .collect(),
            edges: n
                .edges
                .iter()
                .map(|e| EdgeView {
                    source: e.source.clone(),
                    target: e.target.clone(),
                    events: e.events,
                    cooperation: e.cooperation,
                    conflict: e.conflict,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    pub query: String,
    pub limit: usize,
    pub offset: usize,
    pub hits: Vec<SearchHitView>,
}

/// A sentence that matches the query.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitView {
    pub doc_id: String,
    pub sentence_index: u32,
    pub title: Option<String>,
    /// Document date value.
    pub date: Option<String>,
    pub sentence: String,
    /// Byte ranges `[start, end)` of the matching words within `sentence`.
    pub highlights: Vec<ByteSpan>,
    /// Higher is better.
    pub score: f64,
}

impl From<kroniek_store::SearchHit> for SearchHitView {
    fn from(h: kroniek_store::SearchHit) -> Self {
        SearchHitView {
            doc_id: h.doc_id,
            sentence_index: h.sentence_index,
            title: h.title,
            date: h.date,
            sentence: h.sentence,
            highlights: h
                .highlights
                .into_iter()
                .map(|(start, end)| ByteSpan { start, end })
                .collect(),
            score: h.score,
        }
    }
}
