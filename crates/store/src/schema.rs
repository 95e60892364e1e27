//! Schema migrations. Each entry upgrades the schema by one version and runs
//! in its own transaction; `meta.schema_version` records where a store is.
use rusqlite::{Connection, OptionalExtension};

use crate::{Result, StoreError};

const MIGRATIONS: &[&str] = &[
    // 1: documents, their annotations, duplicates, runs, mentions, events.
    r#"
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        added INTEGER NOT NULL DEFAULT 0,
        replaced INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        origin TEXT,
        title TEXT,
        url TEXT,
        source TEXT,
        language TEXT,
        language_confidence REAL,
        date_value TEXT,
        date_precision TEXT,
        date_source TEXT,
        date_begin TEXT,
        date_end TEXT,
        raw TEXT NOT NULL,
        text TEXT NOT NULL,
        annotations BLOB NOT NULL,
        simhash INTEGER,
        n_sentences INTEGER NOT NULL,
        n_tokens INTEGER NOT NULL,
        n_events INTEGER NOT NULL DEFAULT 0,
        run_id INTEGER REFERENCES runs(id),
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_hash ON documents(content_hash);
    CREATE INDEX documents_date ON documents(date_begin);
    CREATE TABLE simhash_bands (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        band INTEGER NOT NULL,
        value INTEGER NOT NULL,
        PRIMARY KEY (band, value, doc_id)
    ) WITHOUT ROWID;
    CREATE INDEX simhash_bands_doc ON simhash_bands(doc_id);
    CREATE TABLE duplicates (
        id TEXT PRIMARY KEY,
        original_id TEXT NOT NULL,
        origin TEXT,
        content_hash TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id)
    );
    CREATE TABLE near_duplicates (
        a TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        b TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        distance INTEGER NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX near_duplicates_b ON near_duplicates(b);
    CREATE TABLE sentences (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (doc_id, idx)
    ) WITHOUT ROWID;
    CREATE TABLE mentions (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        sentence INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        kind TEXT NOT NULL,
        actor_id TEXT,
        name TEXT,
        code TEXT,
        sector TEXT,
        office TEXT,
        rule TEXT,
        text TEXT NOT NULL
    );
    CREATE INDEX mentions_doc ON mentions(doc_id);
    CREATE INDEX mentions_actor ON mentions(actor_id);
    CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        sentence_index INTEGER NOT NULL,
        date TEXT,
        date_begin TEXT,
        date_end TEXT,
        source_id TEXT,
        source_code TEXT,
        target_id TEXT,
        target_code TEXT,
        category TEXT NOT NULL,
        quad_class TEXT NOT NULL,
        score REAL NOT NULL,
        negated INTEGER NOT NULL,
        json TEXT NOT NULL
    );
    CREATE INDEX events_doc ON events(doc_id);
    CREATE INDEX events_dyad ON events(source_code, target_code, date_begin);
    CREATE INDEX events_target ON events(target_code, date_begin);
    CREATE INDEX events_date ON events(date_begin);
    "#,
    // 2: full-text index over sentences (stems; see search.rs).
    r#"
    CREATE VIRTUAL TABLE sentence_fts USING fts5(
        body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
    );
    "#,
];

pub const LATEST: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    )?;
    let current: i64 = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if current > LATEST {
        return Err(StoreError::TooNew {
            path: path.into(),
            found: current,
            known: LATEST,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let version = i as i64 + 1;
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES('schema_version', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [version.to_string()],
        )?;
        tx.commit()?;
    }
    Ok(())
}
