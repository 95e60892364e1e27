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
    // Lemmas the treebank uses as auxiliaries at least twice: any other verb
    // lemma under an ambiguous finite-verb tag is a main verb.
    let aux = upos_index("AUX").unwrap_or(0);
    let verb = upos_index("VERB").unwrap_or(0);
    let mut aux_counts: FxHashMap<String, u32> = FxHashMap::default();
    for w in gold.iter().flat_map(|s| &s.words) {
        if w.upos == "AUX" {
            *aux_counts.entry(w.lemma.to_lowercase()).or_default() += 1;
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
        let by_tag = counts.by_tag.get(&xpos);
        let candidates = by_tag.map_or(0u32, |c| {
            let total: u32 = c.values().sum();
            c.iter()
                .filter(|(_, n)| **n * 10 >= total)
                .fold(0, |m, (u, _)| m | 1 << u)
        });
        let main_verb = candidates == (1 << verb | 1 << aux)
            && aux_counts.get(&lemma.to_lowercase()).is_none_or(|n| *n < 2);
        let upos = match by_lemma {
            Some((u, _)) => Some(u),
            None if main_verb => Some(verb),
            None => by_tag.and_then(|c| majority(c, 0.9)).map(|(u, _)| u),
        };
        let lemma_upos = match upos {
            Some(u) => 1 << u,
            None => candidates,
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
    for sentence in &mut sentences {
        mark_number_ranges(sentence);
    }
    sentences
}

/// UD Dutch writes the dash of a score or a range of small numbers
/// (`2 - 1`, `15 - 30`) as SYM and keeps PUNCT for years (`1940 - 1945`);
/// Frog's CGN tag (LET) does not tell them apart.
fn mark_number_ranges(sentence: &mut [SilverWord]) {
    let small_number = |w: &SilverWord| {
        let digits = w.form.chars().filter(char::is_ascii_digit).count();
        (1..=3).contains(&digits) && w.form.chars().all(|c| c.is_ascii_digit() || c == ',')
    };
    let Some(sym) = upos_index("SYM") else {
        return;
    };
    for i in 1..sentence.len().saturating_sub(1) {
        if matches!(sentence[i].form.as_str(), "-" | "–")
            && small_number(&sentence[i - 1])
            && small_number(&sentence[i + 1])
        {
            sentence[i].upos = Some(sym);
            sentence[i].lemma_upos = 1 << sym;
        }
    }
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

    fn word(form: &str) -> SilverWord {
        SilverWord {
            form: form.to_string(),
            lemma: form.to_string(),
            upos: upos_index("PUNCT"),
            feats: None,
            lemma_upos: 0,
        }
    }

    #[test]
    fn score_dashes_are_symbols_year_dashes_punctuation() {
        let mut score: Vec<SilverWord> = ["won", "met", "3", "-", "1", "."].map(word).into();
        mark_number_ranges(&mut score);
        assert_eq!(score[3].upos, upos_index("SYM"));
        let mut years: Vec<SilverWord> = ["(", "1940", "-", "1945", ")"].map(word).into();
        mark_number_ranges(&mut years);
        assert_eq!(years[2].upos, upos_index("PUNCT"));
        let mut aside: Vec<SilverWord> = ["kwam", "-", "zei", "hij"].map(word).into();
        mark_number_ranges(&mut aside);
        assert_eq!(aside[1].upos, upos_index("PUNCT"));
    }
}
