//! Pull quotes: a sentence from the article repeated in large type between
//! paragraphs, often with the speaker's name and office run on after it.
//! It is found as a short stand-alone line whose first sentence also stands
//! in a longer line of the same document.

use kroniek_model::{Furniture, Span};
use rustc_hash::FxHashMap;

use super::joins::ends_sentence;
use super::lines::Line;
use crate::chars::{is_opening_quote, is_straight_quote};

/// Words per shingle; a shared run this long is no coincidence.
const SHINGLE: usize = 5;
/// The quoted sentence needs at least this many words.
const MIN_QUOTE_WORDS: usize = 6;
/// Words allowed after the quoted sentence (the speaker and office).
const MAX_ATTRIBUTION_WORDS: usize = 10;
const MAX_PULL_QUOTE_BYTES: usize = 320;

/// Marks pull-quote lines in `removed` and returns them as furniture.
pub(crate) fn mark(raw: &str, lines: &[Line], removed: &mut [bool]) -> Vec<Furniture> {
    let candidates: Vec<usize> = (0..lines.len())
        .filter(|&i| !removed[i] && is_candidate(raw, lines, i))
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let seen = index_shingles(raw, lines, removed);
    let mut found = Vec::new();
    for i in candidates {
        let text = lines[i].text(raw);
        let quote_end = first_sentence_end(text);
        let quote_words = word_hashes(&text[..quote_end]);
        let attribution_words = text[quote_end..].split_whitespace().count();
        if quote_words.len() < MIN_QUOTE_WORDS || attribution_words > MAX_ATTRIBUTION_WORDS {
            continue;
        }
        let len = text.len();
        let repeated_in_longer_line = quote_words.windows(SHINGLE).all(|w| {
            seen.get(&shingle_hash(w)).is_some_and(|holders| {
                holders.iter().flatten().any(|&j| {
                    j as usize != i && lines[j as usize].end - lines[j as usize].start > len
                })
            })
        });
        if repeated_in_longer_line {
            removed[i] = true;
            found.push(Furniture {
                kind: "pullquote".to_string(),
                text: text.to_string(),
                raw_span: Span::new(lines[i].start, lines[i].end),
            });
        }
    }
    found
}

/// A line set apart by blank lines on both sides, between sentences,
/// opening like a sentence and holding the end of one, and not too long.
fn is_candidate(raw: &str, lines: &[Line], i: usize) -> bool {
    let text = lines[i].text(raw);
    let len = lines[i].end - lines[i].start;
    let alone_before = i == 0 || lines[i].gap_lines > 0;
    let alone_after = lines.get(i + 1).is_none_or(|n| n.gap_lines > 0);
    if len > MAX_PULL_QUOTE_BYTES || !alone_before || !alone_after {
        return false;
    }
    let opens =
        text.starts_with(|c: char| c.is_uppercase() || is_opening_quote(c) || is_straight_quote(c));
    let after_sentence = i == 0 || ends_sentence(lines[i - 1].text(raw));
    let before_sentence = lines
        .get(i + 1)
        .is_none_or(|n| n.text(raw).starts_with(|c: char| !c.is_lowercase()));
    opens
        && after_sentence
        && before_sentence
        && text.contains(' ')
        && (first_sentence_end(text) < text.len() || ends_sentence(text))
}

/// For each shingle, up to two lines that hold it.
fn index_shingles(raw: &str, lines: &[Line], removed: &[bool]) -> FxHashMap<u64, [Option<u32>; 2]> {
    let mut seen: FxHashMap<u64, [Option<u32>; 2]> = FxHashMap::default();
    let mut words = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if removed[i] {
            continue;
        }
        words.clear();
        word_hashes_into(line.text(raw), &mut words);
        for w in words.windows(SHINGLE) {
            let holders = seen.entry(shingle_hash(w)).or_default();
            let idx = Some(i as u32);
            if holders[0].is_none() {
                holders[0] = idx;
            } else if holders[0] != idx && holders[1].is_none() {
                holders[1] = idx;
            }
        }
    }
    seen
}

/// End of the first sentence of `text` (after its final punctuation and
/// closing quotes), or the end of the text.
fn first_sentence_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let followed_by_break = bytes
            .get(i + 1)
            .is_none_or(|&b| b == b' ' || b >= 0x80 || b == b'\'' || b == b'"');
        if followed_by_break {
            let after = &text[i + 1..];
            let quotes = after.len() - after.trim_start_matches(['’', '”', '\'', '"', '»']).len();
            return i + 1 + quotes;
        }
    }
    text.len()
}

/// Hashes of the words of `text` (runs of ASCII letters and digits, ASCII
/// case folded, and of non-ASCII characters), appended to `out`. Quotes and
/// punctuation do not count, so `'We ...', klonk het` matches `We ...`.
fn word_hashes_into(text: &str, out: &mut Vec<u64>) {
    let bytes = text.as_bytes();
    let mut h: u64 = FNV_OFFSET;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (is_word, len) = if b < 0x80 {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        if is_word {
            for &wb in &bytes[i..i + len] {
                h = (h ^ u64::from(wb.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
            }
            in_word = true;
        } else if in_word {
            out.push(h);
            h = FNV_OFFSET;
            in_word = false;
        }
        i += len;
    }
    if in_word {
        out.push(h);
    }
}

fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    word_hashes_into(text, &mut out);
    out
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn shingle_hash(words: &[u64]) -> u64 {
    words.iter().fold(FNV_OFFSET, |acc, w| {
        (acc ^ w).wrapping_mul(FNV_PRIME).rotate_left(17)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::lines::split;

    fn pull_quotes(raw: &str) -> Vec<String> {
        let lines = split(raw, 0);
        let mut removed = vec![false; lines.len()];
        mark(raw, &lines, &mut removed)
            .into_iter()
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn repeated_quote_with_attribution_is_removed() {
        let raw = "De minister sprak de Kamer toe over de begroting van volgend jaar.\n\n\
                   Wij gaan de lasten voor gezinnen echt niet verhogen. Anna Jansen Minister van Financiën\n\n\
                   Ze herhaalde haar belofte. ‘Wij gaan de lasten voor gezinnen echt niet verhogen’, zei ze.\n";
        assert_eq!(
            pull_quotes(raw),
            [
                "Wij gaan de lasten voor gezinnen echt niet verhogen. Anna Jansen Minister van Financiën"
            ]
        );
    }

    #[test]
    fn unrepeated_lines_and_equal_twins_stay() {
        let raw = "Het kabinet viel op een dinsdag in de late avond.\n\nHet kabinet viel op een dinsdag in de late avond.\n\nDaarna volgden verkiezingen.\n";
        assert!(pull_quotes(raw).is_empty());
    }
}
