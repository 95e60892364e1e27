//! Which sentences can carry an event, decided before the parse from
//! forms, lemmas and tags alone. The pipeline parses only those sentences
//! (and the context the linker and the date rules read) and the coder skips
//! the rest, so the test must be a superset of what [`crate::code`] can fire
//! on: every lemma the coder tries for a token, with or without a separable
//! particle, for every part of speech the coder's tree repairs may give it.

use std::borrow::Cow;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};

use kroniek_model::Token;
use rustc_hash::{FxHashMap, FxHasher};

use crate::coder::{CONSTRUCTION_WORDS, guess_infinitives, noun_lemma_guesses};
use crate::lexicon::{Cond, Entry, Lexicon, Pattern};

/// Word conditions of one entry: each a set of alternatives, one of which
/// must occur somewhere in the sentence (`zijn` fires only with `doorn`
/// and `oog`). An entry without word conditions fires on its lemma alone.
type Conditions = Vec<Vec<Pattern>>;
type Map = FxHashMap<String, Vec<Conditions>>;

/// What [`Lexicon::may_fire`] looks up, by part of speech.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gate {
    verbs: Map,
    nouns: Map,
    /// Lemmas of the construction rules, whatever their tag.
    words: Map,
}

impl Gate {
    /// Verb lemmas, and every verb lemma split into a first part that must
    /// occur as a word and the rest (`oproepen` → `roepen` with `op`, since
    /// `riep ... op` is joined only in the tree, and the parser may join any
    /// word that makes a known verb: `maakt ... plaats`); noun lemmas; the
    /// words of the construction rules.
    pub(crate) fn new(lexicon: &Lexicon) -> Gate {
        let mut gate = Gate::default();
        let add = |map: &mut Map, lemma: &str, c: Conditions| {
            map.entry(lemma.to_string()).or_default().push(c);
        };
        for (word, conditions) in CONSTRUCTION_WORDS {
            let conditions = conditions
                .iter()
                .map(|alternatives| alternatives.iter().map(|w| Pattern::word(w)).collect())
                .collect();
            add(&mut gate.words, word, conditions);
        }
        for (lemma, entries) in &lexicon.verbs {
            for entry in entries {
                let words = word_conditions(entry);
                add(&mut gate.verbs, lemma, words.clone());
                for (i, _) in lemma.char_indices().skip(1) {
                    let (particle, base) = lemma.split_at(i);
                    if base.len() >= 3 {
                        let mut with_particle = words.clone();
                        with_particle.push(vec![Pattern::word(particle)]);
                        add(&mut gate.verbs, base, with_particle);
                    }
                }
            }
        }
        for (lemma, entries) in &lexicon.nouns {
            for entry in entries {
                add(&mut gate.nouns, lemma, word_conditions(entry));
            }
        }
        gate
    }
}

/// The conditions of an entry that name words, each as alternatives.
fn word_conditions(entry: &Entry) -> Conditions {
    entry
        .requires
        .iter()
        .filter_map(|c| match c {
            Cond::Obj(p) | Cond::Word(p) => Some(p.clone()),
            // `pp:als`: the preposition, or a pronominal adverb (`ervan`).
            Cond::Prep(preps) => Some(
                preps
                    .iter()
                    .flat_map(|p| {
                        ["", "er", "daar", "hier", "waar"]
                            .map(|pre| Pattern::word(&format!("{pre}{p}")))
                    })
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

/// A form as the coder sees it: lowercase.
fn folded_form(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// A lemma as the coder sees it: lowercase, without Alpino's compound
/// separators.
fn folded_lemma(s: &str) -> Cow<'_, str> {
    if s.chars().any(|c| c.is_uppercase() || c == '_') {
        Cow::Owned(s.to_lowercase().replace('_', ""))
    } else {
        Cow::Borrowed(s)
    }
}

/// Token keys (form, lemma, tag) a thread found to hit nothing, for the
/// lexicon with id `owner`: most words of a text are no trigger, and news
/// repeats them. A direct-mapped table of keys (0: empty) small enough to
/// stay in the CPU cache; a hash set of every silent key cost two cache
/// misses a token. A word pushed out is looked up again, with the same answer.
struct Silent {
    owner: u64,
    keys: Vec<u64>,
}

/// Table slots: 256 KiB of keys.
const SILENT_BITS: u32 = 15;

impl Silent {
    fn slot(key: u64) -> usize {
        // The top bits of a multiplication depend on every bit of the key.
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SILENT_BITS)) as usize
    }
    fn contains(&self, key: u64) -> bool {
        key != 0 && self.keys.get(Self::slot(key)) == Some(&key)
    }
    fn insert(&mut self, key: u64) {
        if let Some(slot) = self.keys.get_mut(Self::slot(key)) {
            *slot = key;
        }
    }
}

thread_local! {
    static SILENT: RefCell<Silent> = const {
        RefCell::new(Silent {
            owner: 0,
            keys: Vec::new(),
        })
    };
}

fn token_key(form: &str, t: &Token) -> u64 {
    let mut h = FxHasher::default();
    (form, t.lemma.as_str(), t.upos.as_str()).hash(&mut h);
    h.finish()
}

impl Lexicon {
    /// Whether some token of a sentence could fire an event: false means
    /// [`crate::code`] finds nothing in it, whatever its parse.
    pub fn may_fire<'a>(&'a self, text: &str, tokens: &[Token]) -> bool {
        let mut hits: Vec<&'a [Conditions]> = Vec::new();
        let mut any_suffix = false;
        SILENT.with_borrow_mut(|silent| {
            if silent.owner != self.id || silent.keys.is_empty() {
                silent.keys.clear();
                silent.keys.resize(1 << SILENT_BITS, 0);
                silent.owner = self.id;
            }
            for t in tokens {
                let form = t.form(text);
                let key = token_key(form, t);
                if silent.contains(key) {
                    continue;
                }
                let before = hits.len();
                let suffix = self.token_hits(form, t, &mut hits);
                any_suffix |= suffix;
                if !suffix && hits.len() == before {
                    silent.insert(key);
                }
            }
        });
        if any_suffix {
            return true;
        }
        if hits.is_empty() {
            return false;
        }
        let words: Vec<(Cow<str>, Cow<str>)> =
            tokens.iter().map(|t| folded(t.form(text), t)).collect();
        let occurs = |alternatives: &[Pattern]| {
            alternatives.iter().any(|p| {
                words
                    .iter()
                    .any(|(form, lemma)| p.matches(form) || p.matches(lemma))
            })
        };
        hits.iter()
            .any(|entries| entries.iter().any(|c| c.iter().all(|alts| occurs(alts))))
    }

    /// Adds the gate entries one token may fire to `hits`; true when a noun
    /// suffix entry matches it (those fire on any noun, unconditionally).
    fn token_hits<'a>(&'a self, form: &str, t: &Token, hits: &mut Vec<&'a [Conditions]>) -> bool {
        let gate = &self.gate;
        let (form, lemma) = folded(form, t);
        let mut hit = |map: &'a Map, w: &str| hits.extend(map.get(w).map(Vec::as_slice));
        let mut any_suffix = false;
        hit(&gate.words, &lemma);
        // The repairs turn nouns and adjectives into verbs, and the
        // parser swaps verbs and auxiliaries.
        let upos = t.upos.as_str();
        if matches!(upos, "VERB" | "AUX" | "NOUN" | "ADJ" | "X" | "") {
            hit(&gate.verbs, &lemma);
            hit(&gate.verbs, &form);
            if let Some(inf) = self.irregular_infinitive(&form) {
                hit(&gate.verbs, &inf);
            }
            for guess in guess_infinitives(&form) {
                hit(&gate.verbs, &guess);
            }
        }
        // The repairs also make a noun of an adjective after a determiner.
        if matches!(upos, "NOUN" | "PROPN" | "ADJ" | "X" | "") {
            hit(&gate.nouns, &lemma);
            any_suffix |= self.noun_suffixes.iter().any(|e| e.lemma.matches(&lemma));
            for guess in noun_lemma_guesses(&lemma, &form) {
                hit(&gate.nouns, &guess);
                any_suffix |= self.noun_suffixes.iter().any(|e| e.lemma.matches(&guess));
            }
        }
        any_suffix
    }
}

/// A token's form and lemma as the coder compares them.
fn folded<'t>(form: &'t str, t: &'t Token) -> (Cow<'t, str>, Cow<'t, str>) {
    let form = folded_form(form);
    let lemma = if t.lemma.is_empty() {
        form.clone()
    } else {
        folded_lemma(&t.lemma)
    };
    (form, lemma)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(words: &[(&str, &str)]) -> (String, Vec<Token>) {
        let text = words.iter().map(|(f, _)| *f).collect::<Vec<_>>().join(" ");
        let tokens = words
            .iter()
            .map(|(form, lemma)| Token {
                norm: (*form).into(),
                lemma: (*lemma).into(),
                ..Token::default()
            })
            .collect();
        (text, tokens)
    }

    #[test]
    fn sentences_without_triggers_are_skipped() {
        let lex = Lexicon::builtin().unwrap();
        let (text, toks) = tokens(&[
            ("Het", "het"),
            ("weer", "weer"),
            ("was", "zijn"),
            ("zonnig", "zonnig"),
        ]);
        assert!(!lex.may_fire(&text, &toks));
    }

    #[test]
    fn an_idiom_needs_its_words() {
        let lex = Lexicon::builtin().unwrap();
        // `zijn` fires only in `een doorn in het oog zijn`.
        let (text, toks) = tokens(&[
            ("Het", "het"),
            ("is", "zijn"),
            ("een", "een"),
            ("doorn", "doorn"),
        ]);
        assert!(!lex.may_fire(&text, &toks));
        let (text, toks) = tokens(&[
            ("doorn", "doorn"),
            ("in", "in"),
            ("het", "het"),
            ("oog", "oog"),
            ("is", "zijn"),
        ]);
        assert!(lex.may_fire(&text, &toks));
    }

    #[test]
    fn separated_particles_and_past_forms_still_count() {
        let lex = Lexicon::builtin().unwrap();
        // `riep ... op`: the tree joins the particle; the gate sees `roepen`
        // and the particle somewhere in the sentence.
        let (text, toks) = tokens(&[("De", "de"), ("bond", "bond"), ("riep", "roepen")]);
        assert!(!lex.may_fire(&text, &toks));
        let (text, toks) = tokens(&[
            ("De", "de"),
            ("bond", "bond"),
            ("riep", "roepen"),
            ("iedereen", "iedereen"),
            ("op", "op"),
        ]);
        assert!(lex.may_fire(&text, &toks));
        // A past form the lemmatiser missed (`ontmoette` left as is).
        let (text, toks) = tokens(&[("ontmoette", "ontmoette")]);
        assert!(lex.may_fire(&text, &toks));
        // A compound event noun.
        let (text, toks) = tokens(&[("luchtaanvallen", "luchtaanval")]);
        assert!(lex.may_fire(&text, &toks));
    }

    #[test]
    fn the_silent_table_forgets_but_never_confuses_keys() {
        let mut silent = Silent {
            owner: 1,
            keys: vec![0; 1 << SILENT_BITS],
        };
        assert!(!silent.contains(0));
        silent.insert(0);
        assert!(!silent.contains(0));
        let a = 0x1234_5678_9abc_def1u64;
        silent.insert(a);
        assert!(silent.contains(a));
        // A key for the same slot pushes `a` out; neither is mistaken for the other.
        let b = (1u64..)
            .map(|k| a ^ k)
            .find(|&k| Silent::slot(k) == Silent::slot(a))
            .expect("another key for the slot");
        assert!(!silent.contains(b));
        silent.insert(b);
        assert!(silent.contains(b));
        assert!(!silent.contains(a));
    }

    #[test]
    fn words_found_silent_stay_apart_per_lexicon() {
        let builtin = Lexicon::builtin().unwrap();
        let own = Lexicon::parse(&[("v.tsv", "verb\tfietsen\t-\tCONSULT\t-\tsubj\tobj\n")])
            .expect("parses");
        let (text, toks) = tokens(&[("Zij", "zij"), ("fietsten", "fietsen")]);
        // Asked twice: the second answer comes from the thread's set of
        // silent words and must be the same.
        for _ in 0..2 {
            assert!(!builtin.may_fire(&text, &toks));
            assert!(own.may_fire(&text, &toks));
        }
        // A word silent in one sentence still fires where its condition
        // word occurs (the conditions are checked per sentence).
        let (text, toks) = tokens(&[("bond", "bond"), ("riep", "roepen")]);
        assert!(!builtin.may_fire(&text, &toks));
        let (text, toks) = tokens(&[("bond", "bond"), ("riep", "roepen"), ("op", "op")]);
        assert!(builtin.may_fire(&text, &toks));
    }
}
