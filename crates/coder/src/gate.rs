//! Which sentences can carry an event, decided before the parse from
//! forms, lemmas and tags alone. The pipeline parses only those sentences
//! (and the context the linker and the date rules read) and the coder skips
//! the rest, so the test must be a superset of what [`crate::code`] can fire
//! on: every lemma the coder tries for a token, with or without a separable
//! particle, for every part of speech the coder's tree repairs may give it.

use std::borrow::Cow;

use kroniek_model::Token;
use rustc_hash::FxHashMap;

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

impl Lexicon {
    /// Whether some token of a sentence could fire an event: false means
    /// [`crate::code`] finds nothing in it, whatever its parse.
    pub fn may_fire<'a>(&'a self, text: &str, tokens: &[Token]) -> bool {
        let gate = &self.gate;
        let words: Vec<(Cow<str>, Cow<str>)> = tokens
            .iter()
            .map(|t| {
                let form = folded_form(t.form(text));
                let lemma = if t.lemma.is_empty() {
                    form.clone()
                } else {
                    folded_lemma(&t.lemma)
                };
                (form, lemma)
            })
            .collect();
        let mut hits: Vec<&[Conditions]> = Vec::new();
        let mut hit = |map: &'a Map, w: &str| hits.extend(map.get(w).map(Vec::as_slice));
        let mut any_suffix = false;
        for (t, (form, lemma)) in tokens.iter().zip(&words) {
            hit(&gate.words, lemma);
            // The repairs turn nouns and adjectives into verbs, and the
            // parser swaps verbs and auxiliaries; nothing else changes tag.
            let upos = t.upos.as_str();
            if matches!(upos, "VERB" | "AUX" | "NOUN" | "ADJ" | "X" | "") {
                hit(&gate.verbs, lemma);
                hit(&gate.verbs, form);
                if let Some(inf) = self.irregular_infinitive(form) {
                    hit(&gate.verbs, &inf);
                }
                for guess in guess_infinitives(form) {
                    hit(&gate.verbs, &guess);
                }
            }
            if matches!(upos, "NOUN" | "PROPN" | "X" | "") {
                hit(&gate.nouns, lemma);
                any_suffix |= self.noun_suffixes.iter().any(|e| e.lemma.matches(lemma));
                for guess in noun_lemma_guesses(lemma, form) {
                    hit(&gate.nouns, &guess);
                    any_suffix |= self.noun_suffixes.iter().any(|e| e.lemma.matches(&guess));
                }
            }
        }
        if any_suffix {
            return true;
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(words: &[(&str, &str)]) -> (String, Vec<Token>) {
        let text = words.iter().map(|(f, _)| *f).collect::<Vec<_>>().join(" ");
        let tokens = words
            .iter()
            .map(|(form, lemma)| Token {
                norm: (*form).to_string(),
                lemma: (*lemma).to_string(),
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
}
