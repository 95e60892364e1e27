//! Dutch subordinate and relative clauses end in their verb. When the
//! tagger leaves such a clause without any verb, its last word is the verb
//! it took for something else, provided news text uses that word as a verb:
//! `een bestand dat X en Y in 2020 sloten` (`sloten`: ditches, or closed),
//! `nadat de twee landen de grens [sloten]`. A greedy tagger reads `2020
//! sloten` as a number and a plural noun; the clause has no other verb.

use crate::words::lowercase_into;

// Indices into `UPOS` (checked by a test).
pub(crate) const VERB: u8 = 15;
const AUX: u8 = 3;
const NOUN: u8 = 7;
const SCONJ: u8 = 13;
const PRON: u8 = 10;
const PUNCT: u8 = 12;

/// Relative pronouns that open a clause when tagged as pronouns.
const RELATIVES: [&str; 4] = ["die", "dat", "wat", "welke"];

/// Retags the last word of each verbless subordinate clause as a verb when
/// `verb_reading(lowercased form)` says news text uses it as one.
pub(crate) fn verb_for_verbless_clauses(
    forms: &[&str],
    tags: &mut [u8],
    lower: &mut String,
    verb_reading: impl Fn(&str) -> bool,
) {
    let n = forms.len().min(tags.len());
    let mut i = 0;
    while i < n {
        lowercase_into(forms[i], lower);
        let opens = tags[i] == SCONJ
            || (tags[i] == PRON && RELATIVES.contains(&lower.as_str()))
            || (lower.starts_with("waar") && lower.len() > 4);
        if !opens {
            i += 1;
            continue;
        }
        // The clause runs to the next punctuation or the next opener.
        let mut end = i + 1;
        while end < n && tags[end] != PUNCT && tags[end] != SCONJ {
            end += 1;
        }
        let body = i + 1..end;
        let verbless = tags[body.clone()].iter().all(|&t| t != VERB && t != AUX);
        // At least a subject and the verb, so that `dat` as a bare object
        // (`dat zeiden ze`) or a two-word phrase stays as it is.
        if verbless && body.len() >= 2 {
            let last = end - 1;
            lowercase_into(forms[last], lower);
            if tags[last] == NOUN && verb_reading(lower.as_str()) {
                tags[last] = VERB;
            }
        }
        i = end.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::{UPOS, upos_index};

    fn tag(name: &str) -> u8 {
        upos_index(name).expect("a UPOS tag")
    }

    #[test]
    fn the_tag_indices_are_those_of_upos() {
        for (index, name) in [
            (VERB, "VERB"),
            (AUX, "AUX"),
            (NOUN, "NOUN"),
            (SCONJ, "SCONJ"),
            (PRON, "PRON"),
            (PUNCT, "PUNCT"),
        ] {
            assert_eq!(UPOS[usize::from(index)], name);
        }
    }

    fn run(sentence: &str, tags: &[&str], verbs: &[&str]) -> Vec<&'static str> {
        let forms: Vec<&str> = sentence.split(' ').collect();
        let mut t: Vec<u8> = tags.iter().map(|&name| tag(name)).collect();
        let mut lower = String::new();
        verb_for_verbless_clauses(&forms, &mut t, &mut lower, |w| verbs.contains(&w));
        t.iter().map(|&i| UPOS[usize::from(i)]).collect()
    }

    #[test]
    fn a_verbless_clause_ends_in_its_verb() {
        let tags = [
            "DET", "NOUN", "PRON", "PROPN", "CCONJ", "PROPN", "ADP", "NUM", "NOUN", "PUNCT",
        ];
        let out = run(
            "een akkoord dat Peru en Chili in 1929 sloten .",
            &tags,
            &["sloten"],
        );
        assert_eq!(out[8], "VERB");
        // Not when news text never uses the word as a verb.
        let out = run("een akkoord dat Peru en Chili in 1929 sloten .", &tags, &[]);
        assert_eq!(out[8], "NOUN");
    }

    #[test]
    fn clauses_with_a_verb_and_main_clauses_stay() {
        let with_verb = [
            "DET", "NOUN", "PRON", "PROPN", "VERB", "DET", "NOUN", "PUNCT",
        ];
        let out = run(
            "de grens die Chili sloot de sloten .",
            &with_verb,
            &["sloten"],
        );
        assert_eq!(out[6], "NOUN");
        let main = ["DET", "NOUN", "VERB", "NUM", "NOUN", "PUNCT"];
        let out = run("de boer groef twee sloten .", &main, &["sloten"]);
        assert_eq!(out[4], "NOUN");
    }
}
