//! Hive-partitioned Parquet: `year=2023/month=10/part-0.parquet`.
//!
//! `year` and `month` live only in the folder names (as Hive, Spark and
//! pyarrow expect; a column both in the file and in the path confuses
//! readers). Events whose date is not within one month go to
//! `year=YYYY/month=__HIVE_DEFAULT_PARTITION__`, undated ones to
//! `year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__`:
//! Hive's own marker for a null partition value, which Spark, pyarrow,
//! pandas, Polars and DuckDB read back as NULL.
//!
//! Written with parquet's low-level column API (no Arrow: it would double
//! the build time for nothing here), Snappy-compressed.
use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, FloatType, Int32Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use parquet::schema::types::Type;

use crate::{ExportError, FlatEvent, Result};

/// Hive's name for a null partition value.
pub const UNDATED_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// Rows per file before a partition starts a new part file.
const ROWS_PER_FILE: usize = 250_000;
/// Rows held in memory over all partitions before the largest is written.
const ROWS_IN_MEMORY: usize = 100_000;

const SCHEMA: &str = "
message kroniek_event {
    required binary event_id (STRING);
    optional binary date (STRING);
    optional binary date_precision (STRING);
    optional int32 date_begin (DATE);
    optional int32 date_end (DATE);
    optional binary source_id (STRING);
    optional binary source_name (STRING);
    optional binary source_country (STRING);
    optional binary source_sector (STRING);
    optional binary target_id (STRING);
    optional binary target_name (STRING);
    optional binary target_country (STRING);
    optional binary target_sector (STRING);
    required binary category (STRING);
    optional binary mode (STRING);
    required binary quad_class (STRING);
    required float score;
    required boolean negated;
    required binary modality (STRING);
    required float confidence;
    required int32 num_mentions;
    required int32 num_docs;
    required binary doc_id (STRING);
    required binary doc_ids (STRING);
    required int32 sentence_index;
    required binary sentence (STRING);
    required binary trigger (STRING);
    required binary date_rule (STRING);
    required binary coder_version (STRING);
}";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Partition {
    year: Option<i32>,
    month: Option<u32>,
}

impl Partition {
    fn of(row: &FlatEvent) -> Self {
        Partition {
            year: row.year,
            month: row.year.and(row.month),
        }
    }

    fn folder(&self) -> PathBuf {
        let year = self
            .year
            .map_or_else(|| UNDATED_PARTITION.to_string(), |y| y.to_string());
        let month = self
            .month
            .map_or_else(|| UNDATED_PARTITION.to_string(), |m| m.to_string());
        PathBuf::from(format!("year={year}")).join(format!("month={month}"))
    }
}

/// What a Parquet export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParquetSummary {
    pub rows: u64,
    pub files: Vec<PathBuf>,
}

/// Streams rows into partition files; call [`ParquetWriter::finish`] at the end.
///
/// Files are encoded and written on a thread of their own while the caller
/// reads and converts the next rows (at most two batches wait for it).
pub struct ParquetWriter {
    root: PathBuf,
    buffers: BTreeMap<Partition, Vec<FlatEvent>>,
    buffered: usize,
    next_part: BTreeMap<Partition, u32>,
    summary: ParquetSummary,
    jobs: Option<std::sync::mpsc::SyncSender<(PathBuf, Vec<FlatEvent>)>>,
    writer: Option<std::thread::JoinHandle<Result<()>>>,
}

/// The writing thread: one file per job, until the first error.
fn write_jobs(
    jobs: std::sync::mpsc::Receiver<(PathBuf, Vec<FlatEvent>)>,
    schema: Arc<Type>,
    props: Arc<WriterProperties>,
) -> Result<()> {
    for (path, mut rows) in jobs {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| io_error(folder, e))?;
        }
        write_file(&path, &mut rows, schema.clone(), props.clone()).map_err(|e| {
            ExportError::Parquet {
                path: path.display().to_string(),
                reason: e.to_string(),
            }
        })?;
    }
    Ok(())
}

fn io_error(path: &Path, e: impl ToString) -> ExportError {
    ExportError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

impl ParquetWriter {
    /// Start an export into `root`, which must not exist or be empty.
    pub fn create(root: &Path) -> Result<Self> {
        if root.exists() {
            let mut entries = std::fs::read_dir(root).map_err(|e| io_error(root, e))?;
            if entries.next().is_some() {
                return Err(ExportError::NotEmpty {
                    path: root.display().to_string(),
                });
            }
        }
        std::fs::create_dir_all(root).map_err(|e| io_error(root, e))?;
        let schema = parse_message_type(SCHEMA).map_err(|e| ExportError::Parquet {
            path: root.display().to_string(),
            reason: e.to_string(),
        })?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(concat!("kroniek-export ", env!("CARGO_PKG_VERSION")).into())
            .build();
        let (schema, props) = (Arc::new(schema), Arc::new(props));
        let (jobs, queue) = std::sync::mpsc::sync_channel(2);
        let writer = std::thread::Builder::new()
            .name("parquet-writer".into())
            .spawn(move || write_jobs(queue, schema, props))
            .map_err(|e| io_error(root, e))?;
        Ok(ParquetWriter {
            root: root.to_path_buf(),
            buffers: BTreeMap::new(),
            buffered: 0,
            next_part: BTreeMap::new(),
            summary: ParquetSummary::default(),
            jobs: Some(jobs),
            writer: Some(writer),
        })
    }

    /// Wait for the writing thread; its error, if it stopped on one.
    fn join_writer(&mut self) -> Result<()> {
        self.jobs = None;
        match self.writer.take().map(|w| w.join()) {
            None | Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(e))) => Err(e),
            Some(Err(_)) => Err(ExportError::Parquet {
                path: self.root.display().to_string(),
                reason: "the writing thread panicked".into(),
            }),
        }
    }

    pub fn write(&mut self, row: FlatEvent) -> Result<()> {
        let partition = Partition::of(&row);
        let buffer = self.buffers.entry(partition).or_default();
        buffer.push(row);
        self.buffered += 1;
        if buffer.len() >= ROWS_PER_FILE {
            self.flush(partition)?;
        } else if self.buffered >= ROWS_IN_MEMORY
            && let Some(largest) = self
                .buffers
                .iter()
                .max_by_key(|(_, rows)| rows.len())
                .map(|(p, _)| *p)
        {
            self.flush(largest)?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<ParquetSummary> {
        let partitions: Vec<Partition> = self.buffers.keys().copied().collect();
        for p in partitions {
            self.flush(p)?;
        }
        self.join_writer()?;
        Ok(std::mem::take(&mut self.summary))
    }

    fn flush(&mut self, partition: Partition) -> Result<()> {
        let Some(rows) = self.buffers.remove(&partition) else {
            return Ok(());
        };
        if rows.is_empty() {
            return Ok(());
        }
        self.buffered -= rows.len();
        let folder = self.root.join(partition.folder());
        let part = self.next_part.entry(partition).or_default();
        let path = folder.join(format!("part-{part}.parquet"));
        *part += 1;
        let n = rows.len() as u64;
        let sent = self
            .jobs
            .as_ref()
            .is_some_and(|jobs| jobs.send((path.clone(), rows)).is_ok());
        if !sent {
            // The writing thread stopped: on an error, which it returns.
            self.join_writer()?;
            return Err(ExportError::Parquet {
                path: path.display().to_string(),
                reason: "the writing thread stopped".into(),
            });
        }
        self.summary.rows += n;
        self.summary.files.push(path);
        Ok(())
    }
}

impl Drop for ParquetWriter {
    fn drop(&mut self) {
        // An unfinished export: let the thread end (its error is moot).
        let _ = self.join_writer();
    }
}

/// Write all `rows` into a new Hive-partitioned folder `root`.
pub fn write_parquet(
    root: &Path,
    rows: impl IntoIterator<Item = FlatEvent>,
) -> Result<ParquetSummary> {
    let mut writer = ParquetWriter::create(root)?;
    for row in rows {
        writer.write(row)?;
    }
    writer.finish()
}

fn days_since_epoch(date: &Option<String>) -> Option<i32> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    let d = NaiveDate::parse_from_str(date.as_deref()?, "%Y-%m-%d").ok()?;
    i32::try_from((d - epoch).num_days()).ok()
}

/// Values and definition levels of one optional column.
fn optional<T: Clone>(values: impl Iterator<Item = Option<T>>) -> (Vec<T>, Vec<i16>) {
    let mut present = Vec::new();
    let mut levels = Vec::new();
    for v in values {
        levels.push(i16::from(v.is_some()));
        if let Some(v) = v {
            present.push(v);
        }
    }
    (present, levels)
}

/// Writes `rows` as one row group; their strings are moved out (a row's
/// text goes to its column without a copy).
fn write_file(
    path: &Path,
    rows: &mut [FlatEvent],
    schema: Arc<Type>,
    props: Arc<WriterProperties>,
) -> std::result::Result<(), Box<dyn std::error::Error>> {
    let file = File::create(path)?;
    let mut writer = SerializedFileWriter::new(file, schema, props)?;
    let mut group = writer.next_row_group()?;
    let text = |s: String| ByteArray::from(s.into_bytes());
    let mut column = 0usize;
    while let Some(mut col) = group.next_column()? {
        // Columns come in schema order.
        macro_rules! req_text {
            ($field:ident) => {{
                let values: Vec<ByteArray> = rows
                    .iter_mut()
                    .map(|r| text(std::mem::take(&mut r.$field)))
                    .collect();
                col.typed::<ByteArrayType>()
                    .write_batch(&values, None, None)?;
            }};
        }
        macro_rules! opt_text {
            ($field:ident) => {{
                let (values, levels) = optional(rows.iter_mut().map(|r| r.$field.take().map(text)));
                col.typed::<ByteArrayType>()
                    .write_batch(&values, Some(&levels), None)?;
            }};
        }
        macro_rules! opt_date {
            ($field:ident) => {{
                let (values, levels) = optional(rows.iter().map(|r| days_since_epoch(&r.$field)));
                col.typed::<Int32Type>()
                    .write_batch(&values, Some(&levels), None)?;
            }};
        }
        macro_rules! req_i32 {
            ($field:ident) => {{
                let values: Vec<i32> = rows
                    .iter()
                    .map(|r| i32::try_from(r.$field).unwrap_or(i32::MAX))
                    .collect();
                col.typed::<Int32Type>().write_batch(&values, None, None)?;
            }};
        }
        macro_rules! req_f32 {
            ($field:ident) => {{
                let values: Vec<f32> = rows.iter().map(|r| r.$field).collect();
                col.typed::<FloatType>().write_batch(&values, None, None)?;
            }};
        }
        match column {
            0 => req_text!(event_id),
            1 => opt_text!(date),
            2 => opt_text!(date_precision),
            3 => opt_date!(date_begin),
            4 => opt_date!(date_end),
            5 => opt_text!(source_id),
            6 => opt_text!(source_name),
            7 => opt_text!(source_country),
            8 => opt_text!(source_sector),
            9 => opt_text!(target_id),
            10 => opt_text!(target_name),
            11 => opt_text!(target_country),
            12 => opt_text!(target_sector),
            13 => req_text!(category),
            14 => opt_text!(mode),
            15 => req_text!(quad_class),
            16 => req_f32!(score),
            17 => {
                let values: Vec<bool> = rows.iter().map(|r| r.negated).collect();
                col.typed::<BoolType>().write_batch(&values, None, None)?;
            }
            18 => req_text!(modality),
            19 => req_f32!(confidence),
            20 => req_i32!(num_mentions),
            21 => req_i32!(num_docs),
            22 => req_text!(doc_id),
            23 => req_text!(doc_ids),
            24 => req_i32!(sentence_index),
            25 => req_text!(sentence),
            26 => req_text!(trigger),
            27 => req_text!(date_rule),
            28 => req_text!(coder_version),
            other => return Err(format!("schema has an unexpected column {other}").into()),
        }
        col.close()?;
        column += 1;
    }
    group.close()?;
    writer.close()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;

    fn row(id: &str, date: Option<&str>) -> FlatEvent {
        let interval = date.and_then(crate::flat::date_interval);
        use chrono::Datelike;
        FlatEvent {
            event_id: id.into(),
            date: date.map(String::from),
            date_precision: None,
            date_begin: interval.map(|(b, _)| b.format("%Y-%m-%d").to_string()),
            date_end: interval.map(|(_, e)| e.format("%Y-%m-%d").to_string()),
            year: interval.map(|(b, _)| b.year()),
            month: interval
                .filter(|(b, e)| b.month() == e.month())
                .map(|(b, _)| b.month()),
            source_id: Some("NLD".into()),
            source_name: Some("Nederland".into()),
            source_country: Some("NLD".into()),
            source_sector: None,
            target_id: None,
            target_name: None,
            target_country: Some("BEL".into()),
            target_sector: Some("GOV".into()),
            category: "CONSULT".into(),
            mode: None,
            quad_class: "verbal_cooperation".into(),
            score: 2.1,
            negated: false,
            modality: "asserted".into(),
            confidence: 0.5,
            num_mentions: 1,
            num_docs: 1,
            doc_id: "doc".into(),
            doc_ids: "doc".into(),
            sentence_index: 3,
            sentence: "Den Haag overlegde met Brussel.".into(),
            trigger: "overlegde".into(),
            date_rule: "document".into(),
            coder_version: "test".into(),
        }
    }

    #[test]
    fn partitions_follow_the_hive_layout() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        let rows = vec![
            row("a", Some("2023-10-05")),
            row("b", Some("2023-10")),
            row("c", Some("2021")),
            row("d", None),
        ];
        let summary = write_parquet(&root, rows).unwrap();
        assert_eq!(summary.rows, 4);
        let mut found: Vec<String> = summary
            .files
            .iter()
            .map(|f| f.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        found.sort();
        assert_eq!(
            found,
            vec![
                "year=2021/month=__HIVE_DEFAULT_PARTITION__/part-0.parquet",
                "year=2023/month=10/part-0.parquet",
                "year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__/part-0.parquet",
            ]
        );
        let october = SerializedFileReader::new(
            File::open(root.join("year=2023/month=10/part-0.parquet")).unwrap(),
        )
        .unwrap();
        assert_eq!(october.metadata().file_metadata().num_rows(), 2);
        assert_eq!(
            october
                .metadata()
                .file_metadata()
                .schema_descr()
                .num_columns(),
            29
        );
        let mut ids = Vec::new();
        for record in october.get_row_iter(None).unwrap() {
            let record = record.unwrap();
            ids.push(record.get_string(0).unwrap().clone());
            assert_eq!(
                record.get_string(25).unwrap(),
                "Den Haag overlegde met Brussel."
            );
        }
        assert_eq!(ids, vec!["a", "b"]);
    }

    #[test]
    fn a_non_empty_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("old.txt"), "x").unwrap();
        assert!(matches!(
            write_parquet(dir.path(), Vec::new()),
            Err(ExportError::NotEmpty { .. })
        ));
    }
}
