//! Model bytes: an 8-byte magic, a little-endian format version, then the
//! zlib-compressed postcard payload (zlib's checksum catches corruption).

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use serde::{Deserialize, Serialize};

use crate::lemma::Lemmatiser;
use crate::parser::Parser;
use crate::tagger::Tagger;

pub const TAGGER_MAGIC: &[u8; 8] = b"KRNLPTAG";
pub const PARSER_MAGIC: &[u8; 8] = b"KRNLPPAR";
pub const FORMAT_VERSION: u32 = 2;
/// Parser files since the arc-label features (`LabelFeatures`); version 2
/// parser files are still read (their labels use configuration features).
pub const PARSER_FORMAT_VERSION: u32 = 3;

#[derive(Debug, Clone, thiserror::Error)]
pub enum ModelError {
    #[error("{kind} model: not a kroniek {kind} model (bad magic bytes)")]
    BadMagic { kind: &'static str },
    #[error(
        "{kind} model: format version {found}, this build reads version {expected}; retrain or update kroniek"
    )]
    WrongVersion {
        kind: &'static str,
        found: u32,
        expected: u32,
    },
    #[error("{kind} model: corrupted ({reason})")]
    Corrupted { kind: &'static str, reason: String },
}

#[derive(Serialize, Deserialize)]
struct TaggerPayload {
    tagger: Tagger,
    lemmatiser: Lemmatiser,
}

fn encode<T: Serialize>(magic: &[u8; 8], version: u32, payload: &T) -> Vec<u8> {
    let mut out = magic.to_vec();
    out.extend_from_slice(&version.to_le_bytes());
    // Serialising plain structs into a Vec cannot fail; an empty payload
    // would be rejected on decoding anyway.
    let raw = postcard::to_allocvec(payload).unwrap_or_default();
    let mut z = ZlibEncoder::new(out, Compression::best());
    let _ = z.write_all(&raw);
    z.finish().unwrap_or_default()
}

/// The format version of model bytes whose magic is `magic`.
fn version_of(kind: &'static str, magic: &[u8; 8], bytes: &[u8]) -> Result<u32, ModelError> {
    if bytes.len() < 12 || &bytes[..8] != magic {
        return Err(ModelError::BadMagic { kind });
    }
    let mut version = [0u8; 4];
    version.copy_from_slice(&bytes[8..12]);
    Ok(u32::from_le_bytes(version))
}

fn decode<T: for<'de> Deserialize<'de>>(
    kind: &'static str,
    magic: &[u8; 8],
    expected: u32,
    bytes: &[u8],
) -> Result<T, ModelError> {
    let found = version_of(kind, magic, bytes)?;
    if found != expected {
        return Err(ModelError::WrongVersion {
            kind,
            found,
            expected,
        });
    }
    // Sized for the shipped models' ratio (1.7–2.7) so the buffer is
    // allocated once, not doubled through fresh pages.
    let mut raw = Vec::with_capacity(bytes.len().saturating_mul(3));
    ZlibDecoder::new(&bytes[12..])
        .read_to_end(&mut raw)
        .map_err(|e| ModelError::Corrupted {
            kind,
            reason: format!("decompression failed: {e}"),
        })?;
    postcard::from_bytes(&raw).map_err(|e| ModelError::Corrupted {
        kind,
        reason: format!("payload does not decode: {e}"),
    })
}

pub fn encode_tagger(tagger: &Tagger, lemmatiser: &Lemmatiser) -> Vec<u8> {
    encode(
        TAGGER_MAGIC,
        FORMAT_VERSION,
        &TaggerPayload {
            tagger: tagger.clone(),
            lemmatiser: lemmatiser.clone(),
        },
    )
}

pub fn decode_tagger(bytes: &[u8]) -> Result<(Tagger, Lemmatiser), ModelError> {
    let kind = "tagger";
    let p: TaggerPayload = decode(kind, TAGGER_MAGIC, FORMAT_VERSION, bytes)?;
    let shape_ok =
        |t: &crate::perceptron::QuantTable| t.is_consistent() && t.classes == crate::tagger::TAGS;
    let tags_ok = p
        .tagger
        .tagdict
        .values()
        .all(|&t| usize::from(t) < crate::tagger::TAGS);
    if !tags_ok || !shape_ok(&p.tagger.first) || !p.tagger.second.as_ref().is_none_or(shape_ok) {
        return Err(ModelError::Corrupted {
            kind,
            reason: "weight table has the wrong shape".to_string(),
        });
    }
    Ok((p.tagger, p.lemmatiser))
}

pub fn encode_parser(parser: &Parser) -> Vec<u8> {
    encode(PARSER_MAGIC, PARSER_FORMAT_VERSION, parser)
}

/// A version 2 parser file: labels scored on the configuration features.
#[derive(Deserialize)]
struct ParserV2 {
    labels: Vec<String>,
    transitions: crate::perceptron::QuantTable,
    arc_labels: crate::perceptron::QuantTable,
}

pub fn decode_parser(bytes: &[u8]) -> Result<Parser, ModelError> {
    let kind = "parser";
    let p: Parser = if version_of(kind, PARSER_MAGIC, bytes)? == FORMAT_VERSION {
        let old: ParserV2 = decode(kind, PARSER_MAGIC, FORMAT_VERSION, bytes)?;
        Parser {
            labels: old.labels,
            transitions: old.transitions,
            arc_labels: old.arc_labels,
            label_features: crate::parser::LabelFeatures::Configuration,
        }
    } else {
        decode(kind, PARSER_MAGIC, PARSER_FORMAT_VERSION, bytes)?
    };
    let shapes_ok = p.transitions.is_consistent()
        && p.transitions.classes == 3
        && p.arc_labels.is_consistent()
        && p.arc_labels.classes == p.labels.len().max(1)
        && p.labels.len() <= 256;
    if !shapes_ok {
        return Err(ModelError::Corrupted {
            kind,
            reason: "weight tables have the wrong shape".to_string(),
        });
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::LabelFeatures;
    use crate::perceptron::QuantTable;

    fn table(bits: u32, classes: usize) -> QuantTable {
        QuantTable {
            classes,
            bits,
            weights: (0..classes << bits).map(|i| (i % 7) as i16 - 3).collect(),
        }
    }

    #[derive(Serialize)]
    struct ParserV2Out {
        labels: Vec<String>,
        transitions: QuantTable,
        arc_labels: QuantTable,
    }

    #[test]
    fn version_2_parser_files_read_with_configuration_label_features() {
        let old = ParserV2Out {
            labels: vec!["nsubj".into(), "obj".into()],
            transitions: table(4, 3),
            arc_labels: table(3, 2),
        };
        let bytes = encode(PARSER_MAGIC, FORMAT_VERSION, &old);
        let parser = decode_parser(&bytes).expect("a version 2 file decodes");
        assert_eq!(parser.label_features, LabelFeatures::Configuration);
        assert_eq!(parser.labels, old.labels);
        assert_eq!(parser.arc_labels.weights, old.arc_labels.weights);
    }

    #[test]
    fn parser_files_round_trip_and_unknown_versions_are_refused() {
        let parser = Parser {
            labels: vec!["nsubj".into(), "obj".into(), "punct".into()],
            transitions: table(4, 3),
            arc_labels: table(3, 3),
            label_features: LabelFeatures::Arc,
        };
        let bytes = encode_parser(&parser);
        assert_eq!(&bytes[8..12], &PARSER_FORMAT_VERSION.to_le_bytes());
        let back = decode_parser(&bytes).expect("round trip");
        assert_eq!(back.label_features, LabelFeatures::Arc);
        assert_eq!(back.transitions.weights, parser.transitions.weights);
        let mut future = bytes.clone();
        future[8..12].copy_from_slice(&(PARSER_FORMAT_VERSION + 1).to_le_bytes());
        let err = decode_parser(&future).err().expect("refused");
        assert!(err.to_string().contains("version"), "{err}");
        // A version 2 payload labelled version 3 lacks the last field.
        let mut relabelled = encode(
            PARSER_MAGIC,
            FORMAT_VERSION,
            &ParserV2Out {
                labels: parser.labels.clone(),
                transitions: table(4, 3),
                arc_labels: table(3, 3),
            },
        );
        relabelled[8..12].copy_from_slice(&PARSER_FORMAT_VERSION.to_le_bytes());
        assert!(decode_parser(&relabelled).is_err());
    }
}
