//! Small closed word lists that the line joiner and the sentence splitter
//! consult. They are lists of grammatical words and abbreviations of Dutch
//! (plus the commonest English ones), never content words of any document.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// Words after which no sentence ends: articles, determiners, prepositions,
/// conjunctions. A line ending in one of them runs on. Lowercase.
#[rustfmt::skip]
const NEVER_FINAL: &[&str] = &[
    "de", "het", "een", "'t", "deze", "dit", "die", "dat", "elk", "elke", "ieder", "iedere",
    "geen", "alle", "enkele", "sommige", "welke", "welk", "zo'n", "zulke", "zulk", "beide",
    "diens", "wiens", "wier", "hun", "mijn", "jouw", "uw", "onze", "hetzelfde", "dezelfde", "met",
    "naar", "naast", "per", "rondom", "sinds", "tot", "tussen", "van", "vanaf", "vanuit", "via",
    "zonder", "jegens", "volgens", "omtrent", "wegens", "ondanks", "tijdens", "dankzij", "behalve",
    "betreffende", "namens", "nabij", "richting", "tegenover", "vanwege", "inzake", "omwille",
    "te", "en", "of", "maar", "want", "dus", "als", "omdat", "terwijl", "wanneer", "hoewel",
    "zodat", "doordat", "nadat", "voordat", "toen", "indien", "tenzij", "zoals", "noch", "alsof",
    "opdat", "zodra", "totdat", "sedert", "mits", "ofwel", "waarin", "waarop", "waarmee",
    "waarvan", "waardoor", "waarbij", "welks", "the", "a", "an", "to", "and", "or", "but", "for",
    "with", "on", "at", "by", "from", "that", "which", "who", "whose", "its", "their", "his",
    "her", "our", "into", "than", "as", "this", "these", "those", "about", "after", "before",
    "between", "under", "against", "during", "without", "within",
];

/// Grammatical words that rarely end a sentence but may end a headline
/// (`Wat Poetin nog wil`, `Spanning loopt op`): auxiliaries, pronouns,
/// adverbs, prepositions that double as verb particles. Lowercase.
#[rustfmt::skip]
const RARELY_FINAL: &[&str] = &[
    "ik", "jij", "je", "hij", "zij", "ze", "wij", "we", "jullie", "u", "men", "zich", "hen", "hem",
    "mij", "me", "wie", "wat", "waar", "er", "daar", "hier", "is", "was", "waren", "wordt",
    "worden", "werd", "werden", "heeft", "hebben", "had", "hadden", "zal", "zullen", "zou",
    "zouden", "kan", "kunnen", "kon", "konden", "moet", "moeten", "moest", "moesten", "mag",
    "mogen", "mocht", "wil", "willen", "wilde", "wilden", "ben", "bent", "blijft", "blijven",
    "bleef", "lijkt", "leek", "niet", "ook", "nog", "al", "wel", "zeer", "zo", "meer", "minder",
    "heel", "erg", "nu", "pas", "reeds", "toch", "zelfs", "slechts", "enkel", "alleen", "bijna",
    "ruim", "circa", "ongeveer", "are", "were", "has", "have", "will", "would", "can", "could",
    "should", "be", "been", "not", "haar", "zijn", "ons", "aan", "achter", "bij", "binnen",
    "boven", "buiten", "door", "in", "na", "om", "onder", "op", "over", "rond", "tegen", "uit",
    "voor", "langs", "dan",
];

/// Capitalised forms of these begin a sentence when they open a line that
/// follows a line without final punctuation (after a title or a subhead).
/// Lowercase; the caller checks that the word is capitalised in the text.
#[rustfmt::skip]
const SENTENCE_OPENERS: &[&str] = &[
    "de", "het", "een", "deze", "dit", "die", "dat", "in", "op", "bij", "met", "voor", "na",
    "naar", "door", "uit", "tot", "tegen", "over", "onder", "sinds", "tijdens", "volgens",
    "ondanks", "maar", "en", "of", "want", "dus", "als", "toen", "terwijl", "omdat", "nadat",
    "hoewel", "ook", "zo", "er", "daar", "hier", "nu", "toch", "wel", "nog", "niet", "hij", "zij",
    "ze", "we", "wij", "ik", "u", "je", "jij", "men", "hun", "zijn", "haar", "wat", "wie", "waar",
    "waarom", "hoe", "wanneer", "welke", "daarnaast", "bovendien", "daarom", "daarbij", "intussen",
    "inmiddels", "ondertussen", "vooral", "zeker", "alle", "geen", "elke", "iedere", "veel",
    "vorige", "volgende", "the", "a", "an", "but", "and", "this", "these", "he", "she", "they",
    "it", "there", "when", "after", "while",
];

/// Abbreviations written with a final period, lowercase, without that period.
/// The period belongs to the token and does not end the sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "o.a", "dhr", "mr", "mrs", "ms", "bijv", "bv", "d.w.z", "m.a.w", "ca", "nr", "nrs", "prof",
    "dr", "drs", "ir", "ing", "mevr", "mw", "blz", "pag", "jl", "e.d", "i.p.v", "enz", "etc",
    "o.m", "t.o.v", "v.chr", "n.chr", "zgn", "incl", "excl", "m.b.t", "i.v.m", "a.s", "z.g.a.n",
    "resp", "evt", "vgl", "vs", "st", "sr", "jr", "gen", "lt", "kol", "kapt", "mgr", "ds", "e.a",
    "max", "mld", "mln", "mrd", "aug", "sept", "okt", "nov", "dec", "feb", "apr", "afb", "fig",
    "z.s.m", "a.u.b", "s.v.p", "n.a.v", "m.i.v", "i.s.m", "e.g", "i.e", "cf", "inc", "ltd", "corp",
    "u.s", "u.k", "gov", "approx",
];

/// Abbreviations that may also close a sentence (`..., auto's enz. De ...`).
const SENTENCE_FINAL_ABBREVIATIONS: &[&str] = &["enz", "etc", "e.d", "e.a", "jl", "inc", "ltd"];

type WordSet = LazyLock<FxHashSet<&'static [u8]>>;

static NEVER_FINAL_SET: WordSet =
    LazyLock::new(|| NEVER_FINAL.iter().map(|w| w.as_bytes()).collect());
static RARELY_FINAL_SET: WordSet =
    LazyLock::new(|| RARELY_FINAL.iter().map(|w| w.as_bytes()).collect());
static OPENER_SET: WordSet =
    LazyLock::new(|| SENTENCE_OPENERS.iter().map(|w| w.as_bytes()).collect());
static ABBREVIATION_SET: WordSet =
    LazyLock::new(|| ABBREVIATIONS.iter().map(|w| w.as_bytes()).collect());
static FINAL_ABBREVIATION_SET: WordSet = LazyLock::new(|| {
    SENTENCE_FINAL_ABBREVIATIONS
        .iter()
        .map(|w| w.as_bytes())
        .collect()
});

/// Longest word in any list, in bytes.
const MAX_WORD_BYTES: usize = 24;

/// Looks `word` up case-insensitively (ASCII), reading a typographic
/// apostrophe as `'` (`zo’n`), without allocating for ASCII words.
fn in_list(list: &FxHashSet<&'static [u8]>, word: &str) -> bool {
    if !word.is_ascii() {
        if !word.contains('\u{2019}') {
            return false; // every listed word is ASCII
        }
        let normalised = word.replace('\u{2019}', "'");
        return normalised.is_ascii() && in_list(list, &normalised);
    }
    let bytes = word.as_bytes();
    if bytes.len() > MAX_WORD_BYTES {
        return false;
    }
    let mut buf = [0u8; MAX_WORD_BYTES];
    for (dst, &b) in buf.iter_mut().zip(bytes) {
        *dst = b.to_ascii_lowercase();
    }
    list.contains(&buf[..bytes.len()])
}

/// Any grammatical word: articles, prepositions, conjunctions, pronouns,
/// auxiliaries, particles.
pub(crate) fn is_function_word(word: &str) -> bool {
    is_never_final(word) || in_list(&RARELY_FINAL_SET, word)
}

/// A word after which no sentence (and no headline) ends.
pub(crate) fn is_never_final(word: &str) -> bool {
    in_list(&NEVER_FINAL_SET, word)
}

/// A capitalised grammatical word that typically opens a sentence.
pub(crate) fn is_capitalised_opener(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).all(|c| !c.is_uppercase())
        && in_list(&OPENER_SET, word)
}

/// `word` is given without its final period.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    in_list(&ABBREVIATION_SET, word)
}

pub(crate) fn is_sentence_final_abbreviation(word: &str) -> bool {
    in_list(&FINAL_ABBREVIATION_SET, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_match_case_insensitively() {
        assert!(is_function_word("En"));
        assert!(is_function_word("tussen"));
        assert!(!is_function_word("Moskou"));
        assert!(is_capitalised_opener("Het"));
        assert!(!is_capitalised_opener("het"));
        assert!(!is_capitalised_opener("HET"));
        assert!(is_abbreviation("Dhr"));
        assert!(is_abbreviation("d.w.z"));
        assert!(!is_abbreviation("juni"));
        assert!(is_function_word("zo’n"));
        assert!(is_never_final("tussen") && !is_never_final("wil") && !is_never_final("op"));
        assert!(is_function_word("wil"));
    }
}
