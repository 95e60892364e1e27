//! Compressed JSON blobs for the annotations a document carries. JSON
//! (not a positional binary format) because the model types skip empty
//! fields and must stay readable by older and newer builds alike.
//!
//! Blobs are Snappy blocks behind a one-byte tag. Snappy compresses about
//! four times faster than deflate's fastest level, which cost a tenth of the
//! ingest's time (BENCHMARKS.md). Blobs of stores written before (schema
//! 5 and older) are raw deflate streams, which never start with the tag: a
//! deflate block whose first byte is 0xFF has the reserved block type 11.
use std::cell::RefCell;
use std::io::Read;

use flate2::read::DeflateDecoder;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::StoreError;

/// First byte of a Snappy blob.
const SNAPPY_TAG: u8 = 0xFF;

/// More expansion than Snappy's tags can give (its longest copy, three
/// bytes of tag and offset, writes at most 64 bytes): a length beyond it is
/// damage.
const MAX_SNAPPY_RATIO: usize = 64;

thread_local! {
    /// One encoder and JSON buffer a thread: both keep their allocations.
    static ENCODER: RefCell<(snap::raw::Encoder, Vec<u8>)> =
        RefCell::new((snap::raw::Encoder::new(), Vec::new()));
}

pub fn pack<T: Serialize>(value: &T) -> Vec<u8> {
    ENCODER.with_borrow_mut(|(encoder, json)| {
        json.clear();
        if serde_json::to_writer(&mut *json, value).is_err() {
            json.clear();
        }
        let mut out = vec![0u8; 1 + snap::raw::max_compress_len(json.len())];
        out[0] = SNAPPY_TAG;
        match encoder.compress(json, &mut out[1..]) {
            Ok(n) => {
                out.truncate(1 + n);
                out
            }
            // Compressing into a buffer of the maximal size cannot fail; an
            // empty blob would be reported as corrupt when read, never misread.
            Err(_) => Vec::new(),
        }
    })
}

pub fn unpack<T: DeserializeOwned>(bytes: &[u8], item: &str) -> Result<T, StoreError> {
    let corrupt = |reason: String| StoreError::Corrupt {
        item: item.into(),
        reason,
    };
    let json = match bytes.split_first() {
        Some((&SNAPPY_TAG, block)) => {
            // The block states its length first and the decoder allocates
            // it at once: a damaged header must not ask for gigabytes.
            let declared = snap::raw::decompress_len(block).map_err(|e| corrupt(e.to_string()))?;
            if declared > block.len().saturating_mul(MAX_SNAPPY_RATIO).max(1024) {
                return Err(corrupt(format!(
                    "the blob claims {declared} bytes from {} compressed",
                    block.len()
                )));
            }
            snap::raw::Decoder::new()
                .decompress_vec(block)
                .map_err(|e| corrupt(e.to_string()))?
        }
        _ => {
            let mut json = Vec::with_capacity(bytes.len() * 4);
            DeflateDecoder::new(bytes)
                .read_to_end(&mut json)
                .map_err(|e| corrupt(e.to_string()))?;
            json
        }
    };
    serde_json::from_slice(&json).map_err(|e| corrupt(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;

    #[test]
    fn blobs_round_trip_with_the_encoder_reused() {
        let long: Vec<String> = (0..20_000).map(|i| format!("woord{}", i % 977)).collect();
        for value in [vec![], vec!["één".to_string()], long.clone(), vec![]] {
            let blob = pack(&value);
            assert_eq!(blob[0], SNAPPY_TAG);
            let back: Vec<String> = unpack(&blob, "t").unwrap();
            assert_eq!(back, value);
        }
        assert!(pack(&long).len() < serde_json::to_vec(&long).unwrap().len() / 2);
    }

    #[test]
    fn deflate_blobs_of_older_stores_still_read() {
        let value = vec!["oud".to_string(), "blob".to_string()];
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), Compression::fast());
        std::io::Write::write_all(&mut enc, &serde_json::to_vec(&value).unwrap()).unwrap();
        let old = enc.finish().unwrap();
        assert_ne!(old[0], SNAPPY_TAG);
        let back: Vec<String> = unpack(&old, "t").unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn damaged_blobs_are_errors_naming_the_item() {
        let mut blob = pack(&vec!["a".to_string(); 50]);
        blob.truncate(blob.len() / 2);
        let err = unpack::<Vec<String>>(&blob, "doc-7")
            .unwrap_err()
            .to_string();
        assert!(err.contains("doc-7"), "{err}");
        assert!(unpack::<Vec<String>>(&[SNAPPY_TAG], "doc-8").is_err());
        // A header claiming 4 GB ahead of a few bytes is refused before any allocation.
        let huge = [SNAPPY_TAG, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x01];
        let err = unpack::<Vec<String>>(&huge, "doc-9")
            .unwrap_err()
            .to_string();
        assert!(err.contains("doc-9") && err.contains("claims"), "{err}");
    }

    #[test]
    fn the_expansion_bound_holds_for_repetitive_blobs() {
        let value = vec!["a".repeat(100_000)];
        let blob = pack(&value);
        assert!(blob.len() * MAX_SNAPPY_RATIO > 100_000);
        let back: Vec<String> = unpack(&blob, "t").unwrap();
        assert_eq!(back, value);
    }
}
