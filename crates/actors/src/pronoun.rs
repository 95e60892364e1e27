//! Subject pronouns and `het land`, by a simple salience rule:
//!
//! - `hij` wants a person; `het land` wants a state; `zij`/`ze` want a
//!   person or a collective (`de regering ... ze`, `Azerbeidzjaanse troepen
//!   ... waar ze`, `de EU ... ze`), only a collective before a plural verb
//!   (`ze sturen`, or `Number=Plur` from the tagger). A plural without a
//!   collective takes the first state of a pair `X en Y` (rule
//!   `pronoun-coordination`): a mention holds one actor.
//! - `de alliantie`, `het bondgenootschap`, `de organisatie` take the most
//!   recent organisation (same sentence, else the previous one).
//! - A demonstrative before a cue noun (`die tweeduizend militairen`,
//!   `deze regering`) takes the most recent mention with that sector.
//! - Possessive pronouns (`zijn`, `haar`, `hun`) only when the tagger marks
//!   them `Poss=Yes`, since `zijn` is also a verb.
//! - Candidates are the linked mentions of the right type earlier in the
//!   same sentence; when there are none, those of the previous sentence.
//! - A grammatical subject wins: deprel `nsubj*` when the parser ran,
//!   otherwise the first candidate not governed by a preposition (the first
//!   mention of a Dutch sentence is usually its subject). Failing that, the
//!   nearest candidate in the same sentence or the first of the previous one.

use kroniek_model::{MentionKind, Span, Token};

use crate::link::{CueHit, Linked, Linker, Referent, Word};
use crate::normalize::fold;
use crate::registry::Registry;

pub(crate) fn resolve(
    linker: &mut Linker,
    sentence: u32,
    words: &[Word],
    sentence_start: usize,
    previous_start: usize,
) {
    for (i, word) in words.iter().enumerate() {
        const PERSON: &[Referent] = &[Referent::Person];
        const SINGULAR: &[Referent] = &[
            Referent::Person,
            Referent::Collective,
            Referent::Organisation,
        ];
        const PLURAL: &[Referent] = &[Referent::Collective, Referent::Organisation];
        const STATE: &[Referent] = &[Referent::State];
        const ORGANISATION: &[Referent] = &[Referent::Organisation];
        let possessive = || is_possessive_pronoun(linker, word);
        let (wanted, last_word, kind) = match word.folded {
            "hij" | "he" | "she" => (PERSON, i, MentionKind::Pronoun),
            "zij" | "ze" if plural_subject(linker, words, i) => (PLURAL, i, MentionKind::Pronoun),
            "zij" | "ze" => (SINGULAR, i, MentionKind::Pronoun),
            "het" | "the" if is_country_phrase(words, i) => (STATE, i + 1, MentionKind::Nominal),
            "de" | "het" | "the" if is_organisation_phrase(words, i) => {
                (ORGANISATION, i + 1, MentionKind::Nominal)
            }
            "zijn" | "his" if possessive() => (PERSON, i, MentionKind::Pronoun),
            "haar" | "her" if possessive() => (SINGULAR, i, MentionKind::Pronoun),
            "hun" | "their" if possessive() => (PLURAL, i, MentionKind::Pronoun),
            _ => continue,
        };
        let span = Span::new(word.start, words[last_word].end);
        if linker.done()[sentence_start..]
            .iter()
            .any(|l| l.mention.span.overlaps(span))
        {
            continue;
        }
        let mut rule = if kind == MentionKind::Pronoun {
            "pronoun"
        } else {
            "anaphor"
        };
        let mut confidence = 0.6;
        let picked = if wanted == ORGANISATION {
            nearest(linker, wanted, word.start, sentence_start, previous_start)
        } else {
            pick(linker, wanted, word.start, sentence_start, previous_start)
        };
        let mut antecedent = picked.map(|(i, _)| i);
        let no_subject = picked.is_none_or(|(_, subject)| !subject);
        if no_subject
            && wanted == PLURAL
            && let Some(first) =
                coordinated_states(linker, word.start, sentence_start, previous_start)
        {
            // `Armenië en Azerbeidzjan ... Ze sturen`: one mention holds one
            // actor, so the plural takes the first conjunct.
            antecedent = Some(first);
            rule = "pronoun-coordination";
            confidence = 0.4;
        }
        let Some(antecedent) = antecedent else {
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
        mention.rule = rule.to_string();
        mention.confidence = confidence;
        linker.push(Linked { mention, referent });
    }
}

/// Words that make [`resolve`] look for an antecedent (`hij`, `het land`,
/// `de alliantie`): only a sentence with one of them (or a possessive, or
/// a demonstrative before a cue word) can take its referents from the
/// previous sentence, so only then does the previous sentence's parse
/// matter to it.
const REFERRING_WORDS: [&str; 15] = [
    "hij",
    "zij",
    "ze",
    "he",
    "she",
    "they",
    "land",
    "country",
    "alliantie",
    "organisatie",
    "bondgenootschap",
    "verbond",
    "alliance",
    "organisation",
    "organization",
];

/// Possessive pronouns, which are also verbs or objects (`zijn`, `haar`).
const POSSESSIVES: [&str; 6] = ["zijn", "haar", "hun", "his", "her", "their"];

/// The demonstratives of [`demonstratives`] (`die militairen`).
const DEMONSTRATIVES: [&str; 6] = ["die", "deze", "dit", "dat", "these", "those"];

/// Tokens after a demonstrative in which its cue word may start: the
/// linker allows three words, and punctuation tokens are no words.
const DEMONSTRATIVE_REACH: usize = 6;

impl Registry {
    /// Whether some word of a sentence may be linked to a mention of the
    /// previous sentence: a superset of what [`resolve`] and
    /// [`demonstratives`] act on.
    pub fn may_refer_back(&self, text: &str, tokens: &[Token]) -> bool {
        let is =
            |t: &Token, list: &[&str]| list.iter().any(|w| t.form(text).eq_ignore_ascii_case(w));
        tokens.iter().enumerate().any(|(i, t)| {
            if is(t, &POSSESSIVES) {
                // As `resolve` takes them: only with the tagger's `Poss=Yes`.
                return matches!(t.upos.as_str(), "PRON" | "DET") && t.feats.contains("Poss=Yes");
            }
            if is(t, &DEMONSTRATIVES) {
                return tokens
                    .iter()
                    .skip(i + 1)
                    .take(DEMONSTRATIVE_REACH)
                    .any(|next| self.cue_first_words.contains(&fold(next.form(text))));
            }
            is(t, &REFERRING_WORDS)
        })
    }
}

/// A possessive pronoun by the tagger's features (`zijn` is also the verb `to be`).
fn is_possessive_pronoun(linker: &Linker, word: &Word) -> bool {
    linker
        .token_at(word.start)
        .is_some_and(|t| matches!(t.upos.as_str(), "PRON" | "DET") && t.feats.contains("Poss=Yes"))
}

/// The first state of a pair `X en Y` in the same sentence before `before`,
/// else in the previous sentence.
fn coordinated_states(
    linker: &Linker,
    before: usize,
    sentence_start: usize,
    previous_start: usize,
) -> Option<usize> {
    let done = linker.done();
    let text = &linker.doc().text;
    let is_state =
        |i: usize| done[i].referent == Referent::State && done[i].mention.actor_id.is_some();
    let pair_in = |range: std::ops::Range<usize>| {
        let states: Vec<usize> = range
            .filter(|&i| is_state(i) && (done[i].mention.span.end as usize) <= before)
            .collect();
        states.windows(2).find_map(|w| {
            let between = text
                .get(done[w[0]].mention.span.end as usize..done[w[1]].mention.span.start as usize)
                .unwrap_or("")
                .trim();
            matches!(between, "en" | "and").then_some(w[0])
        })
    };
    pair_in(sentence_start..done.len()).or_else(|| pair_in(previous_start..sentence_start))
}

/// `de alliantie`, `het bondgenootschap`, `de organisatie`, `the alliance`.
fn is_organisation_phrase(words: &[Word], i: usize) -> bool {
    words.get(i + 1).is_some_and(|next| {
        matches!(
            (words[i].folded, next.folded),
            ("de", "alliantie" | "organisatie")
                | ("het", "bondgenootschap" | "verbond")
                | ("the", "alliance" | "organisation" | "organization")
        )
    })
}

/// The most recent candidate: earlier in the sentence, else the last of the
/// previous sentence (`de CSTO ... de alliantie`).
fn nearest(
    linker: &Linker,
    wanted: &[Referent],
    before: usize,
    sentence_start: usize,
    previous_start: usize,
) -> Option<(usize, bool)> {
    let done = linker.done();
    let fits =
        |&i: &usize| wanted.contains(&done[i].referent) && done[i].mention.actor_id.is_some();
    (sentence_start..done.len())
        .rev()
        .filter(fits)
        .find(|&i| (done[i].mention.span.end as usize) <= before)
        .or_else(|| (previous_start..sentence_start).rev().find(fits))
        .map(|i| (i, false))
}

/// `het land` / `the country`, unless an apposition names it (`het land, Rusland`).
fn is_country_phrase(words: &[Word], i: usize) -> bool {
    let Some(next) = words.get(i + 1) else {
        return false;
    };
    if !matches!(next.folded, "land" | "country") {
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

/// The antecedent and whether it was chosen as a subject.
fn pick(
    linker: &Linker,
    wanted: &[Referent],
    before: usize,
    sentence_start: usize,
    previous_start: usize,
) -> Option<(usize, bool)> {
    let done = linker.done();
    let fits =
        |i: &usize| wanted.contains(&done[*i].referent) && done[*i].mention.actor_id.is_some();
    let same: Vec<usize> = (sentence_start..done.len())
        .filter(fits)
        .filter(|&i| (done[i].mention.span.end as usize) <= before)
        .collect();
    if !same.is_empty() {
        return subject(linker, &same)
            .map(|i| (i, true))
            .or_else(|| same.last().map(|&i| (i, false)));
    }
    let previous: Vec<usize> = (previous_start..sentence_start).filter(fits).collect();
    subject(linker, &previous)
        .map(|i| (i, true))
        .or_else(|| previous.first().map(|&i| (i, false)))
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

/// `Die ruim tweeduizend militairen`, `deze regering`: a demonstrative (not
/// `dat`, mostly a conjunction), up to two words, then a cue noun that is not part of a phrase; the most
/// recent collective with the cue's sector (same sentence, else the
/// previous one) is meant.
pub(crate) fn demonstratives(
    linker: &mut Linker,
    sentence: u32,
    words: &[Word],
    cues: &[CueHit],
    sentence_start: usize,
    previous_start: usize,
) {
    for cue in cues {
        let Some(cue_word) = words
            .iter()
            .position(|w| w.start == cue.span.start as usize)
        else {
            continue;
        };
        let Some(demonstrative) = (cue_word.saturating_sub(3)..cue_word).find(|&i| {
            matches!(
                words[i].folded,
                "die" | "deze" | "dit" | "dat" | "these" | "those"
            )
        }) else {
            continue;
        };
        // `die ruim tweeduizend militairen`, not the relative `die de regering steunt`
        let between_are_modifiers = words[demonstrative + 1..cue_word].iter().all(|w| {
            !w.text.chars().next().is_some_and(char::is_uppercase) && !ARTICLES.contains(&w.folded)
        });
        if !between_are_modifiers {
            continue;
        }
        let done = linker.done();
        let fits = |&i: &usize| {
            done[i].referent == Referent::Collective
                && done[i].mention.actor_id.is_some()
                && done[i].mention.sector.as_deref() == Some(cue.sector.as_str())
        };
        let before = words[demonstrative].start;
        let antecedent = (sentence_start..done.len())
            .rev()
            .filter(fits)
            .find(|&i| (done[i].mention.span.end as usize) <= before)
            .or_else(|| (previous_start..sentence_start).rev().find(fits));
        let Some(antecedent) = antecedent else {
            continue;
        };
        let span = Span::new(words[demonstrative].start, cue.span.end as usize);
        let source = done[antecedent].mention.clone();
        let mut mention = linker.bare_mention(sentence, span, MentionKind::Nominal);
        mention.actor_id = source.actor_id;
        mention.name = source.name;
        mention.code = source.code;
        mention.sector = source.sector;
        mention.office = source.office;
        mention.rule = "anaphor".to_string();
        mention.confidence = 0.6;
        linker.push(Linked {
            mention,
            referent: Referent::Collective,
        });
    }
}

#[cfg(test)]
mod refer_back_tests {
    use super::*;
    use kroniek_model::Span;

    /// Tokens of space-separated words; `word/POS/feats` sets the tags.
    fn sentence(words: &str) -> (String, Vec<Token>) {
        let mut text = String::new();
        let mut tokens = Vec::new();
        for w in words.split(' ') {
            let mut parts = w.split('/');
            let form = parts.next().unwrap_or_default();
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(form);
            let mut token = Token::new(Span::new(start, text.len()));
            token.upos = parts.next().unwrap_or_default().into();
            token.feats = parts.next().unwrap_or_default().into();
            tokens.push(token);
        }
        (text, tokens)
    }

    #[test]
    fn only_words_the_linker_resolves_refer_back() {
        let registry = Registry::builtin().expect("registry");
        let refers = |words: &str| {
            let (text, tokens) = sentence(words);
            registry.may_refer_back(&text, &tokens)
        };
        assert!(refers("Hij vertrok gisteren"));
        assert!(refers("Het land sloot de grens"));
        // A demonstrative counts before a cue word, not as a conjunction.
        assert!(refers("Die twee militairen werden vrijgelaten"));
        assert!(!refers("Ik denk dat het regent"));
        // `zijn` is a possessive only with the tagger's feature.
        assert!(refers("zijn/DET/Poss=Yes|PronType=Prs boek lag daar"));
        assert!(!refers("De boeken zijn/AUX/Mood=Ind nat"));
    }
}
