//! Per-word pieces computed once per sentence and shared by the tagger
//! templates: hashes of the lowercased form, affixes and shape.

use crate::perceptron::{hash_str, mix};

/// The seventeen universal POS tags; a tag is its index here.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// Index of `X`, for a tag the table does not know.
pub const X_TAG: u8 = 16;

pub fn upos_index(tag: &str) -> Option<u8> {
    UPOS.iter().position(|t| *t == tag).map(|i| i as u8)
}

pub fn upos_name(index: u8) -> &'static str {
    UPOS.get(usize::from(index)).copied().unwrap_or("X")
}

pub const MAX_SUFFIX: usize = 5;
pub const MAX_PREFIX: usize = 4;

/// Hashed pieces of one word.
#[derive(Clone, Copy, Default)]
pub struct WordPieces {
    pub lower: u64,
    pub suffix: [u64; MAX_SUFFIX],
    pub prefix: [u64; MAX_PREFIX],
    pub shape: u64,
    /// Ambiguity class of the word in the news lexicon (0 when unseen).
    pub lexclass: u64,
    /// Distributional cluster of the word (0 when unseen).
    pub cluster: u64,
}

/// Lowercases into `buf` (reused across words so no per-token allocation
/// happens once it has grown).
pub fn lowercase_into(form: &str, buf: &mut String) {
    buf.clear();
    for c in form.chars() {
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
}

/// A short word shape: character classes with runs collapsed (`Xx-d`).
pub fn shape_hash(form: &str) -> u64 {
    let mut h = 0x5151u64;
    let mut last = ' ';
    let mut len = 0u64;
    for c in form.chars() {
        len += 1;
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if class != last {
            h = mix(h, class as u64);
            last = class;
        }
    }
    mix(h, len.min(4))
}

/// Hashes of the last `k` characters (`k` = 1..=MAX_SUFFIX) and the first ones.
pub fn affixes(lower: &str, out: &mut WordPieces) {
    let n = lower.chars().count();
    let mut starts = lower.char_indices().rev().map(|(i, _)| i);
    for k in 1..=MAX_SUFFIX {
        out.suffix[k - 1] = match starts.next() {
            Some(start) if k <= n => mix(k as u64, hash_str(&lower[start..])),
            _ => mix(k as u64 + 100, out.lower),
        };
    }
    let mut ends = lower.char_indices().map(|(i, _)| i).skip(1);
    for k in 1..=MAX_PREFIX {
        out.prefix[k - 1] = match ends.next() {
            Some(end) => mix(k as u64 + 50, hash_str(&lower[..end])),
            None => mix(k as u64 + 150, out.lower),
        };
    }
}

/// Maps typographic variants of quotes and dashes (`,,` `''` `„` `”` `«`,
/// `’`, `–`) onto the ASCII forms the training data mostly uses.
pub fn canonical_form(form: &str) -> &str {
    match form {
        ",," | "''" | "``" | "„" | "“" | "”" | "«" | "»" | "‟" => "\"",
        "‘" | "’" | "`" | "‚" | "‛" => "'",
        "–" | "—" | "‒" => "-",
        _ => form,
    }
}
