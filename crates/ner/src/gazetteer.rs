//! Name lists matched against token sequences (case-insensitive).

use kroniek_model::MentionKind;
use rustc_hash::FxHashMap;

use crate::hash::Hasher;

/// Longest entry (in tokens) that is matched; longer names are rare and slow the scan.
pub(crate) const MAX_ENTRY_TOKENS: usize = 8;

/// Leading words an alias may carry that CoNLL-style entities leave out.
const LEADING_ARTICLES: [&str; 5] = ["de", "het", "'t", "the", "een"];

/// A list of known names with their kinds, matched on lowercased token sequences.
/// Demonyms count as MISC (CoNLL tags nationality words so); nominal and pronoun
/// entries are ignored.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Kind bits of each listed token sequence, plus [`CONTINUES`] on every
    /// proper prefix of a longer entry so that a scan can stop early.
    entries: FxHashMap<u64, u8>,
    max_tokens: usize,
}

const CONTINUES: u8 = 0x80;
const KINDS: u8 = 0x0f;

/// A gazetteer hit: `len` tokens from `start`, kinds as a bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GazMatch {
    pub start: usize,
    pub len: usize,
    pub kinds: u8,
}

fn kind_bit(kind: MentionKind) -> u8 {
    match kind {
        MentionKind::Per => 1,
        MentionKind::Org => 2,
        MentionKind::Loc => 4,
        MentionKind::Misc | MentionKind::Demonym => 8,
        MentionKind::Nominal | MentionKind::Pronoun => 0,
    }
}

/// Splits a name into tokens roughly as a news tokeniser would: on whitespace,
/// with leading and trailing punctuation split off.
pub(crate) fn name_tokens(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in name.split_whitespace() {
        let trimmed_start =
            piece.trim_start_matches(|c: char| c.is_ascii_punctuation() && c != '\'');
        for c in piece[..piece.len() - trimmed_start.len()].chars() {
            out.push(c.to_string());
        }
        let core = trimmed_start.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '.');
        let tail = &trimmed_start[core.len()..];
        if !core.is_empty() {
            out.push(core.to_lowercase());
        }
        for c in tail.chars() {
            out.push(c.to_string());
        }
    }
    out
}

pub(crate) fn sequence_key<S: AsRef<str>>(lowered: &[S]) -> u64 {
    let mut h = Hasher::new(0x6a7e);
    for t in lowered {
        h = h.str(t.as_ref());
    }
    h.finish()
}

impl Gazetteer {
    pub fn new<'a>(entries: impl IntoIterator<Item = (&'a str, MentionKind)>) -> Self {
        let mut gaz = Gazetteer::empty();
        for (name, kind) in entries {
            gaz.insert(name, kind_bit(kind));
        }
        gaz
    }

    pub fn empty() -> Self {
        Gazetteer::default()
    }

    /// Number of distinct token sequences listed.
    pub fn len(&self) -> usize {
        self.entries.values().filter(|b| **b & KINDS != 0).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn insert(&mut self, name: &str, bits: u8) {
        if bits == 0 {
            return;
        }
        let mut tokens = name_tokens(name);
        if tokens.len() > 1 && LEADING_ARTICLES.contains(&tokens[0].as_str()) {
            tokens.remove(0);
        }
        self.insert_tokens(&tokens, bits);
    }

    /// Adds an already tokenised, lowercased name.
    pub(crate) fn insert_tokens<S: AsRef<str>>(&mut self, lowered: &[S], bits: u8) {
        if lowered.is_empty() || lowered.len() > MAX_ENTRY_TOKENS || bits == 0 {
            return;
        }
        *self.entries.entry(sequence_key(lowered)).or_insert(0) |= bits & KINDS;
        for end in 1..lowered.len() {
            *self
                .entries
                .entry(sequence_key(&lowered[..end]))
                .or_insert(0) |= CONTINUES;
        }
        self.max_tokens = self.max_tokens.max(lowered.len());
    }

    /// Every listed token sequence inside `lowered` (lowercased tokens).
    pub(crate) fn matches(&self, lowered: &[&str], out: &mut Vec<GazMatch>) {
        out.clear();
        if self.entries.is_empty() {
            return;
        }
        for start in 0..lowered.len() {
            let mut h = Hasher::new(0x6a7e);
            for len in 1..=self.max_tokens.min(lowered.len() - start) {
                h = h.str(lowered[start + len - 1]);
                let Some(&bits) = self.entries.get(&h.finish()) else {
                    break;
                };
                if bits & KINDS != 0 {
                    out.push(GazMatch {
                        start,
                        len,
                        kinds: bits & KINDS,
                    });
                }
                if bits & CONTINUES == 0 {
                    break;
                }
            }
        }
    }

    /// Both lists in one: a scan of it finds every match of either, with
    /// the kinds of equal spans joined, as scanning both and joining does.
    pub fn union(&self, other: &Gazetteer) -> Gazetteer {
        let mut entries = self.entries.clone();
        for (key, bits) in &other.entries {
            *entries.entry(*key).or_insert(0) |= *bits;
        }
        Gazetteer {
            entries,
            max_tokens: self.max_tokens.max(other.max_tokens),
        }
    }

    pub(crate) fn raw_entries(&self) -> (Vec<(u64, u8)>, usize) {
        let mut v: Vec<(u64, u8)> = self.entries.iter().map(|(k, v)| (*k, *v)).collect();
        v.sort_unstable();
        (v, self.max_tokens)
    }

    pub(crate) fn from_raw(entries: &[(u64, u8)], max_tokens: usize) -> Self {
        Gazetteer {
            entries: entries.iter().copied().collect(),
            max_tokens: max_tokens.min(MAX_ENTRY_TOKENS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_multiword_names_case_insensitively() {
        let gaz = Gazetteer::new([
            ("de Verenigde Naties", MentionKind::Org),
            ("Ankara", MentionKind::Loc),
            ("Turks", MentionKind::Demonym),
            ("de premier", MentionKind::Nominal),
        ]);
        assert_eq!(gaz.len(), 3);
        let sentence = ["volgens", "de", "verenigde", "naties", "in", "ankara"];
        let mut hits = Vec::new();
        gaz.matches(&sentence, &mut hits);
        assert_eq!(
            hits,
            vec![
                GazMatch {
                    start: 2,
                    len: 2,
                    kinds: 2
                },
                GazMatch {
                    start: 5,
                    len: 1,
                    kinds: 4
                },
            ]
        );
    }

    #[test]
    fn splits_punctuation_off_names() {
        assert_eq!(name_tokens("Noord-Korea,"), vec!["noord-korea", ","]);
        assert_eq!(name_tokens("(VN)"), vec!["(", "vn", ")"]);
    }
}
