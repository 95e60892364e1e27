//! Tokeniser for Dutch (and passable English) following UD Dutch
//! conventions: punctuation apart, abbreviations keep their period, numbers,
//! dates, hyphenated compounds, elisions (`auto's`, `z'n`), links and
//! e-mail addresses stay whole, `'s` and `'t` are tokens of their own.

use kroniek_model::{CompactString, Span, Token};

use crate::chars::{is_invisible, is_space, is_word_char, normalised};
use crate::lexicon::is_abbreviation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// A word with its abbreviation period (`dhr.`, `J.F.`).
    Abbreviation,
    /// `1.` opening a paragraph.
    ListMarker,
    Url,
    /// One punctuation or symbol character, or a run of dots or dashes.
    Punct,
}

/// What the sentence splitter needs to know about a token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Info {
    pub(crate) kind: Kind,
    /// Whitespace precedes the token.
    pub(crate) space_before: bool,
    /// A blank line (paragraph break) precedes the token.
    pub(crate) paragraph_before: bool,
}

/// Longest link and e-mail address taken as one token.
const MAX_LINK_BYTES: usize = 2048;
const MAX_EMAIL_BYTES: usize = 254;
/// Longest abbreviation segment before an internal period (`d.w.z`, `J.F`).
const MAX_ABBREVIATION_SEGMENT: usize = 2;
/// Longest segment after an internal period (`v.Chr`).
const MAX_ABBREVIATION_TAIL: usize = 3;

pub(crate) fn tokenize(text: &str) -> (Vec<Token>, Vec<Info>) {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut infos = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    let mut newlines = 0u32;
    let mut space_before = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            newlines += u32::from(b == b'\n');
            space_before = true;
            i += 1;
            continue;
        }
        if b >= 0x80 {
            let c = char_at(text, i);
            if is_space(c) || is_invisible(c) {
                space_before = true;
                i += c.len_utf8();
                continue;
            }
        } else if b < b' ' || b == 0x7f {
            space_before = true;
            i += 1;
            continue;
        }
        let paragraph_before = newlines >= 2 || tokens.is_empty();
        let (end, kind) = scan(text, i, paragraph_before);
        let end = end.max(i + char_at(text, i).len_utf8()).min(bytes.len());
        let mut token = Token::new(Span::new(i, end));
        token.norm = norm_of(&text[i..end]);
        tokens.push(token);
        infos.push(Info {
            kind,
            space_before,
            paragraph_before,
        });
        newlines = 0;
        space_before = false;
        i = end;
    }
    (tokens, infos)
}

/// The character at byte `i` (a char boundary), or a space past the end.
fn char_at(text: &str, i: usize) -> char {
    text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ')
}

fn char_before(text: &str, i: usize) -> char {
    text.get(..i)
        .and_then(|s| s.chars().next_back())
        .unwrap_or(' ')
}

fn starts_with_ignore_case(text: &str, at: usize, prefix: &str) -> bool {
    text.as_bytes()
        .get(at..at + prefix.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// End and kind of the token starting at `i`.
fn scan(text: &str, i: usize, paragraph_start: bool) -> (usize, Kind) {
    let c = char_at(text, i);
    if matches!(c, 'h' | 'H' | 'w' | 'W')
        && ["http://", "https://", "www."]
            .iter()
            .any(|p| starts_with_ignore_case(text, i, p))
    {
        return (link_end(text, i), Kind::Url);
    }
    if matches!(c, '\'' | '’' | '‘')
        && !is_word_char(char_before(text, i))
        && let Some(end) = elision_end(text, i + c.len_utf8())
    {
        return (end, Kind::Word);
    }
    if is_word_char(c) {
        return scan_word(text, i, paragraph_start);
    }
    if matches!(c, '.' | '-') {
        let run = text.as_bytes()[i..]
            .iter()
            .take_while(|&&b| b == c as u8)
            .count();
        return (i + run, Kind::Punct);
    }
    // `,,` and `''` stand for „ and ” in typed and older newspaper text.
    if matches!(c, ',' | '\'' | '`') && text.as_bytes().get(i + 1) == Some(&(c as u8)) {
        return (i + 2, Kind::Punct);
    }
    (i + c.len_utf8(), Kind::Punct)
}

/// `'s`, `'t`, `'n`, `'s-Gravenhage`, `'80` after an apostrophe at `from`.
fn elision_end(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    let first = *b.get(from)?;
    let after = char_at(text, from + 1);
    if matches!(first, b's' | b't' | b'n') && !is_word_char(after) {
        if after == '-' && char_at(text, from + 2).is_uppercase() {
            let (end, _) = scan_word(text, from + 2, false);
            return Some(end);
        }
        return Some(from + 1);
    }
    let two_digits = first.is_ascii_digit() && b.get(from + 1).is_some_and(u8::is_ascii_digit);
    (two_digits && !b.get(from + 2).is_some_and(u8::is_ascii_alphanumeric)).then_some(from + 2)
}

/// A link runs to the next whitespace, minus trailing punctuation and an
/// unbalanced closing parenthesis.
fn link_end(text: &str, i: usize) -> usize {
    let chunk_end = chunk_end(text, i, MAX_LINK_BYTES);
    let mut chunk = &text[i..chunk_end];
    loop {
        let trimmed =
            chunk.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"', '’', '”', '»']);
        let trimmed = if trimmed.ends_with(')')
            && trimmed.matches('(').count() < trimmed.matches(')').count()
        {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == chunk.len() {
            break;
        }
        chunk = trimmed;
    }
    i + chunk.len()
}

fn scan_word(text: &str, i: usize, paragraph_start: bool) -> (usize, Kind) {
    let bytes = text.as_bytes();
    let mut j = i;
    let mut segment_start = i;
    let mut internal_period = false;
    loop {
        while j < bytes.len() {
            let b = bytes[j];
            if b.is_ascii_alphanumeric() {
                j += 1;
            } else if b < 0x80 {
                break;
            } else {
                let c = char_at(text, j);
                if is_word_char(c) || c == '\u{ad}' {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
        }
        if j >= bytes.len() {
            break;
        }
        let c = char_at(text, j);
        let next = char_at(text, j + c.len_utf8());
        let prev = char_before(text, j);
        let joins = match c {
            '-' | '‐' | '‑' => is_word_char(next),
            '\'' | '’' => prev.is_alphanumeric() && next.is_alphabetic(),
            '.' | ',' | ':' if prev.is_ascii_digit() && next.is_ascii_digit() => true,
            '&' => prev.is_uppercase() && next.is_uppercase(),
            '/' => prev.is_alphanumeric() && next.is_alphanumeric(),
            '.' => {
                let short_segment =
                    text[segment_start..j].chars().count() <= MAX_ABBREVIATION_SEGMENT;
                let tail = text[j + 1..]
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .count();
                let joins = prev.is_alphabetic()
                    && short_segment
                    && (1..=MAX_ABBREVIATION_TAIL).contains(&tail);
                internal_period |= joins;
                joins
            }
            '@' | '_' | '+' => {
                if let Some(end) = email_end(text, i) {
                    return (end, Kind::Word);
                }
                false
            }
            _ => false,
        };
        if !joins {
            break;
        }
        j += c.len_utf8();
        segment_start = j;
    }
    if bytes.get(j) == Some(&b'.') {
        if let Some(end) = email_end(text, i) {
            return (end, Kind::Word);
        }
        let word = &text[i..j];
        // An initial (`J.`), or a list letter (`a.`) opening a paragraph.
        let single_letter = word.chars().count() == 1
            && word
                .chars()
                .all(|c| c.is_uppercase() || (paragraph_start && c.is_ascii_lowercase()));
        if internal_period || single_letter || is_abbreviation(word) {
            return (j + 1, Kind::Abbreviation);
        }
        let list_marker = paragraph_start
            && word.len() <= 2
            && word.bytes().all(|b| b.is_ascii_digit())
            && bytes.get(j + 1).is_none_or(|&b| b == b' ');
        if list_marker {
            return (j + 1, Kind::ListMarker);
        }
    }
    if bytes.get(j) == Some(&b'-') && bytes.get(j + 1) == Some(&b',') {
        return (j + 1, Kind::Word); // `muziek-, melk- en kaasfabrieken`
    }
    if bytes.get(j) == Some(&b'-') && bytes.get(j + 1) == Some(&b' ') {
        let next_word = text[j + 2..].split(' ').next().unwrap_or("");
        if matches!(next_word, "en" | "of" | "tot" | "noch" | "and" | "or") {
            return (j + 1, Kind::Word); // `olie- en gasleidingen`
        }
    }
    (j, Kind::Word)
}

/// End of the run of non-space characters at `i`, looking no further than
/// `max` bytes (so that runs of punctuation cannot make scanning quadratic).
fn chunk_end(text: &str, i: usize, max: usize) -> usize {
    let mut limit = (i + max).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    text[i..limit]
        .find(|c: char| c.is_whitespace() || is_space(c))
        .map_or(limit, |off| i + off)
}

/// End of an e-mail address starting at `i`, if the chunk there is one.
fn email_end(text: &str, i: usize) -> Option<usize> {
    let chunk_end = chunk_end(text, i, MAX_EMAIL_BYTES);
    let chunk = text[i..chunk_end]
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"', '’', '”', '»']);
    let (local, domain) = chunk.split_once('@')?;
    let valid_local = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '+' | '-'));
    let valid_domain = domain.contains('.')
        && !domain.starts_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
        && domain
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic));
    (valid_local && valid_domain).then_some(i + chunk.len())
}

/// ASCII quotes and dashes, no soft hyphens; empty when nothing changes.
fn norm_of(token: &str) -> CompactString {
    if matches!(token, ",," | "''" | "``") {
        return CompactString::const_new("\"");
    }
    if token.is_ascii()
        || !token
            .chars()
            .any(|c| c == '\u{ad}' || normalised(c).is_some())
    {
        return CompactString::default();
    }
    token
        .chars()
        .filter(|&c| c != '\u{ad}')
        .map(|c| normalised(c).unwrap_or(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text)
            .0
            .iter()
            .map(|t| t.span.slice(text))
            .collect()
    }

    #[test]
    fn words_and_punctuation() {
        assert_eq!(
            toks("Hij kwam, zag en won."),
            ["Hij", "kwam", ",", "zag", "en", "won", "."]
        );
        assert_eq!(toks("(zie boven)!"), ["(", "zie", "boven", ")", "!"]);
        assert_eq!(toks("Wacht... nee"), ["Wacht", "...", "nee"]);
    }

    #[test]
    fn compounds_elisions_and_numbers() {
        assert_eq!(
            toks("een staakt-het-vuren in Nagorno-Karabach"),
            ["een", "staakt-het-vuren", "in", "Nagorno-Karabach"]
        );
        assert_eq!(
            toks("de auto's van Azeri’s en z'n vrouw"),
            ["de", "auto's", "van", "Azeri’s", "en", "z'n", "vrouw"]
        );
        assert_eq!(
            toks("'s avonds om 't huis"),
            ["'s", "avonds", "om", "'t", "huis"]
        );
        assert_eq!(
            toks("’s-Hertogenbosch in de jaren '80"),
            ["’s-Hertogenbosch", "in", "de", "jaren", "'80"]
        );
        assert_eq!(
            toks("30.000 doden, 2.5 en 3,5 procent om 14:30"),
            [
                "30.000", "doden", ",", "2.5", "en", "3,5", "procent", "om", "14:30"
            ]
        );
        assert_eq!(
            toks("op 17-03-2022 en 17.3.2022"),
            ["op", "17-03-2022", "en", "17.3.2022"]
        );
        assert_eq!(
            toks("de 2e en 21ste keer"),
            ["de", "2e", "en", "21ste", "keer"]
        );
        assert_eq!(toks("olie- en gasprijzen"), ["olie-", "en", "gasprijzen"]);
        assert_eq!(
            toks("vlees-, vis- of kaas"),
            ["vlees-", ",", "vis-", "of", "kaas"]
        );
        assert_eq!(
            toks("2/3 van Rusland/Oekraïne"),
            ["2/3", "van", "Rusland/Oekraïne"]
        );
        assert_eq!(
            toks(",,Nee.'' zei ze"),
            [",,", "Nee", ".", "''", "zei", "ze"]
        );
        assert_eq!(toks("AT&T en CD&V"), ["AT&T", "en", "CD&V"]);
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            toks("o.a. dhr. Jansen en J.F. Kennedy, d.w.z. niet"),
            [
                "o.a.", "dhr.", "Jansen", "en", "J.F.", "Kennedy", ",", "d.w.z.", "niet"
            ]
        );
        assert_eq!(
            toks("in 44 v.Chr. stierf hij"),
            ["in", "44", "v.Chr.", "stierf", "hij"]
        );
        assert_eq!(toks("Hij zei.Toen"), ["Hij", "zei", ".", "Toen"]);
    }

    #[test]
    fn links_and_mail() {
        assert_eq!(
            toks("zie https://example.org/a_b?c=1). Of www.nd.nl."),
            [
                "zie",
                "https://example.org/a_b?c=1",
                ")",
                ".",
                "Of",
                "www.nd.nl",
                "."
            ]
        );
        assert_eq!(
            toks("mail jan.de.vries@example.nl."),
            ["mail", "jan.de.vries@example.nl", "."]
        );
    }

    #[test]
    fn list_markers_only_at_paragraph_start() {
        let (t, i) = tokenize("1. Wat nu?\n\n2. Niets. Tot 3. Dan");
        assert_eq!(i[0].kind, Kind::ListMarker);
        assert_eq!(t[0].span.len(), 2);
        assert_eq!(i[4].kind, Kind::ListMarker);
        assert!(i[4].paragraph_before);
        let texts = toks("1. Wat nu?\n\n2. Niets. Tot 3. Dan");
        assert!(texts.contains(&"3"));
    }

    #[test]
    fn norms() {
        let text = "‘Ja’ – zei ze „nee” en Azeri’s";
        let (t, _) = tokenize(text);
        let norms: Vec<&str> = t.iter().map(|t| t.form(text)).collect();
        assert_eq!(
            norms,
            [
                "'", "Ja", "'", "-", "zei", "ze", "\"", "nee", "\"", "en", "Azeri's"
            ]
        );
        assert!(t[1].norm.is_empty());
    }
}
