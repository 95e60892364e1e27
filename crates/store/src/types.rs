use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PutOutcome {
    Added,
    Replaced,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSummary {
    pub added: u64,
    pub replaced: u64,
    pub unchanged: u64,
    pub duplicates: u64,
    pub failed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    /// The id the duplicate would have had.
    pub id: String,
    /// The stored document with the same content.
    pub original_id: String,
    pub origin: Option<String>,
    pub content_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NearDuplicate {
    pub id: String,
    pub distance: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocFilter {
    pub limit: Option<usize>,
    pub offset: usize,
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocSummary {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language_confidence: Option<f32>,
    /// Document date value (`2023-10`), null when unknown.
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_precision: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    pub sentences: u64,
    pub tokens: u64,
    pub events: u64,
    pub content_hash: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub near_duplicates: Vec<NearDuplicate>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub documents: u64,
    pub duplicates: u64,
    pub near_duplicate_pairs: u64,
    pub sentences: u64,
    pub tokens: u64,
    pub mentions: u64,
    pub events: u64,
    pub text_bytes: u64,
    pub languages: Vec<(String, u64)>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub undated_documents: u64,
    pub runs: u64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// Actor id or country/organisation code, as source or target.
    pub actor: Option<String>,
    /// Two actors (ids or codes), either direction unless `directed`.
    pub dyad: Option<(String, String)>,
    pub directed: bool,
    pub category: Option<String>,
    /// Inclusive bounds on the event date (`YYYY[-MM[-DD]]`).
    pub from: Option<String>,
    pub to: Option<String>,
    pub doc: Option<String>,
    pub include_negated: bool,
    pub limit: Option<usize>,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorCount {
    pub actor_id: String,
    pub name: Option<String>,
    pub code: Option<String>,
    pub mentions: u64,
    pub documents: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRow {
    pub doc_id: String,
    pub sentence_index: u32,
    pub text: String,
    pub sentence: String,
    pub kind: String,
    pub rule: String,
    pub sector: Option<String>,
    pub office: Option<String>,
}
