use std::path::{Path, PathBuf};
use std::time::Duration;

use kroniek_model::{Document, Event, Furniture, Mention, OffsetMap, Sentence, Timex, Token};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::codec::{pack, unpack};
use crate::schema::migrate;
use crate::*;

/// The embedded store: one SQLite database file (`kroniek.db`) in a folder,
/// in WAL mode so readers work while an ingest writes.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    /// Full-text index work of the open batch, applied just before COMMIT:
    /// FTS5 flushes its buffer at every savepoint, so indexing per document
    /// inside the batch would write one index segment per document.
    fts_pending: crate::search::PendingIndex,
}

/// A document made ready for writing: the CPU-heavy encoding (compressed
/// annotations, stemmed index text) done by [`prepare`] on any thread, so the
/// single writer only runs SQL.
pub struct Prepared {
    pub doc: Document,
    blob: Vec<u8>,
    /// Shared so that the batch's pending index work needs no copy of it.
    fts: std::sync::Arc<[String]>,
}

impl Prepared {
    /// The compressed annotations, as other backends store them.
    pub fn blob(&self) -> &[u8] {
        &self.blob
    }
    /// One stemmed search body per sentence (see [`crate::stems_with_spans`]).
    pub fn index_bodies(&self) -> &[String] {
        &self.fts
    }
}

/// Fill `shell` (its columns already set) with the annotations packed in
/// `blob` by [`prepare`], so every backend decodes documents the same way.
pub fn unpack_annotations(shell: Document, blob: &[u8]) -> Result<Document> {
    let a: Annotations = unpack(blob, &shell.id)?;
    Ok(Document {
        offsets: a.offsets,
        language: a.language,
        date: a.date,
        meta: a.meta,
        furniture: a.furniture,
        sentences: a.sentences,
        tokens: a.tokens,
        mentions: a.mentions,
        timexes: a.timexes,
        ..shell
    })
}

pub fn prepare(doc: Document) -> Prepared {
    let blob = pack(&AnnotationsRef {
        offsets: &doc.offsets,
        furniture: &doc.furniture,
        meta: &doc.meta,
        sentences: &doc.sentences,
        tokens: &doc.tokens,
        mentions: &doc.mentions,
        timexes: &doc.timexes,
        date: &doc.date,
        language: &doc.language,
    });
    let fts = crate::index_text::index_bodies_of(&doc);
    // The fast builder must give what search.rs would (checked in debug builds).
    debug_assert_eq!(fts, crate::search::index_bodies_of(&doc));
    Prepared {
        doc,
        blob,
        fts: fts.into(),
    }
}

/// What a document carries besides its columns; stored compressed.
#[derive(Deserialize, Default)]
struct Annotations {
    /// Columns since schema 7 (columns.rs); objects before.
    #[serde(deserialize_with = "crate::columns::deserialize_offsets")]
    offsets: OffsetMap,
    furniture: Vec<Furniture>,
    meta: std::collections::BTreeMap<String, String>,
    #[serde(deserialize_with = "crate::columns::deserialize_sentences")]
    sentences: Vec<Sentence>,
    /// Columns since the ingest speed work; arrays of objects before.
    #[serde(deserialize_with = "crate::token_table::deserialize")]
    tokens: Vec<Token>,
    #[serde(deserialize_with = "crate::columns::deserialize_mentions")]
    mentions: Vec<Mention>,
    timexes: Vec<Timex>,
    date: Option<kroniek_model::DocDate>,
    language: Option<kroniek_model::Language>,
}

/// [`Annotations`] as written, borrowed from the document (no copies).
#[derive(Serialize)]
struct AnnotationsRef<'a> {
    #[serde(serialize_with = "crate::columns::serialize_offsets")]
    offsets: &'a OffsetMap,
    furniture: &'a [Furniture],
    meta: &'a std::collections::BTreeMap<String, String>,
    #[serde(serialize_with = "crate::columns::serialize_sentences")]
    sentences: &'a [Sentence],
    #[serde(serialize_with = "crate::token_table::serialize")]
    tokens: &'a [Token],
    #[serde(serialize_with = "crate::columns::serialize_mentions")]
    mentions: &'a [Mention],
    timexes: &'a [Timex],
    date: &'a Option<kroniek_model::DocDate>,
    language: &'a Option<kroniek_model::Language>,
}

impl SqliteStore {
    /// Back to enforced foreign keys after a batch.
    fn enforce_foreign_keys(&self) -> Result<()> {
        Ok(self.conn.execute_batch("PRAGMA foreign_keys = ON")?)
    }

    /// Open (creating if needed) the store in folder `dir`.
    pub fn open(dir: &Path) -> Result<Self> {
        let shown = dir.display().to_string();
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        let path = dir.join("kroniek.db");
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        Self::setup(conn, path)
    }

    /// An in-memory store, for tests.
    pub fn in_memory() -> Result<Self> {
        Self::setup(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn setup(mut conn: Connection, path: PathBuf) -> Result<Self> {
        let shown = path.display().to_string();
        conn.busy_timeout(Duration::from_secs(30))?;
        // The ingest writer alone cycles through about twenty cached
        // statements; rusqlite's default of 16 would evict and re-prepare them.
        conn.set_prepared_statement_cache_capacity(64);
        let pragmas = conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -65536;",
        );
        if let Err(e) = pragmas {
            return Err(locked_or(e, &shown));
        }
        migrate(&mut conn, &shown).map_err(|e| match e {
            StoreError::Sqlite(e) => locked_or(e, &shown),
            other => other,
        })?;
        Ok(SqliteStore {
            conn,
            path,
            fts_pending: Default::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Direct access for the analysis layer's read-only queries.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// SQLite's own integrity check plus kroniek's invariants.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(format!("sqlite: {row}"));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let broken = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut by_table: std::collections::BTreeMap<String, usize> = Default::default();
        for table in broken {
            *by_table.entry(table?).or_default() += 1;
        }
        for (table, n) in by_table {
            problems.push(format!("{n} rows of {table} point to a missing parent"));
        }
        let orphans: i64 = self.conn.query_row(
            "SELECT count(*) FROM events e LEFT JOIN sentences s
               ON s.doc_id = e.doc_id AND s.idx = e.sentence_index WHERE s.doc_id IS NULL",
            [],
            |r| r.get(0),
        )?;
        if orphans > 0 {
            problems.push(format!("{orphans} events point to a missing sentence"));
        }
        let counts: i64 = self.conn.query_row(
            "SELECT count(*) FROM documents d WHERE d.n_sentences !=
               (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id)",
            [],
            |r| r.get(0),
        )?;
        if counts > 0 {
            problems.push(format!(
                "{counts} documents whose sentence rows do not match their count"
            ));
        }
        // Every full-text row is (document rowid << SENTENCE_BITS) | sentence
        // index and must name a stored sentence (a crash between the index
        // and the tables would leave search hits pointing nowhere).
        let index_orphans: i64 = self.conn.query_row(
            "SELECT count(*) FROM sentence_fts f WHERE NOT EXISTS (
               SELECT 1 FROM documents d JOIN sentences s ON s.doc_id = d.id
               WHERE d.rowid = f.rowid >> ?1 AND s.idx = (f.rowid & ((1 << ?1) - 1)))",
            [crate::search::SENTENCE_BITS],
            |r| r.get(0),
        )?;
        if index_orphans > 0 {
            problems.push(format!(
                "{index_orphans} full-text index rows point to a missing sentence"
            ));
        }
        problems.extend(self.event_years_problems()?);
        Ok(problems)
    }
}

/// The rows of one document: the document (replacing one with its id), its
/// sentences, mentions, events and near-duplicate bands. Full-text index
/// work goes to `fts_pending` inside a batch, straight to the index outside.
fn write_prepared(
    tx: &Connection,
    prepared: &Prepared,
    run: i64,
    mut fts_pending: Option<&mut crate::search::PendingIndex>,
) -> Result<PutOutcome> {
    let doc = &prepared.doc;
    let old_rowid: Option<i64> = tx
        .prepare_cached("SELECT rowid FROM documents WHERE id = ?1")?
        .query_row([&doc.id], |r| r.get(0))
        .optional()?;
    let existed = match old_rowid {
        Some(rowid) => {
            if let Some(pending) = fts_pending.as_deref_mut() {
                pending.remove(rowid);
            } else {
                crate::search::unindex_document(tx, rowid)?;
            }
            delete_rows_of(tx, &doc.id)?;
            tx.prepare_cached("DELETE FROM documents WHERE rowid = ?1")?
                .execute([rowid])?
                > 0
        }
        None => false,
    };
    let DocumentColumns {
        hash,
        simhash,
        date_value,
        date_precision,
        date_source,
        date_begin,
        date_end,
    } = DocumentColumns::of(doc);
    tx.prepare_cached(
        "INSERT INTO documents(id, content_hash, origin, title, url, source, language,
            language_confidence, date_value, date_precision, date_source, date_begin, date_end,
            raw, text, annotations, simhash, n_sentences, n_tokens, n_events, run_id, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21, ?22)",
    )?
    .execute(params![
        doc.id,
        hash,
        doc.origin,
        doc.title,
        doc.url,
        doc.source,
        doc.language.as_ref().map(|l| l.code.clone()),
        doc.language.as_ref().map(|l| l.confidence),
        date_value,
        date_precision,
        date_source,
        date_begin,
        date_end,
        doc.raw,
        doc.text,
        prepared.blob,
        simhash,
        doc.sentences.len() as i64,
        doc.tokens.len() as i64,
        doc.events.len() as i64,
        run,
        now(),
    ])?;
    let doc_rowid = tx.last_insert_rowid();
    if let Some(pending) = fts_pending {
        pending.add(doc_rowid, std::sync::Arc::clone(&prepared.fts));
    } else {
        crate::search::index_bodies(tx, doc_rowid, &prepared.fts)?;
    }
    if let Some(simhash) = simhash {
        let mut stmt = tx.prepare_cached(
            "INSERT OR IGNORE INTO simhash_bands(doc_id, band, value) VALUES (?1, ?2, ?3)",
        )?;
        for (band, value) in band_values(simhash as u64).into_iter().enumerate() {
            stmt.execute(params![doc.id, band as i64, value])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO sentences(doc_id, idx, start, end) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (i, s) in doc.sentences.iter().enumerate() {
            stmt.execute(params![doc.id, i as i64, s.span.start, s.span.end])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO mentions(doc_id, sentence, start, end, kind, actor_id, name, code, sector, office, rule, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for m in &doc.mentions {
            stmt.execute(params![
                doc.id,
                m.sentence,
                m.span.start,
                m.span.end,
                m.kind.as_str(),
                m.actor_id,
                m.name,
                m.code,
                m.sector,
                m.office,
                m.rule,
                m.span.slice(&doc.text),
            ])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT OR REPLACE INTO events(event_id, doc_id, sentence_index, date, date_begin, date_end,
                source_id, source_code, target_id, target_code, category, quad_class, score, negated, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        for e in &doc.events {
            let bounds = e.date.as_deref().and_then(date_bounds);
            let json = serde_json::to_string(e).unwrap_or_default();
            stmt.execute(params![
                e.event_id,
                doc.id,
                e.sentence_index,
                e.date,
                bounds.as_ref().map(|b| b.0.clone()),
                bounds.as_ref().map(|b| b.1.clone()),
                e.source.as_ref().and_then(|a| a.id.clone()),
                e.source.as_ref().and_then(|a| a.country.clone()),
                e.target.as_ref().and_then(|a| a.id.clone()),
                e.target.as_ref().and_then(|a| a.country.clone()),
                e.category.as_str(),
                e.quad_class.as_str(),
                e.score,
                // The column means "uncounted"; the JSON keeps both flags apart.
                e.is_uncounted(),
                json,
            ])?;
        }
    }
    Ok(if existed {
        PutOutcome::Replaced
    } else {
        PutOutcome::Added
    })
}

/// Deletes the rows that belong to document `id`, as the foreign keys'
/// cascade would: inside a batch the keys are not enforced.
fn delete_rows_of(conn: &Connection, id: &str) -> Result<()> {
    for sql in [
        "DELETE FROM sentences WHERE doc_id = ?1",
        "DELETE FROM mentions WHERE doc_id = ?1",
        "DELETE FROM events WHERE doc_id = ?1",
        "DELETE FROM simhash_bands WHERE doc_id = ?1",
        "DELETE FROM near_duplicates WHERE a = ?1 OR b = ?1",
    ] {
        conn.prepare_cached(sql)?.execute([id])?;
    }
    Ok(())
}

fn locked_or(e: rusqlite::Error, path: &str) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
            StoreError::Locked { path: path.into() }
        }
        _ => StoreError::Sqlite(e),
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// First and last day covered by a `YYYY[-MM[-DD]]`-like value (also
/// `YYYY-Qn`, `YYYY-Wnn`, seasons: coarsened to their year when unknown).
pub fn date_bounds(value: &str) -> Option<(String, String)> {
    let year: i32 = value.get(0..4)?.parse().ok()?;
    let rest = value.get(4..).unwrap_or("");
    let month: Option<u32> = rest
        .strip_prefix('-')
        .and_then(|r| r.get(0..2))
        .and_then(|m| m.parse().ok())
        .filter(|m| (1..=12).contains(m));
    let day: Option<u32> = rest
        .get(4..6)
        .and_then(|d| d.parse().ok())
        .filter(|_| rest.get(3..4) == Some("-"));
    Some(match (month, day) {
        (Some(m), Some(d)) => {
            let date = format!("{year:04}-{m:02}-{d:02}");
            (date.clone(), date)
        }
        (Some(m), None) => {
            let last = chrono::NaiveDate::from_ymd_opt(year, m, 1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                .and_then(|d| d.pred_opt())
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| format!("{year:04}-{m:02}-28"));
            (format!("{year:04}-{m:02}-01"), last)
        }
        _ => (format!("{year:04}-01-01"), format!("{year:04}-12-31")),
    })
}

/// The columns of a document's row that are derived from it rather than
/// copied: its content hash and SimHash from the metadata, and its date
/// split into value, precision, source and bounds. Both stores write these.
pub struct DocumentColumns {
    pub hash: String,
    pub simhash: Option<i64>,
    pub date_value: Option<String>,
    pub date_precision: Option<String>,
    pub date_source: Option<String>,
    pub date_begin: Option<String>,
    pub date_end: Option<String>,
}

impl DocumentColumns {
    pub fn of(doc: &Document) -> DocumentColumns {
        let simhash = doc
            .meta
            .get("simhash")
            .and_then(|s| u64::from_str_radix(s, 16).ok())
            .map(|v| v as i64);
        let date = doc.date.as_ref();
        DocumentColumns {
            hash: doc.meta.get("content_hash").cloned().unwrap_or_default(),
            simhash,
            date_value: date.map(|d| d.value.value.clone()),
            date_precision: date.map(|d| d.value.precision.as_str().to_string()),
            date_source: date.and_then(|d| {
                serde_json::to_value(d.source)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
            }),
            date_begin: date.map(|d| d.value.begin.format("%Y-%m-%d").to_string()),
            date_end: date.map(|d| d.value.end.format("%Y-%m-%d").to_string()),
        }
    }
}

/// The four 16-bit bands of a SimHash, as stored for near-duplicate lookup.
pub fn band_values(simhash: u64) -> [i64; 4] {
    [0, 1, 2, 3].map(|b| ((simhash >> (16 * b)) & 0xFFFF) as i64)
}

impl Store for SqliteStore {
    fn begin_run(&mut self, command: &str) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO runs(command, started_at) VALUES (?1, ?2)",
            params![command, now()],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    fn finish_run(&mut self, run: i64, s: &RunSummary) -> Result<()> {
        self.conn.execute(
            "UPDATE runs SET finished_at = ?2, added = ?3, replaced = ?4, unchanged = ?5,
             duplicates = ?6, failed = ?7 WHERE id = ?1",
            params![
                run,
                now(),
                s.added as i64,
                s.replaced as i64,
                s.unchanged as i64,
                s.duplicates as i64,
                s.failed as i64
            ],
        )?;
        Ok(())
    }

    fn content_hash_of(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    fn id_with_hash(&self, hash: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1 LIMIT 1")?
            .query_row([hash], |r| r.get(0))
            .optional()?)
    }

    fn begin_batch(&mut self) -> Result<()> {
        if self.conn.is_autocommit() {
            // A batch writes a document's rows right after the document
            // itself and deletes a replaced document's rows by hand
            // (`delete_rows_of`), so the foreign keys hold by construction;
            // checking them cost a parent lookup (a string-keyed index
            // search) per sentence, mention and event row. The pragma cannot
            // change inside a transaction, hence before BEGIN; `check`
            // verifies the keys.
            self.conn
                .execute_batch("PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE")
                .map_err(|e| {
                    let _ = self.enforce_foreign_keys();
                    locked_or(e, &self.path.display().to_string())
                })?;
        }
        Ok(())
    }

    fn commit_batch(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            if let Err(e) = self.fts_pending.apply(&self.conn) {
                self.fts_pending = Default::default();
                let _ = self.conn.execute_batch("ROLLBACK");
                let _ = self.enforce_foreign_keys();
                return Err(e);
            }
            let committed = self.conn.execute_batch("COMMIT");
            if committed.is_err() && !self.conn.is_autocommit() {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
            let enforced = self.enforce_foreign_keys();
            committed?;
            enforced?;
        }
        Ok(())
    }

    fn put_prepared(&mut self, prepared: &Prepared, run: i64) -> Result<PutOutcome> {
        if self.conn.is_autocommit() {
            let tx = self.conn.savepoint()?;
            let outcome = write_prepared(&tx, prepared, run, None)?;
            tx.commit()?;
            return Ok(outcome);
        }
        // Inside a batch the document is written without a savepoint of its
        // own: a savepoint copies every database page the document touches
        // into a statement journal first (2 % of ingest time). A failure
        // discards the whole batch instead, so no document is ever half
        // stored; every caller ends its run on a store error anyway, and
        // an ingest run again finds the documents of the lost batch unstored.
        let written = write_prepared(&self.conn, prepared, run, Some(&mut self.fts_pending));
        if written.is_err() {
            self.fts_pending = Default::default();
            let _ = self.conn.execute_batch("ROLLBACK");
            let _ = self.enforce_foreign_keys();
        }
        written
    }

    fn record_duplicate(&mut self, dup: &Duplicate) -> Result<()> {
        self.conn.execute(
            "INSERT INTO duplicates(id, original_id, origin, content_hash) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(id) DO UPDATE SET original_id = excluded.original_id,
                origin = excluded.origin, content_hash = excluded.content_hash",
            params![dup.id, dup.original_id, dup.origin, dup.content_hash],
        )?;
        Ok(())
    }

    fn link_near_duplicates(&mut self, id: &str, near: &[NearDuplicate]) -> Result<()> {
        let tx = self.conn.savepoint()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO near_duplicates(a, b, distance) VALUES (?1, ?2, ?3)",
            )?;
            for n in near {
                let (a, b) = if id < n.id.as_str() {
                    (id, n.id.as_str())
                } else {
                    (n.id.as_str(), id)
                };
                stmt.execute(params![a, b, n.distance as i64])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn near_duplicates_of(
        &self,
        id: &str,
        simhash: u64,
        max_distance: u32,
    ) -> Result<Vec<NearDuplicate>> {
        // One statement per band, the band a literal and the value behind a
        // CAST: SQLite marks a parameter compared by `=` with an integer
        // column as plan-relevant (a heuristic for 0 and 1), and a statement
        // with such a parameter is re-prepared after every reset of its
        // bindings, which rusqlite's statement cache does at each reuse.
        const BAND_QUERIES: [&str; 4] = [
            "SELECT DISTINCT d.id, d.simhash FROM simhash_bands b JOIN documents d ON d.id = b.doc_id
             WHERE b.band = 0 AND b.value = CAST(?1 AS INTEGER) AND b.doc_id != ?2",
            "SELECT DISTINCT d.id, d.simhash FROM simhash_bands b JOIN documents d ON d.id = b.doc_id
             WHERE b.band = 1 AND b.value = CAST(?1 AS INTEGER) AND b.doc_id != ?2",
            "SELECT DISTINCT d.id, d.simhash FROM simhash_bands b JOIN documents d ON d.id = b.doc_id
             WHERE b.band = 2 AND b.value = CAST(?1 AS INTEGER) AND b.doc_id != ?2",
            "SELECT DISTINCT d.id, d.simhash FROM simhash_bands b JOIN documents d ON d.id = b.doc_id
             WHERE b.band = 3 AND b.value = CAST(?1 AS INTEGER) AND b.doc_id != ?2",
        ];
        let mut found = std::collections::BTreeMap::new();
        for (sql, value) in BAND_QUERIES.iter().zip(band_values(simhash)) {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map(params![value, id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
            })?;
            for row in rows {
                let (other, their) = row?;
                if let Some(their) = their {
                    let distance = (their as u64 ^ simhash).count_ones();
                    if distance <= max_distance {
                        found.insert(other, distance);
                    }
                }
            }
        }
        Ok(found
            .into_iter()
            .map(|(id, distance)| NearDuplicate { id, distance })
            .collect())
    }

    fn documents(&self, filter: &DocFilter) -> Result<Vec<DocSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, language, language_confidence, date_value, date_precision, date_source,
                    origin, n_sentences, n_tokens, n_events, content_hash
             FROM documents WHERE (?1 IS NULL OR language = ?1) ORDER BY id LIMIT ?2 OFFSET ?3",
        )?;
        let limit = filter.limit.map(|l| l as i64).unwrap_or(-1);
        let rows = stmt.query_map(params![filter.language, limit, filter.offset as i64], |r| {
            Ok(DocSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                language: r.get(2)?,
                language_confidence: r.get(3)?,
                date: r.get(4)?,
                date_precision: r.get(5)?,
                date_source: r.get(6)?,
                origin: r.get(7)?,
                sentences: r.get::<_, i64>(8)? as u64,
                tokens: r.get::<_, i64>(9)? as u64,
                events: r.get::<_, i64>(10)? as u64,
                content_hash: r.get(11)?,
                near_duplicates: Vec::new(),
            })
        })?;
        let mut docs = rows.collect::<std::result::Result<Vec<_>, _>>()?;
        let mut near = self.conn.prepare_cached(
            "SELECT b, distance FROM near_duplicates WHERE a = ?1
             UNION SELECT a, distance FROM near_duplicates WHERE b = ?1",
        )?;
        for doc in &mut docs {
            doc.near_duplicates = near
                .query_map([&doc.id], |r| {
                    Ok(NearDuplicate {
                        id: r.get(0)?,
                        distance: r.get::<_, i64>(1)? as u32,
                    })
                })?
                .collect::<std::result::Result<Vec<_>, _>>()?;
        }
        Ok(docs)
    }

    fn document(&self, id: &str) -> Result<Option<Document>> {
        let row = self
            .conn
            .prepare_cached("SELECT id, origin, title, url, source, raw, text, annotations FROM documents WHERE id = ?1")?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Vec<u8>>(7)?,
                ))
            })
            .optional()?;
        let Some((id, origin, title, url, source, raw, text, blob)) = row else {
            return Ok(None);
        };
        let a: Annotations = unpack(&blob, &id)?;
        let events = self.events(&EventFilter {
            doc: Some(id.clone()),
            include_negated: true,
            ..Default::default()
        })?;
        Ok(Some(Document {
            id,
            title,
            url,
            source,
            origin,
            raw,
            text,
            offsets: a.offsets,
            language: a.language,
            date: a.date,
            meta: a.meta,
            furniture: a.furniture,
            sentences: a.sentences,
            tokens: a.tokens,
            mentions: a.mentions,
            timexes: a.timexes,
            events,
        }))
    }

    fn duplicates(&self) -> Result<Vec<Duplicate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, original_id, origin, content_hash FROM duplicates ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Duplicate {
                id: r.get(0)?,
                original_id: r.get(1)?,
                origin: r.get(2)?,
                content_hash: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    fn stats(&self) -> Result<Stats> {
        let c = &self.conn;
        let count =
            |sql: &str| -> Result<u64> { Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        let mut stats = Stats {
            documents: count("SELECT count(*) FROM documents")?,
            duplicates: count("SELECT count(*) FROM duplicates")?,
            near_duplicate_pairs: count("SELECT count(*) FROM near_duplicates")?,
            sentences: count("SELECT coalesce(sum(n_sentences), 0) FROM documents")?,
            tokens: count("SELECT coalesce(sum(n_tokens), 0) FROM documents")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            events: count("SELECT count(*) FROM events")?,
            text_bytes: count("SELECT coalesce(sum(length(CAST(raw AS BLOB))), 0) FROM documents")?,
            undated_documents: count("SELECT count(*) FROM documents WHERE date_value IS NULL")?,
            runs: count("SELECT count(*) FROM runs")?,
            ..Default::default()
        };
        let mut stmt = c.prepare(
            "SELECT coalesce(language, 'unknown'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1",
        )?;
        stats.languages = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let (first, last): (Option<String>, Option<String>) = c.query_row(
            "SELECT min(date_begin), max(date_end) FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        stats.first_date = first;
        stats.last_date = last;
        Ok(stats)
    }

    fn events(&self, f: &EventFilter) -> Result<Vec<Event>> {
        crate::analysis_queries::filtered_events(&self.conn, f)
    }

    fn actor_counts(&self) -> Result<Vec<ActorCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT actor_id, max(name), max(code), count(*), count(DISTINCT doc_id) FROM mentions
             WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY 4 DESC, 1",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ActorCount {
                actor_id: r.get(0)?,
                name: r.get(1)?,
                code: r.get(2)?,
                mentions: r.get::<_, i64>(3)? as u64,
                documents: r.get::<_, i64>(4)? as u64,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    fn mentions_of(&self, actor: &str, limit: usize) -> Result<Vec<MentionRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.doc_id, m.sentence, m.text, CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT), m.kind, m.rule,
                    m.sector, m.office
             FROM mentions m JOIN documents d ON d.id = m.doc_id
             JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sentence
             WHERE m.actor_id = ?1 OR m.code = ?1 ORDER BY m.doc_id, m.start LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![actor, limit as i64], |r| {
            Ok(MentionRow {
                doc_id: r.get(0)?,
                sentence_index: r.get::<_, i64>(1)? as u32,
                text: r.get(2)?,
                sentence: r.get(3)?,
                kind: r.get(4)?,
                rule: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                sector: r.get(6)?,
                office: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    // The rest delegate to the inherent methods (search.rs, analysis_queries.rs).
    fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        SqliteStore::search(self, q)
    }

    fn dyad_rows(
        &self,
        a: &str,
        b: &str,
        directed: bool,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<analysis_queries::EventRow>> {
        SqliteStore::dyad_rows(self, a, b, directed, from, to)
    }

    fn event_sentences(
        &self,
        event_ids: &[String],
    ) -> Result<std::collections::HashMap<String, String>> {
        SqliteStore::event_sentences(self, event_ids)
    }

    fn event_rows(
        &self,
        actor: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        include_negated: bool,
    ) -> Result<Vec<analysis_queries::EventRow>> {
        SqliteStore::event_rows(self, actor, from, to, include_negated)
    }

    fn edge_rows(
        &self,
        by_code: bool,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<analysis_queries::EdgeRow>> {
        SqliteStore::edge_rows(self, by_code, from, to)
    }

    fn undated_and_negated_ids(
        &self,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<(Vec<String>, Vec<String>)> {
        SqliteStore::undated_and_negated_ids(self, from, to)
    }

    fn actor_names(&self, keys: &[String]) -> Result<std::collections::HashMap<String, String>> {
        SqliteStore::actor_names(self, keys)
    }

    fn visit_events(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(Event) -> Result<()>,
    ) -> Result<u64> {
        SqliteStore::for_each_event(self, filter, f)
    }

    fn check(&self) -> Result<Vec<String>> {
        SqliteStore::check(self)
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }
}
