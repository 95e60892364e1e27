//! Model bytes: an 8-byte magic, a little-endian format version, then the
//! postcard payload. Since tagger format 3 and parser format 4 the payload
//! is Snappy-framed (its CRC-32C per block catches corruption) and each
//! weight table is one byte string; before, it was zlib-compressed with a
//! varint per weight, which made loading the models (inflating, then
//! decoding nine million varints) a few per cent of ingesting 5 MB.
//! Files of the older formats still read.

use std::io::{Read, Write};

use flate2::read::ZlibDecoder;
use serde::{Deserialize, Serialize};

use crate::lemma::Lemmatiser;
use crate::parser::Parser;
use crate::perceptron::VARINT_WEIGHTS;
use crate::tagger::Tagger;

pub const TAGGER_MAGIC: &[u8; 8] = b"KRNLPTAG";
pub const PARSER_MAGIC: &[u8; 8] = b"KRNLPPAR";
/// Tagger files: Snappy-framed, weights as bytes. Version 2 (zlib,
/// varint weights) still reads.
pub const FORMAT_VERSION: u32 = 3;
/// Parser files: version 4 is version 3 (arc-label features,
/// `LabelFeatures`) Snappy-framed with weights as bytes; versions 3 and 2
/// (labels scored on the configuration features) still read.
pub const PARSER_FORMAT_VERSION: u32 = 4;
/// The oldest tagger format, and the parser format before arc labels.
const LEGACY_VERSION: u32 = 2;
/// Parser files with arc-label features, zlib and varint weights.
const PARSER_ZLIB_VERSION: u32 = 3;

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
    let mut framed = snap::write::FrameEncoder::new(out);
    let _ = framed.write_all(&raw);
    framed.into_inner().unwrap_or_default()
}

/// Zlib and varint weights: the formats before Snappy.
#[cfg(test)]
fn encode_legacy<T: Serialize>(magic: &[u8; 8], version: u32, payload: &T) -> Vec<u8> {
    let mut out = magic.to_vec();
    out.extend_from_slice(&version.to_le_bytes());
    VARINT_WEIGHTS.set(true);
    let raw = postcard::to_allocvec(payload).unwrap_or_default();
    VARINT_WEIGHTS.set(false);
    let mut z = flate2::write::ZlibEncoder::new(out, flate2::Compression::fast());
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

/// Resets the weights' format when decoding ends, however it ends.
struct VarintWeights;

impl VarintWeights {
    fn set(on: bool) -> VarintWeights {
        VARINT_WEIGHTS.set(on);
        VarintWeights
    }
}

impl Drop for VarintWeights {
    fn drop(&mut self) {
        VARINT_WEIGHTS.set(false);
    }
}

/// Decodes a payload of a known `version`: Snappy-framed with weights as
/// bytes when `snappy`, else zlib with varint weights.
fn decode<T: for<'de> Deserialize<'de>>(
    kind: &'static str,
    snappy: bool,
    bytes: &[u8],
) -> Result<T, ModelError> {
    let corrupted = |reason: String| ModelError::Corrupted { kind, reason };
    // Sized for the shipped models' ratio (1.7–2.7 for zlib, up to 4 for
    // the sparse tables in Snappy) so the buffer is allocated once, not
    // doubled through fresh pages.
    let mut raw = Vec::with_capacity(bytes.len().saturating_mul(4));
    let body = bytes.get(12..).unwrap_or_default();
    let read = if snappy {
        snap::read::FrameDecoder::new(body).read_to_end(&mut raw)
    } else {
        ZlibDecoder::new(body).read_to_end(&mut raw)
    };
    read.map_err(|e| corrupted(format!("decompression failed: {e}")))?;
    let _format = VarintWeights::set(!snappy);
    postcard::from_bytes(&raw).map_err(|e| corrupted(format!("payload does not decode: {e}")))
}

fn wrong_version(kind: &'static str, found: u32, expected: u32) -> ModelError {
    ModelError::WrongVersion {
        kind,
        found,
        expected,
    }
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
    let p: TaggerPayload = match version_of(kind, TAGGER_MAGIC, bytes)? {
        FORMAT_VERSION => decode(kind, true, bytes)?,
        LEGACY_VERSION => decode(kind, false, bytes)?,
        found => return Err(wrong_version(kind, found, FORMAT_VERSION)),
    };
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
    let p: Parser = match version_of(kind, PARSER_MAGIC, bytes)? {
        PARSER_FORMAT_VERSION => decode(kind, true, bytes)?,
        PARSER_ZLIB_VERSION => decode(kind, false, bytes)?,
        LEGACY_VERSION => {
            let old: ParserV2 = decode(kind, false, bytes)?;
            Parser {
                labels: old.labels,
                transitions: old.transitions,
                arc_labels: old.arc_labels,
                label_features: crate::parser::LabelFeatures::Configuration,
            }
        }
        found => return Err(wrong_version(kind, found, PARSER_FORMAT_VERSION)),
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

/// The same model in the current format (tagger and parser files alike):
/// the weights, labels and lemmas are carried over unchanged.
pub fn upgrade(bytes: &[u8]) -> Result<Vec<u8>, ModelError> {
    if bytes.starts_with(TAGGER_MAGIC) {
        let (tagger, lemmatiser) = decode_tagger(bytes)?;
        Ok(encode_tagger(&tagger, &lemmatiser))
    } else if bytes.starts_with(PARSER_MAGIC) {
        Ok(encode_parser(&decode_parser(bytes)?))
    } else {
        Err(ModelError::BadMagic {
            kind: "tagger or parser",
        })
    }
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

    /// A small parser of the current kind (arc-label features).
    fn arc_parser() -> Parser {
        Parser {
            labels: vec!["nsubj".into(), "obj".into(), "punct".into()],
            transitions: table(4, 3),
            arc_labels: table(3, 3),
            label_features: LabelFeatures::Arc,
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
        let bytes = encode_legacy(PARSER_MAGIC, LEGACY_VERSION, &old);
        let parser = decode_parser(&bytes).expect("a version 2 file decodes");
        assert_eq!(parser.label_features, LabelFeatures::Configuration);
        assert_eq!(parser.labels, old.labels);
        assert_eq!(parser.arc_labels.weights, old.arc_labels.weights);
    }

    #[test]
    fn parser_files_round_trip_and_unknown_versions_are_refused() {
        let parser = arc_parser();
        let bytes = encode_parser(&parser);
        assert_eq!(&bytes[8..12], &PARSER_FORMAT_VERSION.to_le_bytes());
        let back = decode_parser(&bytes).expect("round trip");
        assert_eq!(back.label_features, LabelFeatures::Arc);
        assert_eq!(back.transitions.weights, parser.transitions.weights);
        let mut future = bytes.clone();
        future[8..12].copy_from_slice(&(PARSER_FORMAT_VERSION + 1).to_le_bytes());
        let err = decode_parser(&future).err().expect("refused");
        assert!(err.to_string().contains("version"), "{err}");
        // A version 2 payload labelled version 4 lacks the last field.
        let mut relabelled = encode(
            PARSER_MAGIC,
            LEGACY_VERSION,
            &ParserV2Out {
                labels: parser.labels.clone(),
                transitions: table(4, 3),
                arc_labels: table(3, 3),
            },
        );
        relabelled[8..12].copy_from_slice(&PARSER_FORMAT_VERSION.to_le_bytes());
        assert!(decode_parser(&relabelled).is_err());
    }

    #[test]
    fn zlib_files_with_varint_weights_still_read() {
        let parser = arc_parser();
        let old = encode_legacy(PARSER_MAGIC, PARSER_ZLIB_VERSION, &parser);
        let back = decode_parser(&old).expect("a version 3 file decodes");
        assert_eq!(back.arc_labels.weights, parser.arc_labels.weights);
        assert_eq!(back.transitions.weights, parser.transitions.weights);
        // The weights' format is reset after decoding: new files read next.
        let new = decode_parser(&encode_parser(&parser)).expect("a version 4 file decodes");
        assert_eq!(new.arc_labels.weights, parser.arc_labels.weights);
        // Weights as bytes are smaller to decode, not to store: the sparse
        // tables still compress.
        assert!(encode_parser(&parser).len() < 4 * old.len());
    }

    #[test]
    fn damaged_snappy_files_are_errors() {
        let parser = Parser {
            labels: vec!["nsubj".into()],
            transitions: table(6, 3),
            arc_labels: table(5, 1),
            label_features: LabelFeatures::Arc,
        };
        let bytes = encode_parser(&parser);
        for cut in [12, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode_parser(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 0x55;
        assert!(decode_parser(&flipped).is_err());
    }
}
