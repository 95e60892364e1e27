//! Word segmentation and the folded form used for matching.
//!
//! Matching works on our own word segmentation of the sentence text rather
//! than on the upstream tokens, so that `Azeri’s`, `Nagorno-Karabach` and
//! `Minsk-groep` match the registry the same way whatever the tokenizer did
//! with apostrophes and hyphens. Words map back to tokens by byte offsets.

use unicode_normalization::char::decompose_canonical;

/// A word of the text: a maximal run of letters and digits, with apostrophes
/// kept when they sit between letters (`Azeri’s`, `z'n`). Hyphens separate words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Byte range in the text that was segmented.
    pub start: usize,
    pub end: usize,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´')
}

/// Splits `text` into words; offsets are relative to `text`.
pub(crate) fn words(text: &str) -> Vec<Word> {
    // Room for words of five bytes and a space: no regrowth for prose.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() || is_combining(c) {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let next_is_letter = chars.peek().is_some_and(|&(_, n)| n.is_alphabetic());
            if is_apostrophe(c) && next_is_letter {
                continue;
            }
            out.push(Word { start: s, end: i });
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            end: text.len(),
        });
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// Lower-cased, diacritic-free form with ASCII apostrophes:
/// `Aliëv` → `aliev`, `Erdoğan` → `erdogan`, `Azeri’s` → `azeri's`.
pub(crate) fn fold_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if is_apostrophe(c) {
            out.push('\'');
            continue;
        }
        match c {
            'ı' | 'İ' => out.push('i'),
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            _ => decompose_canonical(c, |d| {
                if !is_combining(d) {
                    out.extend(d.to_lowercase());
                }
            }),
        }
    }
}

pub(crate) fn fold(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    fold_into(word, &mut s);
    s
}

/// How a registry word constrains the case of the word in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CaseRule {
    /// Lower-case registry word: any case matches.
    Any,
    /// Capitalised registry word: the text word must start with a capital.
    Capital,
    /// Acronym (`VS`, `EU`, `NAVO`): the text word must be all capitals,
    /// so that `vs` (versus) is not the United States.
    Upper,
}

pub(crate) fn case_rule(word: &str) -> CaseRule {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && word.chars().all(|c| !c.is_lowercase()) {
        CaseRule::Upper
    } else if word.chars().next().is_some_and(char::is_uppercase) {
        CaseRule::Capital
    } else {
        CaseRule::Any
    }
}

pub(crate) fn satisfies(text_word: &str, rule: CaseRule) -> bool {
    match rule {
        CaseRule::Any => true,
        CaseRule::Capital => text_word.chars().next().is_some_and(char::is_uppercase),
        CaseRule::Upper => text_word.chars().all(|c| !c.is_lowercase()),
    }
}

pub(crate) fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        words(text).iter().map(|w| &text[w.start..w.end]).collect()
    }

    #[test]
    fn segments_apostrophes_and_hyphens() {
        assert_eq!(
            split("de Azeri’s en z'n"),
            vec!["de", "Azeri’s", "en", "z'n"]
        );
        assert_eq!(split("Nagorno-Karabach."), vec!["Nagorno", "Karabach"]);
        assert_eq!(split("‘mislukt’ en"), vec!["mislukt", "en"]);
    }

    #[test]
    fn folds_diacritics_case_and_apostrophes() {
        assert_eq!(fold("Aliëv"), "aliev");
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Azeri’s"), "azeri's");
        assert_eq!(fold("KIËV"), "kiev");
    }

    #[test]
    fn case_rules() {
        assert_eq!(case_rule("VS"), CaseRule::Upper);
        assert_eq!(case_rule("Rusland"), CaseRule::Capital);
        assert_eq!(case_rule("premier"), CaseRule::Any);
        assert!(!satisfies("vs", CaseRule::Upper));
        assert!(satisfies("JEREVAN", CaseRule::Capital));
    }
}
