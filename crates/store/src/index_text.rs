//! The stemmed full-text bodies of a document's sentences, built for ingest
//! speed. The result is exactly what [`crate::search`] would build (its
//! words, its stems, joined by single spaces): every word not seen before
//! on this thread is stemmed by [`crate::stems_with_spans`] itself, so the
//! index and the query side can never disagree. What is saved is the work
//! around it: one string per sentence instead of a vector of stems, no
//! copy of a stem per word, an ASCII fast path for word boundaries, and a
//! small table of frequent words that stays in the CPU cache.
use std::collections::HashMap;

use crate::search::SENTENCE_BITS;

/// Words are looked up twice: first in a small direct-mapped table of
/// inline entries that stays in the CPU cache (the frequent words of a news
/// corpus), then in a map of every word seen. A lookup in the big map
/// alone costs two cache misses (bucket, then the key's heap string).
struct Stems {
    front: Vec<Slot>,
    all: HashMap<Box<str>, Box<str>>,
}

const FRONT_SLOTS: usize = 16384;
const INLINE: usize = 15;

/// Half a cache line: a word and its stem, each of at most `INLINE` bytes.
#[derive(Clone, Copy)]
#[repr(align(32))]
struct Slot {
    word_len: u8,
    stem_len: u8,
    word: [u8; INLINE],
    stem: [u8; INLINE],
}

const EMPTY: Slot = Slot {
    word_len: 0,
    stem_len: 0,
    word: [0; INLINE],
    stem: [0; INLINE],
};

thread_local! {
    static STEMS: std::cell::RefCell<Stems> = std::cell::RefCell::new(Stems {
        front: vec![EMPTY; FRONT_SLOTS],
        all: HashMap::new(),
    });
}

/// Distinct words remembered per thread before the map starts over.
const CACHE_MAX: usize = 200_000;

/// One stemmed search body per sentence (at most `1 << SENTENCE_BITS`).
pub(crate) fn index_bodies_of(doc: &kroniek_model::Document) -> Vec<String> {
    STEMS.with(|cell| {
        let mut stems = cell.borrow_mut();
        doc.sentences
            .iter()
            .take(1 << SENTENCE_BITS)
            .map(|s| body(s.span.slice(&doc.text), &mut stems))
            .collect()
    })
}

fn body(text: &str, stems: &mut Stems) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut start: Option<usize> = None;
    while i < bytes.len() {
        let b = bytes[i];
        let (alnum, width) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            // `i` is on a char boundary: every step is one whole char.
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alnum {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push_stem(&text[s..i], &mut out, stems);
        }
        i += width;
    }
    if let Some(s) = start {
        push_stem(&text[s..], &mut out, stems);
    }
    out
}

/// FNV-1a: cheap for the short words it sees, and only picks a slot.
fn slot_of(word: &str) -> usize {
    let mut h: u32 = 0x811c9dc5;
    for &b in word.as_bytes() {
        h = (h ^ b as u32).wrapping_mul(0x01000193);
    }
    (h ^ (h >> 16)) as usize & (FRONT_SLOTS - 1)
}

fn push_stem(word: &str, out: &mut String, stems: &mut Stems) {
    if !out.is_empty() {
        out.push(' ');
    }
    let slot = slot_of(word);
    let front = &stems.front[slot];
    if front.word_len as usize == word.len()
        && word.len() <= INLINE
        && &front.word[..word.len()] == word.as_bytes()
    {
        // Written from a `str` below, so this is UTF-8.
        if let Ok(stem) = std::str::from_utf8(&front.stem[..front.stem_len as usize]) {
            out.push_str(stem);
            return;
        }
    }
    let stem: &str = match stems.all.get(word) {
        Some(stem) => stem,
        None => {
            // A word is one run of alphanumeric characters, so this is its one stem.
            let stem: String = crate::stems_with_spans(word)
                .into_iter()
                .map(|(s, _, _)| s)
                .collect::<Vec<_>>()
                .join(" ");
            if stems.all.len() >= CACHE_MAX {
                stems.all.clear();
            }
            stems.all.entry(word.into()).or_insert(stem.into())
        }
    };
    out.push_str(stem);
    if word.len() <= INLINE && stem.len() <= INLINE {
        let front = &mut stems.front[slot];
        front.word_len = word.len() as u8;
        front.word[..word.len()].copy_from_slice(word.as_bytes());
        front.stem_len = stem.len() as u8;
        front.stem[..stem.len()].copy_from_slice(stem.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use kroniek_model::{Document, Sentence, Span};

    fn doc(text: &str) -> Document {
        // Sentences at every '|' (kept out of the text) and one over all of it.
        let mut clean = String::new();
        let mut sentences = Vec::new();
        let mut start = 0;
        for part in text.split('|') {
            clean.push_str(part);
            sentences.push(Sentence {
                span: Span::new(start, clean.len()),
                ..Default::default()
            });
            start = clean.len();
        }
        sentences.push(Sentence {
            span: Span::new(0, clean.len()),
            ..Default::default()
        });
        Document {
            text: clean,
            sentences,
            ..Default::default()
        }
    }

    #[test]
    fn same_bodies_on_random_text() {
        let alphabet: Vec<char> =
            "aeinrstdlo EIDAZ.,;:!?'’-–\n\t0123456789éëïöüçñßøåæœıİǅ\u{301}\u{200b}ΣσςДж中日"
                .chars()
                .collect();
        let mut state: u64 = 0x9e3779b97f4a7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..300 {
            let len = (next() % 120) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let d = doc(&text);
            assert_eq!(
                super::index_bodies_of(&d),
                crate::search::index_bodies_of(&d),
                "{text:?}"
            );
        }
    }

    #[test]
    fn same_bodies_as_the_search_module() {
        let texts = [
            "",
            "   ",
            "De aanslagen in Parijs.|Een aanslag op 13 november 2015!",
            "België, Curaçao en Zürich: één café, ŒUVRE, straße, İstanbul, ǅemal.",
            "staakt-het-vuren ’s avonds Azeri's 30.000 2,5% e-mail@voorbeeld.nl",
            "Ελληνικά κείμενα, Русский текст, العربية, 中文字符, 日本語のテキスト",
            "x\u{301}y café\u{301} ab\u{200b}cd 1a2b3c ⅫⅣ ²³ ①",
            "eind zonder punt",
            "arbeidsongeschiktheidsverzekeringsmaatschappijen en Arbeidsongeschiktheidsverzekeringen",
            "Eén|twee|drie|vier woorden|",
        ];
        for t in texts {
            let d = doc(t);
            assert_eq!(
                super::index_bodies_of(&d),
                crate::search::index_bodies_of(&d),
                "{t:?}"
            );
            // A second time: from the cache.
            assert_eq!(
                super::index_bodies_of(&d),
                crate::search::index_bodies_of(&d),
                "{t:?}"
            );
        }
    }
}
