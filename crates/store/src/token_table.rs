//! Tokens in the stored annotations, written as columns: one array per
//! field instead of one JSON object per token. A text-only token was about
//! 35 bytes of JSON (`{"span":{"start":0,"end":8},"head":0}`) to compress
//! for 6 bytes of text, and the tokens were most of every blob; as columns
//! the spans are two small numbers each.
//!
//! The tag columns (UPOS, features, lemma, relation) are numbers into one
//! list of the document's distinct values (`words`): a feature string such
//! as `Gender=Com|Number=Sing` written once per token made the features
//! alone a fifth of every blob, and writing and compressing that JSON was
//! a tenth of the ingest.
//!
//! Still JSON, still readable across versions: a column that is empty for
//! every token is left out, a missing column reads as empty values, and
//! blobs written before (tag columns as strings, or an array of token
//! objects) are read as they were. Builds from before a format cannot read
//! its blobs; the schema version written with it makes them refuse the
//! store instead of misreading it.
use kroniek_model::{CompactString, Span, Token};
use rustc_hash::FxHashMap as HashMap;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

/// Serialise `tokens` as [`Columns`].
pub(crate) fn serialize<S: Serializer>(tokens: &[Token], s: S) -> Result<S::Ok, S::Error> {
    ColumnsOut::of(tokens).serialize(s)
}

/// Read tokens written as columns (this format) or as objects (older blobs).
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Token>, D::Error> {
    d.deserialize_any(TokensVisitor)
}

#[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
struct Columns {
    /// Two numbers a token: its start minus the previous token's end (0
    /// for the first), then its length.
    spans: Vec<i64>,
    /// (token index, value) of the tokens that have one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    norm: Vec<(u32, CompactString)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    upos: Vec<CompactString>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    feats: Vec<CompactString>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    lemma: Vec<CompactString>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    full_lemma: Vec<(u32, String)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    head: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    deprel: Vec<CompactString>,
    /// The distinct tag values the `*_ix` columns point into.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    words: Vec<CompactString>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    upos_ix: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    feats_ix: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    lemma_ix: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    deprel_ix: Vec<u32>,
}

/// [`Columns`] as written: borrowed from the tokens, tag values numbered.
#[derive(Serialize, Default)]
struct ColumnsOut<'a> {
    spans: Vec<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    norm: Vec<(u32, &'a str)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    full_lemma: Vec<(u32, &'a str)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    head: Vec<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    words: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    upos_ix: Vec<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    feats_ix: Vec<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    lemma_ix: Vec<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    deprel_ix: Vec<u32>,
}

impl<'a> ColumnsOut<'a> {
    fn of(tokens: &'a [Token]) -> ColumnsOut<'a> {
        let mut c = ColumnsOut {
            spans: Vec::with_capacity(tokens.len() * 2),
            ..Default::default()
        };
        let any = |f: fn(&Token) -> bool| tokens.iter().any(f);
        let (has_upos, has_feats, has_lemma, has_head, has_deprel) = (
            any(|t| !t.upos.is_empty()),
            any(|t| !t.feats.is_empty()),
            any(|t| !t.lemma.is_empty()),
            any(|t| t.head != 0),
            any(|t| !t.deprel.is_empty()),
        );
        // Room for the distinct values of a news article (tags, features,
        // relations, about a lemma for every other token): no regrowth.
        let distinct = tokens.len() / 2 + 64;
        let mut numbers: HashMap<&'a str, u32> =
            HashMap::with_capacity_and_hasher(distinct, Default::default());
        let mut words: Vec<&'a str> = Vec::with_capacity(distinct);
        let mut number = |w: &'a str| -> u32 {
            *numbers.entry(w).or_insert_with(|| {
                words.push(w);
                (words.len() - 1) as u32
            })
        };
        let mut prev_end = 0i64;
        for (i, t) in tokens.iter().enumerate() {
            // Every field named: a field added to Token fails to compile
            // here until the format stores it.
            let Token {
                span,
                norm,
                upos,
                feats,
                lemma,
                full_lemma,
                head,
                deprel,
            } = t;
            let (start, end) = (span.start as i64, span.end as i64);
            c.spans.push(start - prev_end);
            c.spans.push(end - start);
            prev_end = end;
            if !norm.is_empty() {
                c.norm.push((i as u32, norm));
            }
            if let Some(full) = full_lemma {
                c.full_lemma.push((i as u32, full));
            }
            if has_upos {
                c.upos_ix.push(number(upos));
            }
            if has_feats {
                c.feats_ix.push(number(feats));
            }
            if has_lemma {
                c.lemma_ix.push(number(lemma));
            }
            if has_head {
                c.head.push(*head);
            }
            if has_deprel {
                c.deprel_ix.push(number(deprel));
            }
        }
        c.words = words;
        c
    }
}

impl Columns {
    fn into_tokens(mut self) -> Result<Vec<Token>, String> {
        let words = std::mem::take(&mut self.words);
        for (name, ix, column) in [
            ("upos", std::mem::take(&mut self.upos_ix), &mut self.upos),
            ("feats", std::mem::take(&mut self.feats_ix), &mut self.feats),
            ("lemma", std::mem::take(&mut self.lemma_ix), &mut self.lemma),
            (
                "deprel",
                std::mem::take(&mut self.deprel_ix),
                &mut self.deprel,
            ),
        ] {
            if ix.is_empty() {
                continue;
            }
            if !column.is_empty() {
                return Err(format!("token column {name}: written twice"));
            }
            *column =
                ix.into_iter()
                    .map(|i| {
                        words.get(i as usize).cloned().ok_or_else(|| {
                            format!("token column {name}: value {i} of {}", words.len())
                        })
                    })
                    .collect::<Result<_, _>>()?;
        }
        if !self.spans.len().is_multiple_of(2) {
            return Err("token spans: odd count".into());
        }
        let n = self.spans.len() / 2;
        for (name, len) in [
            ("upos", self.upos.len()),
            ("feats", self.feats.len()),
            ("lemma", self.lemma.len()),
            ("head", self.head.len()),
            ("deprel", self.deprel.len()),
        ] {
            if len != 0 && len != n {
                return Err(format!("token column {name}: {len} values for {n} tokens"));
            }
        }
        let bound = |v: i64| u32::try_from(v).map_err(|_| format!("token offset {v} out of range"));
        let mut tokens = Vec::with_capacity(n);
        let mut prev_end = 0i64;
        for pair in self.spans.chunks_exact(2) {
            let start = prev_end + pair[0];
            let end = start + pair[1];
            tokens.push(Token {
                span: Span {
                    start: bound(start)?,
                    end: bound(end)?,
                },
                ..Default::default()
            });
            prev_end = end;
        }
        let mut fill = |column: Vec<CompactString>, set: fn(&mut Token, CompactString)| {
            for (t, v) in tokens.iter_mut().zip(column) {
                set(t, v);
            }
        };
        fill(self.upos, |t, v| t.upos = v);
        fill(self.feats, |t, v| t.feats = v);
        fill(self.lemma, |t, v| t.lemma = v);
        fill(self.deprel, |t, v| t.deprel = v);
        for (t, h) in tokens.iter_mut().zip(self.head) {
            t.head = h;
        }
        for (i, v) in self.norm {
            let t = tokens
                .get_mut(i as usize)
                .ok_or_else(|| format!("norm of token {i} of {n}"))?;
            t.norm = v;
        }
        for (i, v) in self.full_lemma {
            let t = tokens
                .get_mut(i as usize)
                .ok_or_else(|| format!("full lemma of token {i} of {n}"))?;
            t.full_lemma = Some(v);
        }
        Ok(tokens)
    }
}

struct TokensVisitor;

impl<'de> Visitor<'de> for TokensVisitor {
    type Value = Vec<Token>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("token columns or an array of tokens")
    }

    /// Blobs from before the column format.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut tokens = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(t) = seq.next_element::<Token>()? {
            tokens.push(t);
        }
        Ok(tokens)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Columns::deserialize(de::value::MapAccessDeserializer::new(map))?
            .into_tokens()
            .map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize)]
    struct Holder {
        #[serde(serialize_with = "serialize", deserialize_with = "deserialize")]
        tokens: Vec<Token>,
    }

    fn token(start: u32, end: u32) -> Token {
        Token::new(Span { start, end })
    }

    fn round_trip(tokens: Vec<Token>) {
        let json = serde_json::to_string(&Holder {
            tokens: tokens.clone(),
        })
        .unwrap();
        let back: Holder = serde_json::from_str(&json).unwrap();
        assert_eq!(back.tokens, tokens, "{json}");
    }

    #[test]
    fn every_field_survives() {
        round_trip(Vec::new());
        round_trip(vec![token(0, 3), token(4, 8), token(8, 9)]);
        let mut full = vec![token(2, 5), token(6, 10), token(11, 12), token(13, 17)];
        full[0].norm = "\"".into();
        full[1].upos = "VERB".into();
        full[1].feats = "Number=Sing|Tense=Past".into();
        full[1].lemma = "roepen".into();
        full[1].full_lemma = Some("oproepen".into());
        full[1].head = 0;
        full[1].deprel = "root".into();
        full[2].upos = "ADP".into();
        full[2].head = 2;
        full[2].deprel = "compound:prt".into();
        full[3].head = u32::MAX;
        full[3].lemma = "één".into();
        round_trip(full);
        // Out of order, overlapping and reversed spans come back as they were.
        round_trip(vec![token(10, 20), token(0, 5), token(3, 4), token(9, 2)]);
        round_trip(vec![token(u32::MAX, u32::MAX), token(0, u32::MAX)]);
    }

    #[test]
    fn text_only_tokens_are_small() {
        let tokens: Vec<Token> = (0..100).map(|i| token(i * 6, i * 6 + 5)).collect();
        let json = serde_json::to_string(&Holder { tokens }).unwrap();
        assert!(json.len() < 450, "{} bytes", json.len());
    }

    #[test]
    fn each_tag_value_is_written_once() {
        let tokens: Vec<Token> = (0..200)
            .map(|i| {
                let mut t = token(i * 6, i * 6 + 5);
                t.upos = if i % 2 == 0 { "NOUN" } else { "VERB" }.into();
                t.feats = "Gender=Com|Number=Sing".into();
                t.lemma = format!("w{}", i % 3).into();
                t.deprel = "nsubj".into();
                t
            })
            .collect();
        let json = serde_json::to_string(&Holder {
            tokens: tokens.clone(),
        })
        .unwrap();
        assert_eq!(json.matches("Gender=Com|Number=Sing").count(), 1, "{json}");
        assert_eq!(json.matches("NOUN").count(), 1, "{json}");
        let back: Holder = serde_json::from_str(&json).unwrap();
        assert_eq!(back.tokens, tokens);
    }

    #[test]
    fn string_tag_columns_of_the_previous_format_are_read() {
        let old = r#"{"tokens":{"spans":[0,3,1,2],"upos":["NOUN","ADP"],
            "feats":["Number=Sing",""],"lemma":["kat","in"],"head":[0,1],
            "deprel":["root","case"]}}"#;
        let back: Holder = serde_json::from_str(old).unwrap();
        assert_eq!(back.tokens[0].upos, "NOUN");
        assert_eq!(back.tokens[0].feats, "Number=Sing");
        assert_eq!(back.tokens[1].lemma, "in");
        assert_eq!(back.tokens[1].deprel, "case");
        assert_eq!(back.tokens[1].head, 1);
    }

    #[test]
    fn older_token_arrays_are_read() {
        let mut t = token(0, 3);
        t.upos = "NOUN".into();
        t.head = 2;
        let old = serde_json::json!({ "tokens": [t.clone(), token(4, 6)] }).to_string();
        let back: Holder = serde_json::from_str(&old).unwrap();
        assert_eq!(back.tokens, vec![t, token(4, 6)]);
    }

    #[test]
    fn a_blob_of_an_older_build_is_read() {
        let mut t = token(0, 2);
        t.lemma = "de".into();
        let old = serde_json::json!({
            "offsets": {"pieces": []}, "furniture": [], "meta": {"k": "v"},
            "sentences": [{"span": {"start": 0, "end": 6}, "token_start": 0, "token_end": 2}],
            "tokens": [t.clone(), token(3, 6)],
            "mentions": [], "timexes": [], "date": null, "language": null,
        });
        let blob = crate::codec::pack(&old);
        let shell = kroniek_model::Document {
            id: "oud".into(),
            ..Default::default()
        };
        let doc = crate::unpack_annotations(shell, &blob).unwrap();
        assert_eq!(doc.tokens, vec![t, token(3, 6)]);
        assert_eq!(doc.sentences.len(), 1);
        assert_eq!(doc.meta.get("k").map(String::as_str), Some("v"));
    }

    #[test]
    fn bad_columns_are_errors_not_panics() {
        for bad in [
            r#"{"tokens":{"spans":[1]}}"#,
            r#"{"tokens":{"spans":[0,3],"upos":["A","B"]}}"#,
            r#"{"tokens":{"spans":[0,3],"norm":[[5,"x"]]}}"#,
            r#"{"tokens":{"spans":[-1,3]}}"#,
            r#"{"tokens":{"spans":[4294967295,3]}}"#,
            r#"{"tokens":{"spans":[0,3],"full_lemma":[[1,"x"]]}}"#,
            r#"{"tokens":7}"#,
            r#"{"tokens":{"spans":[0,3],"words":["A"],"upos_ix":[1]}}"#,
            r#"{"tokens":{"spans":[0,3],"upos_ix":[0]}}"#,
            r#"{"tokens":{"spans":[0,3],"words":["A"],"upos_ix":[0,0]}}"#,
            r#"{"tokens":{"spans":[0,3],"words":["A"],"upos":["A"],"upos_ix":[0]}}"#,
        ] {
            assert!(serde_json::from_str::<Holder>(bad).is_err(), "{bad}");
        }
    }
}
