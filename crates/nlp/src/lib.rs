//! Dutch part-of-speech tagger, lemmatiser and dependency parser (averaged
//! perceptron), with training and evaluation. Pure: no I/O.
//!
//! Lemmas follow UD Dutch (Alpino): parts of compounds and the particle of a
//! separable verb are joined by `_` (`basis_niveau`, `op_roepen`); a verb with
//! a `compound:prt` particle also gets `Token::full_lemma` without the
//! underscore (`oproepen`).
#![forbid(unsafe_code)]

mod conllu;
mod lemma;
mod model_file;
mod parser;
mod perceptron;
mod silver;
mod tagger;
mod training;
mod words;

use std::sync::OnceLock;

use kroniek_model::{Document, Token};

pub use conllu::{ParseError, UdSentence, UdWord, parse_conllu};
pub use model_file::ModelError;
pub use training::{TrainError, TrainOptions, UdScores, evaluate, train_parser, train_tagger};

use lemma::Lemmatiser;
use parser::{ParseScratch, ParseToken, Parser};
use perceptron::{hash_str, mix};
use tagger::{TagScratch, Tagger};
use words::{canonical_form, lowercase_into, upos_name};

/// Tagger, lemmatiser and parser, ready to annotate.
pub struct Models {
    tagger: Tagger,
    lemmatiser: Lemmatiser,
    parser: Parser,
}

static BUILTIN_TAGGER: &[u8] = include_bytes!("../../../models/nl-tagger.bin");
static BUILTIN_PARSER: &[u8] = include_bytes!("../../../models/nl-parser.bin");
static BUILTIN: OnceLock<Result<Models, ModelError>> = OnceLock::new();

/// Everything the pipeline says about one word.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct WordAnalysis {
    pub upos: &'static str,
    pub feats: String,
    pub lemma: String,
    pub full_lemma: Option<String>,
    pub head: u32,
    pub deprel: String,
}

/// Buffers reused from one sentence to the next.
#[derive(Default)]
struct Scratch {
    tag: TagScratch,
    parse: ParseScratch,
    tags: Vec<u8>,
    tokens: Vec<ParseToken>,
    arcs: Vec<(u32, u8)>,
}

impl Models {
    pub fn from_bytes(tagger: &[u8], parser: &[u8]) -> Result<Models, ModelError> {
        let (tagger, lemmatiser) = model_file::decode_tagger(tagger)?;
        let parser = model_file::decode_parser(parser)?;
        Ok(Models {
            tagger,
            lemmatiser,
            parser,
        })
    }

    /// The models committed under `models/`, decoded once on first use.
    pub fn builtin() -> Result<&'static Models, ModelError> {
        BUILTIN
            .get_or_init(|| Models::from_bytes(BUILTIN_TAGGER, BUILTIN_PARSER))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Fills upos, feats, lemma, full_lemma, head and deprel of every token
    /// inside a sentence.
    pub fn annotate(&self, doc: &mut Document) {
        let mut scratch = Scratch::default();
        let mut analyses = Vec::new();
        for s in 0..doc.sentences.len() {
            let range = doc.sentences[s].token_range();
            let Some(tokens) = doc.tokens.get(range.clone()) else {
                continue;
            };
            let forms: Vec<&str> = tokens.iter().map(|t| t.form(&doc.text)).collect();
            self.analyse(&forms, &mut scratch, &mut analyses);
            for (token, a) in doc.tokens[range].iter_mut().zip(analyses.drain(..)) {
                write_token(token, a);
            }
        }
    }

    /// Annotates one sentence given as forms (token spans stay empty).
    pub fn annotate_tokens(&self, forms: &[&str]) -> Vec<Token> {
        let mut analyses = Vec::new();
        self.analyse(forms, &mut Scratch::default(), &mut analyses);
        analyses
            .into_iter()
            .zip(forms)
            .map(|(a, form)| {
                let mut token = Token {
                    norm: (*form).to_string(),
                    ..Token::default()
                };
                write_token(&mut token, a);
                token
            })
            .collect()
    }

    /// Tags, feats and lemmas without parsing (heads stay 0, deprels empty,
    /// no separable-verb lemmas since those need the tree).
    pub fn tag_tokens(&self, forms: &[&str]) -> Vec<Token> {
        let mut scratch = TagScratch::default();
        let mut tags = Vec::new();
        self.tagger.tag(forms, &mut scratch, &mut tags);
        forms
            .iter()
            .zip(tags)
            .map(|(form, tag)| {
                let (lemma, feats) = self.lemmatiser.analyse(form, tag, &mut scratch.lower);
                Token {
                    norm: (*form).to_string(),
                    upos: upos_name(tag).to_string(),
                    feats,
                    lemma,
                    ..Token::default()
                }
            })
            .collect()
    }

    /// Tags only (fast path for benchmarks and tagger evaluation).
    pub fn tag(&self, forms: &[&str]) -> Vec<&'static str> {
        let mut scratch = TagScratch::default();
        let mut tags = Vec::new();
        self.tagger.tag(forms, &mut scratch, &mut tags);
        tags.into_iter().map(upos_name).collect()
    }

    fn analyse(&self, forms: &[&str], scratch: &mut Scratch, out: &mut Vec<WordAnalysis>) {
        out.clear();
        if forms.is_empty() {
            return;
        }
        self.tagger.tag(forms, &mut scratch.tag, &mut scratch.tags);
        scratch.tokens.clear();
        for (i, (form, &tag)) in forms.iter().zip(&scratch.tags).enumerate() {
            let (mut lemma, feats) = self.lemmatiser.analyse(form, tag, &mut scratch.tag.lower);
            if i > 0 && upos_name(tag) == "ADJ" {
                keep_capital(form, &mut lemma);
            }
            scratch
                .tokens
                .push(parse_token(form, tag, &feats, &mut scratch.tag.lower));
            out.push(WordAnalysis {
                upos: upos_name(tag),
                feats,
                lemma,
                ..WordAnalysis::default()
            });
        }
        self.parser
            .parse(&scratch.tokens, &mut scratch.parse, &mut scratch.arcs);
        for (a, &(head, label)) in out.iter_mut().zip(&scratch.arcs) {
            a.head = head;
            a.deprel = self
                .parser
                .labels
                .get(usize::from(label))
                .cloned()
                .unwrap_or_else(|| "dep".to_string());
        }
        retag_verbs(out);
        attach_particles(out);
    }
}

/// Parser view of a token; `lower` is a scratch buffer.
fn parse_token(form: &str, tag: u8, feats: &str, lower: &mut String) -> ParseToken {
    lowercase_into(canonical_form(form), lower);
    let pos = mix(0x9055, u64::from(tag));
    ParseToken {
        word: hash_str(lower),
        pos,
        fine: mix(pos, hash_str(feats)),
    }
}

/// UD calls a verb AUX exactly when it is an auxiliary or copula, which the
/// tree decides better than the tagger's local context.
fn retag_verbs(words: &mut [WordAnalysis]) {
    for w in words.iter_mut() {
        if matches!(w.upos, "VERB" | "AUX") {
            let auxiliary = matches!(w.deprel.as_str(), "aux" | "aux:pass" | "cop");
            w.upos = if auxiliary { "AUX" } else { "VERB" };
        }
    }
}

/// Separable verbs: the particle joins the verb's lemma (`op_roepen`) and
/// its full lemma (`oproepen`).
fn attach_particles(words: &mut [WordAnalysis]) {
    for d in 0..words.len() {
        if words[d].deprel != "compound:prt" {
            continue;
        }
        let h = words[d].head as usize;
        if h == 0 || h > words.len() || h == d + 1 {
            continue;
        }
        let particle = words[d].lemma.to_lowercase();
        let verb = &mut words[h - 1];
        if !matches!(verb.upos, "VERB" | "AUX") || particle.is_empty() {
            continue;
        }
        let prefix = format!("{particle}_");
        let base = verb
            .lemma
            .strip_prefix(&prefix)
            .unwrap_or(&verb.lemma)
            .to_string();
        verb.full_lemma = Some(format!("{particle}{}", base.replace('_', "")));
        verb.lemma = format!("{prefix}{base}");
    }
}

/// Adjectives written with a capital inside a sentence come from names
/// (`Colombiaanse` → `Colombiaans`) and keep it in the lemma.
fn keep_capital(form: &str, lemma: &mut String) {
    let mut form_chars = form.chars();
    let capital = form_chars.next().is_some_and(char::is_uppercase);
    let lowercase_rest = form_chars.next().is_some_and(char::is_lowercase);
    let Some(first) = lemma.chars().next() else {
        return;
    };
    if capital && lowercase_rest && first.is_lowercase() {
        let upper: String = first.to_uppercase().collect();
        lemma.replace_range(..first.len_utf8(), &upper);
    }
}

fn write_token(token: &mut Token, a: WordAnalysis) {
    token.upos = a.upos.to_string();
    token.feats = a.feats;
    token.lemma = a.lemma;
    token.full_lemma = a.full_lemma;
    token.head = a.head;
    token.deprel = a.deprel;
}
