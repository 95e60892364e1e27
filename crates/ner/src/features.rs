//! Feature extraction: every token becomes a list of 64-bit feature keys.
//! Training and tagging share this code, so the keys are part of the model format.

use rustc_hash::FxHashMap;

use crate::gazetteer::{GazMatch, Gazetteer};
use crate::hash::{Hasher, combine};
use crate::lexicon::{Lexicon, WordInfo};

/// Version of the feature templates; stored in the model and checked on load.
pub(crate) const FEATURE_VERSION: u32 = 1;

mod t {
    pub const BIAS: u32 = 0;
    pub const FORM: u32 = 1;
    pub const LOWER: u32 = 2;
    pub const PREFIX: u32 = 3; // + length 1..=4
    pub const SUFFIX: u32 = 8; // + length 1..=4
    pub const LONG_SUFFIX: u32 = 54; // + length 5..=6 - 5
    pub const POSITION: u32 = 56;
    pub const FREQUENCY: u32 = 57;
    pub const SHAPE: u32 = 13;
    pub const CAP_INITIAL: u32 = 14;
    pub const CAP_STAT: u32 = 15;
    pub const LENGTH: u32 = 16;
    pub const HYPHEN_PART: u32 = 17;
    pub const LEFT1: u32 = 20;
    pub const LEFT2: u32 = 21;
    pub const RIGHT1: u32 = 22;
    pub const RIGHT2: u32 = 23;
    pub const FORM_LEFT1: u32 = 24;
    pub const BIGRAM_LEFT: u32 = 25;
    pub const BIGRAM_RIGHT: u32 = 26;
    pub const SHAPE_LEFT: u32 = 27;
    pub const SHAPE_RIGHT: u32 = 28;
    pub const SHAPE_TRIGRAM: u32 = 29;
    pub const CLASS: u32 = 30; // + granularity
    pub const CLASS_LEFT: u32 = 33;
    pub const CLASS_RIGHT: u32 = 36;
    pub const CLASS_CAP: u32 = 39;
    pub const GAZ: u32 = 40;
    pub const DOC_CASE: u32 = 45;
    pub const DOC_SEQUENCE: u32 = 46;
    pub const CAP_LEFT: u32 = 47;
    pub const CAP_RIGHT: u32 = 48;
    pub const LEFT1_SHAPE: u32 = 49;
    pub const RIGHT1_SHAPE: u32 = 50;
    pub const FORM_RIGHT1: u32 = 51;
    pub const CLASS_LEFT2: u32 = 52;
    pub const CLASS_RIGHT2: u32 = 53;
    pub const LABEL_TOKEN: u32 = 60;
    pub const LABEL_SUPER: u32 = 61;
    pub const LABEL_SAME: u32 = 62;
    pub const LABEL_NEIGHBOUR: u32 = 63;
}

/// Word-form classes that matter for names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum CapType {
    Lower = 0,
    Initial = 1,
    AllCaps = 2,
    Mixed = 3,
    Digits = 4,
    Alnum = 5,
    Punct = 6,
    Other = 7,
}

pub(crate) fn cap_type(form: &str) -> CapType {
    let mut upper = 0usize;
    let mut lower = 0usize;
    let mut digit = 0usize;
    let mut other = 0usize;
    let mut first_upper = false;
    for (i, c) in form.chars().enumerate() {
        if c.is_uppercase() {
            upper += 1;
            if i == 0 {
                first_upper = true;
            }
        } else if c.is_lowercase() {
            lower += 1;
        } else if c.is_ascii_digit() {
            digit += 1;
        } else {
            other += 1;
        }
    }
    let letters = upper + lower;
    if letters == 0 && digit == 0 {
        return if other > 0 {
            CapType::Punct
        } else {
            CapType::Other
        };
    }
    if letters == 0 {
        return CapType::Digits;
    }
    if digit > 0 {
        return CapType::Alnum;
    }
    if upper == 0 {
        return CapType::Lower;
    }
    if first_upper && upper == 1 {
        return CapType::Initial;
    }
    if lower == 0 {
        return if upper > 1 {
            CapType::AllCaps
        } else {
            CapType::Initial
        };
    }
    CapType::Mixed
}

/// `Jean-Luc` -> `Xx-Xx`, `2000` -> `d`, `NAVO` -> `X`: character classes with repeats collapsed.
fn shape_hash(form: &str) -> u64 {
    let mut h = Hasher::new(0x5a);
    let mut last = '\0';
    let mut n = 0;
    for c in form.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k != last {
            let mut buf = [0u8; 4];
            h = h.bytes(k.encode_utf8(&mut buf).as_bytes());
            last = k;
            n += 1;
            if n >= 6 {
                break;
            }
        }
    }
    h.finish()
}

fn opens_sentence(prev: &str) -> bool {
    matches!(
        prev,
        "." | "!" | "?" | ":" | "\"" | "'" | "-" | "(" | "--" | "..." | ";"
    )
}

struct TokenView<'a> {
    /// Borrowed when the form is lowercase ASCII (most tokens).
    lower: std::borrow::Cow<'a, str>,
    form_hash: u64,
    lower_hash: u64,
    shape: u64,
    cap: CapType,
    info: WordInfo,
    /// Capitalised for a reason other than being a name: sentence start or after an opening mark.
    initial: bool,
    form: &'a str,
}

/// Features of all tokens of one document, flat.
#[derive(Debug, Default, Clone)]
pub(crate) struct DocFeatures {
    pub keys: Vec<u64>,
    /// End offset in `keys` of each token's features.
    pub token_ends: Vec<u32>,
    /// How many of each token's keys come first and depend on its form
    /// alone (the same for every occurrence of the form).
    pub local_counts: Vec<u32>,
    /// Hash of each token's form, the key for its form-only features.
    pub form_hashes: Vec<u64>,
    /// Index of each sentence's first token; plus the total at the end.
    pub sentence_starts: Vec<u32>,
    /// Hash of each token's lowercased form, and whether it is capitalised.
    pub lower_hashes: Vec<u64>,
    pub capital: Vec<bool>,
    /// Per sentence: no word in it can be (part of) a name, so its tokens
    /// got no features and are tagged O without scoring (see [`is_quiet`]).
    pub quiet: Vec<bool>,
    /// Per token: it got no features and is tagged O without scoring,
    /// because its sentence is quiet or no word within [`NAME_REACH`] of it
    /// can be (part of) a name (see [`far_from_names`]).
    pub unscored: Vec<bool>,
}

impl DocFeatures {
    pub fn token_keys(&self, token: usize) -> &[u64] {
        let start = if token == 0 {
            0
        } else {
            self.token_ends[token - 1] as usize
        };
        &self.keys[start..self.token_ends[token] as usize]
    }
    /// The keys that depend on more than the token's form.
    pub fn context_keys(&self, token: usize) -> &[u64] {
        let keys = self.token_keys(token);
        let local = self.local_counts[token] as usize;
        keys.get(local..).unwrap_or(&[])
    }
    /// The keys that depend on the token's form alone.
    pub fn local_keys(&self, token: usize) -> &[u64] {
        let keys = self.token_keys(token);
        let local = self.local_counts[token] as usize;
        keys.get(..local).unwrap_or(keys)
    }
    pub fn sentence_count(&self) -> usize {
        self.sentence_starts.len().saturating_sub(1)
    }
    pub fn sentence_range(&self, s: usize) -> std::ops::Range<usize> {
        self.sentence_starts[s] as usize..self.sentence_starts[s + 1] as usize
    }
    /// Whether sentence `s` was left unscored (see [`is_quiet`]).
    pub fn is_quiet(&self, s: usize) -> bool {
        self.quiet.get(s).copied().unwrap_or(false)
    }
}

pub(crate) struct Resources<'a> {
    pub lexicon: &'a Lexicon,
    pub internal: &'a Gazetteer,
    pub external: &'a Gazetteer,
}

#[derive(Default, Clone, Copy)]
struct DocWordStats {
    capital_mid: u16,
    lower: u16,
    in_capital_run: u16,
}

const BOUNDARY_LEFT: u64 = 0x0b0b_0b0b;
const BOUNDARY_RIGHT: u64 = 0x0e0e_0e0e;

fn char_prefix(s: &str, n: usize) -> Option<&str> {
    let mut it = s.char_indices();
    let end = it.nth(n).map(|(i, _)| i)?;
    Some(&s[..end])
}

fn char_suffix(s: &str, n: usize) -> Option<&str> {
    let count = s.chars().count();
    if count <= n {
        return None;
    }
    let skip = count - n;
    let start = s.char_indices().nth(skip).map(|(i, _)| i)?;
    Some(&s[start..])
}

fn gaz_position(m: &GazMatch, i: usize) -> u32 {
    if m.len == 1 {
        0
    } else if i == m.start {
        1
    } else if i + 1 == m.start + m.len {
        3
    } else {
        2
    }
}

/// Extracts the features of a document given as sentences of token forms.
/// Features of every token of `doc`. With `skip_quiet`, sentences that
/// [`is_quiet`] get none (tagging); training sees every sentence.
/// `local_known` tells the forms whose form-only features the caller has
/// summed already (see [`DocFeatures::local_keys`]): their tokens get none.
pub(crate) fn extract_doc(
    doc: &[Vec<&str>],
    res: &Resources<'_>,
    skip_quiet: bool,
    local_known: &dyn Fn(u64) -> bool,
    out: &mut DocFeatures,
) {
    out.keys.clear();
    out.quiet.clear();
    out.unscored.clear();
    out.token_ends.clear();
    out.local_counts.clear();
    out.form_hashes.clear();
    out.sentence_starts.clear();
    out.lower_hashes.clear();
    out.capital.clear();
    let mut views: Vec<Vec<TokenView<'_>>> = Vec::with_capacity(doc.len());
    // Sized for the distinct words of the document, to grow without rehashing.
    let words: usize = doc.iter().map(Vec::len).sum();
    let mut stats: FxHashMap<u64, DocWordStats> =
        FxHashMap::with_capacity_and_hasher(words / 2, Default::default());
    for sentence in doc {
        let mut sv = Vec::with_capacity(sentence.len());
        for (i, &form) in sentence.iter().enumerate() {
            // Only pure-ASCII words are known to be their own lowercase.
            let lower = if form
                .bytes()
                .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
            {
                std::borrow::Cow::Owned(form.to_lowercase())
            } else {
                std::borrow::Cow::Borrowed(form)
            };
            let initial = i == 0 || opens_sentence(sentence[i - 1]);
            let cap = cap_type(form);
            let lower_hash = crate::hash::hash_str(&lower);
            // The shape and the lexicon's facts (a cache miss) are filled in
            // by `fill_near_scored` where features read them; `may_be_name`
            // reads the facts of a capitalised sentence opener only.
            let info = if initial && cap == CapType::Initial {
                res.lexicon.get(lower_hash)
            } else {
                WordInfo::default()
            };
            sv.push(TokenView {
                form_hash: crate::hash::hash_str(form),
                lower_hash,
                shape: 0,
                cap,
                info,
                initial,
                form,
                lower,
            });
        }
        for i in 0..sv.len() {
            let capital = matches!(
                sv[i].cap,
                CapType::Initial | CapType::AllCaps | CapType::Mixed
            );
            let entry = stats.entry(sv[i].lower_hash).or_default();
            if capital && !sv[i].initial {
                entry.capital_mid = entry.capital_mid.saturating_add(1);
            } else if sv[i].cap == CapType::Lower {
                entry.lower = entry.lower.saturating_add(1);
            }
            if capital && in_capital_run(&sv, i) {
                entry.in_capital_run = entry.in_capital_run.saturating_add(1);
            }
        }
        views.push(sv);
    }

    // The caller's list and the list learnt from training entities give the
    // same features: at training time only the learnt list (built on other
    // folds) exists, so that is where the weights of name-list features come from.
    let mut matches_ext = Vec::new();
    let mut matches_int = Vec::new();
    let mut token_count = 0u32;
    for sv in &mut views {
        out.sentence_starts.push(token_count);
        let lowered: Vec<&str> = sv.iter().map(|v| v.lower.as_ref()).collect();
        res.external.matches(&lowered, &mut matches_ext);
        res.internal.matches(&lowered, &mut matches_int);
        merge_matches(&mut matches_ext, &matches_int);
        let quiet = skip_quiet && matches_ext.is_empty() && is_quiet(sv);
        out.quiet.push(quiet);
        let first = out.unscored.len();
        if skip_quiet && !quiet {
            far_from_names(sv, &matches_ext, &mut out.unscored);
        } else {
            out.unscored.resize(first + sv.len(), quiet);
        }
        fill_near_scored(sv, &out.unscored[first..], res.lexicon);
        let sv: &[TokenView<'_>] = sv;
        for i in 0..sv.len() {
            let start = out.keys.len();
            let local = if out.unscored[first + i] {
                start
            } else {
                let with_local = !local_known(sv[i].form_hash);
                token_features(sv, i, &stats, &matches_ext, with_local, &mut out.keys)
            };
            out.token_ends.push(out.keys.len() as u32);
            out.local_counts.push((local - start) as u32);
            out.form_hashes.push(sv[i].form_hash);
            out.lower_hashes.push(sv[i].lower_hash);
            out.capital.push(is_capital(&sv[i]));
            token_count += 1;
        }
    }
    out.sentence_starts.push(token_count);
}

/// A sentence without a name-list match whose words are all lowercase,
/// except a sentence-opening word that is nearly always lowercase
/// elsewhere (`De`, `Volgens`). About half of news sentences; the recogniser
/// tags them O anyway (checked on CoNLL-2002 and a generated corpus, see
/// docs/benchmarks/ner.md), so they are not scored.
fn is_quiet(sv: &[TokenView<'_>]) -> bool {
    !sv.iter().any(may_be_name)
}

/// How many words on each side of a possible name are scored: the reach of
/// the context features (`LEFT2`, `RIGHT2`, `CLASS_RIGHT2`).
pub(crate) const NAME_REACH: usize = 2;

/// Whether a word may be (part of) a name by the test of [`is_quiet`].
fn may_be_name(v: &TokenView<'_>) -> bool {
    v.form.chars().any(char::is_uppercase)
        && !(v.initial && v.cap == CapType::Initial && v.info.cap_bucket == 5)
}

/// Appends, for each token of a sentence that is not quiet, whether no word
/// within [`NAME_REACH`] of it may be a name or lies in a name-list match.
/// Most words of a news sentence with a name in it are far from the name
/// (`... zei Rutte dinsdag tegen verslaggevers in de Tweede Kamer dat ...`);
/// the recogniser tags them O anyway (checked on CoNLL-2002 and the 5 MB
/// corpus, see docs/benchmarks/ner.md), so they are not scored. Viterbi
/// then fixes them to O, which changes nothing when the full decoding gave
/// them O too: the best path is unchanged when paths it does not take are
/// removed.
fn far_from_names(sv: &[TokenView<'_>], names: &[GazMatch], far: &mut Vec<bool>) {
    let mut near = vec![false; sv.len()];
    let mut mark = |i: usize| {
        let lo = i.saturating_sub(NAME_REACH);
        let hi = (i + NAME_REACH + 1).min(sv.len());
        near[lo..hi].fill(true);
    };
    for (i, v) in sv.iter().enumerate() {
        if may_be_name(v) {
            mark(i);
        }
    }
    for m in names {
        for i in m.start..(m.start + m.len).min(sv.len()) {
            mark(i);
        }
    }
    far.extend(near.iter().map(|n| !n));
}

/// Sets the shape and the lexicon's facts of every token that a scored
/// token's features read: the scored token itself and its neighbours up to
/// [`NAME_REACH`] words away (`CLASS_LEFT2`, `CLASS_RIGHT2`).
fn fill_near_scored(sv: &mut [TokenView<'_>], unscored: &[bool], lexicon: &Lexicon) {
    // Scored tokens come in order, so their reaches [i - 2, i + 2] start in
    // order too: each token is filled once.
    let mut filled_to = 0;
    for (i, _) in unscored.iter().enumerate().filter(|(_, skip)| !**skip) {
        let from = i.saturating_sub(NAME_REACH).max(filled_to);
        let to = (i + NAME_REACH + 1).min(sv.len());
        for v in sv.iter_mut().take(to).skip(from) {
            v.shape = shape_hash(v.form);
            if !(v.initial && v.cap == CapType::Initial) {
                v.info = lexicon.get(v.lower_hash);
            }
        }
        filled_to = filled_to.max(to);
    }
}

/// Adds the matches of `other` to `into`, joining the kinds of equal spans.
fn merge_matches(into: &mut Vec<GazMatch>, other: &[GazMatch]) {
    for m in other {
        match into
            .iter_mut()
            .find(|x| x.start == m.start && x.len == m.len)
        {
            Some(x) => x.kinds |= m.kinds,
            None => into.push(*m),
        }
    }
}

fn is_capital(v: &TokenView<'_>) -> bool {
    matches!(v.cap, CapType::Initial | CapType::AllCaps | CapType::Mixed)
}

fn in_capital_run(sv: &[TokenView<'_>], i: usize) -> bool {
    (i > 0 && is_capital(&sv[i - 1]) && !sv[i - 1].initial)
        || (i + 1 < sv.len() && is_capital(&sv[i + 1]))
}

/// The features of a word's form alone (see [`DocFeatures::local_keys`]).
fn local_features(v: &TokenView<'_>, out: &mut Vec<u64>) {
    let cap = v.cap as u64;
    out.push(combine(t::BIAS, &[]));
    out.push(combine(t::FORM, &[v.form_hash]));
    out.push(combine(t::LOWER, &[v.lower_hash]));
    for n in 1..=6 {
        if let Some(p) = char_prefix(&v.lower, n).filter(|_| n <= 4) {
            out.push(Hasher::new(t::PREFIX + n as u32).str(p).finish());
        }
        if let Some(s) = char_suffix(&v.lower, n) {
            let template = if n <= 4 {
                t::SUFFIX + n as u32
            } else {
                t::LONG_SUFFIX + n as u32 - 5
            };
            out.push(Hasher::new(template).str(s).finish());
        }
    }
    out.push(combine(t::SHAPE, &[v.shape]));
    out.push(combine(
        t::LENGTH,
        &[v.form.chars().count().min(12) as u64, cap],
    ));
    if v.lower.contains('-') {
        for part in v.lower.split('-').filter(|p| !p.is_empty()) {
            out.push(Hasher::new(t::HYPHEN_PART).str(part).finish());
        }
    }
    for g in 0..3u32 {
        if v.info.classes[g as usize] != 0 {
            let class = u64::from(v.info.classes[g as usize]);
            out.push(combine(t::CLASS + g, &[class]));
            out.push(combine(t::CLASS_CAP, &[u64::from(g), class, cap]));
        }
    }
}

fn token_features(
    sv: &[TokenView<'_>],
    i: usize,
    stats: &FxHashMap<u64, DocWordStats>,
    names: &[GazMatch],
    with_local: bool,
    out: &mut Vec<u64>,
) -> usize {
    let v = &sv[i];
    let cap = v.cap as u64;
    let initial = u64::from(v.initial);
    let lower_at = |j: isize| -> u64 {
        let k = i as isize + j;
        if k < 0 {
            BOUNDARY_LEFT
        } else if k as usize >= sv.len() {
            BOUNDARY_RIGHT
        } else {
            sv[k as usize].lower_hash
        }
    };
    let view_at = |j: isize| -> Option<&TokenView<'_>> {
        let k = i as isize + j;
        if k < 0 { None } else { sv.get(k as usize) }
    };
    let shape_at = |j: isize| {
        view_at(j).map_or(if j < 0 { BOUNDARY_LEFT } else { BOUNDARY_RIGHT }, |t| {
            t.shape
        })
    };
    let cap_at = |j: isize| view_at(j).map_or(9, |t| t.cap as u64);

    // Features of the form alone first: the caller may cache their sum,
    // and then need not have them again.
    if with_local {
        local_features(v, out);
    }
    let local_end = out.len();
    out.push(combine(t::CAP_INITIAL, &[cap, initial]));
    out.push(combine(
        t::POSITION,
        &[i.min(3) as u64, (sv.len() - i).min(3) as u64, cap],
    ));
    out.push(combine(
        t::CAP_STAT,
        &[u64::from(v.info.cap_bucket), cap, initial],
    ));
    out.push(combine(
        t::FREQUENCY,
        &[u64::from(v.info.freq_bucket), cap, initial],
    ));
    out.push(combine(t::LEFT1, &[lower_at(-1)]));
    out.push(combine(t::LEFT2, &[lower_at(-2)]));
    out.push(combine(t::RIGHT1, &[lower_at(1)]));
    out.push(combine(t::RIGHT2, &[lower_at(2)]));
    out.push(combine(
        t::FORM_LEFT1,
        &[view_at(-1).map_or(BOUNDARY_LEFT, |t| t.form_hash)],
    ));
    out.push(combine(
        t::FORM_RIGHT1,
        &[view_at(1).map_or(BOUNDARY_RIGHT, |t| t.form_hash)],
    ));
    out.push(combine(t::BIGRAM_LEFT, &[lower_at(-1), v.lower_hash]));
    out.push(combine(t::BIGRAM_RIGHT, &[v.lower_hash, lower_at(1)]));
    out.push(combine(t::SHAPE_LEFT, &[shape_at(-1), v.shape]));
    out.push(combine(t::SHAPE_RIGHT, &[v.shape, shape_at(1)]));
    out.push(combine(
        t::SHAPE_TRIGRAM,
        &[shape_at(-1), v.shape, shape_at(1)],
    ));
    out.push(combine(t::CAP_LEFT, &[cap_at(-1), cap, initial]));
    out.push(combine(t::CAP_RIGHT, &[cap, cap_at(1)]));
    out.push(combine(t::LEFT1_SHAPE, &[lower_at(-1), v.shape]));
    out.push(combine(t::RIGHT1_SHAPE, &[v.shape, lower_at(1)]));
    for g in 0..3u32 {
        let class = |j: isize| view_at(j).map_or(0xffff, |t| u64::from(t.info.classes[g as usize]));
        out.push(combine(t::CLASS_LEFT + g, &[class(-1)]));
        out.push(combine(t::CLASS_RIGHT + g, &[class(1)]));
        if g == 1 {
            out.push(combine(t::CLASS_LEFT2, &[class(-2), class(-1)]));
            out.push(combine(t::CLASS_RIGHT2, &[class(1), class(2)]));
        }
    }
    for m in names.iter().filter(|m| m.start <= i && i < m.start + m.len) {
        let pos = u64::from(gaz_position(m, i));
        for bit in 0..4u64 {
            if m.kinds & (1 << bit) != 0 {
                out.push(combine(t::GAZ, &[bit, pos]));
                out.push(combine(t::GAZ, &[bit, pos, cap, initial]));
            }
        }
    }
    if is_capital(v) {
        let s = stats.get(&v.lower_hash).copied().unwrap_or_default();
        let own_mid = u16::from(!v.initial);
        let capital_elsewhere = s.capital_mid.saturating_sub(own_mid) > 0;
        let lower_elsewhere = s.lower > 0;
        out.push(combine(
            t::DOC_CASE,
            &[
                u64::from(capital_elsewhere),
                u64::from(lower_elsewhere),
                initial,
            ],
        ));
        let own_run = u16::from(in_capital_run(sv, i));
        let run_elsewhere = s.in_capital_run.saturating_sub(own_run) > 0;
        out.push(combine(
            t::DOC_SEQUENCE,
            &[u64::from(run_elsewhere), u64::from(own_run), initial],
        ));
    }
    local_end
}

fn same_sentence(feats: &DocFeatures, a: usize, b: usize) -> bool {
    let s = feats
        .sentence_starts
        .partition_point(|&start| start as usize <= a);
    let range = feats.sentence_range(
        s.saturating_sub(1)
            .min(feats.sentence_count().saturating_sub(1)),
    );
    range.contains(&b)
}

/// Entity type of a tag index: 0 outside, 1..=4 PER, ORG, LOC, MISC.
fn type_of(tag: usize) -> usize {
    tag.div_ceil(2)
}

/// Second-pass features from a first tagging of the whole document: how the
/// same word was tagged elsewhere in the article, and whether it also occurs
/// inside a longer entity there (`Baerbock` after `Annalena Baerbock`).
/// `tags` holds one tag index per token of `feats`, in document order.
/// Returns per token the end offset into the returned keys.
pub(crate) fn label_features(
    feats: &DocFeatures,
    tags: &[usize],
    keys: &mut Vec<u64>,
    ends: &mut Vec<u32>,
) {
    keys.clear();
    ends.clear();
    let n = tags.len().min(feats.lower_hashes.len());
    let mut votes: FxHashMap<u64, [u16; 5]> = FxHashMap::default();
    // Longest multi-token entity each word occurs in: (length, type, position, first token).
    let mut longest: FxHashMap<u64, (usize, usize, u64, usize)> = FxHashMap::default();
    for s in 0..feats.sentence_count() {
        let range = feats.sentence_range(s);
        let mut t = range.start;
        while t < range.end.min(n) {
            let kind = type_of(tags[t]);
            if kind != 0 || feats.capital[t] {
                votes.entry(feats.lower_hashes[t]).or_default()[kind] += 1;
            }
            if tags[t] != 0 && tags[t] % 2 == 1 {
                let mut end = t + 1;
                while end < range.end.min(n) && tags[end] == tags[t] + 1 {
                    end += 1;
                }
                let len = end - t;
                if len > 1 {
                    for (k, tok) in (t..end).enumerate() {
                        let pos = if k == 0 {
                            1
                        } else if k + 1 == len {
                            3
                        } else {
                            2
                        };
                        let e =
                            longest
                                .entry(feats.lower_hashes[tok])
                                .or_insert((0, 0, 0, usize::MAX));
                        if len > e.0 {
                            *e = (len, kind, pos, t);
                        }
                    }
                }
            }
            t += 1;
        }
    }
    // Start of the entity each token is in, to tell "elsewhere" from "here".
    let mut entity_start = vec![usize::MAX; n];
    let mut current = usize::MAX;
    for t in 0..n {
        if tags[t] == 0 {
            current = usize::MAX;
        } else if tags[t] % 2 == 1 || current == usize::MAX {
            current = t;
        }
        entity_start[t] = current;
    }
    for t in 0..n {
        let kind = type_of(tags[t]);
        if kind != 0 || feats.capital[t] {
            let h = feats.lower_hashes[t];
            if let Some(v) = votes.get(&h) {
                let mut others = *v;
                others[kind] = others[kind].saturating_sub(1);
                let total: u16 = others.iter().sum();
                if total > 0 {
                    let (best, &count) = others
                        .iter()
                        .enumerate()
                        .max_by_key(|(i, c)| (**c, 5 - *i))
                        .unwrap_or((0, &0));
                    let unanimous = u64::from(count == total);
                    keys.push(combine(t::LABEL_TOKEN, &[best as u64, unanimous]));
                    keys.push(combine(
                        t::LABEL_TOKEN,
                        &[
                            best as u64,
                            unanimous,
                            u64::from(feats.capital[t]),
                            kind as u64,
                        ],
                    ));
                    keys.push(combine(
                        t::LABEL_SAME,
                        &[u64::from(best == kind), u64::from(total.min(3))],
                    ));
                }
            }
            if let Some(&(len, ekind, pos, start)) = longest.get(&h)
                && start != entity_start[t]
            {
                keys.push(combine(t::LABEL_SUPER, &[ekind as u64, pos]));
                keys.push(combine(
                    t::LABEL_SUPER,
                    &[ekind as u64, pos, kind as u64, len.min(4) as u64],
                ));
            }
        }
        if feats.capital[t] {
            // A name joined to a tagged one by `en`, `of` or a comma is often of its kind.
            for (dir, far) in [(-1isize, -2isize), (1, 2)] {
                let (Some(link), Some(other)) =
                    (t.checked_add_signed(dir), t.checked_add_signed(far))
                else {
                    continue;
                };
                if other >= n || !same_sentence(feats, t, other) {
                    continue;
                }
                let other_kind = type_of(tags[other]);
                if other_kind != 0 {
                    keys.push(combine(
                        t::LABEL_NEIGHBOUR,
                        &[dir as u64, feats.lower_hashes[link], other_kind as u64],
                    ));
                }
            }
        }
        ends.push(keys.len() as u32);
    }
    ends.resize(feats.lower_hashes.len(), keys.len() as u32);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Quiet flags of each sentence (space-separated words) under a
    /// lexicon where `common` words are nearly always lowercase.
    fn quiet_flags(
        sentences: &[&str],
        common: &[&str],
        names: &[&str],
    ) -> (Vec<bool>, DocFeatures) {
        let mut lexicon = Lexicon::default();
        for w in common {
            let info = WordInfo {
                cap_bucket: 5,
                ..WordInfo::default()
            };
            lexicon.words.insert(crate::hash::hash_str(w), info);
        }
        let external = Gazetteer::new(names.iter().map(|n| (*n, kroniek_model::MentionKind::Org)));
        let internal = Gazetteer::empty();
        let res = Resources {
            lexicon: &lexicon,
            internal: &internal,
            external: &external,
        };
        let doc: Vec<Vec<&str>> = sentences.iter().map(|s| s.split(' ').collect()).collect();
        let mut feats = DocFeatures::default();
        extract_doc(&doc, &res, true, &|_| false, &mut feats);
        (feats.quiet.clone(), feats)
    }

    #[test]
    fn sentences_without_possible_names_are_quiet() {
        let common = ["de", "het", "volgens"];
        let (quiet, feats) = quiet_flags(
            &[
                "De boeren protesteerden urenlang bij het provinciehuis .",
                "Volgens de boeren kwam Schouten niet opdagen .",
                "Hendriks sprak de boeren later toch toe .",
                "het waterschap en de navo zwegen .",
                "de boeren zeiden : \" Het is genoeg . \"",
                "de boeren zeiden : \" Zomer is genoeg . \"",
            ],
            &common,
            &["NAVO"],
        );
        // A capital inside the sentence, an unknown capitalised opening
        // word, a name-list match (written lowercase) and an unknown word
        // opening a quote each make a sentence worth scoring.
        assert_eq!(quiet, [true, false, false, false, true, false]);
        // Quiet tokens get no features; in the other sentences, the words
        // within two of a possible name do and the words further away not.
        let range = feats.sentence_range(0);
        assert!(range.clone().all(|t| feats.token_keys(t).is_empty()));
        let scored: Vec<bool> = feats
            .sentence_range(1)
            .map(|t| !feats.token_keys(t).is_empty())
            .collect();
        // Volgens de boeren kwam Schouten niet opdagen .
        assert_eq!(scored, [false, false, true, true, true, true, true, false]);
        assert_eq!(
            feats.unscored[feats.sentence_range(1)],
            scored.iter().map(|s| !s).collect::<Vec<_>>()
        );
    }

    #[test]
    fn words_far_from_names_are_not_scored() {
        let (quiet, feats) = quiet_flags(
            &[
                "de minister zei gisteren in Den Haag dat de boeren morgen opnieuw komen .",
                "volgens de navo is het vredesoverleg in een impasse geraakt .",
            ],
            &["de"],
            &["NAVO"],
        );
        assert_eq!(quiet, [false, false]);
        let far = |s: usize| -> Vec<usize> {
            feats
                .sentence_range(s)
                .enumerate()
                .filter(|(_, t)| feats.unscored[*t])
                .map(|(i, _)| i)
                .collect()
        };
        // `Den Haag` (words 5 and 6) keeps words 3 to 8 scored.
        assert_eq!(far(0), [0, 1, 2, 9, 10, 11, 12, 13]);
        // A name-list match counts as a name, written lowercase or not.
        assert_eq!(far(1), [5, 6, 7, 8, 9, 10]);
    }

    #[test]
    fn classifies_word_forms() {
        assert_eq!(cap_type("Ankara"), CapType::Initial);
        assert_eq!(cap_type("NAVO"), CapType::AllCaps);
        assert_eq!(cap_type("McDonald"), CapType::Mixed);
        assert_eq!(cap_type("2000"), CapType::Digits);
        assert_eq!(cap_type("F16"), CapType::Alnum);
        assert_eq!(cap_type(","), CapType::Punct);
        assert_eq!(cap_type("stad"), CapType::Lower);
        assert_eq!(cap_type("É"), CapType::Initial);
    }

    #[test]
    fn shapes_collapse_repeats() {
        assert_eq!(shape_hash("Jean-Luc"), shape_hash("Anne-Marie"));
        assert_ne!(shape_hash("Jean-Luc"), shape_hash("jean-luc"));
    }

    #[test]
    fn affixes_respect_characters() {
        assert_eq!(char_prefix("één", 2), Some("éé"));
        assert_eq!(char_suffix("Brussel", 3), Some("sel"));
        assert_eq!(char_suffix("ab", 2), None);
    }
}
