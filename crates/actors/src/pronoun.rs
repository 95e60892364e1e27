//! Subject pronouns and `het land`, by a simple salience rule:
//!
//! - `hij` wants a person; `het land` wants a state; `zij`/`ze` want a
//!   person or a collective (`de regering ... ze`, `Azerbeidzjaanse troepen
//!   ... waar ze`, `de EU ... ze`), only a collective before a plural verb
//!   (`ze sturen`, or `Number=Plur` from the tagger).
//! - Candidates are the linked mentions of the right type earlier in the
//!   same sentence; when there are none, those of the previous sentence.
//! - A grammatical subject wins: deprel `nsubj*` when the parser ran,
//!   otherwise the first candidate not governed by a preposition (the first
//!   mention of a Dutch sentence is usually its subject). Failing that, the
//!   nearest candidate in the same sentence or the first of the previous one.

use kroniek_model::{MentionKind, Span};

use crate::link::{Linked, Linker, Referent, Word};

pub(crate) fn resolve(
    linker: &mut Linker,
    sentence: u32,
    words: &[Word],
    sentence_start: usize,
    previous_start: usize,
) {
    for (i, word) in words.iter().enumerate() {
        const PERSON: &[Referent] = &[Referent::Person];
        const SINGULAR: &[Referent] = &[Referent::Person, Referent::Collective];
        const PLURAL: &[Referent] = &[Referent::Collective];
        const STATE: &[Referent] = &[Referent::State];
        let (wanted, last_word, kind) = match word.folded.as_str() {
            "hij" | "he" | "she" => (PERSON, i, MentionKind::Pronoun),
            "zij" | "ze" if plural_subject(linker, words, i) => (PLURAL, i, MentionKind::Pronoun),
            "zij" | "ze" => (SINGULAR, i, MentionKind::Pronoun),
            "het" | "the" if is_country_phrase(words, i) => (STATE, i + 1, MentionKind::Nominal),
            _ => continue,
        };
        let span = Span::new(word.start, words[last_word].end);
        if linker.done()[sentence_start..]
            .iter()
            .any(|l| l.mention.span.overlaps(span))
        {
            continue;
        }
        let Some(antecedent) = pick(linker, wanted, word.start, sentence_start, previous_start)
        else {
            continue;
        };
        let source = linker.done()[antecedent].mention.clone();
        let referent = linker.done()[antecedent].referent;
        let mut mention = linker.bare_mention(sentence, span, kind);
        mention.actor_id = source.actor_id;
        mention.name = source.name;
        mention.code = source.code;
        mention.sector = source.sector;
        mention.office = source.office;
        mention.rule = if kind == MentionKind::Pronoun {
            "pronoun"
        } else {
            "anaphor"
        }
        .to_string();
        mention.confidence = 0.6;
        linker.push(Linked { mention, referent });
    }
}

/// `het land` / `the country`, unless an apposition names it (`het land, Rusland`).
fn is_country_phrase(words: &[Word], i: usize) -> bool {
    let Some(next) = words.get(i + 1) else {
        return false;
    };
    if !matches!(next.folded.as_str(), "land" | "country") {
        return false;
    }
    let named_after = words.get(i + 2).is_some_and(|w| {
        w.text.chars().next().is_some_and(char::is_uppercase) && w.start == next.end + 2
    });
    !named_after
}

fn plural_subject(linker: &Linker, words: &[Word], i: usize) -> bool {
    let plural_feature = |byte: usize| {
        linker
            .token_at(byte)
            .is_some_and(|t| t.feats.contains("Number=Plur"))
    };
    if plural_feature(words[i].start) {
        return true;
    }
    words.get(i + 1).is_some_and(|next| {
        plural_feature(next.start)
            || linker
                .token_at(next.start)
                .is_none_or(|t| t.upos.is_empty())
                && next.folded.ends_with("en")
                && next.text.chars().next().is_some_and(char::is_lowercase)
    })
}

fn pick(
    linker: &Linker,
    wanted: &[Referent],
    before: usize,
    sentence_start: usize,
    previous_start: usize,
) -> Option<usize> {
    let done = linker.done();
    let fits =
        |i: &usize| wanted.contains(&done[*i].referent) && done[*i].mention.actor_id.is_some();
    let same: Vec<usize> = (sentence_start..done.len())
        .filter(fits)
        .filter(|&i| (done[i].mention.span.end as usize) <= before)
        .collect();
    if !same.is_empty() {
        return subject(linker, &same).or_else(|| same.last().copied());
    }
    let previous: Vec<usize> = (previous_start..sentence_start).filter(fits).collect();
    subject(linker, &previous).or_else(|| previous.first().copied())
}

/// The first candidate that is a grammatical subject: by deprel when the
/// parser ran, else the first one not governed by a preposition (`van
/// Erdogan`, `volgens Poetin` are no subjects).
fn subject(linker: &Linker, candidates: &[usize]) -> Option<usize> {
    let doc = linker.doc();
    let parsed = candidates.iter().any(|&i| {
        let m = &linker.done()[i].mention;
        doc.tokens
            .get(m.token_start as usize..m.token_end as usize)
            .is_some_and(|ts| ts.iter().any(|t| !t.deprel.is_empty()))
    });
    candidates.iter().copied().find(|&i| {
        let m = &linker.done()[i].mention;
        if parsed {
            doc.tokens
                .get(m.token_start as usize..m.token_end as usize)
                .is_some_and(|ts| ts.iter().any(|t| t.deprel.starts_with("nsubj")))
        } else {
            !PREPOSITIONS.contains(&word_before(&doc.text, m.span.start as usize).as_str())
        }
    })
}

const PREPOSITIONS: &[&str] = &[
    "van",
    "in",
    "met",
    "aan",
    "op",
    "tot",
    "tegen",
    "voor",
    "door",
    "bij",
    "naar",
    "uit",
    "over",
    "volgens",
    "tussen",
    "zonder",
    "onder",
    "namens",
    "om",
    "dan",
    "of",
    "with",
    "by",
    "to",
    "from",
    "against",
    "for",
    "according",
];

/// The lower-cased word right before byte `at`, looking past articles
/// (`volgens het ministerie` → `volgens`).
fn word_before(text: &str, at: usize) -> String {
    let mut end = at;
    loop {
        let before = text.get(..end).unwrap_or("").trim_end();
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(before.len(), |(i, _)| i);
        let word = before[start..].to_lowercase();
        if !ARTICLES.contains(&word.as_str()) || start == 0 {
            return word;
        }
        end = start;
    }
}

const ARTICLES: &[&str] = &[
    "de", "het", "een", "die", "dit", "deze", "dat", "the", "a", "an",
];
