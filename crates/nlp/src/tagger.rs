//! Greedy left-to-right UPOS tagger (averaged perceptron) with word, affix,
//! shape, news-lexicon and context features.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::perceptron::{QuantTable, SplitMix, TrainTable, argmax_f32, argmax_i32, feat, hash_str};
use crate::words::{UPOS, WordPieces, affixes, lowercase_into, shape_hash};

pub const TAGS: usize = UPOS.len();
const NO_TAG: u64 = TAGS as u64 + 7;
const TABLE_BITS: u32 = 20;

/// Word-level knowledge the features look up: the news ambiguity classes
/// and distributional clusters of lowercased forms.
#[derive(Clone, Serialize, Deserialize, Default)]
pub struct WordKnowledge {
    pub lexclass: FxHashMap<String, u32>,
    pub clusters: FxHashMap<String, u32>,
}

impl WordKnowledge {
    /// Fills `out` with the pieces of every form; `lower` is a scratch buffer.
    pub fn pieces(&self, forms: &[&str], out: &mut Vec<WordPieces>, lower: &mut String) {
        out.clear();
        for form in forms {
            lowercase_into(form, lower);
            let mut p = WordPieces {
                lower: hash_str(lower),
                shape: shape_hash(form),
                ..WordPieces::default()
            };
            affixes(lower, &mut p);
            p.lexclass = self
                .lexclass
                .get(lower.as_str())
                .map_or(0, |c| u64::from(*c) + 1);
            p.cluster = self
                .clusters
                .get(lower.as_str())
                .map_or(0, |c| u64::from(*c) + 1);
            out.push(p);
        }
    }
}

/// Context features of token `i` given the tags already chosen left of it.
pub fn features(i: usize, words: &[WordPieces], tags: &[u8], out: &mut Vec<u64>) {
    out.clear();
    let none = WordPieces {
        lower: 0x1111,
        shape: 0x2222,
        lexclass: 0x3333,
        cluster: 0x4444,
        suffix: [0x5555; crate::words::MAX_SUFFIX],
        prefix: [0x6666; crate::words::MAX_PREFIX],
    };
    let at = |j: isize| -> &WordPieces {
        if j < 0 {
            &none
        } else {
            words.get(j as usize).unwrap_or(&none)
        }
    };
    let tag_at = |j: isize| -> u64 {
        if j < 0 {
            NO_TAG
        } else {
            tags.get(j as usize).map_or(NO_TAG + 1, |t| u64::from(*t))
        }
    };
    let i = i as isize;
    let (w, p1, p2, n1, n2) = (at(i), at(i - 1), at(i - 2), at(i + 1), at(i + 2));
    let (t1, t2) = (tag_at(i - 1), tag_at(i - 2));
    out.push(feat(1, 0, 0, 0));
    out.push(feat(2, w.lower, 0, 0));
    out.push(feat(3, p1.lower, 0, 0));
    out.push(feat(4, n1.lower, 0, 0));
    out.push(feat(5, p2.lower, 0, 0));
    out.push(feat(6, n2.lower, 0, 0));
    for (k, s) in w.suffix.iter().enumerate() {
        out.push(feat(10 + k as u64, *s, 0, 0));
    }
    for (k, s) in w.prefix.iter().enumerate() {
        out.push(feat(20 + k as u64, *s, 0, 0));
    }
    out.push(feat(30, w.shape, 0, 0));
    out.push(feat(31, t1, 0, 0));
    out.push(feat(32, t1, t2, 0));
    out.push(feat(33, t1, w.lower, 0));
    out.push(feat(34, t1, w.suffix[2], 0));
    out.push(feat(35, p1.suffix[2], 0, 0));
    out.push(feat(36, n1.suffix[2], 0, 0));
    out.push(feat(37, n1.shape, 0, 0));
    out.push(feat(38, w.lexclass, 0, 0));
    out.push(feat(39, p1.lexclass, 0, 0));
    out.push(feat(40, n1.lexclass, 0, 0));
    out.push(feat(41, w.lexclass, t1, 0));
    out.push(feat(42, w.lower, n1.lower, 0));
    out.push(feat(43, p1.lower, w.lower, 0));
    out.push(feat(44, w.shape, u64::from(i == 0), 0));
    out.push(feat(45, n2.lexclass, 0, 0));
    out.push(feat(46, w.lexclass, n1.lexclass, 0));
    out.push(feat(47, w.cluster, 0, 0));
    out.push(feat(48, p1.cluster, 0, 0));
    out.push(feat(49, n1.cluster, 0, 0));
    out.push(feat(50, w.suffix[1], n1.lower, 0));
    out.push(feat(51, t1, n1.lower, 0));
    out.push(feat(52, w.lower, u64::from(i == 0), 0));
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Tagger {
    pub knowledge: WordKnowledge,
    pub table: QuantTable,
}

/// Reusable buffers for tagging one sentence after another.
#[derive(Default)]
pub struct TagScratch {
    pub pieces: Vec<WordPieces>,
    pub features: Vec<u64>,
    pub lower: String,
    scores: Vec<i32>,
}

impl Tagger {
    pub fn tag(&self, forms: &[&str], scratch: &mut TagScratch, tags: &mut Vec<u8>) {
        self.knowledge
            .pieces(forms, &mut scratch.pieces, &mut scratch.lower);
        tags.clear();
        scratch.scores.resize(TAGS, 0);
        for i in 0..forms.len() {
            features(i, &scratch.pieces, tags, &mut scratch.features);
            self.table.score(&scratch.features, &mut scratch.scores);
            tags.push(argmax_i32(&scratch.scores, |_| true).unwrap_or(0) as u8);
        }
    }
}

/// One training sentence; a `None` tag is a silver token without a
/// confident label (it shapes the context but is never learnt from).
pub struct TagExample {
    pub forms: Vec<String>,
    pub tags: Vec<Option<u8>>,
    pub weight: f32,
}

pub fn train(
    examples: &[TagExample],
    knowledge: WordKnowledge,
    epochs: usize,
    seed: u64,
    mut after_epoch: impl FnMut(usize, &Tagger, f64),
) -> Tagger {
    let mut table = TrainTable::new(TABLE_BITS, TAGS);
    let mut rng = SplitMix(seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let prepared: Vec<Vec<WordPieces>> = examples
        .iter()
        .map(|e| {
            let forms: Vec<&str> = e.forms.iter().map(String::as_str).collect();
            let mut out = Vec::new();
            knowledge.pieces(&forms, &mut out, &mut String::new());
            out
        })
        .collect();
    let mut feats = Vec::new();
    let mut scores = vec![0.0f32; TAGS];
    let mut tags = Vec::new();
    let mut tagger = Tagger {
        knowledge: knowledge.clone(),
        table: table.finish(),
    };
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &e in &order {
            let example = &examples[e];
            tags.clear();
            for (i, gold) in example.tags.iter().enumerate() {
                features(i, &prepared[e], &tags, &mut feats);
                table.score(&feats, &mut scores);
                let guess = argmax_f32(&scores, |_| true).unwrap_or(0);
                if let Some(g) = gold {
                    let g = usize::from(*g);
                    total += 1;
                    if g == guess {
                        right += 1;
                    } else {
                        table.update(&feats, g, guess, example.weight);
                    }
                }
                table.clock += 1.0;
                tags.push(guess as u8);
            }
        }
        tagger.table = table.finish();
        after_epoch(epoch, &tagger, right as f64 / total.max(1) as f64);
    }
    tagger
}
