//! Leftmost-longest registry matching over the words of a sentence.

use kroniek_model::{Document, Mention, MentionKind};

use super::{Hit, Linker, MAX_PHRASE_WORDS, STANCE_PREFIXES, Word, words_of};
use crate::matcher::{Matcher, Target};
use crate::normalize::{CaseRule, satisfies, starts_upper};
use crate::registry::{Actor, ActorKind};

impl Linker<'_> {
    pub(super) fn match_words(&self, words: &[Word], ner: &[&Mention]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(words, i, ner) {
                Some(hit) => {
                    i = hit.last;
                    hits.push(hit);
                }
                None => i += 1,
            }
        }
        hits
    }

    pub(super) fn longest_at(&self, words: &[Word], first: usize, ner: &[&Mention]) -> Option<Hit> {
        if after_stance_prefix(self.doc, words, first) {
            return None;
        }
        let mut node = Matcher::root();
        let mut best = None;
        for j in first..words.len().min(first + MAX_PHRASE_WORDS) {
            if let Some(child) = words[j].poss.and_then(|p| self.matcher.child(node, p))
                && let Some(pattern) = self.choose(child, words, first, true)
            {
                best = Some(Hit {
                    first,
                    last: j + 1,
                    pattern,
                    possessive: true,
                });
            }
            let Some(child) = words[j].id.and_then(|id| self.matcher.child(node, id)) else {
                break;
            };
            node = child;
            if let Some(pattern) = self.choose(node, words, first, false) {
                best = Some(Hit {
                    first,
                    last: j + 1,
                    pattern,
                    possessive: false,
                });
            }
        }
        best.filter(|hit| !self.other_persons_surname(words, hit, ner))
    }

    /// Picks among the patterns ending at `node`: user entries first, names
    /// before cue words, people in office on the document date first.
    pub(super) fn choose(
        &self,
        node: u32,
        words: &[Word],
        first: usize,
        possessive: bool,
    ) -> Option<u32> {
        let mut best: Option<(u32, (bool, bool, bool))> = None;
        for &p in self.matcher.patterns_at(node) {
            let pattern = self.matcher.pattern(p);
            if possessive && !pattern.possessive {
                continue;
            }
            let fits = pattern.cases.iter().enumerate().all(|(k, &rule)| {
                words
                    .get(first + k)
                    .is_some_and(|w| satisfies(w.text, rule))
            });
            if !fits
                || pattern.cases.contains(&CaseRule::Upper)
                    && in_capitals_run(words, first, first + pattern.cases.len())
            {
                continue;
            }
            let key = match pattern.target {
                Target::Name(i) => (
                    self.registry.names[i as usize].user,
                    true,
                    self.in_office(self.registry.actor_at(pattern.actor as usize)),
                ),
                Target::Cue(i) => (self.registry.cues[i as usize].user, false, false),
                Target::Ignore => (false, false, false),
            };
            if best.is_none_or(|(_, k)| key > k) {
                best = Some((p, key));
            }
        }
        best.map(|(p, _)| p)
    }

    pub(super) fn in_office(&self, actor: &Actor) -> bool {
        match (&self.date, actor.kind) {
            (Some((begin, end)), ActorKind::Person) => {
                actor.offices.iter().any(|o| o.held_during(begin, end))
            }
            _ => true,
        }
    }

    /// A one-word surname match is someone else when an unknown capitalised
    /// word follows (`Michel Platini`), or when a capitalised first name
    /// precedes it that the registry does not give this person (`Hunter
    /// Biden`, `Heydar Aliyev`), unless that first name is a spelling variant
    /// (same first three letters: `Sergueï`/`Sergej`).
    pub(super) fn other_persons_surname(
        &self,
        words: &[Word],
        hit: &Hit,
        ner: &[&Mention],
    ) -> bool {
        if !matches!(self.matcher.pattern(hit.pattern).target, Target::Name(_)) {
            return false;
        }
        let actor = self
            .registry
            .actor_at(self.matcher.pattern(hit.pattern).actor as usize);
        if actor.kind != ActorKind::Person || hit.last - hit.first != 1 {
            return false;
        }
        if let Some(next) = words.get(hit.last)
            && starts_upper(next.text)
            && next.id.is_none()
            && self.doc.text.get(words[hit.first].end..next.start) == Some(" ")
        {
            return true;
        }
        let Some(previous) = hit.first.checked_sub(1).map(|p| &words[p]) else {
            return false;
        };
        if !starts_upper(previous.text) || self.is_cue_word(previous) || !self.may_be_name(previous)
        {
            return false;
        }
        let in_one_ner_name = ner.iter().any(|m| {
            m.kind == MentionKind::Per
                && m.span.start as usize <= previous.start
                && words[hit.first].end <= m.span.end as usize
        });
        let sentence_initial = hit.first == 1;
        if sentence_initial && !in_one_ner_name {
            return false;
        }
        let known_first_names: Vec<String> = actor
            .aliases
            .iter()
            .filter_map(|a| {
                let parts = words_of(a);
                (parts.len() > 1).then(|| parts[0].clone())
            })
            .collect();
        if known_first_names.is_empty() {
            return false;
        }
        let prefix: String = previous.folded.chars().take(3).collect();
        !known_first_names.iter().any(|f| f.starts_with(&prefix))
    }

    /// False when the tagger says the word is no proper noun (`Wil Poetin
    /// ...` opens a question with the verb `wil`).
    pub(super) fn may_be_name(&self, word: &Word) -> bool {
        self.token_at(word.start)
            .is_none_or(|t| t.upos.is_empty() || t.upos == "PROPN" || t.upos == "X")
    }

    pub(super) fn is_cue_word(&self, word: &Word) -> bool {
        word.id
            .and_then(|id| self.matcher.child(Matcher::root(), id))
            .is_some_and(|node| {
                self.matcher
                    .patterns_at(node)
                    .iter()
                    .any(|&p| matches!(self.matcher.pattern(p).target, Target::Cue(_)))
            })
    }
}

/// `ruslands` → `rusland`, `pasjinjans` → `pasjinjan`.
pub(crate) fn possessive_stem(folded: &str) -> Option<&str> {
    if folded.len() < 4 {
        return None;
    }
    folded
        .strip_suffix("'s")
        .or_else(|| folded.strip_suffix('s'))
}

pub(super) fn after_stance_prefix(doc: &Document, words: &[Word], first: usize) -> bool {
    first > 0
        && doc
            .text
            .get(words[first].start.saturating_sub(1)..words[first].start)
            == Some("-")
        && words[first - 1].end + 1 == words[first].start
        && STANCE_PREFIXES.contains(&words[first - 1].folded)
}

/// Whether words `first..last` sit in a line of capitals (`HET IS TIJD`),
/// where an acronym cannot be told from an ordinary word.
pub(super) fn in_capitals_run(words: &[Word], first: usize, last: usize) -> bool {
    let capitals = |w: &Word| {
        w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !w.text.chars().any(char::is_lowercase)
    };
    let before = first.checked_sub(1).and_then(|i| words.get(i));
    let after = words.get(last);
    (before.is_some() || after.is_some())
        && before.is_none_or(capitals)
        && after.is_none_or(capitals)
}
