//! The `date YYYY-MM[-DD]` header that some exports put before the body,
//! sometimes on the same line as the first paragraph.

use crate::chars::is_blank;

pub(crate) struct Header {
    /// `YYYY-MM` or `YYYY-MM-DD`, as written.
    pub(crate) date: String,
    /// Raw byte range of `date ...value`.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

const KEYWORDS: &[&str] = &["date", "datum"];

/// Recognises the header at the very start of `raw` (after blanks).
pub(crate) fn parse(raw: &str) -> Option<Header> {
    let start = raw.len() - raw.trim_start_matches(is_blank).len();
    let rest = &raw[start..];
    let keyword_len = KEYWORDS.iter().find_map(|k| {
        let head = rest.get(..k.len())?;
        head.eq_ignore_ascii_case(k).then_some(k.len())
    })?;
    let after_keyword = &rest[keyword_len..];
    let after_colon = after_keyword.strip_prefix(':').unwrap_or(after_keyword);
    let value = after_colon.trim_start_matches([' ', '\t', '\u{a0}']);
    if value.len() == after_keyword.len() {
        return None; // `dated`, `datum1`: the keyword must be followed by a separator
    }
    let date_len = date_prefix_len(value)?;
    let date = &value[..date_len];
    let end = raw.len() - value.len() + date_len;
    Some(Header {
        date: date.to_string(),
        start,
        end,
    })
}

/// Length of a valid `YYYY-MM` or `YYYY-MM-DD` at the start of `s`, which
/// must be followed by a blank or the end.
fn date_prefix_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        part.iter().all(u8::is_ascii_digit).then(|| {
            part.iter()
                .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))
        })
    };
    digits(0, 4)?;
    if b.get(4) != Some(&b'-') {
        return None;
    }
    let month = digits(5, 2)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let mut len = 7;
    if b.get(7) == Some(&b'-') {
        let day = digits(8, 2)?;
        if !(1..=31).contains(&day) {
            return None;
        }
        len = 10;
    }
    match s[len..].chars().next() {
        None => Some(len),
        Some(c) if is_blank(c) => Some(len),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_with_body_on_the_same_line() {
        let raw = "  date 2019-05 De Kamer stemde in.";
        let h = parse(raw).expect("header");
        assert_eq!(h.date, "2019-05");
        assert_eq!(&raw[h.start..h.end], "date 2019-05");
    }

    #[test]
    fn header_with_day_and_colon() {
        let h = parse("Date: 2021-11-30\nTekst").expect("header");
        assert_eq!(h.date, "2021-11-30");
    }

    #[test]
    fn rejects_look_alikes() {
        assert!(parse("dated 2019-05 x").is_none());
        assert!(parse("date 2019-13 x").is_none());
        assert!(parse("date 2019-05x").is_none());
        assert!(parse("De datum 2019-05 staat vast.").is_none());
        assert!(parse("").is_none());
        assert!(parse("date").is_none());
    }
}
