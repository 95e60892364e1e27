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

/// Streams flat rows as CSV with a header line.
pub struct CsvSink<W: Write> {
    writer: csv::Writer<W>,
    rows: u64,
}

impl<W: Write> CsvSink<W> {
    pub fn new(out: W) -> Self {
        CsvSink {
            writer: csv::Writer::from_writer(out),
            rows: 0,
        }
    }

    pub fn write(&mut self, row: &FlatEvent) -> Result<()> {
        self.writer.serialize(row)?;
        self.rows += 1;
        Ok(())
    }

    /// Flush; returns the number of rows (an empty export still gets its header).
    pub fn finish(mut self) -> Result<u64> {
        if self.rows == 0 {
            self.writer.write_record(FLAT_COLUMNS)?;
        }
        self.writer.flush()?;
        Ok(self.rows)
    }
}

/// Streams records as JSON Lines (flat rows or PLOVER records).
pub struct JsonlSink<W: Write> {
    out: W,
    rows: u64,
}

impl<W: Write> JsonlSink<W> {
    pub fn new(out: W) -> Self {
        JsonlSink { out, rows: 0 }
    }

    pub fn write<T: serde::Serialize>(&mut self, record: &T) -> Result<()> {
        serde_json::to_writer(&mut self.out, record)?;
        self.out.write_all(b"\n")?;
        self.rows += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<u64> {
        self.out.flush()?;
        Ok(self.rows)
    }
}

/// Write `rows` as CSV with a header line; returns the number of rows.
pub fn write_csv<W: Write>(out: W, rows: impl IntoIterator<Item = FlatEvent>) -> Result<u64> {
    let mut sink = CsvSink::new(out);
    for row in rows {
        sink.write(&row)?;
    }
    sink.finish()
}

/// Write `rows` as JSON Lines (one object per line, the CSV's columns).
pub fn write_jsonl<W: Write>(out: W, rows: impl IntoIterator<Item = FlatEvent>) -> Result<u64> {
    let mut sink = JsonlSink::new(out);
    for row in rows {
        sink.write(&row)?;
    }
    sink.finish()
}
