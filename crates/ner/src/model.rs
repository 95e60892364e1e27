//! The trained recogniser: weights, lexicon and name list, its file format,
//! and tagging with Viterbi decoding over IOB2 tags.

use std::cell::RefCell;
use std::io::{Read, Write};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use kroniek_model::{Document, Mention, MentionKind, Span};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::features::{DocFeatures, FEATURE_VERSION, Resources, extract_doc, label_features};
use crate::gazetteer::Gazetteer;
use crate::lexicon::{Lexicon, WordInfo};
use crate::tags::{N_TAGS, TAGS, chunks, transition_allowed};
use crate::weights::Weights;

const MAGIC: &[u8; 8] = b"KRNIEKNE";
/// Version of the file layout; bump when `Payload` changes.
pub(crate) const FORMAT_VERSION: u32 = 2;
/// Upper bound on the decompressed payload, so a corrupt header cannot make us allocate without limit.
const MAX_PAYLOAD: u64 = 256 << 20;

/// Why a model file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a kroniek NER model: the file does not start with the expected header")]
    NotAModel,
    #[error(
        "NER model has format version {found}, this build reads version {expected}: retrain or use a matching build"
    )]
    WrongVersion { found: u32, expected: u32 },
    #[error(
        "NER model uses feature templates version {found}, this build has version {expected}: retrain the model"
    )]
    WrongFeatureVersion { found: u32, expected: u32 },
    #[error("NER model is corrupted: {0}")]
    Corrupted(String),
}

/// The stored form of a model.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Payload {
    pub feature_version: u32,
    pub tags: Vec<String>,
    /// Sorted feature keys, delta-encoded.
    pub key_deltas: Vec<u64>,
    /// `N_TAGS` quantised weights per key.
    pub weights: Vec<i16>,
    pub scale: f32,
    /// Row `prev` (last row: sentence start), column `cur`.
    pub transitions: Vec<f32>,
    /// Word facts keyed by the hash of the lowercased word.
    pub lexicon: Vec<(u64, WordInfo)>,
    pub names: Vec<(u64, u8)>,
    pub names_max_tokens: usize,
    /// How the model was trained (data, options, scores), for people.
    pub description: String,
}

/// A trained named-entity recogniser for Dutch (PER, ORG, LOC, MISC).
#[derive(Debug, Clone)]
pub struct NerModel {
    /// Tells this model's cached sums from another's (see `FORM_SUMS`).
    pub(crate) id: u64,
    pub(crate) weights: Weights,
    pub(crate) transitions: Vec<f32>,
    pub(crate) lexicon: Lexicon,
    pub(crate) names: Gazetteer,
    pub(crate) description: String,
}

/// A new model identity.
pub(crate) fn next_model_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Forms a thread keeps the form-only score sums of (news repeats its
/// words: most tokens hit; the cache is emptied when full).
const FORM_CACHE_LIMIT: usize = 1 << 17;

thread_local! {
    /// The model the sums belong to, and the sums by form hash.
    static FORM_SUMS: RefCell<(u64, FxHashMap<u64, [i32; N_TAGS]>)> =
        RefCell::new((0, FxHashMap::default()));
    /// The buffers of the last document's features, reused: grown from
    /// empty for every document they were a reallocation per sentence.
    static DOC_FEATURES: RefCell<DocFeatures> = RefCell::new(DocFeatures::default());
}

static BUILTIN_BYTES: &[u8] = include_bytes!("../../../models/nl-ner.bin");
static BUILTIN: OnceLock<Result<NerModel, String>> = OnceLock::new();

/// Viterbi decoding with IOB2 constraints. `emissions` has `N_TAGS` scores per token.
pub(crate) fn viterbi(emissions: &[[f32; N_TAGS]], transitions: &[f32], out: &mut Vec<usize>) {
    out.clear();
    let n = emissions.len();
    if n == 0 || transitions.len() < (N_TAGS + 1) * N_TAGS {
        return;
    }
    // Forbidden IOB2 steps as minus infinity, so the inner loop has no
    // branch: such a step can never beat the running best, exactly as if it
    // were skipped.
    let mut into = [[f32::NEG_INFINITY; N_TAGS]; N_TAGS];
    for (cur, row) in into.iter_mut().enumerate() {
        for (prev, t) in row.iter_mut().enumerate() {
            if transition_allowed(Some(prev), cur) {
                *t = transitions[prev * N_TAGS + cur];
            }
        }
    }
    let mut score = vec![[f32::NEG_INFINITY; N_TAGS]; n];
    let mut back = vec![[0u8; N_TAGS]; n];
    for cur in 0..N_TAGS {
        if transition_allowed(None, cur) {
            score[0][cur] = emissions[0][cur] + transitions[N_TAGS * N_TAGS + cur];
        }
    }
    for i in 1..n {
        let before = score[i - 1];
        for cur in 0..N_TAGS {
            // A tag the emission rules out scores minus infinity whatever
            // came before, and such a state is never the best one before a
            // later step nor at the end, so its back pointer is never read
            // (O's is: when every step is ruled out, the path runs through
            // O). Most tokens of a scored sentence are far from a name and
            // allow only O (`features::far_from_names`).
            if cur != 0 && emissions[i][cur] == f32::NEG_INFINITY {
                score[i][cur] = f32::NEG_INFINITY;
                continue;
            }
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for (prev, (&s, &t)) in before.iter().zip(&into[cur]).enumerate() {
                let s = s + t;
                if s > best {
                    best = s;
                    arg = prev as u8;
                }
            }
            score[i][cur] = best + emissions[i][cur];
            back[i][cur] = arg;
        }
    }
    let mut last = 0;
    for cur in 1..N_TAGS {
        if score[n - 1][cur] > score[n - 1][last] {
            last = cur;
        }
    }
    out.resize(n, 0);
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i]] as usize;
    }
}

fn kind_of(label: &str) -> Option<MentionKind> {
    match label {
        "PER" => Some(MentionKind::Per),
        "ORG" => Some(MentionKind::Org),
        "LOC" => Some(MentionKind::Loc),
        "MISC" => Some(MentionKind::Misc),
        _ => None,
    }
}

/// A tagged sentence: tag indices plus, per token, how far the chosen tag's
/// score is ahead of the best other tag.
pub(crate) struct Tagged {
    pub tags: Vec<usize>,
    pub margins: Vec<f32>,
}

impl NerModel {
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, ModelError> {
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(ModelError::NotAModel);
        }
        let mut version = [0u8; 4];
        version.copy_from_slice(&bytes[8..12]);
        let found = u32::from_le_bytes(version);
        if found != FORMAT_VERSION {
            return Err(ModelError::WrongVersion {
                found,
                expected: FORMAT_VERSION,
            });
        }
        let mut raw = Vec::new();
        flate2::read::DeflateDecoder::new(&bytes[12..])
            .take(MAX_PAYLOAD)
            .read_to_end(&mut raw)
            .map_err(|e| ModelError::Corrupted(format!("cannot decompress: {e}")))?;
        let payload: Payload = postcard::from_bytes(&raw)
            .map_err(|e| ModelError::Corrupted(format!("cannot decode: {e}")))?;
        NerModel::from_payload(payload)
    }

    fn from_payload(p: Payload) -> Result<NerModel, ModelError> {
        if p.feature_version != FEATURE_VERSION {
            return Err(ModelError::WrongFeatureVersion {
                found: p.feature_version,
                expected: FEATURE_VERSION,
            });
        }
        if p.tags.iter().map(String::as_str).ne(TAGS.iter().copied()) {
            return Err(ModelError::Corrupted(format!(
                "unexpected tag set {:?}",
                p.tags
            )));
        }
        if p.weights.len() != p.key_deltas.len() * N_TAGS {
            return Err(ModelError::Corrupted(format!(
                "{} weights for {} features",
                p.weights.len(),
                p.key_deltas.len()
            )));
        }
        if p.transitions.len() != (N_TAGS + 1) * N_TAGS || !p.scale.is_finite() {
            return Err(ModelError::Corrupted(
                "bad transition table or weight scale".into(),
            ));
        }
        let mut key = 0u64;
        let rows = p
            .key_deltas
            .iter()
            .zip(p.weights.chunks_exact(N_TAGS))
            .map(|(delta, w)| {
                key = key.wrapping_add(*delta);
                let mut row = [0i16; N_TAGS];
                row.copy_from_slice(w);
                (key, row)
            });
        let weights = Weights::from_quantised(rows, p.scale)
            .map_err(|key| ModelError::Corrupted(format!("feature key {key:#x} stored twice")))?;
        Ok(NerModel {
            id: next_model_id(),
            weights,
            transitions: p.transitions,
            lexicon: Lexicon {
                words: p.lexicon.into_iter().collect(),
            },
            names: Gazetteer::from_raw(&p.names, p.names_max_tokens),
            description: p.description,
        })
    }

    /// Serialises the model: header, format version, deflated payload.
    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>, std::io::Error> {
        let mut keyed: Vec<(u64, &[i16; N_TAGS])> = self.weights.rows().collect();
        keyed.sort_unstable_by_key(|(k, _)| *k);
        let scale = self.weights.scale();
        let mut key_deltas = Vec::with_capacity(keyed.len());
        let mut weights = Vec::with_capacity(keyed.len() * N_TAGS);
        let mut last = 0u64;
        for (key, row) in keyed {
            key_deltas.push(key.wrapping_sub(last));
            last = key;
            weights.extend_from_slice(row);
        }
        let mut lexicon: Vec<(u64, WordInfo)> =
            self.lexicon.words.iter().map(|(w, i)| (*w, *i)).collect();
        lexicon.sort_unstable_by_key(|a| a.0);
        let (names, names_max_tokens) = self.names.raw_entries();
        let payload = Payload {
            feature_version: FEATURE_VERSION,
            tags: TAGS.iter().map(|t| t.to_string()).collect(),
            key_deltas,
            weights,
            scale,
            transitions: self.transitions.clone(),
            lexicon,
            names,
            names_max_tokens,
            description: self.description.clone(),
        };
        let raw = postcard::to_allocvec(&payload).map_err(std::io::Error::other)?;
        let mut out = Vec::with_capacity(raw.len() / 3);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let mut enc = flate2::write::DeflateEncoder::new(out, flate2::Compression::best());
        enc.write_all(&raw)?;
        enc.finish()
    }

    /// The model shipped in `models/nl-ner.bin`, decoded once.
    pub fn builtin() -> Result<&'static NerModel, ModelError> {
        match BUILTIN.get_or_init(|| NerModel::from_bytes(BUILTIN_BYTES).map_err(|e| e.to_string()))
        {
            Ok(model) => Ok(model),
            Err(msg) => Err(ModelError::Corrupted(format!("built-in model: {msg}"))),
        }
    }

    /// How the model was trained, as recorded at training time.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Number of weighted features.
    pub fn feature_count(&self) -> usize {
        self.weights.len()
    }

    /// Tags every sentence of a document (sentences as token forms).
    pub(crate) fn tag_doc(&self, doc: &[Vec<&str>], gazetteer: &Gazetteer) -> Vec<Tagged> {
        self.tag_doc_with(doc, gazetteer, &self.names, true)
    }

    /// [`NerModel::tag_doc`]; with `skip_unlikely` false every token is
    /// scored, quiet sentences and words far from names too (the reference
    /// the skipping is tested against).
    /// `own_names` is the model's name list, or an empty one when
    /// `gazetteer` includes it ([`NerModel::names_with`]).
    pub(crate) fn tag_doc_with(
        &self,
        doc: &[Vec<&str>],
        gazetteer: &Gazetteer,
        own_names: &Gazetteer,
        skip_unlikely: bool,
    ) -> Vec<Tagged> {
        let res = Resources {
            lexicon: &self.lexicon,
            internal: own_names,
            external: gazetteer,
        };
        let mut feats = DOC_FEATURES.take();
        // Quiet sentences are tagged O unscored (see `features::is_quiet`),
        // and forms whose local sums this thread knows get no local features.
        FORM_SUMS.with_borrow_mut(|(model, cache)| {
            if *model != self.id || cache.len() > FORM_CACHE_LIMIT {
                cache.clear();
                *model = self.id;
            }
            extract_doc(
                doc,
                &res,
                skip_unlikely,
                &|form| cache.contains_key(&form),
                &mut feats,
            );
        });
        let n = feats.token_ends.len();
        // Tokens of quiet sentences and tokens far from any name are not scored.
        let quiet_token = &feats.unscored;
        let mut emissions = Vec::with_capacity(n);
        FORM_SUMS.with_borrow_mut(|(_, cache)| {
            for (tok, &quiet) in quiet_token.iter().enumerate() {
                if quiet {
                    // O for certain: Viterbi over a scored sentence keeps it O.
                    let mut only_o = [f32::NEG_INFINITY; N_TAGS];
                    only_o[0] = 0.0;
                    emissions.push(only_o);
                    continue;
                }
                let local = *cache
                    .entry(feats.form_hashes[tok])
                    .or_insert_with(|| self.weights.sum(feats.local_keys(tok)));
                let mut sum = self.weights.sum(feats.context_keys(tok));
                for (s, l) in sum.iter_mut().zip(local) {
                    *s += l;
                }
                let mut scores = [0f32; N_TAGS];
                self.weights.add_sum(sum, &mut scores);
                emissions.push(scores);
            }
        });
        let mut first = vec![0usize; n];
        let mut tags = Vec::new();
        for s in 0..feats.sentence_count() {
            let range = feats.sentence_range(s);
            if !feats.is_quiet(s) {
                viterbi(&emissions[range.clone()], &self.transitions, &mut tags);
                first[range].copy_from_slice(&tags);
            }
        }
        // Second pass: the same weights, plus how the first pass tagged the document.
        let (mut keys, mut ends) = (Vec::new(), Vec::new());
        label_features(&feats, &first, &mut keys, &mut ends);
        for (tok, scores) in emissions.iter_mut().enumerate() {
            if quiet_token[tok] {
                continue;
            }
            let start = if tok == 0 { 0 } else { ends[tok - 1] as usize };
            self.weights
                .add_scores(&keys[start..ends[tok] as usize], scores);
        }
        let mut out = Vec::with_capacity(doc.len());
        for s in 0..feats.sentence_count() {
            let range = feats.sentence_range(s);
            if feats.is_quiet(s) {
                // Not scored: O throughout, as certain as the quiet rule.
                out.push(Tagged {
                    tags: vec![0; range.len()],
                    margins: vec![f32::INFINITY; range.len()],
                });
                continue;
            }
            let em = &emissions[range];
            let mut tags = Vec::new();
            viterbi(em, &self.transitions, &mut tags);
            let margins = tags
                .iter()
                .zip(em)
                .map(|(&tag, e)| {
                    let other = e
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| *k != tag)
                        .fold(f32::NEG_INFINITY, |m, (_, s)| m.max(*s));
                    e[tag] - other
                })
                .collect();
            out.push(Tagged { tags, margins });
        }
        DOC_FEATURES.set(feats);
        out
    }

    /// IOB2 tags for one sentence of token forms.
    pub fn tag_tokens(&self, forms: &[&str], gazetteer: &Gazetteer) -> Vec<String> {
        if forms.is_empty() {
            return Vec::new();
        }
        let doc = [forms.to_vec()];
        self.tag_doc(&doc, gazetteer)
            .into_iter()
            .next()
            .map(|t| t.tags.into_iter().map(|i| TAGS[i].to_string()).collect())
            .unwrap_or_default()
    }

    /// Entities in every sentence of `doc`, as mentions with kind Per/Org/Loc/Misc.
    /// The whole document is tagged at once so that names repeated in it support each other.
    pub fn recognise(&self, doc: &Document, gazetteer: &Gazetteer) -> Vec<Mention> {
        self.recognise_in(doc, gazetteer, &self.names)
    }

    /// The model's own name list joined with `extra`, for
    /// [`NerModel::recognise_with_names`]: one lookup a word, not one in each list.
    pub fn names_with(&self, extra: &Gazetteer) -> Gazetteer {
        self.names.union(extra)
    }

    /// [`NerModel::recognise`] with a list from [`NerModel::names_with`]:
    /// the same entities as `recognise` with the list it was joined with.
    pub fn recognise_with_names(&self, doc: &Document, names: &Gazetteer) -> Vec<Mention> {
        self.recognise_in(doc, names, &Gazetteer::empty())
    }

    fn recognise_in(&self, doc: &Document, gazetteer: &Gazetteer, own: &Gazetteer) -> Vec<Mention> {
        let mut sentences: Vec<Vec<&str>> = Vec::with_capacity(doc.sentences.len());
        let mut offsets = Vec::with_capacity(doc.sentences.len());
        for sentence in &doc.sentences {
            let Some(tokens) = doc.tokens.get(sentence.token_range()) else {
                sentences.push(Vec::new());
                offsets.push(sentence.token_start as usize);
                continue;
            };
            sentences.push(tokens.iter().map(|t| t.form(&doc.text)).collect());
            offsets.push(sentence.token_start as usize);
        }
        let tagged = self.tag_doc_with(&sentences, gazetteer, own, true);
        let mut mentions = Vec::new();
        for (s_idx, (t, &first)) in tagged.iter().zip(&offsets).enumerate() {
            let labels: Vec<&str> = t.tags.iter().map(|&i| TAGS[i]).collect();
            for chunk in chunks(&labels) {
                let Some(kind) = kind_of(&chunk.kind) else {
                    continue;
                };
                let (Some(a), Some(b)) = (
                    doc.tokens.get(first + chunk.start),
                    doc.tokens.get(first + chunk.end - 1),
                ) else {
                    continue;
                };
                let margin = t.margins[chunk.start..chunk.end]
                    .iter()
                    .fold(f32::INFINITY, |m, x| m.min(*x));
                mentions.push(Mention {
                    span: Span {
                        start: a.span.start,
                        end: b.span.end,
                    },
                    sentence: s_idx as u32,
                    token_start: (first + chunk.start) as u32,
                    token_end: (first + chunk.end) as u32,
                    kind,
                    actor_id: None,
                    name: None,
                    code: None,
                    sector: None,
                    office: None,
                    rule: "ner".to_string(),
                    confidence: 1.0 / (1.0 + (-margin).exp()),
                });
            }
        }
        mentions
    }
}

#[cfg(test)]
mod viterbi_tests {
    use super::*;

    /// The plain form: every allowed step tried, forbidden ones skipped.
    fn reference(emissions: &[[f32; N_TAGS]], transitions: &[f32]) -> Vec<usize> {
        let n = emissions.len();
        let mut score = vec![[f32::NEG_INFINITY; N_TAGS]; n];
        let mut back = vec![[0usize; N_TAGS]; n];
        for cur in 0..N_TAGS {
            if transition_allowed(None, cur) {
                score[0][cur] = emissions[0][cur] + transitions[N_TAGS * N_TAGS + cur];
            }
        }
        for i in 1..n {
            for cur in 0..N_TAGS {
                let mut best = (f32::NEG_INFINITY, 0);
                for prev in (0..N_TAGS).filter(|&p| transition_allowed(Some(p), cur)) {
                    let s = score[i - 1][prev] + transitions[prev * N_TAGS + cur];
                    if s > best.0 {
                        best = (s, prev);
                    }
                }
                score[i][cur] = best.0 + emissions[i][cur];
                back[i][cur] = best.1;
            }
        }
        let mut path = vec![0; n];
        path[n - 1] = (1..N_TAGS).fold(0, |b, c| {
            if score[n - 1][c] > score[n - 1][b] {
                c
            } else {
                b
            }
        });
        for i in (1..n).rev() {
            path[i - 1] = back[i][path[i]];
        }
        path
    }

    #[test]
    fn same_paths_as_the_plain_form() {
        let mut state: u64 = 0x2545f4914f6cdd1d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Few distinct values, so ties happen.
            ((state % 7) as f32 - 3.0) * 0.5
        };
        for len in 1..40 {
            let transitions: Vec<f32> = (0..(N_TAGS + 1) * N_TAGS).map(|_| next()).collect();
            let emissions: Vec<[f32; N_TAGS]> =
                (0..len).map(|_| std::array::from_fn(|_| next())).collect();
            let mut out = Vec::new();
            viterbi(&emissions, &transitions, &mut out);
            assert_eq!(out, reference(&emissions, &transitions), "length {len}");
        }
    }

    #[test]
    fn same_paths_where_emissions_rule_tags_out() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..400 {
            let len = 1 + (next() % 30) as usize;
            let transitions: Vec<f32> = (0..(N_TAGS + 1) * N_TAGS)
                .map(|_| ((next() % 7) as f32 - 3.0) * 0.5)
                .collect();
            let emissions: Vec<[f32; N_TAGS]> = (0..len)
                .map(|_| match next() % 4 {
                    // Only O, as for a word far from any name.
                    0 | 1 => std::array::from_fn(|k| if k == 0 { 0.0 } else { f32::NEG_INFINITY }),
                    // Some tags ruled out, O among them at times.
                    2 => std::array::from_fn(|_| {
                        if next() % 3 == 0 {
                            f32::NEG_INFINITY
                        } else {
                            ((next() % 7) as f32 - 3.0) * 0.5
                        }
                    }),
                    _ => std::array::from_fn(|_| ((next() % 7) as f32 - 3.0) * 0.5),
                })
                .collect();
            let mut out = Vec::new();
            viterbi(&emissions, &transitions, &mut out);
            assert_eq!(out, reference(&emissions, &transitions), "round {round}");
        }
    }
}

#[cfg(test)]
mod skipping_tests {
    use super::*;
    use crate::tags::chunks;

    /// Entities of every sentence of `docs`: (doc, sentence, start, end, kind).
    fn entities(
        model: &NerModel,
        docs: &[crate::conll::LabelledDoc],
        skip: bool,
    ) -> Vec<(usize, usize, usize, usize, String)> {
        let mut out = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            let forms: Vec<Vec<&str>> = doc
                .sentences
                .iter()
                .map(|s| s.tokens.iter().map(String::as_str).collect())
                .collect();
            for (s, tagged) in model
                .tag_doc_with(&forms, &Gazetteer::empty(), &model.names, skip)
                .iter()
                .enumerate()
            {
                let labels: Vec<&str> = tagged.tags.iter().map(|&i| TAGS[i]).collect();
                out.extend(
                    chunks(&labels)
                        .into_iter()
                        .map(|c| (d, s, c.start, c.end, c.kind)),
                );
            }
        }
        out
    }

    /// Quiet sentences and words far from names, left unscored, cost no
    /// entity the full scoring finds on CoNLL-2002 testa but a handful of
    /// false positives (see docs/benchmarks/ner.md), and add none.
    #[test]
    fn skipping_unlikely_words_only_drops_a_few_entities_on_testa() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/conll2002-nl/ned.testa"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            assert!(std::env::var_os("CI").is_none(), "{path} is required in CI");
            return;
        };
        let docs = crate::conll::parse_labelled(&text).expect("testa parses");
        let model = NerModel::builtin().expect("built-in model");
        let full = entities(model, &docs, false);
        let skipped = entities(model, &docs, true);
        assert!(full.len() > 2500, "{} entities", full.len());
        let added: Vec<_> = skipped.iter().filter(|e| !full.contains(e)).collect();
        assert!(added.is_empty(), "{added:?}");
        assert!(
            full.len() - skipped.len() <= 3,
            "{} dropped",
            full.len() - skipped.len()
        );
    }
}
