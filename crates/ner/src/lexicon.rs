//! What the recogniser learns from unlabelled text: word classes from a
//! two-sided exchange clustering (several granularities) and how often a word
//! is written with a capital where no sentence starts.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::hash::hash_str;

/// Per-word distributional facts, keyed by the lowercased word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct WordInfo {
    /// Class at each granularity, 1-based (0: not clustered).
    pub classes: [u16; 3],
    /// Capitalisation bucket (see [`cap_bucket`]); 0 when never seen mid-sentence.
    pub cap_bucket: u8,
    /// log2 of the word's count in the unlabelled text plus one (0: unseen).
    pub freq_bucket: u8,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    /// Keyed by `hash_str` of the lowercased word.
    pub words: FxHashMap<u64, WordInfo>,
}

/// Settings of the clustering.
#[derive(Debug, Clone)]
pub(crate) struct ClusterSettings {
    pub sizes: [usize; 3],
    pub iterations: usize,
    pub min_count: u32,
}

/// Lowercased sentences, with a flag per token telling whether it was
/// capitalised where no sentence starts.
fn is_sentence_opening(prev: Option<&str>) -> bool {
    match prev {
        None => true,
        Some(p) => matches!(
            p,
            "." | "!" | "?" | ":" | "\"" | "'" | "-" | "(" | "--" | "..." | ";"
        ),
    }
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// 1: nearly always capitalised mid-sentence, 2: mostly, 3: either,
/// 4: mostly lowercase, 5: nearly always lowercase. The frequency is folded
/// in (rare words get buckets 6..=10) because a ratio from two sightings says less.
fn cap_bucket(capital: u32, lower: u32) -> u8 {
    let n = capital + lower;
    if n == 0 {
        return 0;
    }
    let r = f64::from(capital) / f64::from(n);
    let b = if r >= 0.95 {
        1
    } else if r >= 0.6 {
        2
    } else if r > 0.4 {
        3
    } else if r > 0.05 {
        4
    } else {
        5
    };
    if n < 3 { b + 5 } else { b }
}

impl Lexicon {
    pub(crate) fn build(
        sentences: &[Vec<String>],
        settings: &ClusterSettings,
        progress: &mut dyn FnMut(&str),
    ) -> Lexicon {
        let mut caps: FxHashMap<String, (u32, u32)> = FxHashMap::default();
        let mut lowered: Vec<Vec<String>> = Vec::with_capacity(sentences.len());
        for sentence in sentences {
            let mut low = Vec::with_capacity(sentence.len());
            for (i, tok) in sentence.iter().enumerate() {
                let lower = tok.to_lowercase();
                let prev = if i == 0 {
                    None
                } else {
                    Some(sentence[i - 1].as_str())
                };
                if !is_sentence_opening(prev) {
                    let entry = caps.entry(lower.clone()).or_default();
                    if starts_upper(tok) {
                        entry.0 += 1;
                    } else if starts_lower(tok) {
                        entry.1 += 1;
                    }
                }
                low.push(lower);
            }
            lowered.push(low);
        }
        let mut words: FxHashMap<u64, WordInfo> = FxHashMap::default();
        let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
        for s in &lowered {
            for w in s {
                *counts.entry(w.as_str()).or_default() += 1;
            }
        }
        for (word, n) in counts {
            if n >= 2 {
                words.entry(hash_str(word)).or_default().freq_bucket =
                    (32 - n.leading_zeros()).min(12) as u8;
            }
        }
        for (word, (c, l)) in caps {
            let bucket = cap_bucket(c, l);
            if bucket != 0 {
                words.entry(hash_str(&word)).or_default().cap_bucket = bucket;
            }
        }
        for (g, &size) in settings.sizes.iter().enumerate() {
            if size < 2 {
                continue;
            }
            progress(&format!("clustering into {size} classes"));
            let classes = exchange_cluster(&lowered, size, settings.iterations, settings.min_count);
            for (word, class) in classes {
                words.entry(hash_str(&word)).or_default().classes[g] = class as u16 + 1;
            }
        }
        Lexicon { words }
    }

    /// Facts about the word whose lowercased form hashes to `lower_hash`.
    pub(crate) fn get(&self, lower_hash: u64) -> WordInfo {
        self.words.get(&lower_hash).copied().unwrap_or_default()
    }
}

fn xlogx(x: f64) -> f64 {
    if x <= 0.0 { 0.0 } else { x * x.ln() }
}

/// Exchange clustering (Kneser & Ney; Uszkoreit & Brants) on left and right
/// neighbours: each word in turn moves to the class that most improves
/// sum(N(ctx,c) log N(ctx,c)) - sum(N(c) log N(c)). Deterministic.
fn exchange_cluster(
    sentences: &[Vec<String>],
    n_classes: usize,
    iterations: usize,
    min_count: u32,
) -> Vec<(String, usize)> {
    let mut freq: FxHashMap<&str, u32> = FxHashMap::default();
    for s in sentences {
        for t in s {
            *freq.entry(t.as_str()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> = freq.into_iter().filter(|(_, c)| *c >= min_count).collect();
    vocab.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let v = vocab.len();
    if v == 0 {
        return Vec::new();
    }
    let n_classes = n_classes.min(v);
    let id: FxHashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    // Contexts: left word ids 0..v, rare-left v, boundary-left v+1; right ones offset by v+2.
    let n_ctx = 2 * (v + 2);
    let mut pair_counts: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    for s in sentences {
        let ids: Vec<Option<usize>> = s.iter().map(|t| id.get(t.as_str()).copied()).collect();
        for (i, w) in ids.iter().enumerate() {
            let Some(w) = *w else { continue };
            let left = if i == 0 {
                v + 1
            } else {
                ids[i - 1].unwrap_or(v)
            };
            let right = if i + 1 == ids.len() {
                v + 1
            } else {
                ids[i + 1].unwrap_or(v)
            };
            *pair_counts.entry((w as u32, left as u32)).or_default() += 1;
            *pair_counts
                .entry((w as u32, (v + 2 + right) as u32))
                .or_default() += 1;
        }
    }
    let mut contexts: Vec<Vec<(u32, u32)>> = vec![Vec::new(); v];
    let mut word_total = vec![0u64; v];
    let mut pairs: Vec<_> = pair_counts.into_iter().collect();
    pairs.sort_unstable();
    for ((w, ctx), n) in pairs {
        contexts[w as usize].push((ctx, n));
        word_total[w as usize] += u64::from(n);
    }
    let mut class_of: Vec<usize> = (0..v).map(|i| i % n_classes).collect();
    let mut ctx_class = vec![0u32; n_ctx * n_classes];
    let mut class_total = vec![0u64; n_classes];
    for w in 0..v {
        let c = class_of[w];
        for &(ctx, n) in &contexts[w] {
            ctx_class[ctx as usize * n_classes + c] += n;
        }
        class_total[c] += word_total[w];
    }
    let table: Vec<f64> = (0..1 << 16).map(|x| xlogx(f64::from(x))).collect();
    let f = |x: u32| -> f64 {
        table
            .get(x as usize)
            .copied()
            .unwrap_or_else(|| xlogx(f64::from(x)))
    };
    let mut gain = vec![0f64; n_classes];
    for _ in 0..iterations {
        let mut moved = 0usize;
        for w in 0..v {
            let old = class_of[w];
            for &(ctx, n) in &contexts[w] {
                ctx_class[ctx as usize * n_classes + old] -= n;
            }
            class_total[old] -= word_total[w];
            let nw = word_total[w] as f64;
            for (c, g) in gain.iter_mut().enumerate() {
                let t = class_total[c] as f64;
                *g = -(xlogx(t + nw) - xlogx(t));
            }
            for &(ctx, n) in &contexts[w] {
                let row = &ctx_class[ctx as usize * n_classes..(ctx as usize + 1) * n_classes];
                for (g, &m) in gain.iter_mut().zip(row) {
                    if m != 0 {
                        *g += f(m + n) - f(m) - f(n);
                    }
                }
            }
            let mut best = old;
            for c in 0..n_classes {
                if gain[c] > gain[best] + 1e-9 {
                    best = c;
                }
            }
            if best != old {
                moved += 1;
            }
            class_of[w] = best;
            for &(ctx, n) in &contexts[w] {
                ctx_class[ctx as usize * n_classes + best] += n;
            }
            class_total[best] += word_total[w];
        }
        if moved == 0 {
            break;
        }
    }
    vocab
        .iter()
        .zip(class_of)
        .map(|((w, _), c)| (w.to_string(), c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_words_sharing_contexts() {
        let mut sentences = Vec::new();
        for city in ["gent", "brussel", "antwerpen", "leuven"] {
            for verb in ["woont", "werkt", "studeert"] {
                sentences.push(
                    format!("hij {verb} in {city} .")
                        .split(' ')
                        .map(str::to_string)
                        .collect::<Vec<_>>(),
                );
            }
        }
        let classes: FxHashMap<String, usize> =
            exchange_cluster(&sentences, 4, 10, 1).into_iter().collect();
        assert_eq!(classes["gent"], classes["leuven"]);
        assert_eq!(classes["woont"], classes["studeert"]);
        assert_ne!(classes["gent"], classes["woont"]);
    }

    #[test]
    fn capital_buckets_follow_mid_sentence_use() {
        let text: Vec<Vec<String>> = [
            "Toen kwam Jan naar huis .",
            "Ook Jan zag het huis .",
            "Het Huis was oud maar Jan niet .",
        ]
        .iter()
        .map(|s| s.split(' ').map(str::to_string).collect())
        .collect();
        let settings = ClusterSettings {
            sizes: [0, 0, 0],
            iterations: 1,
            min_count: 1,
        };
        let lex = Lexicon::build(&text, &settings, &mut |_| {});
        assert_eq!(lex.get(hash_str("jan")).cap_bucket, 1);
        assert_eq!(lex.get(hash_str("huis")).cap_bucket, 4);
        assert_eq!(lex.get(hash_str("onbekend")).cap_bucket, 0);
    }
}
