use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a text (always on UTF-8 char boundaries).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    #[inline]
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    #[inline]
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
    #[inline]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    #[inline]
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    #[inline]
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text under this span, or "" when the span does not fit the text.
    #[inline]
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.range()).unwrap_or("")
    }
}

/// One piece of the cleaned text: `len` bytes starting at `clean_start`
/// come from `raw_start..raw_end` of the original. When the piece is a copy,
/// `raw_end - raw_start == len` and offsets map one to one; otherwise the
/// piece replaced that raw range (a joined line break, a collapsed run of
/// whitespace, a removed hyphen) and all its bytes map to `raw_start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub clean_start: u32,
    pub len: u32,
    pub raw_start: u32,
    pub raw_end: u32,
}

/// Map from cleaned-text byte offsets to original-text byte offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    pub pieces: Vec<Piece>,
}

impl OffsetMap {
    /// Original offset of cleaned offset `clean`. Offsets past the end map to
    /// the end of the last piece.
    pub fn to_raw(&self, clean: usize) -> usize {
        let clean = clean as u32;
        let idx = self.pieces.partition_point(|p| p.clean_start <= clean);
        if idx == 0 {
            return 0;
        }
        let p = &self.pieces[idx - 1];
        let within = clean - p.clean_start;
        if p.raw_end - p.raw_start == p.len {
            (p.raw_start + within.min(p.len)) as usize
        } else if within >= p.len {
            p.raw_end as usize
        } else {
            p.raw_start as usize
        }
    }

    /// Original span covering cleaned span `span`.
    pub fn span_to_raw(&self, span: Span) -> Span {
        let start = self.to_raw(span.start as usize);
        let end = if span.is_empty() {
            start
        } else {
            self.to_raw(span.end as usize - 1) + 1
        };
        Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_copies_and_replacements() {
        // raw: "ab\n\ncd" -> clean "ab cd"
        let map = OffsetMap {
            pieces: vec![
                Piece {
                    clean_start: 0,
                    len: 2,
                    raw_start: 0,
                    raw_end: 2,
                },
                Piece {
                    clean_start: 2,
                    len: 1,
                    raw_start: 2,
                    raw_end: 4,
                },
                Piece {
                    clean_start: 3,
                    len: 2,
                    raw_start: 4,
                    raw_end: 6,
                },
            ],
        };
        assert_eq!(map.to_raw(0), 0);
        assert_eq!(map.to_raw(1), 1);
        assert_eq!(map.to_raw(2), 2);
        assert_eq!(map.to_raw(3), 4);
        assert_eq!(map.to_raw(4), 5);
        assert_eq!(map.span_to_raw(Span::new(3, 5)), Span::new(4, 6));
    }
}
