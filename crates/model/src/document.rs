use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{DocDate, Event, Mention, OffsetMap, Sentence, Span, Timex, Token};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Language {
    /// ISO 639-1 code (`nl`, `en`, ...).
    pub code: String,
    /// 0..1, from the language identifier.
    pub confidence: f32,
}

/// Text removed from the body by the cleaner but kept (URLs, author links,
/// captions, "LEES OOK" teasers, photo credits), with its span in the original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Furniture {
    /// url | author | caption | teaser | credit | header | footnote | other
    pub kind: String,
    pub text: String,
    pub raw_span: Span,
}

/// One article and everything the pipeline learnt about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publisher or feed name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where it was read from (file path, `file.jsonl:LINE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The decoded original text, untouched.
    pub raw: String,
    /// The cleaned body text that every span points into.
    pub text: String,
    pub offsets: OffsetMap,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DocDate>,
    /// Free-form metadata: `encoding`, `content_hash`, `format`, ...
    #[serde(default)]
    pub meta: BTreeMap<String, String>,
    #[serde(default)]
    pub furniture: Vec<crate::document::Furniture>,
    #[serde(default)]
    pub sentences: Vec<Sentence>,
    #[serde(default)]
    pub tokens: Vec<Token>,
    #[serde(default)]
    pub mentions: Vec<Mention>,
    #[serde(default)]
    pub timexes: Vec<Timex>,
    #[serde(default)]
    pub events: Vec<Event>,
}

impl Document {
    pub fn sentence_text(&self, idx: usize) -> &str {
        self.sentences
            .get(idx)
            .map(|s| s.span.slice(&self.text))
            .unwrap_or("")
    }
    #[inline]
    pub fn sentence_tokens(&self, idx: usize) -> &[Token] {
        self.sentences
            .get(idx)
            .and_then(|s| self.tokens.get(s.token_range()))
            .unwrap_or(&[])
    }
}
