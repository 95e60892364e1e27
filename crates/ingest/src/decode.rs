/// Decoded file content and the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `utf-8`, `utf-16le`, `windows-1252`, ...
    pub encoding: String,
    /// True when the bytes were not valid UTF-8 and had to be guessed.
    pub guessed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty file")]
    Empty,
    #[error("binary content ({0}), not text")]
    Binary(&'static str),
}

/// Decode bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or
/// else the most likely legacy encoding (Windows-1252 and friends).
/// Binary data (NUL bytes in 8-bit text, many control characters, known
/// binary magic numbers) is refused rather than turned into mojibake.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some(kind) = binary_magic(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = encoding.decode(bytes);
        let _ = bom_len;
        let text = text.into_owned();
        return finish(text, encoding.name().to_ascii_lowercase(), false);
    }
    if let Some(kind) = looks_binary(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => finish(text.to_string(), "utf-8".into(), false),
        Err(_) => {
            if let Some(mixed) = decode_mixed(bytes) {
                return finish(mixed.text, mixed.encoding, true);
            }
            let encoding = guess_legacy(bytes);
            let (text, _, _) = encoding.decode(bytes);
            finish(
                text.into_owned(),
                encoding.name().to_ascii_lowercase(),
                true,
            )
        }
    }
}

fn guess_legacy(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// A file that is mostly UTF-8 with some bytes of a legacy encoding (text
/// pasted together from two sources) is decoded segment by segment: valid
/// UTF-8 stays as it is, each run of invalid bytes is decoded with the
/// single-byte encoding guessed from those runs alone (Windows-1252 for
/// Dutch text). `None` when the file does not look like that: no non-ASCII
/// UTF-8 character at all, or more than four invalid bytes per valid UTF-8
/// character (then the UTF-8-looking pairs are more likely accidents of a
/// legacy file, `Ã©` read as `é`, and the whole file is decoded as one; a
/// Cyrillic or Greek single-byte file has many such accidents and far more
/// invalid bytes).
fn decode_mixed(bytes: &[u8]) -> Option<Decoded> {
    let mut utf8_chars = 0usize;
    let mut invalid = Vec::new();
    for chunk in bytes.utf8_chunks() {
        // C1 controls (U+0080..U+009F) are what Windows-1252 punctuation
        // pairs decode to by accident: no evidence of UTF-8.
        utf8_chars += chunk
            .valid()
            .chars()
            .filter(|&c| !c.is_ascii() && !('\u{80}'..='\u{9f}').contains(&c))
            .count();
        invalid.extend_from_slice(chunk.invalid());
        // Context for the guess: the ASCII around the invalid bytes.
        invalid.push(b' ');
    }
    let invalid_bytes = bytes
        .utf8_chunks()
        .map(|c| c.invalid().len())
        .sum::<usize>();
    if utf8_chars == 0 || invalid_bytes > 4 * utf8_chars {
        return None;
    }
    let guess = guess_legacy(&invalid);
    let legacy = if guess.is_single_byte() {
        guess
    } else {
        encoding_rs::WINDOWS_1252
    };
    let mut text = String::with_capacity(bytes.len() + invalid_bytes);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            let (part, _) = legacy.decode_without_bom_handling(chunk.invalid());
            text.push_str(&part);
        }
    }
    Some(Decoded {
        text,
        encoding: format!("utf-8+{}", legacy.name().to_ascii_lowercase()),
        guessed: true,
    })
}

fn finish(text: String, encoding: String, guessed: bool) -> Result<Decoded, DecodeError> {
    if text.chars().all(char::is_whitespace) {
        return Err(DecodeError::Empty);
    }
    // NUL characters survive UTF-16 decoding of binary junk; refuse them too.
    let nul = text.chars().filter(|&c| c == '\0').count();
    if nul * 100 > text.len().max(1) {
        return Err(DecodeError::Binary("NUL characters"));
    }
    let text = if nul > 0 {
        text.replace('\0', " ")
    } else {
        text
    };
    Ok(Decoded {
        text,
        encoding,
        guessed,
    })
}

fn binary_magic(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF; extract its text first"),
        (b"PK\x03\x04", "ZIP/Office archive"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x7FELF", "executable"),
        (b"\x1F\x8B", "gzip archive"),
        (b"SQLite format 3", "SQLite database"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// Text rarely contains control characters other than tab/newline/CR/FF;
/// more than 1 in 100 bytes of the first 64 KiB means binary data.
fn looks_binary(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(65536)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if control * 100 <= head.len() {
        None
    } else if nul * 2 >= control {
        Some("NUL bytes")
    } else {
        Some("control characters")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Één zin.".as_bytes()).unwrap();
        assert_eq!(d.text, "Één zin.");
        assert_eq!(d.encoding, "utf-8");
        assert!(!d.guessed);
    }

    #[test]
    fn windows_1252_is_detected() {
        // "Het café van Ruslands premier" with é as 0xE9 and a 0x93/0x94 quote pair.
        let bytes =
            b"Het caf\xE9 waar de premier \x93dreigde\x94 en de minister zweeg, bleef open.";
        let d = decode(bytes).unwrap();
        assert!(d.text.contains("café"), "{}", d.text);
        assert!(d.text.contains('\u{201C}'));
        assert!(d.guessed);
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn mixed_utf8_and_windows_1252_is_decoded_per_segment() {
        // One line in UTF-8, one pasted from a Windows-1252 source.
        let mut bytes = "De financiële commissie vergaderde in het café.\n"
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(
            b"Daarna volgde een \x93re\xEBle\x94 discussie over de na\xEFeve begroting.\n",
        );
        bytes.extend_from_slice("Één motie werd aangenomen, de coördinator zweeg.".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(
            d.text,
            "De financiële commissie vergaderde in het café.\n\
             Daarna volgde een \u{201C}reële\u{201D} discussie over de naïeve begroting.\n\
             Één motie werd aangenomen, de coördinator zweeg."
        );
        assert_eq!(d.encoding, "utf-8+windows-1252");
        assert!(d.guessed);

        // Both encodings inside one sentence.
        let mut bytes = "Het café".as_bytes().to_vec();
        bytes.extend_from_slice(b" en het caf\xE9 aan de overkant sloten.");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Het café en het café aan de overkant sloten.");
    }

    #[test]
    fn legacy_file_with_an_accidental_utf8_pair_stays_legacy() {
        // Windows-1252 throughout; "Ã©" happens to be valid UTF-8 for "é",
        // but the many invalid bytes outvote it.
        let bytes =
            b"Caf\xE9 \xC3\xA9 en na\xEFef, re\xEBel en co\xF6rdinatie: \xE9\xE9n begroting.";
        let d = decode(bytes).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.starts_with("Café Ã©"), "{}", d.text);
        assert!(d.text.contains("coördinatie"), "{}", d.text);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Vrede in Europa".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Vrede in Europa");
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"  \n\t ").unwrap_err(), DecodeError::Empty);
        assert!(matches!(
            decode(b"%PDF-1.7 ..."),
            Err(DecodeError::Binary(_))
        ));
        let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(matches!(decode(&junk), Err(DecodeError::Binary(_))));
        assert!(matches!(
            decode(b"a\0b\0c\0d\0e\0"),
            Err(DecodeError::Binary(_))
        ));
    }
}
