//! Page boilerplate that is not about the article: page numbers and running
//! headers or footers of PDFs, share and advertisement labels of web pages,
//! copyright credits.

use kroniek_model::{Furniture, Span};
use rustc_hash::FxHashMap;

use super::lines::Line;
use super::match_phrase;
use crate::chars::is_space;

/// Labels of buttons and slots that web extraction leaves as lines of their
/// own. Compared case-insensitively with the whole line.
const WEB_LABELS: &[&str] = &[
    "advertentie",
    "advertisement",
    "deel dit artikel",
    "delen",
    "deel",
    "share",
    "kopieer link",
    "link gekopieerd",
    "reageer",
    "lees voor",
    "luister",
    "print",
    "sluiten",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "e-mail",
    "mail",
    "volg ons",
    "abonneer",
];

/// A line repeated this often is a running header or footer.
const RUNNING_LINE_REPEATS: u32 = 3;
/// Running headers and footers are short.
const MAX_RUNNING_LINE_BYTES: usize = 120;
const MAX_COPYRIGHT_WORDS: usize = 8;

/// Marks boilerplate lines in `removed` and returns them as furniture.
pub(crate) fn mark(raw: &str, lines: &[Line], removed: &mut [bool]) -> Vec<Furniture> {
    let repeats = count_short_lines(raw, lines);
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if removed[i] {
            continue;
        }
        let text = line.text(raw);
        let kind = if is_page_number(text) {
            "page"
        } else if is_web_label(text) {
            "other"
        } else if is_copyright(text) {
            "credit"
        } else if repeats
            .get(text)
            .is_some_and(|&n| n >= RUNNING_LINE_REPEATS)
        {
            "running"
        } else {
            continue;
        };
        removed[i] = true;
        found.push(Furniture {
            kind: kind.to_string(),
            text: text.to_string(),
            raw_span: Span::new(line.start, line.end),
        });
    }
    found
}

fn count_short_lines<'a>(raw: &'a str, lines: &[Line]) -> FxHashMap<&'a str, u32> {
    let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
    for line in lines {
        if line.end - line.start <= MAX_RUNNING_LINE_BYTES {
            *counts.entry(line.text(raw)).or_default() += 1;
        }
    }
    counts
}

/// `12`, `- 3 -`, `Pagina 2 van 5`, `p. 4`, `3/10`.
fn is_page_number(text: &str) -> bool {
    if text.len() > 24 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let rest = ["pagina", "page", "blz.", "p."]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower);
    let rest = rest.trim_matches(|c: char| is_space(c) || c == '-' || c == '–' || c == '|');
    let mut parts = rest
        .split(|c: char| c == '/' || is_space(c))
        .filter(|p| !p.is_empty());
    let is_number = |p: &str| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(n), None, None, None) => is_number(n),
        (Some(n), Some(m), None, None) => is_number(n) && is_number(m),
        (Some(n), Some("van" | "of"), Some(m), None) => is_number(n) && is_number(m),
        _ => false,
    }
}

fn is_web_label(text: &str) -> bool {
    let label = text.trim_end_matches(|c: char| c == ':' || c == '.' || is_space(c));
    label.len() <= 24
        && WEB_LABELS
            .iter()
            .any(|l| match_phrase(label, l) == Some(label.len()))
}

/// `© ANP 2023`, `(c) Reuters`, `Bron: ANP`.
fn is_copyright(text: &str) -> bool {
    let source_line = ["bron:", "bronnen:", "source:"].iter().any(|p| {
        text.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    });
    let marked = text.starts_with('©')
        || text.starts_with("(c) ")
        || text.starts_with("(C) ")
        || source_line;
    marked
        && text.split_whitespace().count() <= MAX_COPYRIGHT_WORDS
        && !text.ends_with(['.', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::lines::split;

    fn kinds(raw: &str) -> Vec<(String, String)> {
        let lines = split(raw, 0);
        let mut removed = vec![false; lines.len()];
        mark(raw, &lines, &mut removed)
            .into_iter()
            .map(|f| (f.kind, f.text))
            .collect()
    }

    #[test]
    fn pdf_page_furniture() {
        let raw = "Schriftelijke vraag 17\nDe tekst begint.\n- 1 -\nSchriftelijke vraag 17\nHij gaat door.\nPagina 2 van 3\nSchriftelijke vraag 17\nEinde.\n3/3\n";
        let k = kinds(raw);
        let got: Vec<&str> = k.iter().map(|(kind, _)| kind.as_str()).collect();
        assert_eq!(
            got,
            ["running", "page", "running", "page", "running", "page"]
        );
    }

    #[test]
    fn web_labels_and_copyright() {
        let k = kinds(
            "Advertentie\nDe tekst.\nDeel dit artikel:\n© ANP 2024\nDelen is fijn.\nBron: ANP, Reuters\nBron: de regering zegt dat het klopt.\n",
        );
        let got: Vec<&str> = k.iter().map(|(kind, _)| kind.as_str()).collect();
        assert_eq!(got, ["other", "other", "credit", "credit"]);
    }

    #[test]
    fn numbers_in_text_are_not_page_numbers() {
        assert!(!is_page_number("1991 was een rampjaar"));
        assert!(!is_page_number("12 doden"));
        assert!(is_page_number("12"));
        assert!(!is_page_number(""));
    }
}
