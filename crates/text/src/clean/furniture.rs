//! Recognises page furniture: lines that belong to the page around the
//! article (links, bylines, photo captions and credits, datelines, teasers
//! for other articles) rather than to its running text.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use kroniek_model::{Furniture, Span};

use super::joins::ends_sentence;
use super::lines::Line;
use super::match_phrase;
use crate::chars::is_space;
use crate::lexicon::is_function_word;

/// Words that introduce a photo or illustration credit.
const CREDIT_MARKERS: &[&str] = &[
    "beeld",
    "foto",
    "fotografie",
    "illustratie",
    "foto's",
    "photo",
    "image",
    "credit",
];

/// Headers of "read also" blocks that point to other articles.
const TEASER_HEADERS: &[&str] = &[
    "lees ook",
    "lees meer",
    "lees verder",
    "bekijk ook",
    "kijk ook",
    "luister ook",
    "zie ook",
    "ook interessant",
    "meer over dit onderwerp",
    "gerelateerde artikelen",
    "gerelateerd",
    "read more",
    "read also",
    "see also",
    "related",
];

/// Path segments of links to an author page.
const AUTHOR_PATHS: &[&str] = &[
    "/auteur/",
    "/auteurs/",
    "/author/",
    "/authors/",
    "/journalist/",
    "/redacteur/",
    "/profiel/",
    "/profile/",
];

/// The longest credit tail (`beeld afp - sputnik / Ramil Sitdikov`) in words.
const MAX_CREDIT_WORDS: usize = 9;

/// Marks the furniture lines among `lines` and returns what they hold.
/// `is_furniture[i]` is set for each removed line.
pub(crate) fn classify(raw: &str, lines: &[Line]) -> (Vec<bool>, Vec<Furniture>) {
    let mut is_furniture = vec![false; lines.len()];
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let text = line.text(raw);
        let mut push = |kind: &str, start: usize, end: usize| {
            found.push(Furniture {
                kind: kind.to_string(),
                text: raw[start..end].to_string(),
                raw_span: Span::new(start, end),
            });
        };
        if let Some(url_kind) = url_line_kind(text) {
            is_furniture[i] = true;
            push(url_kind, line.start, line.end);
            if let Some(next) = lines.get(i + 1)
                && is_url_continuation(text, next.text(raw))
            {
                is_furniture[i + 1] = true;
                push("url", next.start, next.end);
                i += 1;
            }
        } else if let Some(header_only) = teaser_header(text) {
            is_furniture[i] = true;
            push("teaser", line.start, line.end);
            if header_only && let Some(next) = lines.get(i + 1) {
                is_furniture[i + 1] = true;
                push("teaser", next.start, next.end);
                i += 1;
            }
        } else if let Some(split) = may_hold_credit(raw, lines, i)
            .then(|| credit_split(text))
            .flatten()
        {
            is_furniture[i] = true;
            if split > 0 {
                let caption_end = line.start
                    + text[..split]
                        .trim_end_matches(|c: char| {
                            is_space(c) || matches!(c, '.' | '|' | '(' | '–' | '-')
                        })
                        .len();
                push("caption", line.start, caption_end);
            }
            push("credit", line.start + split, line.end);
        } else if is_dateline(text) {
            is_furniture[i] = true;
            push("dateline", line.start, line.end);
        } else if is_byline(text) {
            is_furniture[i] = true;
            push("author", line.start, line.end);
        }
        i += 1;
    }
    (is_furniture, found)
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

fn is_url_start(text: &str) -> bool {
    ["http://", "https://", "www."]
        .iter()
        .any(|p| starts_with_ignore_case(text, p))
}

/// `url` or `author` for a line that is a bare link.
fn url_line_kind(text: &str) -> Option<&'static str> {
    if !is_url_start(text) || text.contains(char::is_whitespace) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    Some(if AUTHOR_PATHS.iter().any(|p| lower.contains(p)) {
        "author"
    } else {
        "url"
    })
}

/// A link wrapped onto the next line: the next line is one ASCII chunk and
/// either the link broke at a separator or the chunk looks like a path.
fn is_url_continuation(url: &str, next: &str) -> bool {
    if next.is_empty()
        || next.contains(char::is_whitespace)
        || !next.bytes().all(|b| b.is_ascii_graphic())
    {
        return false;
    }
    let broke_at_separator = url.ends_with(['-', '/', '_', '=', '&', '?', '#', '%', '.']);
    let looks_like_path = next.contains(['/', '#', '?', '=', '&', '_', '%']);
    broke_at_separator || looks_like_path
}

/// For a teaser header, whether it stands alone (the teaser follows on the
/// next line) or carries the teaser itself after a colon.
fn teaser_header(text: &str) -> Option<bool> {
    // Cheap test first: every header starts with one of a few letters.
    if !matches!(
        text.as_bytes().first().map(u8::to_ascii_lowercase),
        Some(b'l' | b'b' | b'k' | b'z' | b'o' | b'm' | b'g' | b'r' | b's')
    ) {
        return None;
    }
    let first_word_len = text.find(is_space).unwrap_or(text.len());
    let first_word = &text[..first_word_len];
    let header_len = TEASER_HEADERS
        .iter()
        .filter(|h| {
            h.split(' ').next().is_some_and(|w| {
                first_word
                    .get(..w.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(w))
            })
        })
        .find_map(|h| match_phrase(text, h))?;
    let after = &text[header_len..];
    if after.starts_with(|c: char| c.is_alphanumeric()) {
        return None; // `Lees ookwel` is not a header
    }
    let rest = after.trim_start_matches(is_space);
    let marked = rest.starts_with([':', '-', '|', '>', '»']);
    let rest =
        rest.trim_start_matches(|c: char| is_space(c) || matches!(c, ':' | '-' | '|' | '>' | '»'));
    // `Lees ook het rapport ...` is a sentence; a teaser is set off by a
    // separator or starts like a headline.
    let headline_follows = rest.starts_with(|c: char| !c.is_lowercase());
    (rest.is_empty() || marked || headline_follows).then_some(rest.is_empty())
}

/// Captions and credits stand between paragraphs or on short lines of
/// their own, not in the middle of wrapped running text.
fn may_hold_credit(raw: &str, lines: &[Line], i: usize) -> bool {
    const SHORT_LINE_BYTES: usize = 60;
    i == 0
        || lines[i].end - lines[i].start <= SHORT_LINE_BYTES
        || ends_sentence(lines[i - 1].text(raw))
}

/// Byte offset in `text` where a photo credit starts, for a line that is a
/// credit (`Beeld ANP`) or a caption followed by one (`... in juni.beeld afp`).
fn credit_split(text: &str) -> Option<usize> {
    if text.ends_with(['.', '!', '?', ':', ',', ';']) {
        return None;
    }
    // Only the last few words can hold a credit; the marker may be glued
    // to the caption (`juni.beeld`), so look one word further back.
    let mut search_from = tail_start(text, MAX_CREDIT_WORDS + 1);
    let mut best = None;
    while let Some(found) = find_marker(text, search_from) {
        search_from = found + 1;
        let before = &text[..found];
        let marker_capitalised = text[found..].starts_with(char::is_uppercase);
        let after_sentence = before
            .trim_end_matches(is_space)
            .ends_with(['.', '|', '/', '(']);
        let at_start = found == 0;
        if !(at_start || after_sentence || marker_capitalised && before.ends_with(is_space)) {
            continue;
        }
        if is_credit_tail(&text[found..]) {
            best = Some(found);
            break;
        }
    }
    best
}

/// Finds credit marker words anywhere (case-insensitively); callers check
/// the word boundary.
static MARKER_FINDER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(CREDIT_MARKERS)
        .ok()
});

/// Next position at or after `from` where a credit marker word starts at a
/// word boundary (also right after a period: `juni.beeld`).
fn find_marker(text: &str, from: usize) -> Option<usize> {
    let finder = MARKER_FINDER.as_ref()?;
    let bytes = text.as_bytes();
    finder
        .find_iter(text.get(from..)?)
        .map(|m| (from + m.start(), from + m.end()))
        .find_map(|(start, end)| {
            let boundary_before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
            let boundary_after = text[end..].starts_with(|c: char| c == ':' || is_space(c));
            (boundary_before && boundary_after).then_some(start)
        })
}

/// Byte offset where the last `words` words of `text` begin.
fn tail_start(text: &str, words: usize) -> usize {
    memchr::memrchr_iter(b' ', text.as_bytes())
        .nth(words - 1)
        .map_or(0, |at| at + 1)
}

/// `beeld afp - sputnik / Ramil Sitdikov`: a marker and a few words that
/// name people or agencies, not a clause.
fn is_credit_tail(tail: &str) -> bool {
    let words: Vec<&str> = tail.split_whitespace().collect();
    if words.len() < 2 || words.len() > MAX_CREDIT_WORDS {
        return false;
    }
    let name_particle = |w: &str| matches!(w, "van" | "de" | "der" | "den" | "ter" | "ten" | "von");
    let first_after_marker = words[1].trim_start_matches(':');
    !first_after_marker.is_empty()
        && !is_function_word(first_after_marker)
        && words[1..]
            .iter()
            .all(|w| name_particle(w) || !is_function_word(w))
}

/// `JEREVAN`, `DEN HAAG`: a place name in capitals on its own line.
fn is_dateline(text: &str) -> bool {
    let mut chars = text.chars();
    let opens_in_capitals = chars.next().is_some_and(char::is_uppercase)
        && chars.next().is_some_and(char::is_uppercase);
    if !opens_in_capitals || text.len() > 60 {
        return false;
    }
    let words = text.split_whitespace().count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    words <= 3
        && letters >= 3
        && text.chars().all(|c| {
            c.is_uppercase()
                || is_space(c)
                || matches!(c, '-' | '\'' | '(' | ')' | '/' | ',' | '.')
                || c.is_ascii_digit()
        })
}

/// `Door Tom Janssen`: a byline of capitalised name words.
fn is_byline(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    if !(first.eq_ignore_ascii_case("door")
        || first.eq_ignore_ascii_case("by")
        || first.eq_ignore_ascii_case("van"))
    {
        return false;
    }
    let rest: Vec<&str> = words.collect();
    let name_particle = |w: &str| {
        matches!(
            w,
            "van"
                | "de"
                | "der"
                | "den"
                | "ter"
                | "ten"
                | "het"
                | "en"
                | "'t"
                | "von"
                | "le"
                | "la"
                | "el"
                | "al"
                | "bin"
        )
    };
    (2..=6).contains(&rest.len())
        && rest.iter().any(|w| w.starts_with(char::is_uppercase))
        && rest
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || name_particle(w))
        && !text.ends_with(['.', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::lines::split;

    fn kinds(raw: &str) -> Vec<(String, String)> {
        let lines = split(raw, 0);
        classify(raw, &lines)
            .1
            .into_iter()
            .map(|f| (f.kind, f.text))
            .collect()
    }

    #[test]
    fn links_and_wrapped_links() {
        let raw = "Tekst.\n\nhttps://www.krant.nl/artikel/123/de-premier-\n\nvalt#/lezer\n\nhttps://krant.nl/auteur/piet-pietersen-9\nVerder.";
        let k = kinds(raw);
        assert_eq!(k[0].0, "url");
        assert_eq!(k[1], ("url".into(), "valt#/lezer".into()));
        assert_eq!(k[2].0, "author");
        assert_eq!(k.len(), 3);
    }

    #[test]
    fn a_word_after_a_link_is_not_a_continuation() {
        let raw = "https://www.krant.nl/artikel/123\n\nverkiezingen\n";
        assert_eq!(kinds(raw).len(), 1);
    }

    #[test]
    fn captions_credits_datelines_teasers() {
        let raw = "De minister bij aankomst in Brussel.foto anp / Jan Smit\nBeeld Reuters\nBRUSSEL\nLees ook\nWaarom de boeren boos zijn\nDoor Anna de Wit\nHet beeld van de stad is veranderd sinds\n";
        let k = kinds(raw);
        let got: Vec<&str> = k.iter().map(|(kind, _)| kind.as_str()).collect();
        assert_eq!(
            got,
            [
                "caption", "credit", "credit", "dateline", "teaser", "teaser", "author"
            ]
        );
        assert_eq!(k[0].1, "De minister bij aankomst in Brussel");
        assert_eq!(k[1].1, "foto anp / Jan Smit");
        let k = kinds("De premier na afloop van het overleg (Foto: Reuters)\n");
        assert_eq!(
            k[0],
            (
                "caption".into(),
                "De premier na afloop van het overleg".into()
            )
        );
    }

    #[test]
    fn ordinary_sentences_are_not_furniture() {
        for line in [
            "Foto's van de ramp gingen de wereld rond.",
            "Beeld je in dat de regering valt.",
            "De NAVO en de EU",
            "Door de regen kwam niemand.",
            "Lees ookwel als Leesook geschreven",
            "Lees ook het rapport van de commissie, zei hij",
            "België en Zeeland",
            "Bekijkë",
            "Het rapport - foto's laten zien dat de stad",
            "NAVO-top in Vilnius",
        ] {
            assert!(kinds(line).is_empty(), "{line}");
        }
    }
}
