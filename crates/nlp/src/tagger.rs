//! Greedy left-to-right UPOS tagger (averaged perceptron) with word, affix,
//! shape, news-lexicon and context features.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::perceptron::{QuantTable, SplitMix, TrainTable, argmax_f32, argmax_i32, feat, hash_str};
use crate::words::{UPOS, WordPieces, affixes, canonical_form, lowercase_into, shape_hash};

pub const TAGS: usize = UPOS.len();
const NO_TAG: u64 = TAGS as u64 + 7;

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
            let form = canonical_form(form);
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

/// Distributional classes of the lowercased words of `sentences` (seen at
/// least `min_count` times), learnt by exchange clustering.
pub fn word_clusters(
    sentences: &[Vec<String>],
    classes: usize,
    iterations: usize,
    min_count: u32,
) -> FxHashMap<String, u32> {
    let mut lower = String::new();
    let lowered: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| {
            s.iter()
                .map(|w| {
                    lowercase_into(canonical_form(w), &mut lower);
                    lower.clone()
                })
                .collect()
        })
        .collect();
    exchange_cluster(&lowered, classes, iterations, min_count)
        .into_iter()
        .map(|(w, c)| (w, c as u32))
        .collect()
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

/// Where a word sits relative to the token being tagged: itself, one and
/// two to the left, one and two to the right. The features that read only
/// that word's pieces depend on nothing else, so their sums can be cached.
pub const ROLES: usize = 5;

/// Pieces standing for a position outside the sentence.
const NONE: WordPieces = WordPieces {
    lower: 0x1111,
    shape: 0x2222,
    lexclass: 0x3333,
    cluster: 0x4444,
    suffix: [0x5555; crate::words::MAX_SUFFIX],
    prefix: [0x6666; crate::words::MAX_PREFIX],
};

/// The features that read one word's pieces only, for the word in `role`.
fn word_features(role: usize, w: &WordPieces, out: &mut Vec<u64>) {
    match role {
        0 => {
            out.push(feat(1, 0, 0, 0));
            out.push(feat(2, w.lower, 0, 0));
            for (k, s) in w.suffix.iter().enumerate() {
                out.push(feat(10 + k as u64, *s, 0, 0));
            }
            for (k, s) in w.prefix.iter().enumerate() {
                out.push(feat(20 + k as u64, *s, 0, 0));
            }
            out.push(feat(30, w.shape, 0, 0));
            out.push(feat(38, w.lexclass, 0, 0));
            out.push(feat(47, w.cluster, 0, 0));
        }
        1 => {
            out.push(feat(3, w.lower, 0, 0));
            out.push(feat(35, w.suffix[2], 0, 0));
            out.push(feat(39, w.lexclass, 0, 0));
            out.push(feat(48, w.cluster, 0, 0));
        }
        2 => {
            out.push(feat(4, w.lower, 0, 0));
            out.push(feat(36, w.suffix[2], 0, 0));
            out.push(feat(37, w.shape, 0, 0));
            out.push(feat(40, w.lexclass, 0, 0));
            out.push(feat(49, w.cluster, 0, 0));
        }
        3 => out.push(feat(5, w.lower, 0, 0)),
        _ => {
            out.push(feat(6, w.lower, 0, 0));
            out.push(feat(45, w.lexclass, 0, 0));
        }
    }
}

/// The word in each role around token `i`.
fn role_words(i: usize, words: &[WordPieces]) -> [&WordPieces; ROLES] {
    let at = |j: Option<usize>| j.and_then(|j| words.get(j)).unwrap_or(&NONE);
    [
        at(Some(i)),
        at(i.checked_sub(1)),
        at(Some(i + 1)),
        at(i.checked_sub(2)),
        at(Some(i + 2)),
    ]
}

/// Context features of token `i` given the tags already chosen left of it.
pub fn features(i: usize, words: &[WordPieces], tags: &[u8], out: &mut Vec<u64>) {
    out.clear();
    for (role, w) in role_words(i, words).into_iter().enumerate() {
        word_features(role, w, out);
    }
    context_features(i, words, tags, out);
}

/// The features of token `i` that combine words, tags or the position.
fn context_features(i: usize, words: &[WordPieces], tags: &[u8], out: &mut Vec<u64>) {
    let [w, p1, n1, _, _] = role_words(i, words);
    let tag_at = |j: Option<usize>| -> u64 {
        match j {
            None => NO_TAG,
            Some(j) => tags.get(j).map_or(NO_TAG + 1, |t| u64::from(*t)),
        }
    };
    let (t1, t2) = (tag_at(i.checked_sub(1)), tag_at(i.checked_sub(2)));
    out.push(feat(31, t1, 0, 0));
    out.push(feat(32, t1, t2, 0));
    out.push(feat(33, t1, w.lower, 0));
    out.push(feat(34, t1, w.suffix[2], 0));
    out.push(feat(41, w.lexclass, t1, 0));
    out.push(feat(42, w.lower, n1.lower, 0));
    out.push(feat(43, p1.lower, w.lower, 0));
    out.push(feat(44, w.shape, u64::from(i == 0), 0));
    out.push(feat(46, w.lexclass, n1.lexclass, 0));
    out.push(feat(50, w.suffix[1], n1.lower, 0));
    out.push(feat(51, t1, n1.lower, 0));
    out.push(feat(52, w.lower, u64::from(i == 0), 0));
    out.push(feat(53, w.lower, p1.shape, n1.shape));
}

/// First-pass tags around token `i` (stacking): the right context the
/// greedy left-to-right pass cannot see, and where the verbs of the clause are.
fn second_pass_features(i: usize, words: &[WordPieces], first: &[u8], out: &mut Vec<u64>) {
    let w = &words[i];
    let at = |j: usize| first.get(j).map_or(NO_TAG + 1, |t| u64::from(*t));
    let before = |j: usize| if j == 0 { NO_TAG } else { at(j - 1) };
    let (f0, f1, f2, fm1) = (at(i), at(i + 1), at(i + 2), before(i));
    let is_boundary = |t: u8| matches!(UPOS[usize::from(t)], "PUNCT" | "SCONJ" | "CCONJ");
    let verb_mask = |t: u8| match UPOS[usize::from(t)] {
        "VERB" => 1u64,
        "AUX" => 2,
        _ => 0,
    };
    let right: u64 = first
        .iter()
        .skip(i + 1)
        .take_while(|t| !is_boundary(**t))
        .fold(0, |m, t| m | verb_mask(*t));
    let left: u64 = first[..i.min(first.len())]
        .iter()
        .rev()
        .take_while(|t| !is_boundary(**t))
        .fold(0, |m, t| m | verb_mask(*t));
    out.push(feat(60, f1, 0, 0));
    out.push(feat(61, f1, f2, 0));
    out.push(feat(62, w.lower, f1, 0));
    out.push(feat(63, f0, 0, 0));
    out.push(feat(64, w.lower, right, 0));
    out.push(feat(65, w.suffix[2], f1, 0));
    out.push(feat(66, w.lexclass, f1, 0));
    out.push(feat(67, f0, right, left));
    out.push(feat(68, w.lower, left, 0));
    out.push(feat(69, fm1, f0, f1));
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Tagger {
    pub knowledge: WordKnowledge,
    /// Frequent words that (almost) always carry one tag; tagged without scoring.
    pub tagdict: FxHashMap<String, u8>,
    pub first: QuantTable,
    /// Second pass over the first pass's tags; absent in a one-pass model.
    pub second: Option<QuantTable>,
}

/// Reusable buffers for tagging one sentence after another.
#[derive(Default)]
pub struct TagScratch {
    pub pieces: Vec<WordPieces>,
    pub features: Vec<u64>,
    pub lower: String,
    scores: Vec<i32>,
    first: Vec<u8>,
    /// The form keys of the sentence being looked up.
    keys: Vec<u64>,
}

/// One greedy pass; the buffers are the caller's so nothing is allocated per sentence.
#[allow(clippy::too_many_arguments)]
fn greedy(
    table: &QuantTable,
    tagdict: &FxHashMap<String, u8>,
    forms: &[&str],
    pieces: &[WordPieces],
    first: Option<&[u8]>,
    feats: &mut Vec<u64>,
    scores: &mut Vec<i32>,
    tags: &mut Vec<u8>,
) {
    tags.clear();
    scores.resize(TAGS, 0);
    for (i, form) in forms.iter().enumerate() {
        if let Some(t) = tagdict.get(canonical_form(form)) {
            tags.push(*t);
            continue;
        }
        features(i, pieces, tags, feats);
        if let Some(first) = first {
            second_pass_features(i, pieces, first, feats);
        }
        table.score(feats, scores);
        tags.push(argmax_i32(scores, |_| true).unwrap_or(0) as u8);
    }
}

/// Sums of one word's features ([`word_features`]) in each role.
type RoleSums = [[i32; TAGS]; ROLES];

const NO_SUMS: RoleSums = [[0; TAGS]; ROLES];

/// What the tagger keeps of one word form: its pieces, its tag-dictionary
/// entry, and for each pass the sums of its word features in each role
/// (the second only for a two-pass model; the shipped one has one pass).
/// News repeats its words, so most tokens cost one lookup instead of the
/// pieces, a dictionary lookup and a weight row per feature and role.
#[derive(Clone)]
struct KnownWord {
    pieces: WordPieces,
    tagdict: Option<u8>,
    sums: RoleSums,
    second: Option<Box<RoleSums>>,
    /// The lemmatiser's last answer for the word: (tag, lemma, feats).
    analysis: Option<(u8, Box<str>, Box<str>)>,
}

/// Per-form cache for [`Tagger::tag_cached`]; only valid for the tagger it
/// was filled from.
#[derive(Default)]
pub struct WordSums {
    index: FormIndex,
    words: Vec<KnownWord>,
    /// The sums of the padding beyond the sentence's ends, a pass each.
    none: Option<[RoleSums; 2]>,
    /// Per token of the current sentence: its entry in `words`.
    rows: Vec<u32>,
}

/// Words kept before the cache starts over (each takes about 500 bytes).
const WORD_SUMS_LIMIT: usize = 1 << 15;

/// Form key → entry in [`WordSums::words`]: open addressing in one flat
/// table (at most half full), so a lookup is one slot a caller can ask the
/// CPU for ahead of time, which a `HashMap` does not offer.
struct FormIndex {
    /// (key, entry + 1); 0 marks an empty slot.
    slots: Vec<(u64, u32)>,
}

impl Default for FormIndex {
    fn default() -> Self {
        FormIndex {
            slots: vec![(0, 0); 2 * WORD_SUMS_LIMIT],
        }
    }
}

impl FormIndex {
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & (self.slots.len() - 1)
    }
    fn prefetch(&self, key: u64) {
        if let Some(slot) = self.slots.get(self.home(key)..) {
            kroniek_prefetch::prefetch(slot);
        }
    }
    fn get(&self, key: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        for _ in 0..self.slots.len() {
            let (k, entry) = *self.slots.get(i)?;
            if entry == 0 {
                return None;
            }
            if k == key {
                return Some(entry - 1);
            }
            i = (i + 1) & mask;
        }
        None
    }
    /// Adds `key` (not present). A full table, possible only for one
    /// sentence longer than [`WORD_SUMS_LIMIT`] words, keeps it out: the
    /// word is then looked up anew, with the same answer.
    fn insert(&mut self, key: u64, entry: u32) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        for _ in 0..self.slots.len() {
            match self.slots.get_mut(i) {
                Some(slot) if slot.1 == 0 => {
                    *slot = (key, entry + 1);
                    return;
                }
                Some(_) => i = (i + 1) & mask,
                None => return,
            }
        }
    }
    fn clear(&mut self) {
        self.slots.iter_mut().for_each(|slot| *slot = (0, 0));
    }
}

impl WordSums {
    fn role_sums(table: &QuantTable, w: &WordPieces, feats: &mut Vec<u64>) -> RoleSums {
        let mut sums = NO_SUMS;
        for (role, row) in sums.iter_mut().enumerate() {
            feats.clear();
            word_features(role, w, feats);
            table.score(feats, row);
        }
        sums
    }

    /// Fills `rows` with the entry of every form, adding the missing ones.
    fn look_up(&mut self, tagger: &Tagger, forms: &[&str], scratch: &mut TagScratch) {
        if self.words.len() + forms.len() > WORD_SUMS_LIMIT {
            self.index.clear();
            self.words.clear();
        }
        self.rows.clear();
        // Keys first, and their slots asked for, so that the slots' cache
        // misses overlap instead of coming one lookup after the other.
        scratch.keys.clear();
        scratch.keys.extend(
            forms
                .iter()
                .map(|form| crate::perceptron::mix(hash_str(form), form.len() as u64)),
        );
        for key in &scratch.keys {
            self.index.prefetch(*key);
        }
        for (form, &key) in forms.iter().zip(&scratch.keys) {
            let row = match self.index.get(key) {
                Some(row) => row,
                None => {
                    tagger
                        .knowledge
                        .pieces(&[form], &mut scratch.pieces, &mut scratch.lower);
                    let pieces = scratch.pieces.first().copied().unwrap_or_default();
                    let row = self.words.len() as u32;
                    self.words.push(KnownWord {
                        pieces,
                        tagdict: tagger.tagdict.get(canonical_form(form)).copied(),
                        sums: Self::role_sums(&tagger.first, &pieces, &mut scratch.features),
                        second: tagger.second.as_ref().map(|table| {
                            Box::new(Self::role_sums(table, &pieces, &mut scratch.features))
                        }),
                        analysis: None,
                    });
                    self.index.insert(key, row);
                    row
                }
            };
            self.rows.push(row);
        }
        scratch.pieces.clear();
        let words = &self.words;
        scratch
            .pieces
            .extend(self.rows.iter().map(|r| words[*r as usize].pieces));
    }

    /// Lemma and feats remembered for token `token` of the sentence last
    /// looked up, if they were found for the same tag.
    pub(crate) fn analysis(&self, token: usize, tag: u8) -> Option<(&str, &str)> {
        let row = *self.rows.get(token)?;
        match &self.words.get(row as usize)?.analysis {
            Some((t, lemma, feats)) if *t == tag => Some((lemma, feats)),
            _ => None,
        }
    }

    /// Remembers the lemmatiser's answer for token `token`'s word.
    pub(crate) fn set_analysis(&mut self, token: usize, tag: u8, lemma: &str, feats: &str) {
        if let Some(word) = self
            .rows
            .get(token)
            .and_then(|row| self.words.get_mut(*row as usize))
        {
            word.analysis = Some((tag, lemma.into(), feats.into()));
        }
    }
}

/// [`greedy`] with the pieces, dictionary tags and word features' sums of
/// `cache` (filled for this sentence by [`WordSums::look_up`]): the same
/// tags (integer sums do not depend on their order).
#[allow(clippy::too_many_arguments)]
fn greedy_cached(
    pass: usize,
    table: &QuantTable,
    pieces: &[WordPieces],
    first: Option<&[u8]>,
    cache: &WordSums,
    none: &[RoleSums; 2],
    feats: &mut Vec<u64>,
    scores: &mut Vec<i32>,
    tags: &mut Vec<u8>,
) {
    tags.clear();
    scores.resize(TAGS, 0);
    let word = |j: usize| &cache.words[cache.rows[j] as usize];
    let at = |j: Option<usize>, role: usize| match j.filter(|j| *j < cache.rows.len()) {
        Some(j) if pass == 0 => &word(j).sums[role],
        Some(j) => &word(j).second.as_deref().unwrap_or(&NO_SUMS)[role],
        None => &none[pass][role],
    };
    for i in 0..cache.rows.len() {
        // The word four ahead is read in every role over the next tokens
        // (its sums are 340 bytes of a cache of megabytes).
        if let Some(ahead) = cache.rows.get(i + 4) {
            let sums = &cache.words[*ahead as usize].sums;
            let sums = if pass == 0 {
                sums
            } else {
                cache.words[*ahead as usize]
                    .second
                    .as_deref()
                    .unwrap_or(sums)
            };
            for row in sums {
                kroniek_prefetch::prefetch(row);
                kroniek_prefetch::prefetch(&row[TAGS - 1..]);
            }
        }
        if let Some(t) = word(i).tagdict {
            tags.push(t);
            continue;
        }
        feats.clear();
        context_features(i, pieces, tags, feats);
        if let Some(first) = first {
            second_pass_features(i, pieces, first, feats);
        }
        table.score(feats, scores);
        let parts = [
            at(Some(i), 0),
            at(i.checked_sub(1), 1),
            at(Some(i + 1), 2),
            at(i.checked_sub(2), 3),
            at(Some(i + 2), 4),
        ];
        for part in parts {
            for (s, p) in scores.iter_mut().zip(part) {
                *s += p;
            }
        }
        tags.push(argmax_i32(scores, |_| true).unwrap_or(0) as u8);
    }
}

impl Tagger {
    /// [`Tagger::tag`] with what it knows of each word form cached in
    /// `cache`, which must only ever be used with this tagger.
    pub fn tag_cached(
        &self,
        forms: &[&str],
        scratch: &mut TagScratch,
        cache: &mut WordSums,
        tags: &mut Vec<u8>,
    ) {
        let none = match cache.none {
            Some(none) => none,
            None => {
                let first = WordSums::role_sums(&self.first, &NONE, &mut scratch.features);
                let second = self.second.as_ref().map_or(NO_SUMS, |table| {
                    WordSums::role_sums(table, &NONE, &mut scratch.features)
                });
                let none = [first, second];
                cache.none = Some(none);
                none
            }
        };
        cache.look_up(self, forms, scratch);
        let mut first = std::mem::take(&mut scratch.first);
        let out = if self.second.is_some() {
            &mut first
        } else {
            &mut *tags
        };
        greedy_cached(
            0,
            &self.first,
            &scratch.pieces,
            None,
            cache,
            &none,
            &mut scratch.features,
            &mut scratch.scores,
            out,
        );
        if let Some(second) = &self.second {
            greedy_cached(
                1,
                second,
                &scratch.pieces,
                Some(&first),
                cache,
                &none,
                &mut scratch.features,
                &mut scratch.scores,
                tags,
            );
        }
        scratch.first = first;
    }

    pub fn tag(&self, forms: &[&str], scratch: &mut TagScratch, tags: &mut Vec<u8>) {
        self.knowledge
            .pieces(forms, &mut scratch.pieces, &mut scratch.lower);
        let Some(second) = &self.second else {
            greedy(
                &self.first,
                &self.tagdict,
                forms,
                &scratch.pieces,
                None,
                &mut scratch.features,
                &mut scratch.scores,
                tags,
            );
            return;
        };
        let mut first = std::mem::take(&mut scratch.first);
        greedy(
            &self.first,
            &self.tagdict,
            forms,
            &scratch.pieces,
            None,
            &mut scratch.features,
            &mut scratch.scores,
            &mut first,
        );
        greedy(
            second,
            &self.tagdict,
            forms,
            &scratch.pieces,
            Some(&first),
            &mut scratch.features,
            &mut scratch.scores,
            tags,
        );
        scratch.first = first;
    }
}

/// One training sentence; a `None` tag is a silver token without a
/// confident label (it shapes the context but is never learnt from).
pub struct TagExample {
    pub forms: Vec<String>,
    pub tags: Vec<Option<u8>>,
    pub weight: f32,
    /// Treebank sentence (the tag dictionary is built from these only).
    pub gold: bool,
}

/// Words seen at least 20 times in the treebank with one tag 99.5% of the time.
fn build_tagdict(examples: &[TagExample]) -> FxHashMap<String, u8> {
    let mut counts: FxHashMap<&str, [u32; TAGS]> = FxHashMap::default();
    for e in examples.iter().filter(|e| e.gold) {
        for (form, tag) in e.forms.iter().zip(&e.tags) {
            if let Some(t) = tag {
                counts.entry(canonical_form(form)).or_insert([0; TAGS])[usize::from(*t)] += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter_map(|(form, c)| {
            let total: u32 = c.iter().sum();
            let (best, n) = c.iter().enumerate().max_by_key(|(_, n)| **n)?;
            (total >= 20 && f64::from(*n) >= 0.995 * f64::from(total))
                .then(|| (form.to_string(), best as u8))
        })
        .collect()
}

struct Prepared<'a> {
    examples: &'a [TagExample],
    pieces: Vec<Vec<WordPieces>>,
    tagdict: &'a FxHashMap<String, u8>,
}

/// Trains one pass on the examples whose index satisfies `include`.
fn train_pass(
    data: &Prepared,
    bits: u32,
    include: &dyn Fn(usize) -> bool,
    first: Option<&[Vec<u8>]>,
    epochs: usize,
    seed: u64,
    after_epoch: &mut dyn FnMut(usize, &QuantTable, f64),
) -> QuantTable {
    let mut table = TrainTable::new(bits, TAGS);
    let mut rng = SplitMix(seed);
    let mut order: Vec<usize> = (0..data.examples.len()).filter(|&i| include(i)).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0.0f32; TAGS];
    let mut tags = Vec::new();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &e in &order {
            let example = &data.examples[e];
            tags.clear();
            for (i, gold) in example.tags.iter().enumerate() {
                if let Some(t) = data.tagdict.get(canonical_form(&example.forms[i])) {
                    tags.push(*t);
                    continue;
                }
                features(i, &data.pieces[e], &tags, &mut feats);
                if let Some(first) = first {
                    second_pass_features(i, &data.pieces[e], &first[e], &mut feats);
                }
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
        after_epoch(epoch, &table.finish(), right as f64 / total.max(1) as f64);
    }
    table.finish()
}

/// Trains both passes: the first on everything, then (to give the second
/// pass realistic first-pass tags) jackknifed first passes over `folds`.
pub fn train(
    examples: &[TagExample],
    knowledge: WordKnowledge,
    epochs: usize,
    seed: u64,
    folds: usize,
    bits: u32,
    mut after_epoch: impl FnMut(usize, &Tagger, f64),
) -> Tagger {
    let tagdict = build_tagdict(examples);
    let pieces = examples
        .iter()
        .map(|e| {
            let forms: Vec<&str> = e.forms.iter().map(String::as_str).collect();
            let mut out = Vec::new();
            knowledge.pieces(&forms, &mut out, &mut String::new());
            out
        })
        .collect();
    let data = Prepared {
        examples,
        pieces,
        tagdict: &tagdict,
    };
    let mut tagger = Tagger {
        knowledge: knowledge.clone(),
        tagdict: tagdict.clone(),
        first: TrainTable::new(1, TAGS).finish(),
        second: None,
    };
    if folds < 2 {
        let table = train_pass(
            &data,
            bits,
            &|_| true,
            None,
            epochs,
            seed,
            &mut |epoch, table, acc| {
                tagger.first = table.clone();
                after_epoch(epoch, &tagger, acc);
            },
        );
        tagger.first = table;
        return tagger;
    }
    let first = train_pass(
        &data,
        bits,
        &|_| true,
        None,
        epochs,
        seed,
        &mut |_, _, _| {},
    );
    let mut first_tags: Vec<Vec<u8>> = vec![Vec::new(); examples.len()];
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    for fold in 0..folds {
        let table = train_pass(
            &data,
            bits,
            &|i| i % folds != fold,
            None,
            epochs,
            seed + fold as u64 + 1,
            &mut |_, _, _| {},
        );
        for (i, e) in examples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds == fold)
        {
            let forms: Vec<&str> = e.forms.iter().map(String::as_str).collect();
            greedy(
                &table,
                &tagdict,
                &forms,
                &data.pieces[i],
                None,
                &mut feats,
                &mut scores,
                &mut first_tags[i],
            );
        }
    }
    tagger.first = first.clone();
    tagger.second = Some(first);
    let second = train_pass(
        &data,
        bits,
        &|_| true,
        Some(&first_tags),
        epochs,
        seed ^ 0x2,
        &mut |epoch, table, acc| {
            tagger.second = Some(table.clone());
            after_epoch(epoch, &tagger, acc);
        },
    );
    tagger.second = Some(second);
    tagger
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_index_finds_what_it_holds_and_stops_when_full() {
        let mut index = FormIndex {
            slots: vec![(0, 0); 8],
        };
        // Two keys with one home slot: the second probes on to the next.
        let twin = (4..u64::MAX)
            .find(|k| index.home(*k) == index.home(3))
            .unwrap_or(4);
        assert_eq!(index.home(twin), index.home(3));
        let keys = [3u64, twin, 77, 0];
        for (entry, key) in keys.iter().enumerate() {
            assert_eq!(index.get(*key), None);
            index.insert(*key, entry as u32);
        }
        for (entry, key) in keys.iter().enumerate() {
            assert_eq!(index.get(*key), Some(entry as u32), "key {key}");
        }
        assert_eq!(index.get(5), None);
        for key in 100..120u64 {
            index.insert(key, 9);
        }
        assert_eq!(index.get(1000), None, "a full table answers");
        index.clear();
        assert!(keys.iter().all(|k| index.get(*k).is_none()));
    }

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        let mut text = Vec::new();
        for (noun, verb) in [
            ("minister", "sprak"),
            ("premier", "zweeg"),
            ("president", "loog"),
        ] {
            for _ in 0..5 {
                text.push(vec![
                    "de".into(),
                    noun.into(),
                    verb.into(),
                    "gisteren".into(),
                ]);
                text.push(vec![
                    "een".into(),
                    noun.into(),
                    verb.into(),
                    "vandaag".into(),
                ]);
            }
        }
        let classes = word_clusters(&text, 4, 10, 2);
        assert_eq!(classes["minister"], classes["premier"]);
        assert_eq!(classes["premier"], classes["president"]);
        assert_ne!(classes["minister"], classes["sprak"]);
    }
}
