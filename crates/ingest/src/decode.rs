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
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
            let (text, _, _) = encoding.decode(bytes);
            finish(
                text.into_owned(),
                encoding.name().to_ascii_lowercase(),
                true,
            )
        }
    }
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
