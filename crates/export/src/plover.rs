//! PLOVER JSON records, one object per line.
//!
//! Field mapping (kroniek `Event` → PLOVER record):
//!
//! | PLOVER field | from |
//! |---|---|
//! | `id` | `event_id` |
//! | `date` | `date` (TIMEX3-like value: `2023-10-05`, `2023-10`, `2023`), `null` when undated |
//! | `date_precision` | `date_precision` (day, month, year, …) |
//! | `event_type` | `category` (the 16 PLOVER event types: AGREE … ASSAULT) |
//! | `mode` | `mode` (PLOVER mode of the event type, when coded) |
//! | `context` | `[]`: kroniek codes no PLOVER contexts yet |
//! | `quad_class` | `quad_class` (verbal/material cooperation/conflict) |
//! | `intensity` | `score` (the PLOVER conflict–cooperation score, −10 … +10) |
//! | `actor1` | `source`: `{code, id, name, text, sector}` with `code` = country or organisation code |
//! | `actor2` | `target`, same shape |
//! | `negated`, `modality` | as coded; kroniek's own counts leave out rows with `negated` or `modality = hypothetical` |
//! | `attribution` | who reports the event, same shape as the actors |
//! | `confidence` | the coder's confidence, 0 … 1 |
//! | `num_mentions`, `num_docs`, `doc_ids` | story clustering (1, 1, `[doc_id]` without it) |
//! | `source` | `{doc_id, sentence_index, sentence, trigger}`: the evidence |
//! | `coder` | `coder_version` |
use std::io::Write;

use kroniek_model::{Event, EventActor};
use serde::{Deserialize, Serialize};

use crate::{Result, StoryCounts};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PloverActor {
    pub code: Option<String>,
    pub id: Option<String>,
    pub name: Option<String>,
    pub text: String,
    pub sector: Option<String>,
}

impl From<&EventActor> for PloverActor {
    fn from(a: &EventActor) -> Self {
        PloverActor {
            code: a.country.clone(),
            id: a.id.clone(),
            name: a.name.clone(),
            text: a.text.clone(),
            sector: a.sector.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PloverEvidence {
    pub doc_id: String,
    pub sentence_index: u32,
    pub sentence: String,
    pub trigger: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PloverRecord {
    pub id: String,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub event_type: String,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub quad_class: String,
    pub intensity: f32,
    pub actor1: Option<PloverActor>,
    pub actor2: Option<PloverActor>,
    pub negated: bool,
    pub modality: String,
    pub attribution: Option<PloverActor>,
    pub confidence: f32,
    pub num_mentions: u32,
    pub num_docs: u32,
    pub doc_ids: Vec<String>,
    pub source: PloverEvidence,
    pub coder: String,
}

impl PloverRecord {
    pub fn new(e: &Event, story: Option<&StoryCounts>) -> Self {
        PloverRecord {
            id: e.event_id.clone(),
            date: e.date.clone(),
            date_precision: e.date_precision.map(|p| p.as_str().to_string()),
            event_type: e.category.as_str().to_string(),
            mode: e.mode.clone(),
            context: Vec::new(),
            quad_class: e.quad_class.as_str().to_string(),
            intensity: e.score,
            actor1: e.source.as_ref().map(PloverActor::from),
            actor2: e.target.as_ref().map(PloverActor::from),
            negated: e.negated,
            modality: e.modality.as_str().to_string(),
            attribution: e.attribution.as_ref().map(PloverActor::from),
            confidence: e.confidence,
            num_mentions: story.map_or(1, |s| s.num_mentions),
            num_docs: story.map_or(1, |s| s.num_docs),
            doc_ids: story.map_or_else(|| vec![e.doc_id.clone()], |s| s.doc_ids.clone()),
            source: PloverEvidence {
                doc_id: e.doc_id.clone(),
                sentence_index: e.sentence_index,
                sentence: e.sentence.clone(),
                trigger: e.trigger.clone(),
            },
            coder: e.coder_version.clone(),
        }
    }
}

/// Write one PLOVER record per line; returns the number written.
pub fn write_plover<W: Write>(
    out: W,
    records: impl IntoIterator<Item = PloverRecord>,
) -> Result<u64> {
    let mut sink = crate::JsonlSink::new(out);
    for record in records {
        sink.write(&record)?;
    }
    sink.finish()
}
