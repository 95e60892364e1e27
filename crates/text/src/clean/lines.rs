//! Splits the raw text into lines and trims each to its content.

use crate::chars::is_blank;

/// A non-blank line: `start..end` is its content without surrounding blanks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Blank lines (or removed furniture lines) between this line and the
    /// previous body line.
    pub(crate) gap_lines: u32,
}

impl Line {
    pub(crate) fn text<'a>(&self, raw: &'a str) -> &'a str {
        &raw[self.start..self.end]
    }
}

/// The non-blank lines of `raw[from..]`, in order.
pub(crate) fn split(raw: &str, from: usize) -> Vec<Line> {
    let bytes = raw.as_bytes();
    let mut lines = Vec::with_capacity(raw.len() / 60 + 1);
    let mut pos = from;
    let mut blanks = 0u32;
    while pos <= bytes.len() {
        let (line_end, next) = match memchr::memchr3(b'\n', b'\r', b'\x0c', &bytes[pos..]) {
            Some(off) => {
                let at = pos + off;
                let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                    at + 2
                } else {
                    at + 1
                };
                (at, next)
            }
            None => (bytes.len(), bytes.len() + 1),
        };
        let (start, end) = trim(raw, pos, line_end);
        if start < end {
            lines.push(Line {
                start,
                end,
                gap_lines: blanks,
            });
            blanks = 0;
        } else {
            blanks += 1;
        }
        pos = next;
    }
    lines
}

/// Shrinks `start..end` to exclude leading and trailing blank characters.
pub(crate) fn trim(raw: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &raw[start..end];
    let left = slice.trim_start_matches(is_blank);
    let s = start + (slice.len() - left.len());
    let e = s + left.trim_end_matches(is_blank).len();
    (s, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_blank_lines_and_trims() {
        let raw = " a \r\n\r\n \u{a0}\nb\x0cc";
        let lines = split(raw, 0);
        let texts: Vec<_> = lines.iter().map(|l| l.text(raw)).collect();
        assert_eq!(texts, ["a", "b", "c"]);
        assert_eq!(lines[1].gap_lines, 2);
        assert_eq!(lines[2].gap_lines, 0);
    }
}
