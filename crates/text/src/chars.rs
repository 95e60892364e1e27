//! Character classes shared by the cleaner and the tokeniser.

/// Whitespace of any kind except the line breaks the cleaner splits on:
/// ASCII blanks, no-break and typographic spaces, line/paragraph separators.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Characters that carry nothing and are dropped: zero-width spaces and
/// joiners, the byte-order mark, the soft hyphen, and control characters.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{0}'..='\u{8}'
            | '\u{e}'..='\u{1f}'
            | '\u{7f}'
            | '\u{80}'..='\u{84}'
            | '\u{86}'..='\u{9f}'
    )
}

/// Space or invisible: what `trim` removes at the edges of a line.
pub(crate) fn is_blank(c: char) -> bool {
    is_space(c) || is_invisible(c)
}

/// The expansion of a typographic ligature that PDF extraction leaves behind.
pub(crate) fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{fb00}' => "ff",
        '\u{fb01}' => "fi",
        '\u{fb02}' => "fl",
        '\u{fb03}' => "ffi",
        '\u{fb04}' => "ffl",
        '\u{fb05}' | '\u{fb06}' => "st",
        _ => return None,
    })
}

/// Combining diacritical marks that NFC may fold into the preceding letter.
pub(crate) fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}')
}

pub(crate) fn is_opening_quote(c: char) -> bool {
    matches!(c, '‘' | '‚' | '‛' | '“' | '„' | '«' | '‹' | '(' | '[' | '{')
}

pub(crate) fn is_closing_quote(c: char) -> bool {
    matches!(c, '’' | '”' | '»' | '›' | ')' | ']' | '}')
}

/// Straight quotes open or close depending on where they stand.
pub(crate) fn is_straight_quote(c: char) -> bool {
    matches!(c, '\'' | '"')
}

/// Punctuation that ends a sentence.
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉')
}

/// ASCII normalisation of quotes and dashes for `Token::norm`.
pub(crate) fn normalised(c: char) -> Option<char> {
    Some(match c {
        '‘' | '’' | '‚' | '‛' | '‹' | '›' | '′' => '\'',
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
        '–' | '—' | '‒' | '―' | '−' | '‐' | '‑' => '-',
        _ => return None,
    })
}

/// A letter, digit or mark that can be part of a word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_space('\u{a0}'));
        assert!(!is_space('a'));
        assert!(is_invisible('\u{ad}'));
        assert!(is_invisible('\u{200b}'));
        assert!(!is_invisible('\n'));
        assert_eq!(ligature('\u{fb01}'), Some("fi"));
        assert_eq!(normalised('„'), Some('"'));
        assert_eq!(normalised('—'), Some('-'));
        assert!(is_word_char('ë'));
        assert!(!is_word_char('-'));
    }
}
