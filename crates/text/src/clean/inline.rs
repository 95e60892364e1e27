//! Normalisation inside one line: whitespace runs become one space,
//! invisible characters go, ligatures are spelled out, decomposed accents
//! are composed. Everything else is copied byte for byte.

use unicode_normalization::UnicodeNormalization;

use super::builder::Builder;
use crate::chars::{is_combining_mark, is_invisible, is_space, ligature};

/// Emits `raw[start..end]` (a trimmed line) into `out`.
pub(crate) fn emit(out: &mut Builder<'_>, raw: &str, start: usize, end: usize) {
    let bytes = raw.as_bytes();
    let mut copy_from = start;
    let mut i = start;
    // Start of the last character copied, for composing accents onto it.
    let mut last_char_start: Option<usize> = None;
    while i < end {
        let b = bytes[i];
        if b > b' ' && b < 0x7f {
            last_char_start = Some(i);
            i += 1;
            continue;
        }
        if b == b' '
            && !bytes
                .get(i + 1)
                .is_some_and(|&n| starts_space_or_invisible(raw, i + 1, n))
        {
            last_char_start = None;
            i += 1;
            continue;
        }
        let Some(c) = raw[i..].chars().next() else {
            break;
        };
        let c_len = c.len_utf8();
        if is_space(c) || is_invisible(c) {
            let run_end = skip_blank_run(raw, i, end);
            let has_space = raw[i..run_end].chars().any(is_space);
            out.copy(copy_from, i);
            if has_space && run_end < end {
                out.replace(" ", i, run_end);
            }
            copy_from = run_end;
            i = run_end;
            last_char_start = None;
        } else if let Some(spelled) = ligature(c) {
            out.copy(copy_from, i);
            out.replace(spelled, i, i + c_len);
            i += c_len;
            copy_from = i;
            last_char_start = None;
        } else if is_combining_mark(c) && last_char_start.is_some_and(|s| s >= copy_from) {
            let base = last_char_start.unwrap_or(i);
            let marks_end = raw[i..end]
                .char_indices()
                .find(|&(_, m)| !is_combining_mark(m))
                .map_or(end, |(off, _)| i + off);
            let composed: String = raw[base..marks_end].nfc().collect();
            out.copy(copy_from, base);
            out.replace(&composed, base, marks_end);
            copy_from = marks_end;
            i = marks_end;
            last_char_start = None;
        } else {
            last_char_start = Some(i);
            i += c_len;
        }
    }
    out.copy(copy_from, end);
}

fn starts_space_or_invisible(raw: &str, at: usize, first_byte: u8) -> bool {
    if first_byte < 0x80 {
        return first_byte <= b' ' || first_byte == 0x7f;
    }
    raw[at..]
        .chars()
        .next()
        .is_some_and(|c| is_space(c) || is_invisible(c))
}

/// End of the run of spaces and invisible characters starting at `from`.
fn skip_blank_run(raw: &str, from: usize, end: usize) -> usize {
    raw[from..end]
        .char_indices()
        .find(|&(_, c)| !(is_space(c) || is_invisible(c)))
        .map_or(end, |(off, _)| from + off)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(raw: &str) -> String {
        let mut b = Builder::new(raw);
        emit(&mut b, raw, 0, raw.len());
        b.finish().0
    }

    #[test]
    fn normalises_inside_a_line() {
        assert_eq!(run("een  twee\tdrie\u{a0}vier"), "een twee drie vier");
        assert_eq!(
            run("her\u{ad}vorming en zero\u{200b}width"),
            "hervorming en zerowidth"
        );
        assert_eq!(run("de \u{fb01}nanciën"), "de financiën");
        assert_eq!(
            run("Armenie\u{308} en Oekrai\u{308}ne"),
            "Armenië en Oekraïne"
        );
        assert_eq!(run("‘mislukt’ – zei hij"), "‘mislukt’ – zei hij");
        assert_eq!(run("\u{308}x"), "\u{308}x");
    }
}
