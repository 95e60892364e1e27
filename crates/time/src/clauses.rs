//! Clauses: a clause decides which time expression governs an event.
//! Parser annotations are used when present (UPOS, `Tense=`, `PronType=Rel`);
//! otherwise word lists and Dutch word-order cues stand in.

use kroniek_model::Document;

use crate::lexicon;
use crate::tense::{self, Tense};
use crate::words::{Word, token_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClauseKind {
    Main,
    /// `die ...`, `waar ...`, `een bestand dat ...`: describes a participant.
    Relative,
    /// `zei dat ...`: reported content.
    Complement,
    /// `toen`, `nadat`, `terwijl`, `voordat` ...: explicitly linked in time.
    Temporal,
    /// `omdat`, `hoewel`, `als` ...
    Adverbial,
}

#[derive(Debug, Clone)]
pub(crate) struct Clause {
    pub kind: ClauseKind,
    pub parent: Option<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct Clauses {
    /// Clause index of every word.
    pub of_word: Vec<usize>,
    pub clauses: Vec<Clause>,
    /// The words of every clause, in order (so that a clause's words cost
    /// its own length, not the sentence's).
    members: Vec<Vec<usize>>,
    /// The tense of every clause, computed on first use.
    tenses: Vec<std::cell::OnceCell<Tense>>,
}

impl Clauses {
    pub fn is_ancestor(&self, ancestor: usize, mut clause: usize) -> bool {
        while let Some(p) = self.clauses.get(clause).and_then(|c| c.parent) {
            if p == ancestor {
                return true;
            }
            clause = p;
        }
        false
    }
    pub fn kind(&self, clause: usize) -> ClauseKind {
        self.clauses
            .get(clause)
            .map(|c| c.kind)
            .unwrap_or(ClauseKind::Main)
    }
    /// Kinds of the clauses from `from` up to (not including) `ancestor`.
    pub fn path_kinds(&self, mut from: usize, ancestor: usize) -> Vec<ClauseKind> {
        let mut kinds = Vec::new();
        while from != ancestor {
            kinds.push(self.kind(from));
            match self.clauses.get(from).and_then(|c| c.parent) {
                Some(p) => from = p,
                None => break,
            }
        }
        kinds
    }
    pub fn first_word(&self, clause: usize) -> Option<usize> {
        self.words_of(clause).first().copied()
    }
    pub fn words_of(&self, clause: usize) -> &[usize] {
        self.members.get(clause).map_or(&[], Vec::as_slice)
    }
    /// The tense of `clause` (of the sentence `words`), computed once.
    pub fn tense(&self, doc: &Document, words: &[Word], clause: usize) -> Tense {
        match self.tenses.get(clause) {
            Some(cell) => *cell.get_or_init(|| tense::tense(doc, words, self.words_of(clause))),
            None => Tense::Unknown,
        }
    }
}

pub(crate) fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "de" | "het"
            | "een"
            | "dit"
            | "deze"
            | "die"
            | "dat"
            | "zijn"
            | "haar"
            | "hun"
            | "ons"
            | "onze"
            | "'t"
            | "the"
            | "a"
            | "an"
            | "elke"
            | "ieder"
            | "iedere"
    )
}

pub(crate) fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "op"
            | "van"
            | "met"
            | "voor"
            | "door"
            | "aan"
            | "bij"
            | "uit"
            | "naar"
            | "over"
            | "tegen"
            | "om"
            | "tot"
            | "na"
            | "onder"
            | "zonder"
            | "sinds"
            | "tijdens"
            | "vanwege"
            | "volgens"
            | "wegens"
            | "binnen"
            | "buiten"
            | "langs"
            | "achter"
            | "naast"
            | "tussen"
            | "rond"
            | "per"
            | "en"
            | "of"
    )
}

fn temporal_conjunction(w: &str) -> bool {
    matches!(
        w,
        "toen"
            | "nadat"
            | "voordat"
            | "vooraleer"
            | "terwijl"
            | "zodra"
            | "wanneer"
            | "totdat"
            | "zolang"
            | "alvorens"
            | "when"
            | "while"
            | "whilst"
            | "once"
    )
}

fn adverbial_conjunction(w: &str) -> bool {
    matches!(
        w,
        "omdat"
            | "doordat"
            | "hoewel"
            | "ofschoon"
            | "zodat"
            | "opdat"
            | "indien"
            | "mits"
            | "tenzij"
            | "alsof"
            | "aangezien"
            | "because"
            | "although"
            | "unless"
    )
}

fn relative_word(w: &str) -> bool {
    matches!(
        w,
        "die"
            | "wie"
            | "welke"
            | "waar"
            | "waarin"
            | "waarop"
            | "waarbij"
            | "waardoor"
            | "waarmee"
            | "waaraan"
            | "waarvan"
            | "waarna"
            | "waaruit"
            | "waarover"
            | "waartegen"
            | "who"
            | "which"
            | "where"
            | "whose"
    )
}

fn previous_content(words: &[Word], i: usize) -> Option<usize> {
    (0..i)
        .rev()
        .find(|&j| !words[j].is_punct() || words[j].is(","))
}

/// Does the word at `i` open a subordinate clause, and of which kind?
/// `sentence_initial`: only punctuation other than commas comes before `i`.
fn opener(doc: &Document, words: &[Word], i: usize, sentence_initial: bool) -> Option<ClauseKind> {
    let w = words[i].lower.as_str();
    if let Some(tok) = token_of(doc, &words[i]).filter(|t| !t.upos.is_empty()) {
        if tok.feats.contains("PronType=Rel")
            || (tok.upos == "PRON" && relative_word(w) && !sentence_initial)
        {
            return Some(ClauseKind::Relative);
        }
        if tok.upos != "SCONJ" {
            return None;
        }
        let after_noun = i.checked_sub(1).is_some_and(|p| {
            let prev = words[p].lower.as_str();
            // `zei maandag dat`: a time word is no antecedent, whatever its tag.
            let time_word = lexicon::weekday(prev).is_some()
                || lexicon::month(prev).is_some()
                || lexicon::relative_day(prev).is_some()
                || lexicon::unit(prev).is_some()
                || lexicon::present(prev);
            !time_word
                && token_of(doc, &words[p])
                    .is_some_and(|t| matches!(t.upos.as_str(), "NOUN" | "PROPN"))
        });
        return Some(if temporal_conjunction(w) {
            ClauseKind::Temporal
        } else if matches!(w, "dat" | "that") && (after_noun || ends_noun_phrase(words, i)) {
            // Taggers often call a relative `dat` a conjunction.
            ClauseKind::Relative
        } else if matches!(w, "dat" | "of" | "that" | "whether") {
            ClauseKind::Complement
        } else {
            ClauseKind::Adverbial
        });
    }
    if temporal_conjunction(w) {
        return Some(ClauseKind::Temporal);
    }
    if adverbial_conjunction(w) {
        return Some(ClauseKind::Adverbial);
    }
    let prev = previous_content(words, i);
    let after_comma = prev.is_some_and(|p| words[p].is(","));
    if w == "als" && (sentence_initial || after_comma) {
        return Some(ClauseKind::Adverbial);
    }
    if sentence_initial {
        return None;
    }
    let prev_word = prev.map(|p| words[p].lower.as_str()).unwrap_or("");
    if is_preposition(prev_word) || (is_determiner(prev_word) && prev_word != "die") {
        return None;
    }
    if relative_word(w) || (w == "wat" && after_comma) {
        return Some(ClauseKind::Relative);
    }
    if w == "dat" || w == "that" {
        // Modern Dutch puts no comma before a complement `dat`.
        return Some(if after_comma || ends_noun_phrase(words, i) {
            ClauseKind::Relative
        } else {
            ClauseKind::Complement
        });
    }
    None
}

/// `een bestand dat`, `het opgeflakkerde conflict, dat`: a determiner shortly
/// before the word preceding `dat` marks a noun phrase, so `dat` is relative.
fn ends_noun_phrase(words: &[Word], i: usize) -> bool {
    let Some(mut head) = i.checked_sub(1) else {
        return false;
    };
    if words[head].is(",") {
        let Some(h) = head.checked_sub(1) else {
            return false;
        };
        head = h;
    }
    let at = |k: Option<usize>| {
        k.and_then(|k| words.get(k))
            .map(|w| w.lower.as_str())
            .unwrap_or("")
    };
    let one_before = at(head.checked_sub(1));
    let two_before = at(head.checked_sub(2));
    is_determiner(one_before) || (one_before.ends_with('e') && is_determiner(two_before))
}

/// Split a sentence's words into clauses by subordinators and punctuation,
/// using UPOS and `PronType=Rel` when the tagger has run. (Dependency trees
/// are used in `attach` as positive evidence only: a parser that makes a
/// relative clause the root would otherwise date the main event by it.)
pub(crate) fn segment(doc: &Document, words: &[Word]) -> Clauses {
    segment_by_words(doc, words)
}

fn segment_by_words(doc: &Document, words: &[Word]) -> Clauses {
    crate::work::add(words.len());
    let mut clauses = vec![Clause {
        kind: ClauseKind::Main,
        parent: None,
    }];
    let mut stack = vec![0usize];
    let mut of_word = Vec::with_capacity(words.len());
    let mut pending_close = false;
    // Index of the first word that is no punctuation (or is a comma).
    let first_content = words
        .iter()
        .position(|w| !w.is_punct() || w.is(","))
        .unwrap_or(words.len());
    for i in 0..words.len() {
        let w = &words[i];
        if w.is_punct() {
            if matches!(w.lower.as_str(), ";" | ":") {
                stack.truncate(1);
            } else if w.is_clause_punct() {
                pending_close = true;
            }
            of_word.push(*stack.last().unwrap_or(&0));
            continue;
        }
        let kind = opener(doc, words, i, i <= first_content);
        if pending_close {
            pending_close = false;
            if stack.len() > 1 {
                stack.pop();
            }
        }
        if let Some(kind) = kind {
            let parent = *stack.last().unwrap_or(&0);
            clauses.push(Clause {
                kind,
                parent: Some(parent),
            });
            stack.push(clauses.len() - 1);
        }
        of_word.push(*stack.last().unwrap_or(&0));
    }
    let mut members = vec![Vec::new(); clauses.len()];
    for (i, &c) in of_word.iter().enumerate() {
        if let Some(m) = members.get_mut(c) {
            m.push(i);
        }
    }
    let tenses = vec![std::cell::OnceCell::new(); clauses.len()];
    Clauses {
        of_word,
        clauses,
        members,
        tenses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::split;

    fn doc(text: &str) -> Document {
        Document {
            text: text.to_string(),
            ..Default::default()
        }
    }

    fn clause_of(text: &str, word: &str) -> (Clauses, usize) {
        let words = split(text, 0, text.len());
        let d = doc(text);
        let c = segment(&d, &words);
        let i = words.iter().position(|w| w.lower == word).unwrap();
        let clause = c.of_word[i];
        (c, clause)
    }

    #[test]
    fn relative_clause_is_closed_by_its_comma() {
        let text = "Georgië, dat in 1991 onafhankelijk werd, viel gisteren een buurland aan.";
        let (c, rel) = clause_of(text, "1991");
        let (_, main) = clause_of(text, "gisteren");
        assert_eq!(c.kind(rel), ClauseKind::Relative);
        assert_eq!(main, 0);
        assert_ne!(rel, main);
    }

    #[test]
    fn demonstratives_open_no_clause() {
        let text = "Die drie soldaten kwamen tegen dat verbod in opstand.";
        let words = split(text, 0, text.len());
        let c = segment(&doc(text), &words);
        assert!(c.of_word.iter().all(|&k| k == 0));
    }

    #[test]
    fn temporal_and_complement_clauses() {
        let text = "Hij zei dat Chili protesteerde toen de grens dichtging.";
        let (c, dat) = clause_of(text, "chili");
        let (_, toen) = clause_of(text, "grens");
        assert_eq!(c.kind(dat), ClauseKind::Complement);
        assert_eq!(c.kind(toen), ClauseKind::Temporal);
        assert!(c.is_ancestor(dat, toen));
    }
}
