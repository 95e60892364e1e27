//! Event exports for use outside kroniek.
//!
//! - [`write_csv`] and [`write_jsonl`]: one flat row per event with
//!   GDELT-like columns ([`FlatEvent`]);
//! - [`write_parquet`] (feature `parquet`): the same columns as a
//!   Hive-partitioned Parquet folder (`year=2023/month=10/part-0.parquet`)
//!   that DuckDB, pandas/pyarrow, Polars and Spark read directly;
//! - [`write_plover`]: one PLOVER-style JSON record per event (see
//!   [`plover`] for the field mapping).
#![forbid(unsafe_code)]

mod flat;
#[cfg(feature = "parquet")]
mod parquet_out;
pub mod plover;

use std::io::Write;

pub use flat::{FLAT_COLUMNS, FlatEvent, StoryCounts};
#[cfg(feature = "parquet")]
pub use parquet_out::{ParquetSummary, ParquetWriter, UNDATED_PARTITION, write_parquet};
pub use plover::{PloverRecord, write_plover};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {path}: {reason}")]
    Io { path: String, reason: String },
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write to the output: {0}")]
    Output(#[from] std::io::Error),
    #[error("cannot write Parquet file {path}: {reason}")]
    Parquet { path: String, reason: String },
    #[error("output folder {path} is not empty (choose a new or empty folder)")]
    NotEmpty { path: String },
}

pub type Result<T> = std::result::Result<T, ExportError>;

/// Write `rows` as CSV with a header line; returns the number of rows.
pub fn write_csv<W: Write>(out: W, rows: impl IntoIterator<Item = FlatEvent>) -> Result<u64> {
    let mut writer = csv::Writer::from_writer(out);
    let mut n = 0;
    for row in rows {
        writer.serialize(&row)?;
        n += 1;
    }
    if n == 0 {
        writer.write_record(FLAT_COLUMNS)?;
    }
    writer.flush()?;
    Ok(n)
}

/// Write `rows` as JSON Lines (one object per line, the CSV's columns).
pub fn write_jsonl<W: Write>(mut out: W, rows: impl IntoIterator<Item = FlatEvent>) -> Result<u64> {
    let mut n = 0;
    for row in rows {
        serde_json::to_writer(&mut out, &row)?;
        out.write_all(b"\n")?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}
