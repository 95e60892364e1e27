//! Builds the cleaned text piece by piece while recording where each piece
//! came from in the original, so that every cleaned byte maps back.

use kroniek_model::{OffsetMap, Piece};

pub(crate) struct Builder<'a> {
    raw: &'a str,
    text: String,
    pieces: Vec<Piece>,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(raw: &'a str) -> Self {
        Builder {
            raw,
            text: String::with_capacity(raw.len()),
            pieces: Vec::new(),
        }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Copies `raw[start..end]` unchanged, extending the previous copy piece
    /// when the two are adjacent on both sides.
    pub(crate) fn copy(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let Some(slice) = self.raw.get(start..end) else {
            return;
        };
        let clean_start = self.text.len() as u32;
        let len = (end - start) as u32;
        self.text.push_str(slice);
        if let Some(last) = self.pieces.last_mut() {
            let last_is_copy = last.raw_end - last.raw_start == last.len;
            if last_is_copy
                && last.raw_end == start as u32
                && last.clean_start + last.len == clean_start
            {
                last.len += len;
                last.raw_end += len;
                return;
            }
        }
        self.pieces.push(Piece {
            clean_start,
            len,
            raw_start: start as u32,
            raw_end: end as u32,
        });
    }

    /// Writes `replacement` in place of `raw[start..end]`.
    ///
    /// `OffsetMap` reads a piece whose raw range has the length of its text
    /// as a copy; a replacement of the same length but different bytes (a
    /// space for a newline) therefore points at an empty raw range at
    /// `start`, which still maps every byte of it to `start`.
    pub(crate) fn replace(&mut self, replacement: &str, start: usize, end: usize) {
        if replacement.is_empty() {
            return;
        }
        if self.raw.get(start..end) == Some(replacement) {
            self.copy(start, end);
            return;
        }
        let raw_end = if end - start == replacement.len() {
            start
        } else {
            end
        };
        self.pieces.push(Piece {
            clean_start: self.text.len() as u32,
            len: replacement.len() as u32,
            raw_start: start as u32,
            raw_end: raw_end as u32,
        });
        self.text.push_str(replacement);
    }

    pub(crate) fn finish(self) -> (String, OffsetMap) {
        (
            self.text,
            OffsetMap {
                pieces: self.pieces,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_adjacent_copies_and_keeps_replacements_apart() {
        let raw = "ab\ncd";
        let mut b = Builder::new(raw);
        b.copy(0, 1);
        b.copy(1, 2);
        b.replace(" ", 2, 3);
        b.copy(3, 5);
        let (text, map) = b.finish();
        assert_eq!(text, "ab cd");
        assert_eq!(map.pieces.len(), 3);
        assert_eq!(map.pieces[1].raw_start, map.pieces[1].raw_end);
        assert_eq!(map.to_raw(3), 3);
        assert_eq!(map.to_raw(2), 2);
    }
}
