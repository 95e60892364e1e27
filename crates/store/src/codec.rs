//! Compressed JSON blobs for the annotations a document carries. JSON
//! (not a positional binary format) because the model types skip empty
//! fields and must stay readable by older and newer builds alike.
use std::cell::RefCell;
use std::io::Read;

use flate2::read::DeflateDecoder;
use flate2::{Compress, Compression, FlushCompress, Status};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::StoreError;

thread_local! {
    /// One compressor a thread, reset between blobs: building one zeroes
    /// about 300 KB of tables, which cost as much as compressing a short
    /// article.
    static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), false));
}

pub fn pack<T: Serialize>(value: &T) -> Vec<u8> {
    let json = serde_json::to_vec(value).unwrap_or_default();
    DEFLATE.with(|c| deflate(&mut c.borrow_mut(), &json))
}

/// Raw deflate of `input`, as `DeflateEncoder` writes it.
fn deflate(c: &mut Compress, input: &[u8]) -> Vec<u8> {
    c.reset();
    let mut out = Vec::with_capacity(input.len() / 4 + 64);
    loop {
        let read = c.total_in() as usize;
        let rest = input.get(read..).unwrap_or_default();
        match c.compress_vec(rest, &mut out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return out,
            // Out of room: grow and go on where it stopped.
            Ok(Status::Ok | Status::BufError) => out.reserve(out.capacity().max(64)),
            // Compressing into memory has no other failure; an empty blob
            // would be reported as corrupt when read, never misread.
            Err(_) => return Vec::new(),
        }
    }
}

pub fn unpack<T: DeserializeOwned>(bytes: &[u8], item: &str) -> Result<T, StoreError> {
    let mut json = Vec::with_capacity(bytes.len() * 4);
    DeflateDecoder::new(bytes)
        .read_to_end(&mut json)
        .map_err(|e| StoreError::Corrupt {
            item: item.into(),
            reason: e.to_string(),
        })?;
    serde_json::from_slice(&json).map_err(|e| StoreError::Corrupt {
        item: item.into(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blobs_round_trip_with_the_compressor_reused() {
        let long: Vec<String> = (0..20_000).map(|i| format!("woord{}", i % 977)).collect();
        for value in [vec![], vec!["één".to_string()], long.clone(), vec![]] {
            let blob = pack(&value);
            let back: Vec<String> = unpack(&blob, "t").unwrap();
            assert_eq!(back, value);
        }
        // Same bytes as a fresh encoder would write.
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), Compression::fast());
        std::io::Write::write_all(&mut enc, &serde_json::to_vec(&long).unwrap()).unwrap();
        assert_eq!(pack(&long), enc.finish().unwrap());
    }
}
