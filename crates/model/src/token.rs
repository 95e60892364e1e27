use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::Span;

/// A token: a span of the cleaned text plus the annotations the NLP layer adds.
/// Empty strings mean "not annotated yet". The tag strings are inline up to
/// 24 bytes (tags, relations, most lemmas and features): a document's
/// tokens then cost no allocation per field (allocating, copying and
/// freeing them on the store's thread was several per cent of the ingest;
/// BENCHMARKS.md).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    /// Normalised form (typographic quotes and dashes mapped to ASCII,
    /// soft hyphens removed); the text itself stays as written.
    #[serde(default, skip_serializing_if = "CompactString::is_empty")]
    pub norm: CompactString,
    /// Universal POS tag (NOUN, VERB, PROPN, ...).
    #[serde(default, skip_serializing_if = "CompactString::is_empty")]
    pub upos: CompactString,
    /// UD morphological features, `Key=Value|Key=Value`.
    #[serde(default, skip_serializing_if = "CompactString::is_empty")]
    pub feats: CompactString,
    #[serde(default, skip_serializing_if = "CompactString::is_empty")]
    pub lemma: CompactString,
    /// Full lemma of a separable verb with its particle (`riep ... op` → `oproepen`),
    /// set on the verb token only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_lemma: Option<String>,
    /// Head as a 1-based index within the sentence; 0 is the root.
    #[serde(default)]
    pub head: u32,
    #[serde(default, skip_serializing_if = "CompactString::is_empty")]
    pub deprel: CompactString,
}

impl Token {
    #[inline]
    pub fn new(span: Span) -> Self {
        Token {
            span,
            ..Default::default()
        }
    }
    #[inline]
    pub fn text<'a>(&self, doc_text: &'a str) -> &'a str {
        self.span.slice(doc_text)
    }
    /// The normalised form if set, else the text.
    #[inline]
    pub fn form<'a>(&'a self, doc_text: &'a str) -> &'a str {
        if self.norm.is_empty() {
            self.text(doc_text)
        } else {
            &self.norm
        }
    }
}

/// A sentence: its span and the half-open range of its tokens in `Document::tokens`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub token_start: u32,
    pub token_end: u32,
}

impl Sentence {
    #[inline]
    pub fn token_range(&self) -> std::ops::Range<usize> {
        self.token_start as usize..self.token_end as usize
    }
    #[inline]
    pub fn len(&self) -> usize {
        (self.token_end - self.token_start) as usize
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.token_end == self.token_start
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum MentionKind {
    /// Named person.
    Per,
    /// Named organisation.
    Org,
    /// Named location (states, cities, regions).
    Loc,
    /// Other names (events, products); adjectives and demonyms tagged MISC by NER.
    Misc,
    /// An adjective or inhabitant word (`Russische`, `Armeniërs`).
    Demonym,
    /// A common-noun description (`de premier`, `het leger`).
    Nominal,
    /// A personal pronoun resolved to an earlier mention.
    Pronoun,
}

impl MentionKind {
    /// The name stores and exports use: the serde name, without building
    /// a JSON value per mention.
    pub fn as_str(&self) -> &'static str {
        match self {
            MentionKind::Per => "PER",
            MentionKind::Org => "ORG",
            MentionKind::Loc => "LOC",
            MentionKind::Misc => "MISC",
            MentionKind::Demonym => "DEMONYM",
            MentionKind::Nominal => "NOMINAL",
            MentionKind::Pronoun => "PRONOUN",
        }
    }
}

/// A mention of an actor in the text, with what the linker made of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    /// Index of the sentence in `Document::sentences`.
    pub sentence: u32,
    /// Half-open token range in `Document::tokens`.
    pub token_start: u32,
    pub token_end: u32,
    pub kind: MentionKind,
    /// Registry actor id (`RUS`, `ARM`, `person:putin`, ...); `None` when unresolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<String>,
    /// Canonical name of the actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Country (ISO 3166-1 alpha-3) or organisation code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// PLOVER sector (GOV, MIL, MED, PPL, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// The office the person held on the document date, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// How the mention was linked (alias, capital-metonym, demonym, pronoun, ...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rule: String,
    pub confidence: f32,
}

#[cfg(test)]
mod tests {
    use super::MentionKind;

    #[test]
    fn mention_kind_names_are_the_serde_names() {
        use MentionKind::*;
        for kind in [Per, Org, Loc, Misc, Demonym, Nominal, Pronoun] {
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json.as_str(), Some(kind.as_str()));
        }
    }
}
