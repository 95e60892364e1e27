//! Sentence boundaries over the token stream: after final punctuation (and
//! the closing quotes and brackets attached to it) when the next token can
//! open a sentence, and always at a paragraph break.

use kroniek_model::{Sentence, Span, Token};

use super::tokenize::{Info, Kind};
use crate::chars::{is_closing_quote, is_opening_quote, is_straight_quote, is_terminal};
use crate::lexicon::{is_capitalised_opener, is_sentence_final_abbreviation};

pub(crate) fn split(text: &str, tokens: &[Token], infos: &[Info]) -> Vec<Sentence> {
    let mut sentences = Vec::with_capacity(tokens.len() / 15 + 1);
    let mut start = 0;
    let mut k = 0;
    let first_char = |idx: usize| tokens[idx].span.slice(text).chars().next().unwrap_or(' ');
    let is_terminal_token =
        |idx: usize| infos[idx].kind == Kind::Punct && is_terminal(first_char(idx));
    // A closing quote after final punctuation belongs to the sentence, also
    // when typed with a space before it (`... gewonnen. ''`).
    let is_closer = |idx: usize| {
        let token = tokens[idx].span.slice(text);
        let c = first_char(idx);
        let attached = !infos[idx].space_before && (is_closing_quote(c) || is_straight_quote(c));
        let unambiguous = matches!(token, "''" | "”" | "’" | "»" | "›");
        let free_after = tokens
            .get(idx + 1)
            .is_none_or(|_| infos[idx + 1].space_before);
        infos[idx].kind == Kind::Punct && (attached || (unambiguous && free_after))
    };
    while k < tokens.len() {
        if k > start && infos[k].paragraph_before {
            sentences.push(sentence(tokens, start, k));
            start = k;
        }
        if is_terminal_token(k) {
            let mut m = k + 1;
            while m < tokens.len()
                && !infos[m].paragraph_before
                && (is_terminal_token(m) || is_closer(m))
            {
                m += 1;
            }
            if m == tokens.len()
                || infos[m].paragraph_before
                || opens_sentence(text, tokens, infos, m)
            {
                sentences.push(sentence(tokens, start, m));
                start = m;
            }
            k = m;
            continue;
        }
        if infos[k].kind == Kind::Abbreviation && closes_with_abbreviation(text, tokens, infos, k) {
            sentences.push(sentence(tokens, start, k + 1));
            start = k + 1;
        }
        k += 1;
    }
    if start < tokens.len() {
        sentences.push(sentence(tokens, start, tokens.len()));
    }
    sentences
}

fn sentence(tokens: &[Token], start: usize, end: usize) -> Sentence {
    Sentence {
        span: Span::new(
            tokens[start].span.start as usize,
            tokens[end - 1].span.end as usize,
        ),
        token_start: start as u32,
        token_end: end as u32,
    }
}

/// Whether token `m` can be the first of a sentence: a capital, a digit,
/// a bullet, or an opening quote or `'s`/`'t` before one of those.
fn opens_sentence(text: &str, tokens: &[Token], infos: &[Info], m: usize) -> bool {
    let token = tokens[m].span.slice(text);
    let Some(first) = token.chars().next() else {
        return false;
    };
    if first.is_uppercase() || first.is_ascii_digit() || matches!(first, '-' | '–' | '—' | '•')
    {
        return true;
    }
    let elision = token.chars().count() == 2 && matches!(first, '\'' | '’' | '‘');
    let quote =
        is_opening_quote(first) || is_straight_quote(first) || token == ",," || token == "``";
    if (elision || quote) && m + 1 < tokens.len() && !infos[m + 1].paragraph_before {
        return opens_sentence(text, tokens, infos, m + 1);
    }
    false
}

/// `..., auto's enz. De volgende dag ...`: an abbreviation that may end a
/// sentence does so before a capitalised sentence opener.
fn closes_with_abbreviation(text: &str, tokens: &[Token], infos: &[Info], k: usize) -> bool {
    let word = tokens[k].span.slice(text);
    let stem = word.strip_suffix('.').unwrap_or(word);
    // `V.S.`, `E.U.`: country and organisation initials end sentences too.
    let dotted_acronym = stem.contains('.')
        && stem
            .split('.')
            .all(|s| s.chars().count() == 1 && s.chars().all(char::is_uppercase));
    if !(is_sentence_final_abbreviation(stem) || dotted_acronym) {
        return false;
    }
    let opener = tokens.get(k + 1).is_some_and(|next| {
        !infos[k + 1].paragraph_before && is_capitalised_opener(next.span.slice(text))
    });
    // `J.F. De Gaulle`: an opener followed by a capital is part of a name.
    let name_follows = tokens
        .get(k + 2)
        .is_some_and(|t| t.span.slice(text).starts_with(char::is_uppercase));
    // `enz.` and `etc.` close an enumeration: any capital after them starts anew.
    let enumeration_end = matches!(stem, "enz" | "etc" | "Enz" | "Etc")
        && tokens.get(k + 1).is_some_and(|next| {
            !infos[k + 1].paragraph_before && next.span.slice(text).starts_with(char::is_uppercase)
        });
    enumeration_end || (opener && !(dotted_acronym && name_follows))
}

#[cfg(test)]
mod tests {
    use crate::segment::segment;

    fn sents(text: &str) -> Vec<&str> {
        segment(text).0.iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn splits_at_final_punctuation_before_capitals() {
        assert_eq!(
            sents("De Kamer stemde in. Het kabinet is blij! Wat nu?"),
            ["De Kamer stemde in.", "Het kabinet is blij!", "Wat nu?"]
        );
        assert_eq!(
            sents("Hij kwam in 1991. 30 mensen volgden."),
            ["Hij kwam in 1991.", "30 mensen volgden."]
        );
    }

    #[test]
    fn abbreviations_initials_and_numbers_do_not_split() {
        assert_eq!(
            sents("Dhr. Jansen sprak met o.a. prof. De Vries en J.F. Kennedy. Daarna niets."),
            [
                "Dhr. Jansen sprak met o.a. prof. De Vries en J.F. Kennedy.",
                "Daarna niets."
            ]
        );
        assert_eq!(
            sents("Er vielen 30.000 doden, d.w.z. 2.5 procent. Zie blz. 4."),
            ["Er vielen 30.000 doden, d.w.z. 2.5 procent.", "Zie blz. 4."]
        );
        assert_eq!(
            sents("Ze kochten appels, peren enz. De rest bleef liggen."),
            ["Ze kochten appels, peren enz.", "De rest bleef liggen."]
        );
        assert_eq!(sents("Wat? zei hij verbaasd."), ["Wat? zei hij verbaasd."]);
        assert_eq!(
            sents("Hij woont in de V.S. De reis duurde lang."),
            ["Hij woont in de V.S.", "De reis duurde lang."]
        );
        assert_eq!(
            sents("Ze belde J.F. De Gaulle niet."),
            ["Ze belde J.F. De Gaulle niet."]
        );
        assert_eq!(
            sents("Ze verkopen kaas, melk enz. Boeren klagen."),
            ["Ze verkopen kaas, melk enz.", "Boeren klagen."]
        );
        assert_eq!(
            sents("Het getal heet π. Het is irrationeel."),
            ["Het getal heet π.", "Het is irrationeel."]
        );
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        assert_eq!(
            sents("Ze zei: ‘Het is voorbij.’ Daarna ging ze."),
            ["Ze zei: ‘Het is voorbij.’", "Daarna ging ze."]
        );
        assert_eq!(
            sents("„Komt hij?” vroeg ze. “Nee.” ‘Jammer’, zei ze."),
            ["„Komt hij?” vroeg ze.", "“Nee.”", "‘Jammer’, zei ze."]
        );
        assert_eq!(
            sents("Hij noemde het \"vijandig\". Zij niet."),
            ["Hij noemde het \"vijandig\".", "Zij niet."]
        );
        assert_eq!(
            sents("Hij riep: ‘Zij zei “Nee.”’ Toen viel het stil."),
            ["Hij riep: ‘Zij zei “Nee.”’", "Toen viel het stil."]
        );
        assert_eq!(
            sents("Ze vertrok. ’s Avonds kwam ze terug."),
            ["Ze vertrok.", "’s Avonds kwam ze terug."]
        );
    }

    #[test]
    fn paragraphs_and_list_items() {
        assert_eq!(
            sents("Een titel zonder punt\n\nDe tekst begint hier."),
            ["Een titel zonder punt", "De tekst begint hier."]
        );
        assert_eq!(
            sents("1. Wat gebeurde er? Niets.\n\n2. Waarom niet?"),
            ["1. Wat gebeurde er?", "Niets.", "2. Waarom niet?"]
        );
    }

    #[test]
    fn english_passes() {
        assert_eq!(
            sents("Mr. Smith met Dr. Jones in the U.S. yesterday. They talked."),
            [
                "Mr. Smith met Dr. Jones in the U.S. yesterday.",
                "They talked."
            ]
        );
    }
}
