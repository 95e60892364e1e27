//! The IOB2 tag set and conlleval's chunk semantics.

/// IOB2 tags: `O`, then `B-`/`I-` for each type in [`TYPES`] order.
pub(crate) const TAGS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
pub(crate) const N_TAGS: usize = TAGS.len();

pub(crate) fn tag_index(tag: &str) -> Option<usize> {
    TAGS.iter().position(|t| *t == tag)
}

/// Whether `cur` may follow `prev` (`None`: sentence start) in IOB2:
/// an `I-X` only continues a `B-X` or `I-X`.
pub(crate) fn transition_allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    match prev {
        Some(p) if p != 0 => p.div_ceil(2) == cur / 2,
        _ => false,
    }
}

/// An entity as a half-open token range with its type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Chunk {
    pub start: usize,
    pub end: usize,
    pub kind: String,
}

fn split_tag(tag: &str) -> (char, &str) {
    if tag == "O" || tag.is_empty() {
        return ('O', "");
    }
    match tag.split_once('-') {
        Some((prefix, kind)) => (prefix.chars().next().unwrap_or('O'), kind),
        None => ('I', tag),
    }
}

/// Chunks of a tag sequence exactly as conlleval reads them (IOB1/IOB2/IOBES
/// prefixes; an `I-X` after `O` or after another type opens a new chunk).
pub(crate) fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut prev = ('O', "");
    for (i, tag) in tags.iter().enumerate() {
        let cur = split_tag(tag.as_ref());
        let ends = match (prev.0, cur.0) {
            ('B' | 'I', 'B' | 'S' | 'O') | ('E' | 'S', _) => true,
            _ => prev.0 != 'O' && prev.1 != cur.1,
        };
        let starts = match (prev.0, cur.0) {
            (_, 'B' | 'S') | ('E' | 'S' | 'O', 'E' | 'I') => true,
            _ => cur.0 != 'O' && prev.1 != cur.1,
        };
        if (ends || starts)
            && let Some((start, kind)) = open.take()
        {
            out.push(Chunk {
                start,
                end: i,
                kind: kind.to_string(),
            });
        }
        if starts {
            open = Some((i, cur.1));
        }
        prev = cur;
    }
    if let Some((start, kind)) = open {
        out.push(Chunk {
            start,
            end: tags.len(),
            kind: kind.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chunks_like_conlleval() {
        let tags = ["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "O"];
        let got = chunks(&tags);
        assert_eq!(
            got,
            vec![
                Chunk {
                    start: 0,
                    end: 2,
                    kind: "PER".into()
                },
                Chunk {
                    start: 3,
                    end: 4,
                    kind: "LOC".into()
                },
                Chunk {
                    start: 4,
                    end: 5,
                    kind: "LOC".into()
                },
                Chunk {
                    start: 5,
                    end: 6,
                    kind: "ORG".into()
                },
            ]
        );
    }

    #[test]
    fn inside_tag_needs_same_type_before_it() {
        assert!(transition_allowed(Some(1), 2));
        assert!(transition_allowed(Some(2), 2));
        assert!(!transition_allowed(Some(3), 2));
        assert!(!transition_allowed(None, 4));
        assert!(!transition_allowed(Some(0), 8));
        assert!(transition_allowed(None, 7));
    }
}
