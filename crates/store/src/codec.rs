//! Compressed JSON blobs for the annotations a document carries. JSON
//! (not a positional binary format) because the model types skip empty
//! fields and must stay readable by older and newer builds alike.
use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::StoreError;

pub fn pack<T: Serialize>(value: &T) -> Vec<u8> {
    let json = serde_json::to_vec(value).unwrap_or_default();
    let mut enc = DeflateEncoder::new(Vec::with_capacity(json.len() / 4), Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(&json);
    enc.finish().unwrap_or_default()
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
