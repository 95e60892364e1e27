//! The offset pieces, sentences and mentions of the stored annotations,
//! written as columns like the tokens (token_table.rs): one JSON object
//! with an array per field instead of an array of objects. As objects they
//! were two fifths of every blob's JSON (a mention was about 190 bytes, a
//! piece of the offset map 70) and that JSON was serialised, compressed,
//! copied into SQLite and written twice (WAL, then the database) per
//! document.
//!
//! Numbers are written as differences from the previous item, so most are
//! one or two digits; strings of mentions are numbers into one list of the
//! document's distinct values. Blobs written before (arrays of objects) are
//! read as they were: the readers accept both shapes.
use kroniek_model::{Mention, MentionKind, OffsetMap, Piece, Sentence, Span};
use rustc_hash::FxHashMap as HashMap;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

/// Differences of `u32` values, kept in `i64` so any order round-trips.
fn delta(value: u32, previous: u32) -> i64 {
    i64::from(value) - i64::from(previous)
}

fn undelta(d: i64, previous: u32, what: &str) -> Result<u32, String> {
    u32::try_from(i64::from(previous) + d).map_err(|_| format!("{what}: offset out of range"))
}

/// Reads a list written either as an array of objects (older blobs) or as
/// columns `C`, turned into items by `rows`.
fn seq_or_columns<'de, D, T, C>(
    d: D,
    what: &'static str,
    rows: fn(C) -> Result<Vec<T>, String>,
) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
    C: Deserialize<'de>,
{
    struct ListVisitor<T, C> {
        what: &'static str,
        rows: fn(C) -> Result<Vec<T>, String>,
    }
    impl<'de, T: Deserialize<'de>, C: Deserialize<'de>> Visitor<'de> for ListVisitor<T, C> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "{} columns or an array of {}", self.what, self.what)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(item) = seq.next_element::<T>()? {
                out.push(item);
            }
            Ok(out)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let columns = C::deserialize(de::value::MapAccessDeserializer::new(map))?;
            (self.rows)(columns).map_err(de::Error::custom)
        }
    }
    d.deserialize_any(ListVisitor { what, rows })
}

// ---- offset map ----

#[derive(Serialize, Deserialize, Default)]
struct PieceColumns {
    /// Four numbers a piece: clean start minus the previous piece's clean
    /// end, length, raw start minus the previous raw end, raw length.
    piece_columns: Vec<i64>,
}

pub(crate) fn serialize_offsets<S: Serializer>(map: &OffsetMap, s: S) -> Result<S::Ok, S::Error> {
    let mut c = PieceColumns {
        piece_columns: Vec::with_capacity(map.pieces.len() * 4),
    };
    let (mut clean_end, mut raw_end) = (0u32, 0u32);
    for p in &map.pieces {
        let Piece {
            clean_start,
            len,
            raw_start,
            raw_end: end,
        } = *p;
        c.piece_columns.extend([
            delta(clean_start, clean_end),
            i64::from(len),
            delta(raw_start, raw_end),
            delta(end, raw_start),
        ]);
        clean_end = clean_start.wrapping_add(len);
        raw_end = end;
    }
    c.serialize(s)
}

fn pieces_of(columns: &[i64]) -> Result<Vec<Piece>, String> {
    if !columns.len().is_multiple_of(4) {
        return Err("offset pieces: count not a multiple of four".into());
    }
    let (mut clean_end, mut raw_end) = (0u32, 0u32);
    let mut pieces = Vec::with_capacity(columns.len() / 4);
    for c in columns.chunks_exact(4) {
        let clean_start = undelta(c[0], clean_end, "offset pieces")?;
        let len = undelta(c[1], 0, "offset pieces")?;
        let raw_start = undelta(c[2], raw_end, "offset pieces")?;
        let end = undelta(c[3], raw_start, "offset pieces")?;
        pieces.push(Piece {
            clean_start,
            len,
            raw_start,
            raw_end: end,
        });
        clean_end = clean_start.wrapping_add(len);
        raw_end = end;
    }
    Ok(pieces)
}

pub(crate) fn deserialize_offsets<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetMap, D::Error> {
    struct OffsetsVisitor;
    impl<'de> Visitor<'de> for OffsetsVisitor {
        type Value = OffsetMap;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an offset map")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OffsetMap, A::Error> {
            let mut pieces = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                match key.as_str() {
                    // Blobs from before the column format.
                    "pieces" => pieces = map.next_value()?,
                    "piece_columns" => {
                        let columns: Vec<i64> = map.next_value()?;
                        pieces = pieces_of(&columns).map_err(de::Error::custom)?;
                    }
                    _ => {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
            }
            Ok(OffsetMap { pieces })
        }
    }
    d.deserialize_map(OffsetsVisitor)
}

// ---- sentences ----

#[derive(Serialize, Deserialize, Default)]
struct SentenceColumns {
    /// Two numbers a sentence: start minus the previous end, length.
    spans: Vec<i64>,
    /// Two numbers a sentence: first token minus the previous end, count.
    tokens: Vec<i64>,
}

pub(crate) fn serialize_sentences<S: Serializer>(
    sentences: &[Sentence],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut c = SentenceColumns {
        spans: Vec::with_capacity(sentences.len() * 2),
        tokens: Vec::with_capacity(sentences.len() * 2),
    };
    let (mut end, mut token_end) = (0u32, 0u32);
    for Sentence {
        span,
        token_start,
        token_end: t_end,
    } in sentences
    {
        c.spans
            .extend([delta(span.start, end), delta(span.end, span.start)]);
        c.tokens
            .extend([delta(*token_start, token_end), delta(*t_end, *token_start)]);
        end = span.end;
        token_end = *t_end;
    }
    c.serialize(s)
}

fn sentences_of(c: SentenceColumns) -> Result<Vec<Sentence>, String> {
    if c.spans.len() != c.tokens.len() || !c.spans.len().is_multiple_of(2) {
        return Err("sentence columns: lengths differ".into());
    }
    let (mut end, mut token_end) = (0u32, 0u32);
    let mut out = Vec::with_capacity(c.spans.len() / 2);
    for (s, t) in c.spans.chunks_exact(2).zip(c.tokens.chunks_exact(2)) {
        let start = undelta(s[0], end, "sentences")?;
        let span_end = undelta(s[1], start, "sentences")?;
        let token_start = undelta(t[0], token_end, "sentences")?;
        let t_end = undelta(t[1], token_start, "sentences")?;
        out.push(Sentence {
            span: Span {
                start,
                end: span_end,
            },
            token_start,
            token_end: t_end,
        });
        end = span_end;
        token_end = t_end;
    }
    Ok(out)
}

pub(crate) fn deserialize_sentences<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<Sentence>, D::Error> {
    seq_or_columns::<D, Sentence, SentenceColumns>(d, "sentences", sentences_of)
}

// ---- mentions ----

const KINDS: [MentionKind; 7] = [
    MentionKind::Per,
    MentionKind::Org,
    MentionKind::Loc,
    MentionKind::Misc,
    MentionKind::Demonym,
    MentionKind::Nominal,
    MentionKind::Pronoun,
];

#[derive(Deserialize, Default)]
struct MentionColumns {
    /// Two numbers a mention: start minus the previous start, length.
    spans: Vec<i64>,
    /// Sentence minus the previous mention's.
    sentence: Vec<i64>,
    /// Two numbers a mention: first token minus the previous first token, count.
    tokens: Vec<i64>,
    /// Index into the kinds PER, ORG, LOC, MISC, DEMONYM, NOMINAL, PRONOUN.
    kind: Vec<u8>,
    /// The distinct strings the columns below point into, 1-based (0: none).
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    actor_id: Vec<u32>,
    #[serde(default)]
    name: Vec<u32>,
    #[serde(default)]
    code: Vec<u32>,
    #[serde(default)]
    sector: Vec<u32>,
    #[serde(default)]
    office: Vec<u32>,
    #[serde(default)]
    rule: Vec<u32>,
    confidence: Vec<f32>,
}

/// [`MentionColumns`] as written, borrowing the strings.
#[derive(Serialize, Default)]
struct MentionColumnsOut<'a> {
    spans: Vec<i64>,
    sentence: Vec<i64>,
    tokens: Vec<i64>,
    kind: Vec<u8>,
    words: Vec<&'a str>,
    actor_id: Vec<u32>,
    name: Vec<u32>,
    code: Vec<u32>,
    sector: Vec<u32>,
    office: Vec<u32>,
    rule: Vec<u32>,
    confidence: Vec<f32>,
}

pub(crate) fn serialize_mentions<'a, S: Serializer>(
    mentions: &'a [Mention],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut c = MentionColumnsOut::default();
    let mut numbers: HashMap<&'a str, u32> = HashMap::default();
    let mut words: Vec<&'a str> = Vec::new();
    let mut number = |w: Option<&'a str>| -> u32 {
        match w {
            None => 0,
            Some(w) => *numbers.entry(w).or_insert_with(|| {
                words.push(w);
                words.len() as u32
            }),
        }
    };
    let (mut start, mut sentence, mut token) = (0u32, 0u32, 0u32);
    for m in mentions {
        // Every field named: a field added to Mention fails to compile
        // here until the format stores it.
        let Mention {
            span,
            sentence: m_sentence,
            token_start,
            token_end,
            kind,
            actor_id,
            name,
            code,
            sector,
            office,
            rule,
            confidence,
        } = m;
        c.spans
            .extend([delta(span.start, start), delta(span.end, span.start)]);
        c.sentence.push(delta(*m_sentence, sentence));
        c.tokens
            .extend([delta(*token_start, token), delta(*token_end, *token_start)]);
        c.kind
            .push(KINDS.iter().position(|k| k == kind).unwrap_or(0) as u8);
        c.actor_id.push(number(actor_id.as_deref()));
        c.name.push(number(name.as_deref()));
        c.code.push(number(code.as_deref()));
        c.sector.push(number(sector.as_deref()));
        c.office.push(number(office.as_deref()));
        // An empty rule is written as none and read back as empty.
        c.rule
            .push(number(Some(rule.as_str()).filter(|r| !r.is_empty())));
        c.confidence.push(*confidence);
        start = span.start;
        sentence = *m_sentence;
        token = *token_start;
    }
    c.words = words;
    c.serialize(s)
}

fn mentions_of(c: MentionColumns) -> Result<Vec<Mention>, String> {
    let n = c.sentence.len();
    let lengths = [
        c.spans.len() / 2,
        c.tokens.len() / 2,
        c.kind.len(),
        c.actor_id.len(),
        c.name.len(),
        c.code.len(),
        c.sector.len(),
        c.office.len(),
        c.rule.len(),
        c.confidence.len(),
    ];
    if lengths.iter().any(|&l| l != n)
        || !c.spans.len().is_multiple_of(2)
        || !c.tokens.len().is_multiple_of(2)
    {
        return Err(format!("mention columns: lengths differ ({n} mentions)"));
    }
    let word = |i: u32| -> Result<Option<String>, String> {
        match i {
            0 => Ok(None),
            i => c
                .words
                .get(i as usize - 1)
                .cloned()
                .map(Some)
                .ok_or_else(|| format!("mention columns: string {i} of {}", c.words.len())),
        }
    };
    let (mut start, mut sentence, mut token) = (0u32, 0u32, 0u32);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let span_start = undelta(c.spans[2 * i], start, "mentions")?;
        let span_end = undelta(c.spans[2 * i + 1], span_start, "mentions")?;
        let m_sentence = undelta(c.sentence[i], sentence, "mentions")?;
        let token_start = undelta(c.tokens[2 * i], token, "mentions")?;
        let token_end = undelta(c.tokens[2 * i + 1], token_start, "mentions")?;
        let kind = *KINDS
            .get(usize::from(c.kind[i]))
            .ok_or_else(|| format!("mention columns: kind {}", c.kind[i]))?;
        out.push(Mention {
            span: Span {
                start: span_start,
                end: span_end,
            },
            sentence: m_sentence,
            token_start,
            token_end,
            kind,
            actor_id: word(c.actor_id[i])?,
            name: word(c.name[i])?,
            code: word(c.code[i])?,
            sector: word(c.sector[i])?,
            office: word(c.office[i])?,
            rule: word(c.rule[i])?.unwrap_or_default(),
            confidence: c.confidence[i],
        });
        start = span_start;
        sentence = m_sentence;
        token = token_start;
    }
    Ok(out)
}

pub(crate) fn deserialize_mentions<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<Mention>, D::Error> {
    seq_or_columns::<D, Mention, MentionColumns>(d, "mentions", mentions_of)
}

#[cfg(test)]
#[path = "columns_tests.rs"]
mod tests;
