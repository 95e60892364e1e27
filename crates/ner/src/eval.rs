//! CoNLL evaluation with conlleval semantics: an entity counts as correct only
//! when its type and both boundaries match the gold entity exactly.

use std::collections::BTreeMap;

use crate::conll::{ParseError, parse_labelled};
use crate::gazetteer::Gazetteer;
use crate::model::NerModel;
use crate::tags::{TAGS, chunks};

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TypeScore {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl TypeScore {
    fn from_counts(gold: usize, predicted: usize, correct: usize) -> Self {
        let precision = if predicted == 0 {
            0.0
        } else {
            correct as f64 / predicted as f64
        };
        let recall = if gold == 0 {
            0.0
        } else {
            correct as f64 / gold as f64
        };
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        TypeScore {
            precision,
            recall,
            f1,
            gold,
            predicted,
            correct,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerScores {
    pub overall: TypeScore,
    /// Per entity type, sorted by type name.
    pub per_type: Vec<(String, TypeScore)>,
    /// Tokens scored and tokens whose tag matched (conlleval's accuracy line).
    pub tokens: usize,
    pub tokens_correct: usize,
}

/// Accumulates gold and predicted entities sentence by sentence.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    counts: BTreeMap<String, (usize, usize, usize)>,
    tokens: usize,
    tokens_correct: usize,
}

impl Tally {
    pub fn add<G: AsRef<str>, P: AsRef<str>>(&mut self, gold: &[G], predicted: &[P]) {
        self.tokens += gold.len();
        self.tokens_correct += gold
            .iter()
            .zip(predicted)
            .filter(|(g, p)| g.as_ref() == p.as_ref())
            .count();
        let gold_chunks = chunks(gold);
        let predicted_chunks = chunks(predicted);
        for c in &gold_chunks {
            self.counts.entry(c.kind.clone()).or_default().0 += 1;
        }
        for c in &predicted_chunks {
            let entry = self.counts.entry(c.kind.clone()).or_default();
            entry.1 += 1;
            if gold_chunks.contains(c) {
                entry.2 += 1;
            }
        }
    }

    pub fn scores(&self) -> NerScores {
        let mut total = (0, 0, 0);
        let mut per_type = Vec::new();
        for (kind, &(g, p, c)) in &self.counts {
            total.0 += g;
            total.1 += p;
            total.2 += c;
            per_type.push((kind.clone(), TypeScore::from_counts(g, p, c)));
        }
        NerScores {
            overall: TypeScore::from_counts(total.0, total.1, total.2),
            per_type,
            tokens: self.tokens,
            tokens_correct: self.tokens_correct,
        }
    }
}

/// Tags the articles of a labelled CoNLL text with `model` and scores the result.
pub fn evaluate(
    model: &NerModel,
    gold_conll: &str,
    gazetteer: &Gazetteer,
) -> Result<NerScores, ParseError> {
    let docs = parse_labelled(gold_conll)?;
    let mut tally = Tally::default();
    for doc in &docs {
        let forms: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let tagged = model.tag_doc(&forms, gazetteer);
        for (sentence, t) in doc.sentences.iter().zip(&tagged) {
            let predicted: Vec<&str> = t.tags.iter().map(|&i| TAGS[i]).collect();
            tally.add(&sentence.tags, &predicted);
        }
    }
    Ok(tally.scores())
}

/// A table in the manner of conlleval's output.
pub fn format_conlleval(scores: &NerScores) -> String {
    let o = &scores.overall;
    let accuracy = if scores.tokens == 0 {
        0.0
    } else {
        100.0 * scores.tokens_correct as f64 / scores.tokens as f64
    };
    let mut out = format!(
        "processed {} tokens with {} phrases; found: {} phrases; correct: {}.\n",
        scores.tokens, o.gold, o.predicted, o.correct
    );
    out.push_str(&format!(
        "accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}\n",
        accuracy,
        100.0 * o.precision,
        100.0 * o.recall,
        100.0 * o.f1
    ));
    for (kind, s) in &scores.per_type {
        out.push_str(&format!(
            "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}\n",
            kind,
            100.0 * s.precision,
            100.0 * s.recall,
            100.0 * s.f1,
            s.predicted
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_match_scoring() {
        let mut tally = Tally::default();
        tally.add(
            &["B-PER", "I-PER", "O", "B-LOC"],
            &["B-PER", "O", "O", "B-LOC"],
        );
        tally.add(&["B-ORG", "O"], &["B-ORG", "B-MISC"]);
        let s = tally.scores();
        assert_eq!(
            (s.overall.gold, s.overall.predicted, s.overall.correct),
            (3, 4, 2)
        );
        assert!((s.overall.precision - 0.5).abs() < 1e-9);
        assert!((s.overall.recall - 2.0 / 3.0).abs() < 1e-9);
        let per: BTreeMap<_, _> = s.per_type.iter().cloned().collect();
        assert_eq!(per["PER"].correct, 0);
        assert_eq!(per["MISC"].gold, 0);
        let table = format_conlleval(&s);
        assert!(table.contains("found: 4 phrases; correct: 2."));
    }
}
