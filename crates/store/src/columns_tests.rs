use super::*;

#[derive(Serialize, Deserialize, Debug, PartialEq, Default)]
struct Holder {
    #[serde(
        serialize_with = "serialize_offsets",
        deserialize_with = "deserialize_offsets"
    )]
    offsets: OffsetMap,
    #[serde(
        serialize_with = "serialize_sentences",
        deserialize_with = "deserialize_sentences"
    )]
    sentences: Vec<Sentence>,
    #[serde(
        serialize_with = "serialize_mentions",
        deserialize_with = "deserialize_mentions"
    )]
    mentions: Vec<Mention>,
}

/// The same fields in the shape of older blobs: arrays of objects.
#[derive(Serialize)]
struct OldHolder<'a> {
    offsets: &'a OffsetMap,
    sentences: &'a [Sentence],
    mentions: &'a [Mention],
}

struct Rng(u64);

impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
    fn offset(&mut self) -> u32 {
        match self.next(4) {
            0 => u32::MAX - self.next(3) as u32,
            1 => self.next(3) as u32,
            _ => self.next(100_000) as u32,
        }
    }
    fn word(&mut self) -> Option<String> {
        let words = [
            "RUS", "Rusland", "GOV", "premier", "alias", "één", "a\"b\\c",
        ];
        (self.next(3) != 0).then(|| words[self.next(words.len() as u64) as usize].to_string())
    }
}

fn random_holder(rng: &mut Rng) -> Holder {
    let pieces = (0..rng.next(8))
        .map(|_| Piece {
            clean_start: rng.offset(),
            len: rng.offset(),
            raw_start: rng.offset(),
            raw_end: rng.offset(),
        })
        .collect();
    let sentences = (0..rng.next(8))
        .map(|_| Sentence {
            span: Span {
                start: rng.offset(),
                end: rng.offset(),
            },
            token_start: rng.offset(),
            token_end: rng.offset(),
        })
        .collect();
    let mentions = (0..rng.next(8))
        .map(|_| Mention {
            span: Span {
                start: rng.offset(),
                end: rng.offset(),
            },
            sentence: rng.offset(),
            token_start: rng.offset(),
            token_end: rng.offset(),
            kind: KINDS[rng.next(KINDS.len() as u64) as usize],
            actor_id: rng.word(),
            name: rng.word(),
            code: rng.word(),
            sector: rng.word(),
            office: rng.word(),
            rule: rng.word().unwrap_or_default(),
            confidence: [0.0, 0.95, 0.6, 1.0 / 3.0, f32::MIN_POSITIVE][rng.next(5) as usize],
        })
        .collect();
    Holder {
        offsets: OffsetMap { pieces },
        sentences,
        mentions,
    }
}

#[test]
fn random_annotations_round_trip_in_both_shapes() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..2000 {
        let h = random_holder(&mut rng);
        let json = serde_json::to_string(&h).unwrap();
        let back: Holder = serde_json::from_str(&json).unwrap();
        assert_eq!(back, h, "{json}");
        let old = serde_json::to_string(&OldHolder {
            offsets: &h.offsets,
            sentences: &h.sentences,
            mentions: &h.mentions,
        })
        .unwrap();
        let back: Holder = serde_json::from_str(&old).unwrap();
        assert_eq!(back, h, "{old}");
    }
}

#[test]
fn every_mention_kind_survives() {
    let mentions: Vec<Mention> = KINDS
        .iter()
        .map(|&kind| Mention {
            span: Span { start: 1, end: 2 },
            sentence: 0,
            token_start: 0,
            token_end: 1,
            kind,
            actor_id: None,
            name: None,
            code: None,
            sector: None,
            office: None,
            rule: String::new(),
            confidence: 0.5,
        })
        .collect();
    let h = Holder {
        mentions,
        ..Default::default()
    };
    let back: Holder = serde_json::from_str(&serde_json::to_string(&h).unwrap()).unwrap();
    assert_eq!(back, h);
}

#[test]
fn columns_are_much_smaller_than_objects() {
    let mut rng = Rng(7);
    let mut h = random_holder(&mut rng);
    // A realistic document: increasing offsets, repeated actors.
    h.offsets.pieces = (0..60u32)
        .map(|i| Piece {
            clean_start: i * 81,
            len: if i % 2 == 0 { 80 } else { 1 },
            raw_start: i * 82 + 14,
            raw_end: i * 82 + 14 + if i % 2 == 0 { 80 } else { 0 },
        })
        .collect();
    h.mentions = (0..40u32)
        .map(|i| Mention {
            span: Span {
                start: i * 90,
                end: i * 90 + 7,
            },
            sentence: i / 3,
            token_start: i * 15,
            token_end: i * 15 + 1,
            kind: MentionKind::Loc,
            actor_id: Some(["RUS", "ARM"][i as usize % 2].into()),
            name: Some(["Russia", "Armenia"][i as usize % 2].into()),
            code: Some(["RUS", "ARM"][i as usize % 2].into()),
            sector: None,
            office: None,
            rule: "alias".into(),
            confidence: 0.95,
        })
        .collect();
    let new = serde_json::to_string(&h).unwrap().len();
    let old = serde_json::to_string(&OldHolder {
        offsets: &h.offsets,
        sentences: &h.sentences,
        mentions: &h.mentions,
    })
    .unwrap()
    .len();
    assert!(new * 3 < old, "{new} vs {old} bytes");
}

#[test]
fn damaged_columns_are_errors_not_panics() {
    let bad = [
        r#"{"offsets":{"piece_columns":[1,2,3]},"sentences":[],"mentions":[]}"#,
        r#"{"offsets":{"piece_columns":[-5,1,0,0]},"sentences":[],"mentions":[]}"#,
        r#"{"offsets":{"pieces":[]},"sentences":{"spans":[0,1],"tokens":[]},"mentions":[]}"#,
        r#"{"offsets":{"pieces":[]},"sentences":[],"mentions":{"spans":[0,1],"sentence":[0],"tokens":[0,1],"kind":[9],"confidence":[1.0]}}"#,
        r#"{"offsets":{"pieces":[]},"sentences":[],"mentions":{"spans":[0,1],"sentence":[0],"tokens":[0,1],"kind":[0],"actor_id":[3],"name":[0],"code":[0],"sector":[0],"office":[0],"rule":[0],"confidence":[1.0]}}"#,
        r#"{"offsets":{"pieces":[]},"sentences":[],"mentions":{"spans":[0,1],"sentence":[0,1],"tokens":[0,1],"kind":[0],"confidence":[1.0]}}"#,
    ];
    for json in bad {
        assert!(serde_json::from_str::<Holder>(json).is_err(), "{json}");
    }
}
