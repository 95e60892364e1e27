//! Frog's silver news annotations (CGN tags and lemmas) mapped to UD labels.
//!
//! UD Dutch keeps the CGN tag as XPOS, so the treebank itself says which UPOS
//! and features each CGN tag (and tag + lemma, for AUX versus VERB) stands
//! for. Only confident mappings are used; an ambiguous token keeps no label
//! and the tagger learns nothing from it.

use rustc_hash::FxHashMap;

use crate::conllu::UdSentence;
use crate::words::upos_index;

/// One silver token: form, Frog lemma, UPOS index when the mapping is confident, feats.
#[derive(Debug, Clone)]
pub struct SilverWord {
    pub form: String,
    pub lemma: String,
    pub upos: Option<u8>,
    pub feats: Option<String>,
    /// Every UPOS the CGN tag stands for at least 10% of the time in the
    /// treebank (bit per tag): a Frog lemma is right whichever of them
    /// (`VERB` or `AUX` for a finite verb) the tagger picks.
    pub lemma_upos: u32,
}

#[derive(Default)]
struct Counts {
    by_tag: FxHashMap<String, FxHashMap<u8, u32>>,
    by_tag_lemma: FxHashMap<(String, String), FxHashMap<u8, u32>>,
    feats_by_tag: FxHashMap<String, FxHashMap<String, u32>>,
}

fn majority<K: Clone + Eq + std::hash::Hash + Ord>(
    counts: &FxHashMap<K, u32>,
    min_share: f64,
) -> Option<(K, u32)> {
    let total: u32 = counts.values().sum();
    let (best, n) = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
    (f64::from(*n) >= min_share * f64::from(total)).then(|| (best.clone(), total))
}

/// `N(soort,ev,basis)` → `N|soort|ev|basis`; `BW()` → `BW`.
pub fn cgn_to_xpos(tag: &str) -> String {
    let tag = tag.trim();
    match tag.find('(') {
        Some(open) => {
            let inner = tag[open + 1..].trim_end_matches(')');
            if inner.is_empty() {
                tag[..open].to_string()
            } else {
                format!("{}|{}", &tag[..open], inner.replace(',', "|"))
            }
        }
        None => tag.to_string(),
    }
}

/// Parses the silver TSV and maps each token with statistics from `gold`.
pub fn read_silver(tsv: &str, gold: &[UdSentence]) -> Vec<Vec<SilverWord>> {
    let mut counts = Counts::default();
    for sentence in gold {
        for w in &sentence.words {
            let Some(u) = upos_index(&w.upos) else {
                continue;
            };
            *counts
                .by_tag
                .entry(w.xpos.clone())
                .or_default()
                .entry(u)
                .or_default() += 1;
            *counts
                .by_tag_lemma
                .entry((w.xpos.clone(), w.lemma.to_lowercase()))
                .or_default()
                .entry(u)
                .or_default() += 1;
            *counts
                .feats_by_tag
                .entry(w.xpos.clone())
                .or_default()
                .entry(w.feats.clone())
                .or_default() += 1;
        }
    }
    let mut sentences = Vec::new();
    let mut current = Vec::new();
    for line in tsv.lines() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(form), Some(lemma), Some(tag)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let xpos = cgn_to_xpos(tag);
        let by_lemma = counts
            .by_tag_lemma
            .get(&(xpos.clone(), lemma.to_lowercase()))
            .filter(|c| c.values().sum::<u32>() >= 3)
            .and_then(|c| majority(c, 0.85));
        let upos = match by_lemma {
            Some((u, _)) => Some(u),
            None => counts
                .by_tag
                .get(&xpos)
                .and_then(|c| majority(c, 0.9))
                .map(|(u, _)| u),
        };
        let lemma_upos = match upos {
            Some(u) => 1 << u,
            None => counts.by_tag.get(&xpos).map_or(0, |c| {
                let total: u32 = c.values().sum();
                c.iter()
                    .filter(|(_, n)| **n * 10 >= total)
                    .fold(0, |m, (u, _)| m | 1 << u)
            }),
        };
        let feats = counts
            .feats_by_tag
            .get(&xpos)
            .and_then(|c| majority(c, 0.8))
            .map(|(f, _)| f);
        current.push(SilverWord {
            form: form.to_string(),
            lemma: lemma.to_string(),
            upos,
            feats,
            lemma_upos,
        });
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cgn_tags_become_xpos() {
        assert_eq!(cgn_to_xpos("N(soort,ev,basis)"), "N|soort|ev|basis");
        assert_eq!(cgn_to_xpos("BW()"), "BW");
        assert_eq!(cgn_to_xpos("LET"), "LET");
    }
}
