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

fn encode<T: Serialize>(magic: &[u8; 8], payload: &T) -> Vec<u8> {
    let mut out = magic.to_vec();
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    // Serialising plain structs into a Vec cannot fail; an empty payload
    // would be rejected on decoding anyway.
    let raw = postcard::to_allocvec(payload).unwrap_or_default();
    let mut z = ZlibEncoder::new(out, Compression::best());
    let _ = z.write_all(&raw);
    z.finish().unwrap_or_default()
}

fn decode<T: for<'de> Deserialize<'de>>(
    kind: &'static str,
    magic: &[u8; 8],
    bytes: &[u8],
) -> Result<T, ModelError> {
    if bytes.len() < 12 || &bytes[..8] != magic {
        return Err(ModelError::BadMagic { kind });
    }
    let mut version = [0u8; 4];
    version.copy_from_slice(&bytes[8..12]);
    let found = u32::from_le_bytes(version);
    if found != FORMAT_VERSION {
        return Err(ModelError::WrongVersion {
            kind,
            found,
            expected: FORMAT_VERSION,
        });
    }
    let mut raw = Vec::new();
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
        &TaggerPayload {
            tagger: tagger.clone(),
            lemmatiser: lemmatiser.clone(),
        },
    )
}

pub fn decode_tagger(bytes: &[u8]) -> Result<(Tagger, Lemmatiser), ModelError> {
    let kind = "tagger";
    let p: TaggerPayload = decode(kind, TAGGER_MAGIC, bytes)?;
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
    encode(PARSER_MAGIC, parser)
}

pub fn decode_parser(bytes: &[u8]) -> Result<Parser, ModelError> {
    let kind = "parser";
    let p: Parser = decode(kind, PARSER_MAGIC, bytes)?;
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
