//! Training: a structured averaged perceptron over IOB2 tag sequences
//! (Collins 2002), with Viterbi decoding inside the training loop.

use rustc_hash::FxHashMap;

use crate::conll::{LabelledDoc, ParseError, parse_labelled, unlabelled_sentences};
use crate::eval::Tally;
use crate::features::{DocFeatures, Resources, extract_doc, label_features};
use crate::gazetteer::Gazetteer;
use crate::lexicon::{ClusterSettings, Lexicon};
use crate::model::{NerModel, viterbi};
use crate::tags::{N_TAGS, TAGS, chunks, tag_index};
use crate::weights::Weights;

/// Training settings. `Default` gives the settings the shipped model was trained with.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training data (the best pass on the dev set is kept when one is given).
    pub epochs: usize,
    /// Seed of the sentence order and of the fold assignment.
    pub seed: u64,
    /// Numbers of word classes learnt from the unlabelled text (0: none).
    pub cluster_sizes: [usize; 3],
    pub cluster_iterations: usize,
    /// Words seen fewer times than this get no class.
    pub cluster_min_count: u32,
    /// Folds for the name list learnt from the training entities: sentences of
    /// fold k see only names from the other folds, so the model learns how far
    /// such a list can be trusted on new text. 0 or 1: no such list.
    pub name_folds: usize,
    /// Features seen fewer times in the training data are dropped.
    pub min_feature_count: u32,
    /// Epochs of the fold models that give the training data its first-pass tags.
    pub first_pass_epochs: usize,
    /// Share of features left out at random in each training step.
    pub dropout: f64,
    /// Perceptrons trained in different sentence orders whose weights are averaged.
    pub ensemble: usize,
    /// Features whose averaged weights all stay below this are left out of the model.
    pub prune_below: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 2002,
            cluster_sizes: [64, 256, 1024],
            cluster_iterations: 12,
            cluster_min_count: 2,
            name_folds: 5,
            min_feature_count: 1,
            first_pass_epochs: 8,
            dropout: 0.0,
            ensemble: 3,
            prune_below: 0.01,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("training data: {0}")]
    Parse(#[from] ParseError),
    #[error("development data: {0}")]
    DevParse(ParseError),
    #[error("training data has no sentences")]
    Empty,
    #[error("training data uses tag {0:?}, which is not one of O, B-/I-PER, ORG, LOC, MISC")]
    UnknownTag(String),
    #[error("cannot serialise the model: {0}")]
    Serialise(String),
}

/// A deterministic xorshift generator: training must not depend on the platform's RNG.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Name list of the entities in `docs` (lowercased token sequences).
fn names_of<'a>(docs: impl Iterator<Item = &'a LabelledDoc>) -> Gazetteer {
    let mut gaz = Gazetteer::empty();
    for doc in docs {
        for s in &doc.sentences {
            for chunk in chunks(&s.tags) {
                let bit = match chunk.kind.as_str() {
                    "PER" => 1,
                    "ORG" => 2,
                    "LOC" => 4,
                    _ => 8,
                };
                let lowered: Vec<String> = s.tokens[chunk.start..chunk.end]
                    .iter()
                    .map(|t| t.to_lowercase())
                    .collect();
                gaz.insert_tokens(&lowered, bit);
            }
        }
    }
    gaz
}

/// One sentence ready for the perceptron: per token a range into `feature_ids`.
struct Instance {
    token_ends: Vec<u32>,
    feature_ids: Vec<u32>,
    gold: Vec<usize>,
    doc: usize,
}

impl Instance {
    fn token(&self, i: usize) -> &[u32] {
        let start = if i == 0 {
            0
        } else {
            self.token_ends[i - 1] as usize
        };
        &self.feature_ids[start..self.token_ends[i] as usize]
    }
}

fn doc_forms(doc: &LabelledDoc) -> Vec<Vec<&str>> {
    doc.sentences
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect()
}

/// Sentences of a document as instances; `extra` adds keys per token
/// (second-pass features: keys and end offsets per token of the document).
fn instances(
    doc_index: usize,
    doc: &LabelledDoc,
    feats: &DocFeatures,
    extra: Option<(&[u64], &[u32])>,
    ids: &FxHashMap<u64, u32>,
    out: &mut Vec<Instance>,
) -> Result<(), TrainError> {
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let mut inst = Instance {
            token_ends: Vec::new(),
            feature_ids: Vec::new(),
            gold: Vec::new(),
            doc: doc_index,
        };
        for (k, tok) in feats.sentence_range(s).enumerate() {
            inst.feature_ids.extend(
                feats
                    .token_keys(tok)
                    .iter()
                    .filter_map(|key| ids.get(key).copied()),
            );
            if let Some((keys, ends)) = extra {
                let start = if tok == 0 { 0 } else { ends[tok - 1] as usize };
                inst.feature_ids.extend(
                    keys[start..ends[tok] as usize]
                        .iter()
                        .filter_map(|key| ids.get(key).copied()),
                );
            }
            inst.token_ends.push(inst.feature_ids.len() as u32);
            let tag = &sentence.tags[k];
            inst.gold
                .push(tag_index(tag).ok_or_else(|| TrainError::UnknownTag(tag.clone()))?);
        }
        out.push(inst);
    }
    Ok(())
}

/// Perceptron weights with the running sums needed for averaging.
struct Averaged {
    w: Vec<f32>,
    sum: Vec<f64>,
    trans: Vec<f32>,
    trans_sum: Vec<f64>,
    step: f64,
}

impl Averaged {
    fn new(features: usize) -> Self {
        Averaged {
            w: vec![0.0; features * N_TAGS],
            sum: vec![0.0; features * N_TAGS],
            trans: vec![0.0; (N_TAGS + 1) * N_TAGS],
            trans_sum: vec![0.0; (N_TAGS + 1) * N_TAGS],
            step: 1.0,
        }
    }
    fn bump(w: &mut [f32], sum: &mut [f64], idx: usize, delta: f32, step: f64) {
        w[idx] += delta;
        sum[idx] += step * f64::from(delta);
    }
    fn averaged(&self) -> (Vec<f32>, Vec<f32>) {
        let avg = |w: &[f32], s: &[f64]| -> Vec<f32> {
            w.iter()
                .zip(s)
                .map(|(&w, &s)| (f64::from(w) - s / self.step) as f32)
                .collect()
        };
        (avg(&self.w, &self.sum), avg(&self.trans, &self.trans_sum))
    }
}

fn emissions(inst: &Instance, w: &[f32], out: &mut Vec<[f32; N_TAGS]>) {
    out.clear();
    for i in 0..inst.gold.len() {
        let mut scores = [0f32; N_TAGS];
        for &f in inst.token(i) {
            let row = &w[f as usize * N_TAGS..(f as usize + 1) * N_TAGS];
            for (s, x) in scores.iter_mut().zip(row) {
                *s += *x;
            }
        }
        out.push(scores);
    }
}

/// A copy of `inst` without a random share `rate` of its features.
fn thinned(inst: &Instance, rate: f64, rng: &mut Rng) -> Instance {
    let threshold = (rate * u64::MAX as f64) as u64;
    let mut out = Instance {
        token_ends: Vec::with_capacity(inst.token_ends.len()),
        feature_ids: Vec::with_capacity(inst.feature_ids.len()),
        gold: inst.gold.clone(),
        doc: inst.doc,
    };
    for i in 0..inst.gold.len() {
        for &f in inst.token(i) {
            if rng.next() >= threshold {
                out.feature_ids.push(f);
            }
        }
        out.token_ends.push(out.feature_ids.len() as u32);
    }
    out
}

/// One pass of the perceptron; with `dropout > 0` each sentence is seen
/// with a random share of its features left out, so that no single strong
/// feature (the word itself, say) lets the others go untrained.
fn train_epoch(
    model: &mut Averaged,
    data: &[Instance],
    order: &[usize],
    dropout: f64,
    rng: &mut Rng,
) -> usize {
    let mut em = Vec::new();
    let mut pred = Vec::new();
    let mut errors = 0;
    for &idx in order {
        let owned;
        let inst = if dropout > 0.0 {
            owned = thinned(&data[idx], dropout, rng);
            &owned
        } else {
            &data[idx]
        };
        emissions(inst, &model.w, &mut em);
        viterbi(&em, &model.trans, &mut pred);
        if pred != inst.gold {
            errors += 1;
            let step = model.step;
            for i in 0..inst.gold.len() {
                let (g, p) = (inst.gold[i], pred[i]);
                if g != p {
                    for &f in inst.token(i) {
                        let base = f as usize * N_TAGS;
                        Averaged::bump(&mut model.w, &mut model.sum, base + g, 1.0, step);
                        Averaged::bump(&mut model.w, &mut model.sum, base + p, -1.0, step);
                    }
                }
                let gp = if i == 0 { N_TAGS } else { inst.gold[i - 1] };
                let pp = if i == 0 { N_TAGS } else { pred[i - 1] };
                if (gp, g) != (pp, p) {
                    Averaged::bump(
                        &mut model.trans,
                        &mut model.trans_sum,
                        gp * N_TAGS + g,
                        1.0,
                        step,
                    );
                    Averaged::bump(
                        &mut model.trans,
                        &mut model.trans_sum,
                        pp * N_TAGS + p,
                        -1.0,
                        step,
                    );
                }
            }
        }
        model.step += 1.0;
    }
    errors
}

fn predict(inst: &Instance, w: &[f32], trans: &[f32]) -> Vec<usize> {
    let mut em = Vec::new();
    let mut pred = Vec::new();
    emissions(inst, w, &mut em);
    viterbi(&em, trans, &mut pred);
    pred
}

/// Held-out data for picking the epoch, tagged in two passes like `NerModel` does.
struct DevSet {
    docs: Vec<LabelledDoc>,
    feats: Vec<DocFeatures>,
    /// Sentences of all documents in order, first-pass features only.
    base: Vec<Instance>,
}

impl DevSet {
    fn f1(&self, ids: &FxHashMap<u64, u32>, w: &[f32], trans: &[f32]) -> f64 {
        let mut tally = Tally::default();
        let mut next = 0;
        let (mut keys, mut ends) = (Vec::new(), Vec::new());
        for (d, doc) in self.docs.iter().enumerate() {
            let sentences = &self.base[next..next + doc.sentences.len()];
            next += doc.sentences.len();
            let first: Vec<usize> = sentences
                .iter()
                .flat_map(|i| predict(i, w, trans))
                .collect();
            label_features(&self.feats[d], &first, &mut keys, &mut ends);
            let mut second = Vec::new();
            if instances(
                d,
                doc,
                &self.feats[d],
                Some((&keys, &ends)),
                ids,
                &mut second,
            )
            .is_err()
            {
                continue;
            }
            for inst in &second {
                let pred = predict(inst, w, trans);
                let gold: Vec<&str> = inst.gold.iter().map(|&i| TAGS[i]).collect();
                let predicted: Vec<&str> = pred.iter().map(|&i| TAGS[i]).collect();
                tally.add(&gold, &predicted);
            }
        }
        tally.scores().overall.f1
    }
}

/// Trains a model on labelled CoNLL text. `dev_conll` (labelled) picks the best
/// epoch; `unlabeled` texts (one sentence a line, or CoNLL/CoNLL-U columns) feed
/// the word classes together with the training tokens; `gazetteer` is the name
/// list the pipeline will pass at tagging time. Returns the model file's bytes.
pub fn train(
    train_conll: &str,
    dev_conll: Option<&str>,
    unlabeled: &[&str],
    gazetteer: &Gazetteer,
    opts: &TrainOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<u8>, TrainError> {
    let docs = parse_labelled(train_conll)?;
    let dev_docs = match dev_conll {
        Some(text) => parse_labelled(text).map_err(TrainError::DevParse)?,
        None => Vec::new(),
    };
    let n_sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    if n_sentences == 0 {
        return Err(TrainError::Empty);
    }
    progress(&format!(
        "{} articles, {} sentences for training",
        docs.len(),
        n_sentences
    ));

    let mut corpus: Vec<Vec<String>> = docs
        .iter()
        .flat_map(|d| d.sentences.iter().map(|s| s.tokens.clone()))
        .collect();
    for text in unlabeled {
        corpus.extend(unlabelled_sentences(text));
    }
    let corpus_tokens: usize = corpus.iter().map(Vec::len).sum();
    progress(&format!(
        "learning word classes from {corpus_tokens} tokens"
    ));
    let settings = ClusterSettings {
        sizes: opts.cluster_sizes,
        iterations: opts.cluster_iterations,
        min_count: opts.cluster_min_count,
    };
    let lexicon = Lexicon::build(&corpus, &settings, progress);
    drop(corpus);

    let mut rng = Rng(opts.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let folds = opts.name_folds;
    let mut fold_of: Vec<usize> = (0..docs.len()).collect();
    rng.shuffle(&mut fold_of);
    let fold_names: Vec<Gazetteer> = if folds > 1 {
        (0..folds)
            .map(|k| {
                names_of(
                    docs.iter()
                        .enumerate()
                        .filter(|(i, _)| fold_of[*i] % folds != k)
                        .map(|(_, d)| d),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let all_names = if folds > 1 {
        names_of(docs.iter())
    } else {
        Gazetteer::empty()
    };
    let empty = Gazetteer::empty();

    progress("extracting features");
    let mut doc_feats = Vec::with_capacity(docs.len());
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for (i, doc) in docs.iter().enumerate() {
        let internal = if folds > 1 {
            &fold_names[fold_of[i] % folds]
        } else {
            &empty
        };
        let res = Resources {
            lexicon: &lexicon,
            internal,
            external: gazetteer,
        };
        let mut feats = DocFeatures::default();
        extract_doc(&doc_forms(doc), &res, false, &|_| false, &mut feats);
        for key in &feats.keys {
            *counts.entry(*key).or_default() += 1;
        }
        doc_feats.push(feats);
    }
    let mut kept: Vec<u64> = counts
        .into_iter()
        .filter(|(_, c)| *c >= opts.min_feature_count)
        .map(|(k, _)| k)
        .collect();
    kept.sort_unstable();
    let ids: FxHashMap<u64, u32> = kept
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, i as u32))
        .collect();
    progress(&format!("{} features", kept.len()));

    let mut data = Vec::with_capacity(n_sentences);
    for (d, (doc, feats)) in docs.iter().zip(&doc_feats).enumerate() {
        instances(d, doc, feats, None, &ids, &mut data)?;
    }

    // First-pass tags for every training sentence from a model that did not
    // see its article, so the second-pass features look as they will on new text.
    let k_folds = folds.max(2);
    let mut first_pass: Vec<Vec<usize>> = vec![Vec::new(); data.len()];
    for k in 0..k_folds {
        progress(&format!("first-pass model {} of {k_folds}", k + 1));
        let in_fold = |i: &usize| fold_of[data[*i].doc] % k_folds == k;
        let mut m = Averaged::new(kept.len());
        let mut ord: Vec<usize> = (0..data.len()).filter(|i| !in_fold(i)).collect();
        for _ in 0..opts.first_pass_epochs.max(1) {
            rng.shuffle(&mut ord);
            train_epoch(&mut m, &data, &ord, opts.dropout, &mut rng);
        }
        let (w, t) = m.averaged();
        for i in (0..data.len()).filter(in_fold) {
            first_pass[i] = predict(&data[i], &w, &t);
        }
    }
    let mut ids = ids;
    let mut second = Vec::with_capacity(n_sentences);
    let mut next = 0;
    let (mut keys, mut ends) = (Vec::new(), Vec::new());
    for (d, (doc, feats)) in docs.iter().zip(&doc_feats).enumerate() {
        let first: Vec<usize> = first_pass[next..next + doc.sentences.len()].concat();
        next += doc.sentences.len();
        label_features(feats, &first, &mut keys, &mut ends);
        for key in &keys {
            if !ids.contains_key(key) {
                ids.insert(*key, kept.len() as u32);
                kept.push(*key);
            }
        }
        instances(d, doc, feats, Some((&keys, &ends)), &ids, &mut second)?;
    }
    drop(first_pass);
    drop(doc_feats);
    // Each sentence is learnt both without and with second-pass features: one
    // set of weights serves both passes, so tagging pays for the second pass
    // only with the few extra features.
    data.extend(second);

    let mut dev = DevSet {
        docs: dev_docs,
        feats: Vec::new(),
        base: Vec::new(),
    };
    for (d, doc) in dev.docs.iter().enumerate() {
        let res = Resources {
            lexicon: &lexicon,
            internal: &all_names,
            external: gazetteer,
        };
        let mut feats = DocFeatures::default();
        extract_doc(&doc_forms(doc), &res, false, &|_| false, &mut feats);
        instances(d, doc, &feats, None, &ids, &mut dev.base)?;
        dev.feats.push(feats);
    }

    // Several perceptrons that differ only in the order they see the
    // sentences; their weights are averaged (a cheap ensemble: tagging costs the same).
    let members = opts.ensemble.max(1);
    let mut w = vec![0f32; kept.len() * N_TAGS];
    let mut trans = vec![0f32; (N_TAGS + 1) * N_TAGS];
    let mut chosen = Vec::new();
    for member in 1..=members {
        let mut model = Averaged::new(kept.len());
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut best: Option<(f64, usize, Vec<f32>, Vec<f32>)> = None;
        for epoch in 1..=opts.epochs.max(1) {
            rng.shuffle(&mut order);
            let errors = train_epoch(&mut model, &data, &order, opts.dropout, &mut rng);
            let mut line = format!(
                "model {member}/{members} epoch {epoch}: {errors} of {} sentences wrong",
                data.len()
            );
            if !dev.docs.is_empty() {
                let (w, t) = model.averaged();
                let f1 = dev.f1(&ids, &w, &t);
                line.push_str(&format!(", dev F1 {:.4}", f1));
                if best.as_ref().is_none_or(|b| f1 > b.0) {
                    best = Some((f1, epoch, w, t));
                }
            }
            progress(&line);
        }
        let (mw, mt) = match best {
            Some((f1, epoch, w, t)) => {
                chosen.push(format!("epoch {epoch} (dev F1 {f1:.4})"));
                (w, t)
            }
            None => {
                chosen.push(format!("epoch {}", opts.epochs.max(1)));
                model.averaged()
            }
        };
        let share = 1.0 / members as f32;
        for (a, b) in w.iter_mut().zip(&mw) {
            *a += share * b;
        }
        for (a, b) in trans.iter_mut().zip(&mt) {
            *a += share * b;
        }
    }
    let mut chosen = chosen.join(", ");
    if !dev.docs.is_empty() && members > 1 {
        chosen.push_str(&format!(
            "; averaged: dev F1 {:.4}",
            dev.f1(&ids, &w, &trans)
        ));
    }

    let mut map = FxHashMap::default();
    for (f, key) in kept.iter().enumerate() {
        let mut row = [0f32; N_TAGS];
        row.copy_from_slice(&w[f * N_TAGS..(f + 1) * N_TAGS]);
        if row.iter().any(|x| x.abs() >= opts.prune_below) {
            map.insert(*key, row);
        }
    }
    progress(&format!(
        "{} of {} features kept after pruning; using {chosen}",
        map.len(),
        kept.len()
    ));
    let description = format!(
        "Structured averaged perceptron, Viterbi over IOB2 tags. {} training articles / {} sentences; \
         word classes {:?} from {} tokens; name folds {}; {} features; {chosen}; options {:?}.",
        docs.len(),
        n_sentences,
        opts.cluster_sizes,
        corpus_tokens,
        opts.name_folds,
        map.len(),
        opts
    );
    let model = NerModel {
        id: crate::model::next_model_id(),
        weights: Weights::from_rows(map),
        transitions: trans,
        lexicon,
        names: all_names,
        description,
    };
    model
        .to_bytes()
        .map_err(|e| TrainError::Serialise(e.to_string()))
}
