//! Training drivers and CoNLL 2018-style evaluation, all on texts passed in.

use rustc_hash::FxHashMap;

use crate::conllu::{ParseError, UdSentence, parse_conllu};
use crate::lemma::Lemmatiser;
use crate::model_file::{ModelError, decode_tagger, encode_parser, encode_tagger};
use crate::parser::{self, ParseExample, ParseScratch, ParseToken, Parser};
use crate::perceptron::{hash_str, mix};
use crate::silver::{SilverWord, read_silver};
use crate::tagger::{self, TagExample, TagScratch, Tagger, WordKnowledge};
use crate::words::{UPOS, lowercase_into, upos_index};
use crate::{Models, parse_token};

/// Knobs for training; `Default` gives the settings of the committed models.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Contents of the Frog silver TSV (news text with CGN tags and lemmas).
    pub silver_tsv: Option<String>,
    /// Weight of a silver token's update relative to a treebank token.
    pub silver_weight: f32,
    /// Folds for jackknifed tags when training the parser (0: gold tags).
    pub jackknife_folds: usize,
    /// Epochs of each jackknife tagger.
    pub jackknife_epochs: usize,
    /// Folds for the first-pass tags a second tagger pass learns from
    /// (0 or 1: one pass; two passes gained ~0.15 UPOS on dev at half the speed).
    pub tagger_folds: usize,
    /// Update weight of silver news sentences parsed by a first parser and
    /// added to the parser's training data (0: no self-training).
    pub self_training: f32,
    /// log2 of the rows of the tagger's hashed weight table (speed/accuracy trade-off).
    pub tagger_bits: u32,
    /// log2 of the rows of the parser's transition and label tables.
    pub parser_bits: (u32, u32),
    /// Frog's parses of news text (`frog -n --skip=tacn` output), converted
    /// to UD trees and added to the parser's training data (uptraining).
    pub frog_parses: Option<String>,
    /// Update weight of a converted Frog tree relative to a treebank tree.
    pub frog_weight: f32,
    /// What the parser's arc-label model looks at.
    pub label_features: parser::LabelFeatures,
    /// A trained tagger model: the parser trainer scores dev with it; the
    /// tagger trainer keeps its tagger and retrains only the lemmatiser.
    pub tagger_model: Option<Vec<u8>>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 8,
            seed: 20_261_122,
            silver_tsv: None,
            silver_weight: 0.5,
            jackknife_folds: 4,
            jackknife_epochs: 4,
            tagger_folds: 0,
            tagger_bits: 17,
            self_training: 0.5,
            parser_bits: (19, 17),
            frog_parses: None,
            frog_weight: 0.5,
            label_features: parser::LabelFeatures::Arc,
            tagger_model: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("training data: {0}")]
    Data(#[from] ParseError),
    #[error("training data: no sentences in {0}")]
    Empty(&'static str),
    #[error("tagger model given to the parser trainer: {0}")]
    Model(#[from] ModelError),
}

/// Scores over all words (CoNLL 2018 definitions; LAS compares the universal
/// part of the relation, so `obl:agent` = `obl`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct UdScores {
    pub tokens: usize,
    pub upos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
    pub feats: f64,
}

fn knowledge_from_silver(silver: &[Vec<SilverWord>]) -> WordKnowledge {
    let mut tally: FxHashMap<String, [u32; UPOS.len()]> = FxHashMap::default();
    let mut lower = String::new();
    for w in silver.iter().flatten() {
        if let Some(u) = w.upos {
            lowercase_into(&w.form, &mut lower);
            tally.entry(lower.clone()).or_insert([0; UPOS.len()])[usize::from(u)] += 1;
        }
    }
    let lexclass = tally
        .into_iter()
        .map(|(word, counts)| {
            let total: u32 = counts.iter().sum();
            let mut class = 0u32;
            for (u, &c) in counts.iter().enumerate() {
                if c * 10 >= total {
                    class |= 1 << u;
                }
            }
            // Frequent words carry their exact class; rare ones a coarser hint.
            (word, class | if total >= 5 { 1 << 20 } else { 0 })
        })
        .collect();
    WordKnowledge {
        lexclass,
        clusters: FxHashMap::default(),
    }
}

fn gold_examples(sentences: &[UdSentence]) -> Vec<TagExample> {
    sentences
        .iter()
        .map(|s| TagExample {
            forms: s.words.iter().map(|w| w.form.clone()).collect(),
            tags: s.words.iter().map(|w| upos_index(&w.upos)).collect(),
            weight: 1.0,
            gold: true,
        })
        .collect()
}

fn silver_examples(silver: &[Vec<SilverWord>], weight: f32) -> Vec<TagExample> {
    silver
        .iter()
        .map(|s| TagExample {
            forms: s.iter().map(|w| w.form.clone()).collect(),
            tags: s.iter().map(|w| w.upos).collect(),
            weight,
            gold: false,
        })
        .collect()
}

fn upos_accuracy(tagger: &Tagger, sentences: &[UdSentence]) -> f64 {
    let mut scratch = TagScratch::default();
    let mut tags = Vec::new();
    let (mut right, mut total) = (0usize, 0usize);
    for s in sentences {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tagger.tag(&forms, &mut scratch, &mut tags);
        for (w, t) in s.words.iter().zip(&tags) {
            total += 1;
            right += usize::from(upos_index(&w.upos) == Some(*t));
        }
    }
    right as f64 / total.max(1) as f64
}

fn fit_tagger(
    train: &[UdSentence],
    silver: &[Vec<SilverWord>],
    dev: &[UdSentence],
    options: &TrainOptions,
    epochs: usize,
    progress: &mut dyn FnMut(&str),
) -> Tagger {
    let mut examples = gold_examples(train);
    examples.extend(silver_examples(silver, options.silver_weight));
    let mut knowledge = knowledge_from_silver(silver);
    let texts: Vec<Vec<String>> = train
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
        .chain(
            silver
                .iter()
                .map(|s| s.iter().map(|w| w.form.clone()).collect()),
        )
        .collect();
    knowledge.clusters = tagger::word_clusters(&texts, 256, 8, 3);
    let mut best: Option<(f64, Tagger)> = None;
    let last = tagger::train(
        &examples,
        knowledge,
        epochs,
        options.seed,
        options.tagger_folds,
        options.tagger_bits,
        |epoch, t, train_acc| {
            if dev.is_empty() {
                progress(&format!(
                    "tagger epoch {}: train {:.4}",
                    epoch + 1,
                    train_acc
                ));
                return;
            }
            let acc = upos_accuracy(t, dev);
            progress(&format!(
                "tagger epoch {}: train {:.4}, dev UPOS {:.4}",
                epoch + 1,
                train_acc,
                acc
            ));
            if best.as_ref().is_none_or(|(b, _)| acc > *b) {
                best = Some((acc, t.clone()));
            }
        },
    );
    best.map_or(last, |(_, t)| t)
}

fn load(text: &str, what: &'static str) -> Result<Vec<UdSentence>, TrainError> {
    let sentences = parse_conllu(text)?;
    if sentences.is_empty() {
        return Err(TrainError::Empty(what));
    }
    Ok(sentences)
}

fn load_silver(options: &TrainOptions, gold: &[UdSentence]) -> Vec<Vec<SilverWord>> {
    options
        .silver_tsv
        .as_deref()
        .map(|tsv| read_silver(tsv, gold))
        .unwrap_or_default()
}

/// Trains the tagger and lemmatiser; returns the encoded model.
pub fn train_tagger(
    train_conllu: &str,
    dev_conllu: Option<&str>,
    extra: &TrainOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<u8>, TrainError> {
    let train = load(train_conllu, "the training CoNLL-U")?;
    let dev = match dev_conllu {
        Some(d) => parse_conllu(d)?,
        None => Vec::new(),
    };
    let silver = load_silver(extra, &train);
    progress(&format!(
        "tagger: {} treebank sentences, {} silver sentences ({} labelled silver tokens)",
        train.len(),
        silver.len(),
        silver.iter().flatten().filter(|w| w.upos.is_some()).count()
    ));
    let tagger = match &extra.tagger_model {
        Some(bytes) => decode_tagger(bytes)?.0,
        None => fit_tagger(&train, &silver, &dev, extra, extra.epochs, progress),
    };
    let lemmatiser = Lemmatiser::train(&train, &silver);
    Ok(encode_tagger(&tagger, &lemmatiser))
}

/// Predicted tags and feats for the treebank sentences and for `news`
/// (sentences of the silver text) by models that never saw them: in each
/// fold the tagger is trained without that fold's treebank sentences and
/// without that fold's silver sentences.
fn jackknife(
    train: &[UdSentence],
    silver: &[Vec<SilverWord>],
    news: &[UdSentence],
    options: &TrainOptions,
    progress: &mut dyn FnMut(&str),
) -> (Vec<Vec<ParseToken>>, Vec<Vec<ParseToken>>) {
    let folds = options.jackknife_folds;
    let mut out: Vec<Vec<ParseToken>> = train.iter().map(gold_tokens).collect();
    let mut news_out: Vec<Vec<ParseToken>> = vec![Vec::new(); news.len()];
    if folds < 2 {
        return (out, news_out);
    }
    let fold_of = |forms: &mut dyn Iterator<Item = &str>| -> usize {
        let key = forms.fold(0x51u64, |h, f| mix(h, hash_str(f)));
        (key % folds as u64) as usize
    };
    let silver_folds: Vec<usize> = silver
        .iter()
        .map(|s| fold_of(&mut s.iter().map(|w| w.form.as_str())))
        .collect();
    let news_folds: Vec<usize> = news
        .iter()
        .map(|s| fold_of(&mut s.words.iter().map(|w| w.form.as_str())))
        .collect();
    for fold in 0..folds {
        let rest: Vec<UdSentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != fold)
            .map(|(_, s)| s.clone())
            .collect();
        let silver_rest: Vec<Vec<SilverWord>> = if news.is_empty() {
            silver.to_vec()
        } else {
            silver
                .iter()
                .zip(&silver_folds)
                .filter(|(_, f)| **f != fold)
                .map(|(s, _)| s.clone())
                .collect()
        };
        let tagger = fit_tagger(
            &rest,
            &silver_rest,
            &[],
            options,
            options.jackknife_epochs,
            &mut |_| {},
        );
        let lemmatiser = Lemmatiser::train(&rest, &silver_rest);
        for (i, s) in train.iter().enumerate() {
            if i % folds == fold {
                out[i] = predicted_tokens(&tagger, &lemmatiser, s);
            }
        }
        for (i, s) in news.iter().enumerate() {
            if news_folds[i] == fold {
                news_out[i] = predicted_tokens(&tagger, &lemmatiser, s);
            }
        }
        progress(&format!(
            "parser: jackknife fold {}/{} tagged",
            fold + 1,
            folds
        ));
    }
    (out, news_out)
}

fn gold_tokens(s: &UdSentence) -> Vec<ParseToken> {
    let mut lower = String::new();
    s.words
        .iter()
        .map(|w| {
            parse_token(
                &w.form,
                upos_index(&w.upos).unwrap_or(0),
                &w.feats,
                &mut lower,
            )
        })
        .collect()
}

fn predicted_tokens(tagger: &Tagger, lemmatiser: &Lemmatiser, s: &UdSentence) -> Vec<ParseToken> {
    let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    let mut scratch = TagScratch::default();
    let mut tags = Vec::new();
    tagger.tag(&forms, &mut scratch, &mut tags);
    let mut lower = String::new();
    forms
        .iter()
        .zip(&tags)
        .map(|(form, &tag)| {
            let (_, feats) = lemmatiser.analyse(form, tag, &mut lower);
            parse_token(form, tag, &feats, &mut lower)
        })
        .collect()
}

/// Trains the dependency parser; returns the encoded model.
pub fn train_parser(
    train_conllu: &str,
    dev_conllu: Option<&str>,
    extra: &TrainOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<u8>, TrainError> {
    let train = load(train_conllu, "the training CoNLL-U")?;
    let dev = match dev_conllu {
        Some(d) => parse_conllu(d)?,
        None => Vec::new(),
    };
    let silver = load_silver(extra, &train);
    let dev_tagger = match &extra.tagger_model {
        Some(bytes) => Some(decode_tagger(bytes)?),
        None => None,
    };
    let mut labels: Vec<String> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    labels.truncate(usize::from(parser::UNKNOWN_LABEL));
    let label_index: FxHashMap<&str, u8> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u8))
        .collect();
    // Frog's trees of news text: their words are tagged like the treebank's
    // (by taggers that never saw them), their arcs join the training trees.
    let frog_trees: Vec<crate::frog::SilverTree> = extra
        .frog_parses
        .as_deref()
        .map(crate::frog::read_frog_parses)
        .unwrap_or_default()
        .into_iter()
        .filter(|t| (3..=60).contains(&t.forms.len()))
        .collect();
    let news: Vec<UdSentence> = frog_trees
        .iter()
        .map(|t| words_only(t.forms.iter().map(String::as_str)))
        .collect();
    let (tokens, news_tokens) = jackknife(&train, &silver, &news, extra, progress);
    let examples: Vec<ParseExample> = train
        .iter()
        .zip(tokens)
        .map(|(s, tokens)| {
            ParseExample::new(
                tokens,
                s.words.iter().map(|w| w.head),
                s.words
                    .iter()
                    .map(|w| label_index.get(w.deprel.as_str()).copied().unwrap_or(0)),
                1.0,
                true,
            )
        })
        .collect();
    let dev_tokens: Vec<Vec<ParseToken>> = dev
        .iter()
        .map(|s| match &dev_tagger {
            Some((t, l)) => predicted_tokens(t, l, s),
            None => gold_tokens(s),
        })
        .collect();
    let fit = |examples: &[ParseExample], progress: &mut dyn FnMut(&str)| {
        let mut best: Option<(f64, Parser)> = None;
        let last = parser::train(
            examples,
            labels.clone(),
            extra.epochs,
            extra.seed,
            extra.parser_bits,
            extra.label_features,
            |epoch, p| {
                if dev.is_empty() {
                    progress(&format!("parser epoch {}", epoch + 1));
                    return;
                }
                let (uas, las) = attachment(p, &dev, &dev_tokens);
                progress(&format!(
                    "parser epoch {}: dev UAS {:.4} LAS {:.4}",
                    epoch + 1,
                    uas,
                    las
                ));
                if best.as_ref().is_none_or(|(b, _)| las > *b) {
                    best = Some((las, p.clone()));
                }
            },
        );
        best.map_or(last, |(_, p)| p)
    };
    let mut examples = examples;
    if !frog_trees.is_empty() {
        examples.extend(frog_examples(
            &frog_trees,
            news_tokens,
            &label_index,
            extra.frog_weight,
        ));
        progress(&format!(
            "parser: {} news sentences parsed by Frog, converted to UD",
            frog_trees.len()
        ));
    }
    let gold_count = examples.len();
    let mut parser = fit(&examples, progress);
    if let (Some((tagger, lemmatiser)), true) = (&dev_tagger, extra.self_training > 0.0) {
        let mut examples = examples;
        examples.extend(self_training_examples(
            &parser,
            tagger,
            lemmatiser,
            &silver,
            extra.self_training,
        ));
        progress(&format!(
            "parser: retraining with {} silver sentences parsed by the first model",
            examples.len() - gold_count
        ));
        parser = fit(&examples, progress);
    }
    Ok(encode_parser(&parser))
}

/// Frog's trees (partial: unknown arcs stay unknown) over jackknifed tags,
/// as the parser will see them.
fn frog_examples(
    trees: &[crate::frog::SilverTree],
    tokens: Vec<Vec<ParseToken>>,
    label_index: &FxHashMap<&str, u8>,
    weight: f32,
) -> Vec<ParseExample> {
    trees
        .iter()
        .zip(tokens)
        .filter(|(t, tokens)| tokens.len() == t.forms.len())
        .map(|(t, tokens)| {
            ParseExample::new(
                tokens,
                t.heads.iter().map(|h| h.unwrap_or(parser::UNKNOWN_HEAD)),
                t.labels.iter().map(|l| {
                    l.and_then(|l| label_index.get(l).copied())
                        .unwrap_or(parser::UNKNOWN_LABEL)
                }),
                weight,
                true,
            )
        })
        .collect()
}

/// A sentence of bare word forms, to be tagged.
fn words_only<'a>(forms: impl Iterator<Item = &'a str>) -> UdSentence {
    UdSentence {
        words: forms
            .map(|form| crate::conllu::UdWord {
                form: form.to_string(),
                ..Default::default()
            })
            .collect(),
    }
}

/// News sentences tagged and parsed by the first parser, as extra
/// (down-weighted) training trees in the target domain.
fn self_training_examples(
    parser: &Parser,
    tagger: &Tagger,
    lemmatiser: &Lemmatiser,
    silver: &[Vec<SilverWord>],
    weight: f32,
) -> Vec<ParseExample> {
    let mut scratch = ParseScratch::default();
    let mut arcs = Vec::new();
    silver
        .iter()
        .filter(|s| (5..=40).contains(&s.len()))
        .map(|s| {
            let sentence = words_only(s.iter().map(|w| w.form.as_str()));
            let tokens = predicted_tokens(tagger, lemmatiser, &sentence);
            parser.parse(&tokens, &mut scratch, &mut arcs);
            // The parser's own trees are projective already.
            ParseExample::new(
                tokens,
                arcs.iter().map(|(h, _)| *h as usize),
                arcs.iter().map(|(_, l)| *l),
                weight,
                false,
            )
        })
        .collect()
}

fn main_relation(label: &str) -> &str {
    label.split(':').next().unwrap_or(label)
}

fn attachment(p: &Parser, dev: &[UdSentence], tokens: &[Vec<ParseToken>]) -> (f64, f64) {
    let mut scratch = ParseScratch::default();
    let mut arcs = Vec::new();
    let (mut u, mut l, mut total) = (0usize, 0usize, 0usize);
    for (s, t) in dev.iter().zip(tokens) {
        p.parse(t, &mut scratch, &mut arcs);
        for (w, &(h, lab)) in s.words.iter().zip(&arcs) {
            total += 1;
            if w.head == h as usize {
                u += 1;
                let predicted = p.labels.get(usize::from(lab)).map_or("", String::as_str);
                l += usize::from(main_relation(predicted) == main_relation(&w.deprel));
            }
        }
    }
    let t = total.max(1) as f64;
    (u as f64 / t, l as f64 / t)
}

/// Annotates the gold tokenisation of `gold_conllu` and scores every layer.
pub fn evaluate(models: &Models, gold_conllu: &str) -> Result<UdScores, ParseError> {
    let gold = parse_conllu(gold_conllu)?;
    let (mut upos, mut lemma, mut feats, mut uas, mut las, mut total) = (0, 0, 0, 0, 0, 0usize);
    for s in &gold {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let predicted = models.annotate_tokens(&forms);
        for (g, p) in s.words.iter().zip(&predicted) {
            total += 1;
            upos += usize::from(g.upos == p.upos);
            lemma += usize::from(g.lemma == "_" || g.lemma == p.lemma);
            feats += usize::from(g.feats == p.feats || (g.feats == "_" && p.feats.is_empty()));
            if g.head == p.head as usize {
                uas += 1;
                las += usize::from(main_relation(&g.deprel) == main_relation(&p.deprel));
            }
        }
    }
    let t = total.max(1) as f64;
    Ok(UdScores {
        tokens: total,
        upos: upos as f64 / t,
        lemma: lemma as f64 / t,
        uas: uas as f64 / t,
        las: las as f64 / t,
        feats: feats as f64 / t,
    })
}
