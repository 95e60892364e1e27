//! Which sentences linking may give an actor the event coder can use, told
//! before the parse from the words and the NER spans alone. The pipeline
//! parses a sentence for events only when it has a trigger *and* passes this
//! test, so the test must be a superset of every way [`crate::link`] gives a
//! sentence a mention with a code:
//!
//! - a registry name (or its genitive `Ruslands`) matched word by word, with
//!   its case rules (`IS` is a name, `is` is not), which the phrases
//!   (`de Russische minister`, `het leger van Azerbeidzjan`) also start from;
//! - a capitalised or NER word one edit from a state name (`Kazachtstan`);
//! - a NER span ending in the surname of an earlier person, who may have
//!   taken a code from an apposition (`de Russische minister Ivanov`);
//! - a word that may take its referent from the sentence before
//!   ([`Registry::may_refer_back`]: pronouns, possessives, `het land`).
//!
//! A bare cue word (`de regering`) gives a sector but no code, so it does
//! not count on its own.

use kroniek_model::{Document, Mention};
use rustc_hash::FxHashSet;

use crate::link::{MAX_PHRASE_WORDS, possessive_stem};
use crate::matcher::{Matcher, Target};
use crate::normalize::{fold, satisfies, starts_upper, words};
use crate::registry::Registry;

impl Registry {
    /// For each sentence of a tagged document whose `doc.mentions` are still
    /// NER's spans: whether linking may give it a coded actor or a word that
    /// refers back. Sentences with `consider` false are skipped (false).
    pub fn may_have_coded_actors(&self, doc: &Document, consider: &[bool]) -> Vec<bool> {
        let mut surnames: FxHashSet<String> = FxHashSet::default();
        let mut out = vec![false; doc.sentences.len()];
        let mut by_start: Vec<&Mention> = doc.mentions.iter().collect();
        by_start.sort_by_key(|m| m.span.start);
        let mut ner = by_start.into_iter().peekable();
        for (s, sentence) in doc.sentences.iter().enumerate() {
            let mut spans: Vec<&Mention> = Vec::new();
            while let Some(m) = ner.next_if(|m| m.span.start < sentence.span.end) {
                spans.push(m);
            }
            let text = sentence.span.slice(&doc.text);
            // Each span's word count and folded last word.
            let lasts: Vec<(usize, Option<String>)> =
                spans.iter().map(|m| last_word(m, &doc.text)).collect();
            if consider.get(s).copied().unwrap_or(false) {
                out[s] = self.may_refer_back(&doc.text, doc.sentence_tokens(s))
                    || self.names_in(text, sentence.span.start as usize, &spans)
                    || lasts.iter().any(|(_, last)| {
                        last.as_ref()
                            .is_some_and(|w| surnames.contains(w) || self.matcher.word(w).is_some())
                    });
            }
            // Every span of two words or more may be remembered as a person.
            for (count, last) in lasts {
                if count >= 2
                    && let Some(w) = last
                {
                    surnames.insert(w);
                }
            }
        }
        out
    }

    /// A registry name, a genitive of one, or a near miss of a state name
    /// among the words of `text` (at byte `base` of the document).
    fn names_in(&self, text: &str, base: usize, ner: &[&Mention]) -> bool {
        let spans = words(text);
        let texts: Vec<&str> = spans.iter().map(|w| &text[w.start..w.end]).collect();
        let folded: Vec<String> = texts.iter().map(|w| fold(w)).collect();
        let ids: Vec<Option<u32>> = folded.iter().map(|f| self.matcher.word(f)).collect();
        let in_ner = |i: usize| {
            let (start, end) = (base + spans[i].start, base + spans[i].end);
            ner.iter()
                .any(|m| m.span.start as usize <= start && end <= m.span.end as usize)
        };
        (0..spans.len()).any(|first| {
            self.name_from(&texts, &folded, &ids, first)
                || (ids[first].is_none()
                    && (starts_upper(texts[first]) || in_ner(first))
                    && self.matcher.fuzzy(&folded[first]).is_some())
        })
    }

    /// Whether a name pattern ends somewhere after word `first`.
    fn name_from(
        &self,
        texts: &[&str],
        folded: &[String],
        ids: &[Option<u32>],
        first: usize,
    ) -> bool {
        let fits =
            |node: u32, possessive: bool| {
                self.matcher.patterns_at(node).iter().any(|&p| {
                    let pattern = self.matcher.pattern(p);
                    matches!(pattern.target, Target::Name(_))
                        && (!possessive || pattern.possessive)
                        && pattern.cases.iter().enumerate().all(|(k, &rule)| {
                            texts.get(first + k).is_some_and(|w| satisfies(w, rule))
                        })
                })
            };
        let mut node = Matcher::root();
        for j in first..texts.len().min(first + MAX_PHRASE_WORDS) {
            let genitive = starts_upper(texts[j])
                .then(|| possessive_stem(&folded[j]))
                .flatten()
                .and_then(|stem| self.matcher.word(stem));
            if let Some(child) = genitive.and_then(|p| self.matcher.child(node, p))
                && fits(child, true)
            {
                return true;
            }
            let Some(child) = ids[j].and_then(|id| self.matcher.child(node, id)) else {
                return false;
            };
            node = child;
            if fits(node, false) {
                return true;
            }
        }
        false
    }
}

/// How many words a span has, and its last one folded.
fn last_word(m: &Mention, text: &str) -> (usize, Option<String>) {
    let span_text = m.span.slice(text);
    let spans = words(span_text);
    let last = spans.last().map(|w| fold(&span_text[w.start..w.end]));
    (spans.len(), last)
}
