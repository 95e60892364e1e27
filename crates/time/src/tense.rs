//! Tense of a clause: it decides in which direction a weekday or a month
//! without year points. Parser features (`Tense=Past`) are used when present;
//! otherwise word lists of auxiliaries and strong verbs, and the endings of
//! weak past forms and participles.

use kroniek_model::Document;

use crate::clauses::{is_determiner, is_preposition};
use crate::words::{Shape, Word, token_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Present,
    Future,
    Unknown,
}

fn past_form(w: &str) -> bool {
    matches!(
        w,
        "had"
            | "hadden"
            | "was"
            | "waren"
            | "werd"
            | "werden"
            | "zou"
            | "zouden"
            | "kon"
            | "konden"
            | "moest"
            | "moesten"
            | "wilde"
            | "wilden"
            | "wou"
            | "mocht"
            | "mochten"
            | "ging"
            | "gingen"
            | "kwam"
            | "kwamen"
            | "zei"
            | "zeiden"
            | "bleef"
            | "bleven"
            | "stond"
            | "stonden"
            | "lag"
            | "lagen"
            | "zat"
            | "zaten"
            | "gaf"
            | "gaven"
            | "nam"
            | "namen"
            | "hield"
            | "hielden"
            | "liet"
            | "lieten"
            | "riep"
            | "riepen"
            | "sloeg"
            | "sloegen"
            | "trok"
            | "trokken"
            | "vond"
            | "vonden"
            | "viel"
            | "vielen"
            | "sprak"
            | "spraken"
            | "schreef"
            | "schreven"
            | "zag"
            | "zagen"
            | "kreeg"
            | "kregen"
            | "bracht"
            | "brachten"
            | "dacht"
            | "dachten"
            | "zocht"
            | "zochten"
            | "vocht"
            | "vochten"
            | "trad"
            | "traden"
            | "sloot"
            | "sloten"
            | "koos"
            | "kozen"
            | "bood"
            | "boden"
            | "verbood"
            | "won"
            | "wonnen"
            | "begon"
            | "begonnen"
            | "liep"
            | "liepen"
            | "vloog"
            | "vlogen"
            | "stierf"
            | "stierven"
            | "vroeg"
            | "vroegen"
            | "bleek"
            | "bleken"
            | "greep"
            | "grepen"
            | "droeg"
            | "droegen"
            | "schoot"
            | "schoten"
            | "verscheen"
            | "verschenen"
            | "ontstond"
            | "ontstonden"
            | "besloot"
            | "bezocht"
            | "bezochten"
            | "ontving"
            | "ontvingen"
            | "hing"
            | "deed"
            | "deden"
            | "wist"
            | "wisten"
            | "brak"
            | "braken"
            | "verliet"
            | "verlieten"
            | "vertrok"
            | "vertrokken"
            | "dwong"
            | "dwongen"
            | "streed"
            | "bewees"
            | "verweet"
            | "sprong"
            | "beval"
            | "verbond"
            | "ontsnapte"
            | "wierp"
            | "wierpen"
            | "zweeg"
            | "hief"
            | "las"
            | "were"
            | "did"
            | "said"
            | "went"
            | "came"
            | "took"
            | "gave"
            | "told"
            | "held"
            | "made"
            | "sent"
            | "fought"
            | "began"
            | "struck"
            | "left"
            | "became"
    )
}

fn present_form(w: &str) -> bool {
    matches!(
        w,
        "is" | "zijn"
            | "heeft"
            | "hebben"
            | "hebt"
            | "ben"
            | "wordt"
            | "worden"
            | "kan"
            | "kunnen"
            | "moet"
            | "moeten"
            | "wil"
            | "willen"
            | "mag"
            | "mogen"
            | "gaat"
            | "gaan"
            | "blijft"
            | "blijven"
            | "lijkt"
            | "lijken"
            | "staat"
            | "staan"
            | "ligt"
            | "komt"
            | "komen"
            | "zegt"
            | "zeggen"
            | "noemt"
            | "vindt"
            | "are"
            | "has"
            | "have"
            | "says"
    )
}

fn perfect_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "is" | "zijn" | "heeft" | "hebben" | "hebt" | "ben" | "has" | "have"
    )
}

fn future_marker(w: &str) -> bool {
    matches!(
        w,
        "zal"
            | "zullen"
            | "zult"
            | "zul"
            | "will"
            | "shall"
            | "komende"
            | "aanstaande"
            | "straks"
            | "binnenkort"
    )
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'é' | 'ë' | 'ï')
}

/// Regular (weak) simple past: `noemde`, `beschuldigde`, `ontmoetten`.
/// Adjectives share the ending, so a preceding determiner or adjective vetoes it.
fn weak_past(words: &[Word], i: usize) -> bool {
    let w = words[i].lower.as_str();
    if words[i].shape != Shape::Word || w.chars().count() < 5 || (words[i].capitalised && i > 0) {
        return false;
    }
    let stem = ["den", "ten", "de", "te"]
        .iter()
        .find_map(|s| w.strip_suffix(s));
    let Some(stem) = stem else { return false };
    if w.ends_with("ste") || w.ends_with("sten") {
        return false;
    }
    let Some(last) = stem.chars().last() else {
        return false;
    };
    if is_vowel(last) || last == 'n' || last == 'j' {
        return false;
    }
    let prev = i
        .checked_sub(1)
        .map(|p| words[p].lower.as_str())
        .unwrap_or("");
    !(is_determiner(prev) || is_preposition(prev) || (prev.ends_with('e') && prev.len() > 3))
}

fn participle(w: &str) -> bool {
    const PARTICLES: [&str; 24] = [
        "", "aan", "af", "bij", "door", "in", "mee", "na", "neer", "om", "onder", "op", "over",
        "terug", "toe", "uit", "vast", "voor", "weg", "samen", "los", "tegen", "achter", "teweeg",
    ];
    let ends = w.ends_with('d') || w.ends_with('t') || w.ends_with("en");
    if !ends || w.len() < 5 {
        return false;
    }
    if PARTICLES.iter().any(|p| {
        w.strip_prefix(p)
            .is_some_and(|r| r.starts_with("ge") && r.len() > 4)
    }) {
        return true;
    }
    ["ver", "be", "ont", "her", "er", "onder", "over"]
        .iter()
        .any(|p| w.starts_with(p) && (w.ends_with('d') || w.ends_with('t')))
        || w.ends_with("ed")
}

/// `ontvangen`, `besproken`, `vergeten`: inseparable prefix, strong `-en`.
fn prefixed_strong_participle(w: &str) -> bool {
    w.ends_with("en")
        && w.chars().count() >= 7
        && ["ont", "ver", "be", "her", "er"]
            .iter()
            .any(|p| w.starts_with(p))
}

/// The tense of the given words (one clause, or a whole sentence).
pub(crate) fn tense(doc: &Document, words: &[Word], indices: &[usize]) -> Tense {
    let (mut past, mut present, mut future, mut perfect_aux, mut part) =
        (false, false, false, false, false);
    crate::work::add(indices.len());
    for &i in indices {
        let Some(word) = words.get(i) else { continue };
        let w = word.lower.as_str();
        if future_marker(w) {
            future = true;
        }
        if let Some(tok) = token_of(doc, word).filter(|t| !t.upos.is_empty()) {
            if !matches!(tok.upos.as_str(), "VERB" | "AUX") {
                // Tagged as something else: `vorige`, `mislukte` are no verbs.
                continue;
            }
            if !tok.feats.is_empty() {
                if tok.feats.contains("Tense=Past") {
                    past = true;
                } else if tok.feats.contains("Tense=Pres") {
                    present = true;
                    perfect_aux |= perfect_auxiliary(w);
                } else if tok.feats.contains("VerbForm=Part") {
                    part = true;
                }
                continue;
            }
        }
        if past_form(w) || weak_past(words, i) {
            past = true;
        } else if present_form(w) {
            present = true;
            perfect_aux |= perfect_auxiliary(w);
        } else if participle(w) {
            part = true;
        }
    }
    // `heeft ... ontvangen`: a strong participle with an inseparable prefix
    // looks like an infinitive or a plural, and the tagger may call it one.
    if perfect_aux && !part {
        part = indices.iter().any(|&i| {
            words.get(i).is_some_and(|word| {
                let tagged_verb = token_of(doc, word)
                    .is_none_or(|t| t.upos.is_empty() || matches!(t.upos.as_str(), "VERB" | "AUX"));
                tagged_verb && prefixed_strong_participle(&word.lower)
            })
        });
    }
    if future {
        Tense::Future
    } else if past || (perfect_aux && part) {
        Tense::Past
    } else if present {
        Tense::Present
    } else {
        Tense::Unknown
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

    #[test]
    fn tense_from_words() {
        let cases = [
            ("De premier noemde het besluit onverstandig.", Tense::Past),
            ("Canada had het verdrag eerder getekend.", Tense::Past),
            ("Japan heeft het akkoord ondertekend.", Tense::Past),
            ("Peru zal het verdrag tekenen.", Tense::Future),
            ("Het parlement is het oneens over de wet.", Tense::Present),
            ("De ministers ontmoetten elkaar in Oslo.", Tense::Past),
            ("De Russische grote steden.", Tense::Unknown),
            ("Oslo heeft de delegatie gisteren ontvangen.", Tense::Past),
            ("Chili heeft het voorstel besproken.", Tense::Past),
            ("De delegaties ontvangen elkaar.", Tense::Unknown),
        ];
        for (text, expected) in cases {
            let words = split(text, 0, text.len());
            let all: Vec<usize> = (0..words.len()).collect();
            assert_eq!(tense(&doc(text), &words, &all), expected, "{text}");
        }
    }
}
