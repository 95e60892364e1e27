//! Dutch part-of-speech tagger, lemmatiser and dependency parser (averaged
//! perceptron), with training and evaluation. Pure: no I/O.
//!
//! Lemmas follow UD Dutch (Alpino): parts of compounds and the particle of a
//! separable verb are joined by `_` (`basis_niveau`, `op_roepen`); a verb with
//! a `compound:prt` particle also gets `Token::full_lemma` without the
//! underscore (`oproepen`).
#![forbid(unsafe_code)]

mod conllu;
mod frog;
mod lemma;
mod model_file;
mod parser;
mod perceptron;
mod silver;
mod tagger;
mod training;
mod verbless;
mod words;

use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use kroniek_model::{CompactString, Document, Token};

pub use conllu::{ParseError, UdSentence, UdWord, parse_conllu};
pub use frog::{SilverTree, read_frog_parses};
pub use model_file::{ModelError, upgrade as upgrade_model_file};
pub use parser::LabelFeatures;
pub use training::{TrainError, TrainOptions, UdScores, evaluate, train_parser, train_tagger};

use lemma::Lemmatiser;
use parser::{ParseScratch, ParseToken, Parser};
use perceptron::{hash_str, mix};
use tagger::{TagScratch, Tagger, WordSums};
use words::{canonical_form, lowercase_into, upos_name};

/// What a thread remembers of the words it has seen, for one `Models`
/// (which never changes after it is built).
#[derive(Default)]
struct WordCache {
    owner: u64,
    /// What the tagger knows of each word form it has seen.
    sums: WordSums,
    /// Lemma and feats by the hash of (tag, form), with the form and tag
    /// kept to tell a hash collision.
    analyses: rustc_hash::FxHashMap<u64, (u8, String, CompactString, CompactString)>,
}

/// Analyses kept before the cache starts over.
const ANALYSES_LIMIT: usize = 1 << 16;

thread_local! {
    static WORD_CACHE: RefCell<WordCache> = RefCell::new(WordCache::default());
}

/// Tagger, lemmatiser and parser, ready to annotate.
pub struct Models {
    /// Tells this instance's cached word sums from another's.
    id: u64,
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
    pub feats: CompactString,
    pub lemma: CompactString,
    pub full_lemma: Option<String>,
    pub head: u32,
    pub deprel: CompactString,
}

/// Buffers reused from one sentence to the next.
#[derive(Default)]
struct Scratch {
    tag: TagScratch,
    /// Lemma and feats of each token of the sentence.
    lemmas: Vec<(CompactString, CompactString)>,
    parse: ParseScratch,
    tags: Vec<u8>,
    tokens: Vec<ParseToken>,
    arcs: Vec<(u32, u8)>,
}

impl Models {
    pub fn from_bytes(tagger: &[u8], parser: &[u8]) -> Result<Models, ModelError> {
        let (tagger, lemmatiser) = model_file::decode_tagger(tagger)?;
        let parser = model_file::decode_parser(parser)?;
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Ok(Models {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
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
        self.each_sentence(doc, Models::analyse);
    }

    /// The first half of [`Models::annotate`]: upos, feats and lemma of
    /// every token; heads stay 0 and deprels empty until
    /// [`Models::parse_sentences`].
    pub fn tag_document(&self, doc: &mut Document) {
        // No parser view: `parse_sentences` builds it for what it parses.
        self.each_sentence(doc, |m, forms, scratch, out| {
            m.tag_sentence_for(forms, scratch, out, false)
        });
    }

    /// Runs `step` over the forms of every sentence and writes its analyses
    /// into the tokens.
    fn each_sentence(
        &self,
        doc: &mut Document,
        step: fn(&Models, &[&str], &mut Scratch, &mut Vec<WordAnalysis>),
    ) {
        let mut scratch = Scratch::default();
        let mut analyses = Vec::new();
        for s in 0..doc.sentences.len() {
            let range = doc.sentences[s].token_range();
            let Some(tokens) = doc.tokens.get(range.clone()) else {
                continue;
            };
            let forms: Vec<&str> = tokens.iter().map(|t| t.form(&doc.text)).collect();
            step(self, &forms, &mut scratch, &mut analyses);
            for (token, a) in doc.tokens[range].iter_mut().zip(analyses.drain(..)) {
                write_token(token, a);
            }
        }
    }

    /// The second half: parses the sentences for which `wanted` is true
    /// (by sentence index) of a document [`Models::tag_document`] tagged.
    /// Together the two give exactly what [`Models::annotate`] gives for
    /// those sentences.
    pub fn parse_sentences(&self, doc: &mut Document, wanted: &[bool]) {
        let mut scratch = Scratch::default();
        let mut analyses = Vec::new();
        for s in 0..doc.sentences.len() {
            if !wanted.get(s).copied().unwrap_or(false) {
                continue;
            }
            let range = doc.sentences[s].token_range();
            let Some(tokens) = doc.tokens.get(range.clone()) else {
                continue;
            };
            let forms: Vec<&str> = tokens.iter().map(|t| t.form(&doc.text)).collect();
            analyses.clear();
            scratch.tokens.clear();
            for (token, form) in tokens.iter().zip(&forms) {
                let tag = words::upos_index(&token.upos).unwrap_or(words::X_TAG);
                scratch
                    .tokens
                    .push(parse_token(form, tag, &token.feats, &mut scratch.tag.lower));
                analyses.push(WordAnalysis {
                    upos: upos_name(tag),
                    feats: token.feats.clone(),
                    lemma: token.lemma.clone(),
                    ..WordAnalysis::default()
                });
            }
            self.parse_tagged(&forms, &mut scratch, &mut analyses);
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
                    norm: (*form).into(),
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
                    norm: (*form).into(),
                    upos: CompactString::const_new(upos_name(tag)),
                    feats: feats.into(),
                    lemma: lemma.into(),
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
        self.tag_sentence(forms, scratch, out);
        if !forms.is_empty() {
            self.parse_tagged(forms, scratch, out);
        }
    }

    /// See [`verbless`]: the clause's last word is a verb when the news text
    /// or the treebank knows it as one.
    fn verbless_clauses(&self, forms: &[&str], tags: &mut [u8], lower: &mut String) {
        let verb = verbless::VERB;
        let lexclass = &self.tagger.knowledge.lexclass;
        verbless::verb_for_verbless_clauses(forms, tags, lower, |w| {
            lexclass
                .get(w)
                .is_some_and(|class| class & (1 << verb) != 0)
                || self.lemmatiser.has_reading(w, verb)
        });
    }

    /// Tags and lemmas into `out`, and the parser's view of each token into
    /// `scratch.tokens`.
    fn tag_sentence(&self, forms: &[&str], scratch: &mut Scratch, out: &mut Vec<WordAnalysis>) {
        self.tag_sentence_for(forms, scratch, out, true);
    }

    /// [`Models::tag_sentence`], with or without the parser's view.
    fn tag_sentence_for(
        &self,
        forms: &[&str],
        scratch: &mut Scratch,
        out: &mut Vec<WordAnalysis>,
        parser_view: bool,
    ) {
        out.clear();
        scratch.tokens.clear();
        if forms.is_empty() {
            return;
        }
        WORD_CACHE.with_borrow_mut(|cache| {
            if cache.owner != self.id {
                *cache = WordCache {
                    owner: self.id,
                    ..WordCache::default()
                };
            }
            self.tagger
                .tag_cached(forms, &mut scratch.tag, &mut cache.sums, &mut scratch.tags);
            self.verbless_clauses(forms, &mut scratch.tags, &mut scratch.tag.lower);
            if cache.analyses.len() >= ANALYSES_LIMIT {
                cache.analyses.clear();
            }
            scratch.lemmas.clear();
            for (i, (form, &tag)) in forms.iter().zip(&scratch.tags).enumerate() {
                // The word's last analysis first (most words have one tag),
                // then the (tag, form) map.
                if let Some((lemma, feats)) = cache.sums.analysis(i, tag) {
                    scratch.lemmas.push((lemma.into(), feats.into()));
                    continue;
                }
                let key = mix(u64::from(tag), hash_str(form));
                let analysis = match cache.analyses.get(&key) {
                    Some((t, f, lemma, feats)) if *t == tag && f == form => {
                        (lemma.clone(), feats.clone())
                    }
                    _ => {
                        let (lemma, feats) =
                            self.lemmatiser.analyse(form, tag, &mut scratch.tag.lower);
                        let (lemma, feats) =
                            (CompactString::from(lemma), CompactString::from(feats));
                        let entry = (tag, form.to_string(), lemma.clone(), feats.clone());
                        cache.analyses.insert(key, entry);
                        (lemma, feats)
                    }
                };
                cache.sums.set_analysis(i, tag, &analysis.0, &analysis.1);
                scratch.lemmas.push(analysis);
            }
        });
        let mut analyses = std::mem::take(&mut scratch.lemmas);
        for (i, ((form, &tag), (mut lemma, feats))) in forms
            .iter()
            .zip(&scratch.tags)
            .zip(analyses.drain(..))
            .enumerate()
        {
            // A noun with a capital inside a sentence is mostly part of a
            // name (`Stichting`, `Commissie`), whose lemma UD Alpino writes
            // with the capital.
            match upos_name(tag) {
                "ADJ" => keep_capital(form, i == 0, &mut lemma, &self.lemmatiser),
                "NOUN" if i > 0 && !forms[i - 1].chars().all(|c| c.is_ascii_punctuation()) => {
                    restore_case(form, &mut lemma);
                }
                _ => {}
            }
            if parser_view {
                scratch
                    .tokens
                    .push(parse_token(form, tag, &feats, &mut scratch.tag.lower));
            }
            out.push(WordAnalysis {
                upos: upos_name(tag),
                feats,
                lemma,
                ..WordAnalysis::default()
            });
        }
        scratch.lemmas = analyses;
    }

    /// Parses `scratch.tokens` and applies the rules that read the tree.
    fn parse_tagged(&self, forms: &[&str], scratch: &mut Scratch, out: &mut [WordAnalysis]) {
        self.parser
            .parse(&scratch.tokens, &mut scratch.parse, &mut scratch.arcs);
        for (a, &(head, label)) in out.iter_mut().zip(&scratch.arcs) {
            a.head = head;
            a.deprel = self
                .parser
                .labels
                .get(usize::from(label))
                .map_or(CompactString::const_new("dep"), |l| {
                    CompactString::from(l.as_str())
                });
        }
        time_phrases_are_no_subjects(out);
        bare_phrase_after_the_subject_is_the_object(out, forms);
        retag_verbs(out);
        attach_particles(out, forms, &self.lemmatiser);
    }
}

/// Parser view of a token; `lower` is a scratch buffer.
fn parse_token(form: &str, tag: u8, feats: &str, lower: &mut String) -> ParseToken {
    lowercase_into(canonical_form(form), lower);
    let pos = mix(0x9055, u64::from(tag));
    // Only the features that tell how a word attaches; the rest (gender,
    // degree, tense...) split the statistics and carry tagging noise.
    let fine = feats
        .split('|')
        .filter(|f| {
            ["VerbForm=", "PronType=", "Number=", "Reflex="]
                .iter()
                .any(|k| f.starts_with(k))
        })
        .fold(pos, |h, f| mix(h, hash_str(f)));
    ParseToken {
        word: hash_str(lower),
        pos,
        fine,
    }
}

/// Nouns that name a stretch of time; bare, they modify the clause
/// (`maandag`, `vorige week`) rather than act in it.
const TIME_NOUNS: [&str; 36] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "dag",
    "week",
    "weekend",
    "weekeinde",
    "maand",
    "jaar",
    "ochtend",
    "middag",
    "avond",
    "nacht",
    "eeuw",
    "kwartaal",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "zomer",
    "winter",
    "lente",
    "herfst",
    "voorjaar",
];

/// `Maandag sloot Rusland de grens` parsed with two subjects: the parser
/// often takes a time phrase in first position for the subject. A bare time
/// noun whose verb has another nominal subject is an `obl` of that verb.
fn time_phrases_are_no_subjects(words: &mut [WordAnalysis]) {
    let is_time = |w: &WordAnalysis| {
        matches!(w.upos, "NOUN" | "PROPN") && TIME_NOUNS.contains(&w.lemma.to_lowercase().as_str())
    };
    for t in 0..words.len() {
        if words[t].deprel != "nsubj" || !is_time(&words[t]) {
            continue;
        }
        let head = words[t].head;
        let has_case = words
            .iter()
            .any(|w| w.head as usize == t + 1 && w.deprel == "case");
        let other_subject = words.iter().enumerate().any(|(i, w)| {
            i != t
                && w.head == head
                && w.deprel == "nsubj"
                && matches!(w.upos, "NOUN" | "PROPN" | "PRON")
                && !is_time(w)
        });
        if has_case {
            continue;
        }
        if other_subject {
            words[t].deprel = CompactString::const_new("obl");
            continue;
        }
        // `Maandag ontmoette [de minister] [zijn collega]` with the time
        // phrase first, the subject read as the object and the object hung
        // on it: verb second, so the first noun phrase after the verb is
        // its subject, and a bare second one its object.
        let verb = head as usize;
        if verb == 0 || verb <= t + 1 || !matches!(words[verb - 1].upos, "VERB" | "AUX") {
            continue;
        }
        let Some(object) = (verb..words.len())
            .find(|&i| words[i].head as usize == verb && words[i].deprel == "obj")
        else {
            continue;
        };
        words[t].deprel = CompactString::const_new("obl");
        words[object].deprel = CompactString::const_new("nsubj");
        let hung = (object + 1..words.len()).find(|&i| {
            words[i].head as usize == object + 1
                && words[i].deprel == "nmod"
                && matches!(words[i].upos, "NOUN" | "PROPN")
                && !words
                    .iter()
                    .any(|w| w.head as usize == i + 1 && w.deprel == "case")
        });
        if let Some(second) = hung {
            words[second].head = head;
            words[second].deprel = CompactString::const_new("obj");
        }
    }
}

/// `Gisteren bezocht [de president] [de hoofdstad]` with the second noun
/// phrase hung on the subject: a noun with its own determiner and no
/// preposition, right after the subject (nothing but the subject's words in
/// between: no comma, `als`, `zoals`), is the object of a verb that has none.
/// (In the UD treebanks such a bare nmod occurs only after those markers.)
fn bare_phrase_after_the_subject_is_the_object(words: &mut [WordAnalysis], forms: &[&str]) {
    for n in 0..words.len() {
        let subject = words[n].head as usize;
        if subject == 0 || subject > n || words[n].deprel != "nmod" {
            continue;
        }
        let verb = words[subject - 1].head as usize;
        let nominal = |w: &WordAnalysis| matches!(w.upos, "NOUN" | "PROPN");
        if !nominal(&words[n])
            || words[subject - 1].deprel != "nsubj"
            || verb == 0
            || !matches!(words[verb - 1].upos, "VERB" | "AUX")
        {
            continue;
        }
        let kids = |h: usize| {
            words
                .iter()
                .enumerate()
                .filter(move |(_, w)| w.head as usize == h)
        };
        let own_determiner =
            kids(n + 1).any(|(_, w)| matches!(w.deprel.as_str(), "det" | "nmod:poss"));
        let preposition = kids(n + 1).any(|(_, w)| w.deprel == "case");
        let verb_has_object = kids(verb).any(|(_, w)| w.deprel == "obj");
        let marker_between = (subject..n).any(|i| {
            words[i].upos == "PUNCT"
                || matches!(
                    forms[i].to_lowercase().as_str(),
                    "als" | "zoals" | "der" | "en" | "of"
                )
        });
        if own_determiner && !preposition && !verb_has_object && !marker_between {
            words[n].head = verb as u32;
            words[n].deprel = CompactString::const_new("obj");
        }
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
/// its full lemma (`oproepen`). The parser's `compound:prt` arcs are only
/// trusted for real particles: a word from the closed list of separable
/// particles, or any word that makes a known verb with this one
/// (`plaats_maken`). A preposition stranded by `er`/`daar`/`waar` (`rekent
/// er op`) or followed by its object is no particle unless particle and
/// verb together are a known verb; a verb takes at most one particle.
fn attach_particles(words: &mut [WordAnalysis], forms: &[&str], lemmatiser: &Lemmatiser) {
    // A particle right before `te` + verb is that infinitive's (`... af te
    // vaardigen`), wherever the parser hung it.
    for d in 0..words.len().saturating_sub(2) {
        let before_te =
            forms[d + 1].eq_ignore_ascii_case("te") && matches!(words[d + 2].upos, "VERB" | "AUX");
        if words[d].deprel == "compound:prt" && before_te {
            words[d].head = (d + 3) as u32;
        }
    }
    for h in 0..words.len() {
        if !matches!(words[h].upos, "VERB" | "AUX") {
            continue;
        }
        let mut chosen: Option<(u8, usize, String)> = None;
        for d in 0..words.len() {
            if words[d].deprel != "compound:prt" || words[d].head as usize != h + 1 || d == h {
                continue;
            }
            let particle = words[d].lemma.to_lowercase();
            if particle.is_empty() {
                continue;
            }
            let base = words[h]
                .lemma
                .strip_prefix(&format!("{particle}_"))
                .unwrap_or(&words[h].lemma)
                .replace('_', "");
            let (stranded, preposition) = preposition_context(words, forms, d, h);
            let score = if preposition {
                0
            } else if lemmatiser.is_verb(&format!("{particle}{base}")) {
                2
            } else if lemma::is_separable_particle(&particle) && !stranded {
                1
            } else {
                0
            };
            let better = match &chosen {
                None => score > 0,
                Some((s, e, _)) => score > *s || (score == *s && d.abs_diff(h) < e.abs_diff(h)),
            };
            if better {
                chosen = Some((score, d, particle.to_string()));
            }
        }
        let Some((_, _, particle)) = chosen else {
            continue;
        };
        let verb = &mut words[h];
        let prefix = format!("{particle}_");
        let base = verb
            .lemma
            .strip_prefix(&prefix)
            .unwrap_or(&verb.lemma)
            .to_string();
        verb.full_lemma = Some(format!("{particle}{}", base.replace('_', "")));
        let mut lemma = CompactString::from(prefix.as_str());
        lemma.push_str(&base);
        verb.lemma = lemma;
    }
}

/// A particle-looking preposition after an R-pronoun (`er`, `daar`, `waar`,
/// `hier`) near the verb, one directly followed by a determiner, name,
/// pronoun or number, one before the verb with more than `te`, verbs or a
/// noun (`tot stand te brengen`) in between, and the `toe` of `tot … toe`
/// are prepositions.
fn preposition_context(words: &[WordAnalysis], forms: &[&str], d: usize, h: usize) -> (bool, bool) {
    let next_is_object = d > h
        && words
            .get(d + 1)
            .is_some_and(|w| matches!(w.upos, "DET" | "PROPN" | "PRON" | "NUM"));
    let phrase_between = d < h
        && words[d + 1..h]
            .iter()
            .any(|w| !matches!(w.upos, "ADP" | "AUX" | "VERB" | "NOUN"));
    let from = d.min(h).saturating_sub(2);
    let lower = |f: &&str| f.to_lowercase();
    let r_pronoun = forms[from..d]
        .iter()
        .map(lower)
        .any(|f| matches!(f.as_str(), "er" | "daar" | "waar" | "hier"));
    let circumposition = forms[d].eq_ignore_ascii_case("toe")
        && forms[..d].iter().any(|f| f.eq_ignore_ascii_case("tot"));
    (
        r_pronoun,
        next_is_object || phrase_between || circumposition,
    )
}

/// Adjectives written with a capital come from names (`Colombiaanse` →
/// `Colombiaans`, `Zuid-Amerikaanse` → `Zuid-Amerikaans`) and keep their
/// capitals in the lemma, unless the lowercase word is a known word: then
/// the capital is the sentence's or a name's (`Vorige`, `Internationaal`).
/// The first word of a sentence keeps it only with the `-s` ending of
/// adjectives made from names (`Oegandese` → `Oegandees`).
fn keep_capital(form: &str, initial: bool, lemma: &mut CompactString, lemmatiser: &Lemmatiser) {
    let mut form_chars = form.chars();
    let capital = form_chars.next().is_some_and(char::is_uppercase);
    let lowercase_rest = form_chars.next().is_some_and(char::is_lowercase);
    if !capital || !lowercase_rest || lemmatiser.knows_lowercase(form) {
        return;
    }
    if initial && !(lemma.ends_with('s') || lemma.ends_with("sch")) {
        return;
    }
    restore_case(form, lemma);
}

/// Gives the lemma the capitals of the form where the two are spelt alike.
fn restore_case(form: &str, lemma: &mut CompactString) {
    if !form.starts_with(char::is_uppercase) {
        return;
    }
    let mut cased = CompactString::with_capacity(lemma.len());
    let mut aligned = true;
    let mut form_chars = form.chars();
    for c in lemma.chars() {
        let f = form_chars.next();
        match f {
            Some(f) if aligned && f.is_uppercase() && f.to_lowercase().eq(c.to_lowercase()) => {
                cased.push(f);
            }
            Some(f) if aligned && f == c => cased.push(c),
            _ => {
                aligned = false;
                cased.push(c);
            }
        }
    }
    *lemma = cased;
}

fn write_token(token: &mut Token, a: WordAnalysis) {
    token.upos = CompactString::const_new(a.upos);
    token.feats = a.feats;
    token.lemma = a.lemma;
    token.full_lemma = a.full_lemma;
    token.head = a.head;
    token.deprel = a.deprel;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(upos: &'static str, lemma: &str, head: u32, deprel: &str) -> WordAnalysis {
        WordAnalysis {
            upos,
            lemma: lemma.into(),
            head,
            deprel: deprel.into(),
            ..WordAnalysis::default()
        }
    }

    fn verb_lemma(forms: &[&str], words: &mut [WordAnalysis], verbs: &[&str]) -> String {
        attach_particles(words, forms, &Lemmatiser::with_words(verbs, &[]));
        words[0].lemma.to_string()
    }

    #[test]
    fn only_real_particles_join_the_verb() {
        // The parser's `compound:prt` on an adjective is no particle.
        let mut words = [
            word("VERB", "struikelen", 0, "root"),
            word("ADJ", "onverwacht", 1, "compound:prt"),
        ];
        assert_eq!(
            verb_lemma(&["struikelde", "onverwacht"], &mut words, &[]),
            "struikelen"
        );
        // A closed-list particle at the end of the clause is.
        let mut words = [
            word("VERB", "roepen", 0, "root"),
            word("DET", "de", 3, "det"),
            word("NOUN", "partij", 1, "obj"),
            word("ADP", "op", 1, "compound:prt"),
        ];
        assert_eq!(
            verb_lemma(&["riep", "de", "partijen", "op"], &mut words, &[]),
            "op_roepen"
        );
        assert_eq!(words[0].full_lemma.as_deref(), Some("oproepen"));
        // So is any word that makes a known verb with it.
        let mut words = [
            word("VERB", "stellen", 0, "root"),
            word("PRON", "zich", 1, "obj"),
            word("NOUN", "kandidaat", 1, "compound:prt"),
        ];
        let forms = ["stelde", "zich", "kandidaat"];
        assert_eq!(
            verb_lemma(&forms, &mut words, &["kandidaatstellen"]),
            "kandidaat_stellen"
        );
    }

    fn tree(rows: &[(&'static str, &str, u32, &str)]) -> Vec<WordAnalysis> {
        rows.iter()
            .map(|&(upos, lemma, head, deprel)| word(upos, lemma, head, deprel))
            .collect()
    }

    #[test]
    fn time_noun_beside_a_subject_is_an_oblique() {
        // `Dinsdag sloot Turkije de grens`, read with two subjects.
        let mut words = tree(&[
            ("PROPN", "dinsdag", 2, "nsubj"),
            ("VERB", "sluiten", 0, "root"),
            ("PROPN", "Turkije", 2, "nsubj"),
            ("DET", "de", 5, "det"),
            ("NOUN", "grens", 2, "obj"),
        ]);
        time_phrases_are_no_subjects(&mut words);
        assert_eq!(words[0].deprel, "obl");
        assert_eq!(words[2].deprel, "nsubj");
        // A time noun that really is the subject stays one.
        let mut words = tree(&[
            ("DET", "de", 2, "det"),
            ("NOUN", "week", 3, "nsubj"),
            ("VERB", "beginnen", 0, "root"),
            ("ADJ", "rustig", 3, "advmod"),
        ]);
        time_phrases_are_no_subjects(&mut words);
        assert_eq!(words[1].deprel, "nsubj");
        // With a preposition it is no bare time phrase.
        let mut words = tree(&[
            ("ADP", "op", 2, "case"),
            ("PROPN", "dinsdag", 3, "nsubj"),
            ("VERB", "sluiten", 0, "root"),
            ("PROPN", "Turkije", 3, "nsubj"),
        ]);
        time_phrases_are_no_subjects(&mut words);
        assert_eq!(words[1].deprel, "nsubj");
    }

    #[test]
    fn bare_phrase_after_the_subject_only_after_the_subject_words() {
        let rows = [
            ("ADV", "gisteren", 2, "advmod"),
            ("VERB", "bezoeken", 0, "root"),
            ("DET", "de", 4, "det"),
            ("NOUN", "president", 2, "nsubj"),
            ("DET", "de", 6, "det"),
            ("NOUN", "hoofdstad", 4, "nmod"),
        ];
        let forms = ["Gisteren", "bezocht", "de", "president", "de", "hoofdstad"];
        let mut words = tree(&rows);
        bare_phrase_after_the_subject_is_the_object(&mut words, &forms);
        assert_eq!((words[5].head, words[5].deprel.as_str()), (2, "obj"));
        // `partijen als de BUB`: a marker in between keeps the nmod.
        let forms = ["Gisteren", "bezocht", "de", "president", "als", "hoofdstad"];
        let mut words = tree(&rows);
        words[4] = word("SCONJ", "als", 6, "mark");
        bare_phrase_after_the_subject_is_the_object(&mut words, &forms);
        assert_eq!((words[5].head, words[5].deprel.as_str()), (4, "nmod"));
    }

    #[test]
    fn particle_before_te_belongs_to_the_infinitive() {
        // `stemden ermee in een gezant af te vaardigen` with `af` on `stemden`.
        let mut words = [
            word("VERB", "stemmen", 0, "root"),
            word("ADV", "ermee", 1, "advmod"),
            word("DET", "een", 4, "det"),
            word("NOUN", "gezant", 1, "obl"),
            word("ADP", "af", 1, "compound:prt"),
            word("ADP", "te", 7, "mark"),
            word("VERB", "vaardigen", 1, "advcl"),
        ];
        let forms = ["stemden", "ermee", "een", "gezant", "af", "te", "vaardigen"];
        let lemma = verb_lemma(&forms, &mut words, &["afvaardigen", "afstemmen"]);
        assert_eq!(lemma, "stemmen");
        assert_eq!(words[0].full_lemma, None);
        assert_eq!(words[4].head, 7);
        assert_eq!(words[6].full_lemma.as_deref(), Some("afvaardigen"));
    }

    #[test]
    fn stranded_prepositions_are_no_particles() {
        // `er ... op`: the preposition of an R-pronoun.
        let mut words = [
            word("VERB", "rekenen", 0, "root"),
            word("ADV", "er", 1, "obl"),
            word("ADV", "niet", 1, "advmod"),
            word("ADP", "op", 1, "compound:prt"),
        ];
        let forms = ["rekent", "er", "niet", "op"];
        assert_eq!(verb_lemma(&forms, &mut words, &[]), "rekenen");
        // `tot ... toe` is a circumposition; the other particle wins.
        let mut words = [
            word("VERB", "doen", 0, "root"),
            word("ADP", "tot", 4, "case"),
            word("DET", "het", 4, "det"),
            word("ADJ", "eind", 1, "obl"),
            word("ADP", "toe", 1, "compound:prt"),
            word("ADP", "mee", 1, "compound:prt"),
        ];
        let forms = ["doet", "tot", "het", "eind", "toe", "mee"];
        assert_eq!(verb_lemma(&forms, &mut words, &["toedoen"]), "mee_doen");
        // A preposition followed by its object is no particle either.
        let mut words = [
            word("VERB", "werken", 0, "root"),
            word("ADP", "aan", 1, "compound:prt"),
            word("DET", "het", 4, "det"),
            word("NOUN", "plan", 1, "obl"),
        ];
        let forms = ["werkt", "aan", "het", "plan"];
        assert_eq!(verb_lemma(&forms, &mut words, &[]), "werken");
    }

    #[test]
    fn adjectives_from_names_keep_their_capitals() {
        let lemmatiser = Lemmatiser::with_words(&[], &["vorige"]);
        let mut lemma = CompactString::from("zuid-amerikaans");
        keep_capital("Zuid-Amerikaanse", false, &mut lemma, &lemmatiser);
        assert_eq!(lemma, "Zuid-Amerikaans");
        // A known lowercase word has the sentence's capital.
        let mut lemma = CompactString::from("vorig");
        keep_capital("Vorige", false, &mut lemma, &lemmatiser);
        assert_eq!(lemma, "vorig");
        // First word: only the `-s` adjectives of names keep it.
        let mut lemma = CompactString::from("zichtbaar");
        keep_capital("Zichtbaar", true, &mut lemma, &lemmatiser);
        assert_eq!(lemma, "zichtbaar");
        let mut lemma = CompactString::from("oegandees");
        keep_capital("Oegandese", true, &mut lemma, &lemmatiser);
        assert_eq!(lemma, "Oegandees");
    }
}
