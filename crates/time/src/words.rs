//! A small word splitter of our own, so that recognition does not depend on
//! how the tokenizer upstream cut dates (`17-3-2022`, `'90`, `zondagavond`).
//! Parser annotations are looked up through the document token under each word.

use kroniek_model::{Document, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Letters, possibly with digits or inner apostrophes (`zo'n`, `19e`, `q1`).
    Word,
    /// Digits only.
    Digits,
    /// Digits joined by `-`, `/` or `.` (`17-3-2022`, `30.000`).
    Numeric,
    /// `'90`: a two-digit year with an apostrophe.
    ShortYear,
    Punct,
}

#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Byte offsets in the document text.
    pub start: usize,
    pub end: usize,
    pub lower: String,
    pub shape: Shape,
    pub capitalised: bool,
    /// Index into `Document::tokens` of the token under this word.
    pub token: Option<usize>,
}

impl Word {
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    pub fn is_punct(&self) -> bool {
        self.shape == Shape::Punct
    }
    pub fn is_clause_punct(&self) -> bool {
        self.shape == Shape::Punct
            && matches!(
                self.lower.as_str(),
                "," | ";" | ":" | "(" | ")" | "-" | "–" | "—"
            )
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`')
}

/// Split `text[start..end]` into words.
#[cfg(test)]
pub(crate) fn split(text: &str, start: usize, end: usize) -> Vec<Word> {
    let mut words = Vec::new();
    split_into(text, start, end, &mut Buffers::default(), &mut words);
    words
}

/// What [`split_into`] reuses from one sentence to the next: the lowercase
/// strings of the words it made before.
#[derive(Default)]
pub(crate) struct Buffers {
    spare: Vec<String>,
}

/// [`split`] into `words`, whose strings (and those of `buffers`) are
/// reused: a sentence of news has a few dozen words, each a small string.
/// Walks the text by byte offset, decoding a character where it looks.
pub(crate) fn split_into(
    text: &str,
    start: usize,
    end: usize,
    buffers: &mut Buffers,
    words: &mut Vec<Word>,
) {
    buffers.spare.extend(words.drain(..).map(|w| w.lower));
    let Some(slice) = text.get(start..end) else {
        return;
    };
    #[cfg(test)]
    crate::work::add(slice.chars().count());
    // `p` is always on a character boundary: every step is whole characters.
    let at = |p: usize| slice.get(p..).and_then(|s| s.chars().next());
    let after = |p: usize, c: char| at(p + c.len_utf8());
    let mut i = 0;
    while let Some(c) = at(i) {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let begin = i;
        let shape;
        if c.is_alphanumeric() {
            let mut all_digits = c.is_ascii_digit();
            let mut joined = false;
            i += c.len_utf8();
            while let Some(c2) = at(i) {
                if c2.is_alphanumeric() {
                    all_digits &= c2.is_ascii_digit();
                } else if all_digits
                    && matches!(c2, '-' | '/' | '.')
                    && after(i, c2).is_some_and(|n| n.is_ascii_digit())
                {
                    joined = true;
                } else if is_apostrophe(c2)
                    && !all_digits
                    && after(i, c2).is_some_and(|n| n.is_alphabetic())
                {
                } else {
                    break;
                }
                i += c2.len_utf8();
            }
            shape = if joined {
                Shape::Numeric
            } else if all_digits {
                Shape::Digits
            } else {
                Shape::Word
            };
        } else if is_apostrophe(c) && after(i, c).is_some_and(|n| n.is_ascii_digit()) {
            i += c.len_utf8();
            let digits = i;
            while at(i).is_some_and(|n| n.is_ascii_digit()) {
                i += 1;
            }
            // The apostrophe and two digits: `'90`.
            shape = if i - digits == 2 {
                Shape::ShortYear
            } else {
                Shape::Punct
            };
        } else if is_apostrophe(c)
            && after(i, c) == Some('s')
            && !at(i + c.len_utf8() + 1).is_some_and(char::is_alphanumeric)
        {
            i += c.len_utf8() + 1;
            shape = Shape::Word;
        } else {
            i += c.len_utf8();
            shape = Shape::Punct;
        }
        let raw = &slice[begin..i];
        let mut lower = buffers.spare.pop().unwrap_or_default();
        lower.clear();
        if raw.bytes().all(|b| b.is_ascii() && b != b'`') {
            // The same as below for ASCII, where `'` is the only apostrophe.
            lower.push_str(raw);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(
                raw.chars()
                    .map(|c| if is_apostrophe(c) { '\'' } else { c })
                    .flat_map(char::to_lowercase),
            );
        }
        words.push(Word {
            start: start + begin,
            end: start + i,
            capitalised: raw.chars().next().is_some_and(char::is_uppercase),
            lower,
            shape,
            token: None,
        });
    }
}

/// Link each word to the document token that contains its first byte.
pub(crate) fn link_tokens(words: &mut [Word], tokens: &[Token], first_token: usize) {
    let mut t = 0;
    for w in words.iter_mut() {
        while t < tokens.len() && (tokens[t].span.end as usize) <= w.start {
            t += 1;
        }
        if let Some(tok) = tokens.get(t)
            && (tok.span.start as usize) <= w.start
            && w.start < tok.span.end as usize
        {
            w.token = Some(first_token + t);
        }
    }
}

/// The words of sentence `idx` of the document (or of the whole text when
/// the document has no sentences), linked to its tokens.
pub(crate) fn sentence_words(doc: &Document, idx: usize) -> Vec<Word> {
    let mut words = Vec::new();
    sentence_words_into(doc, idx, &mut Buffers::default(), &mut words);
    words
}

/// [`sentence_words`] into `words`, reusing its strings and `buffers`.
pub(crate) fn sentence_words_into(
    doc: &Document,
    idx: usize,
    buffers: &mut Buffers,
    words: &mut Vec<Word>,
) {
    match doc.sentences.get(idx) {
        Some(s) => {
            split_into(
                &doc.text,
                s.span.start as usize,
                s.span.end as usize,
                buffers,
                words,
            );
            let range = s.token_range();
            if let Some(tokens) = doc.tokens.get(range.clone()) {
                link_tokens(words, tokens, range.start);
            }
        }
        None if idx == 0 && doc.sentences.is_empty() => {
            split_into(&doc.text, 0, doc.text.len(), buffers, words);
            link_tokens(words, &doc.tokens, 0);
        }
        None => {
            buffers.spare.extend(words.drain(..).map(|w| w.lower));
        }
    }
}

/// Number of sentences to scan: one pseudo-sentence when the document was not split.
pub(crate) fn sentence_count(doc: &Document) -> usize {
    if doc.sentences.is_empty() && !doc.text.is_empty() {
        1
    } else {
        doc.sentences.len()
    }
}

pub(crate) fn token_of<'a>(doc: &'a Document, w: &Word) -> Option<&'a Token> {
    w.token.and_then(|t| doc.tokens.get(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowers(text: &str) -> Vec<String> {
        split(text, 0, text.len())
            .into_iter()
            .map(|w| w.lower)
            .collect()
    }

    /// The character-array splitter this one replaced, kept to compare.
    #[derive(Default)]
    struct RefBuffers {
        chars: Vec<(usize, char)>,
        spare: Vec<String>,
    }

    fn reference_split_into(
        text: &str,
        start: usize,
        end: usize,
        buffers: &mut RefBuffers,
        words: &mut Vec<Word>,
    ) {
        buffers.spare.extend(words.drain(..).map(|w| w.lower));
        let Some(slice) = text.get(start..end) else {
            return;
        };
        buffers.chars.clear();
        buffers.chars.extend(slice.char_indices());
        let chars = &buffers.chars;
        let mut i = 0;
        let at = |k: usize| chars.get(k).map(|(_, c)| *c);
        let offset = |k: usize| chars.get(k).map(|(o, _)| *o).unwrap_or(slice.len());
        while i < chars.len() {
            let c = chars[i].1;
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            let begin = i;
            let shape;
            if c.is_alphanumeric() {
                let mut all_digits = c.is_ascii_digit();
                let mut joined = false;
                i += 1;
                while let Some(c2) = at(i) {
                    if c2.is_alphanumeric() {
                        all_digits &= c2.is_ascii_digit();
                        i += 1;
                    } else if all_digits
                        && matches!(c2, '-' | '/' | '.')
                        && at(i + 1).is_some_and(|n| n.is_ascii_digit())
                    {
                        joined = true;
                        i += 1;
                    } else if is_apostrophe(c2)
                        && !all_digits
                        && at(i + 1).is_some_and(|n| n.is_alphabetic())
                    {
                        i += 1;
                    } else {
                        break;
                    }
                }
                shape = if joined {
                    Shape::Numeric
                } else if all_digits {
                    Shape::Digits
                } else {
                    Shape::Word
                };
            } else if is_apostrophe(c) && at(i + 1).is_some_and(|n| n.is_ascii_digit()) {
                i += 1;
                while at(i).is_some_and(|n| n.is_ascii_digit()) {
                    i += 1;
                }
                shape = if i - begin == 3 {
                    Shape::ShortYear
                } else {
                    Shape::Punct
                };
            } else if is_apostrophe(c)
                && at(i + 1).is_some_and(|n| n == 's')
                && !at(i + 2).is_some_and(char::is_alphanumeric)
            {
                i += 2;
                shape = Shape::Word;
            } else {
                i += 1;
                shape = Shape::Punct;
            }
            let raw = &slice[offset(begin)..offset(i)];
            let mut lower = buffers.spare.pop().unwrap_or_default();
            lower.clear();
            if raw.bytes().all(|b| b.is_ascii() && b != b'`') {
                // The same as below for ASCII, where `'` is the only apostrophe.
                lower.push_str(raw);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(
                    raw.chars()
                        .map(|c| if is_apostrophe(c) { '\'' } else { c })
                        .flat_map(char::to_lowercase),
                );
            }
            words.push(Word {
                start: start + offset(begin),
                end: start + offset(i),
                capitalised: raw.chars().next().is_some_and(char::is_uppercase),
                lower,
                shape,
                token: None,
            });
        }
    }

    #[test]
    fn same_words_as_the_character_array_splitter() {
        let alphabet: Vec<char> = "ab Zé9 0'’‘`s-/.,:\n\tÉÆß19".chars().collect();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut key = |w: &Word| (w.start, w.end, w.lower.clone(), w.shape, w.capitalised);
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            split_into(&text, 0, text.len(), &mut Buffers::default(), &mut ours);
            reference_split_into(
                &text,
                0,
                text.len(),
                &mut RefBuffers::default(),
                &mut theirs,
            );
            let ours: Vec<_> = ours.iter().map(&mut key).collect();
            let theirs: Vec<_> = theirs.iter().map(&mut key).collect();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    #[test]
    fn keeps_dates_and_numbers_whole() {
        assert_eq!(
            lowers("Op 17-3-2022, om 30.000 uur."),
            ["op", "17-3-2022", ",", "om", "30.000", "uur", "."]
        );
        assert_eq!(
            lowers("de jaren ’90 en zo’n 19e eeuw"),
            ["de", "jaren", "'90", "en", "zo'n", "19e", "eeuw"]
        );
        assert_eq!(lowers("'s Zondags Azeri’s"), ["'s", "zondags", "azeri's"]);
    }

    #[test]
    fn lowercases_ascii_and_other_words_alike() {
        assert_eq!(
            lowers("NAVO-top in ROME op Zo`n MAANDAG, Ærø en ÉÉN"),
            [
                "navo", "-", "top", "in", "rome", "op", "zo'n", "maandag", ",", "ærø", "en", "één"
            ]
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Één dag – maandag.";
        for w in split(text, 0, text.len()) {
            assert!(text.get(w.start..w.end).is_some());
        }
    }
}
