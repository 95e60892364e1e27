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
    // 3: indexes for large stores, and yearly event counts kept by triggers.
    //
    // Covering indexes: a dyad's events and a date range's events are read
    // from the index alone. `events_date_cover` is also in the order that
    // event listings use (date, document, sentence, id). Older stores may
    // have lazily created versions of both covering indexes (with fewer
    // columns): they are rebuilt. `events_dyad` and `events_date` are
    // prefixes of the covering indexes and go.
    //
    // `event_years` holds, per year and (source, target) pair, the number of
    // counted events (not negated, not hypothetical: `negated = 0`) with
    // their score sums, so that networks, top dyads and an actor's yearly
    // relations need not read every event. Triggers keep it exact in the
    // transaction that writes the events, including replaced and deleted
    // documents (their events go by the foreign key's cascade, which fires
    // the delete trigger). Missing values are stored as '' (a key column
    // cannot be NULL in a unique key); `year_begin`/`year_end` are the
    // years of the event's first and last day ('' when undated). Score sums
    // are exact: scores are f32 values, whose sums in f64 are exact at any
    // realistic store size, so adding and subtracting leaves no residue.
    r#"
    DROP INDEX IF EXISTS events_dyad_cover;
    DROP INDEX IF EXISTS events_date_cover;
    DROP INDEX IF EXISTS events_dyad;
    DROP INDEX IF EXISTS events_date;
    CREATE INDEX events_dyad_cover ON events(source_code, target_code,
        date_begin, date_end, negated, score, category, quad_class, event_id, doc_id,
        source_id, target_id, date, sentence_index);
    CREATE INDEX events_date_cover ON events(date_begin, doc_id, sentence_index, event_id,
        date_end, negated, score, source_code, target_code, source_id, target_id);
    CREATE INDEX events_source_id ON events(source_id);
    CREATE INDEX events_target_id ON events(target_id);
    CREATE TABLE event_years (
        year_begin TEXT NOT NULL,
        year_end TEXT NOT NULL,
        source_code TEXT NOT NULL,
        target_code TEXT NOT NULL,
        source_id TEXT NOT NULL,
        target_id TEXT NOT NULL,
        events INTEGER NOT NULL,
        positive INTEGER NOT NULL,
        negative INTEGER NOT NULL,
        cooperation REAL NOT NULL,
        conflict REAL NOT NULL,
        PRIMARY KEY (source_code, target_code, year_begin, year_end, source_id, target_id)
    ) WITHOUT ROWID;
    CREATE INDEX event_years_target ON event_years(target_code, year_begin);
    CREATE INDEX event_years_year ON event_years(year_begin);
    CREATE INDEX event_years_source_id ON event_years(source_id);
    CREATE INDEX event_years_target_id ON event_years(target_id);
    INSERT INTO event_years
    SELECT coalesce(substr(date_begin, 1, 4), ''), coalesce(substr(date_end, 1, 4), ''),
           coalesce(source_code, ''), coalesce(target_code, ''),
           coalesce(source_id, ''), coalesce(target_id, ''),
           count(*), total(score > 0), total(score < 0),
           total(max(score, 0)), total(max(-score, 0))
    FROM events WHERE negated = 0
    GROUP BY 1, 2, 3, 4, 5, 6;
    CREATE TRIGGER event_years_insert AFTER INSERT ON events WHEN NEW.negated = 0
    BEGIN
        INSERT INTO event_years(year_begin, year_end, source_code, target_code,
            source_id, target_id, events, positive, negative, cooperation, conflict)
        VALUES (coalesce(substr(NEW.date_begin, 1, 4), ''), coalesce(substr(NEW.date_end, 1, 4), ''),
            coalesce(NEW.source_code, ''), coalesce(NEW.target_code, ''),
            coalesce(NEW.source_id, ''), coalesce(NEW.target_id, ''),
            1, NEW.score > 0, NEW.score < 0, max(NEW.score, 0), max(-NEW.score, 0))
        ON CONFLICT DO UPDATE SET events = events + 1,
            positive = positive + excluded.positive, negative = negative + excluded.negative,
            cooperation = cooperation + excluded.cooperation,
            conflict = conflict + excluded.conflict;
    END;
    CREATE TRIGGER event_years_delete AFTER DELETE ON events WHEN OLD.negated = 0
    BEGIN
        UPDATE event_years SET events = events - 1,
            positive = positive - (OLD.score > 0), negative = negative - (OLD.score < 0),
            cooperation = cooperation - max(OLD.score, 0),
            conflict = conflict - max(-OLD.score, 0)
        WHERE source_code = coalesce(OLD.source_code, '')
          AND target_code = coalesce(OLD.target_code, '')
          AND year_begin = coalesce(substr(OLD.date_begin, 1, 4), '')
          AND year_end = coalesce(substr(OLD.date_end, 1, 4), '')
          AND source_id = coalesce(OLD.source_id, '')
          AND target_id = coalesce(OLD.target_id, '');
        DELETE FROM event_years
        WHERE source_code = coalesce(OLD.source_code, '')
          AND target_code = coalesce(OLD.target_code, '')
          AND year_begin = coalesce(substr(OLD.date_begin, 1, 4), '')
          AND year_end = coalesce(substr(OLD.date_end, 1, 4), '')
          AND source_id = coalesce(OLD.source_id, '')
          AND target_id = coalesce(OLD.target_id, '')
          AND events <= 0;
    END;
    -- An event row replaced in place (INSERT OR REPLACE on its id) is deleted
    -- without delete triggers unless recursive triggers are on: take its
    -- counts out first, by deleting it here, where the delete trigger fires.
    CREATE TRIGGER event_years_replace BEFORE INSERT ON events
    BEGIN
        DELETE FROM events WHERE event_id = NEW.event_id;
    END;
    -- Updates of the counted columns move the event's counts.
    CREATE TRIGGER event_years_update AFTER UPDATE OF date_begin, date_end, source_code,
        target_code, source_id, target_id, score, negated ON events
    BEGIN
        UPDATE event_years SET events = events - 1,
            positive = positive - (OLD.score > 0), negative = negative - (OLD.score < 0),
            cooperation = cooperation - max(OLD.score, 0),
            conflict = conflict - max(-OLD.score, 0)
        WHERE OLD.negated = 0
          AND source_code = coalesce(OLD.source_code, '')
          AND target_code = coalesce(OLD.target_code, '')
          AND year_begin = coalesce(substr(OLD.date_begin, 1, 4), '')
          AND year_end = coalesce(substr(OLD.date_end, 1, 4), '')
          AND source_id = coalesce(OLD.source_id, '')
          AND target_id = coalesce(OLD.target_id, '');
        DELETE FROM event_years WHERE events <= 0 AND OLD.negated = 0
          AND source_code = coalesce(OLD.source_code, '')
          AND target_code = coalesce(OLD.target_code, '')
          AND year_begin = coalesce(substr(OLD.date_begin, 1, 4), '')
          AND year_end = coalesce(substr(OLD.date_end, 1, 4), '')
          AND source_id = coalesce(OLD.source_id, '')
          AND target_id = coalesce(OLD.target_id, '');
        INSERT INTO event_years(year_begin, year_end, source_code, target_code,
            source_id, target_id, events, positive, negative, cooperation, conflict)
        SELECT coalesce(substr(NEW.date_begin, 1, 4), ''), coalesce(substr(NEW.date_end, 1, 4), ''),
            coalesce(NEW.source_code, ''), coalesce(NEW.target_code, ''),
            coalesce(NEW.source_id, ''), coalesce(NEW.target_id, ''),
            1, NEW.score > 0, NEW.score < 0, max(NEW.score, 0), max(-NEW.score, 0)
        WHERE NEW.negated = 0
        ON CONFLICT DO UPDATE SET events = events + 1,
            positive = positive + excluded.positive, negative = negative + excluded.negative,
            cooperation = cooperation + excluded.cooperation,
            conflict = conflict + excluded.conflict;
    END;
    "#,
    // 4: covering indexes for the overview: document counts, languages and
    // dates from a narrow index rather than the wide document rows, and an
    // actor's mention counts (`mentions_actor` is its prefix).
    r#"
    CREATE INDEX documents_overview ON documents(language, date_value, date_begin, date_end,
        n_sentences, n_tokens);
    DROP INDEX IF EXISTS mentions_actor;
    CREATE INDEX mentions_actor_cover ON mentions(actor_id, doc_id, name, code);
    "#,
    // 5: annotation blobs number their tag values (token_table.rs). No
    // table changes: the version alone makes older builds, which would read
    // those tokens without tags, refuse the store.
    r#"
    INSERT INTO meta(key, value) VALUES('annotations_format', 'numbered-tags')
        ON CONFLICT(key) DO UPDATE SET value = excluded.value;
    "#,
    // 6: new annotation blobs are Snappy blocks (codec.rs). This build reads
    // the deflate blobs already stored too; older builds cannot read the new
    // ones, and the version makes them refuse the store.
    r#"
    INSERT INTO meta(key, value) VALUES('annotations_codec', 'snappy')
        ON CONFLICT(key) DO UPDATE SET value = excluded.value;
    "#,
    // 7: annotation blobs write offset pieces, sentences and mentions as
    // columns (columns.rs). This build reads the older blobs too; older
    // builds cannot read the new ones, and the version makes them refuse
    // the store.
    r#"
    INSERT INTO meta(key, value) VALUES('annotations_format', 'columns')
        ON CONFLICT(key) DO UPDATE SET value = excluded.value;
    "#,
    // 8: the actor index leaves out the mentions without an actor (about a
    // third: unknown names, pronouns that found no antecedent), which only
    // cost writing it; every query through it asks for an actor.
    r#"
    DROP INDEX IF EXISTS mentions_actor_cover;
    CREATE INDEX mentions_actor_cover ON mentions(actor_id, doc_id, name, code)
        WHERE actor_id IS NOT NULL;
    "#,
];

pub const LATEST: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    migrate_to(conn, path, LATEST)
}

/// Upgrade the schema to version `target` (older versions: for tests that
/// build an old store).
fn migrate_to(conn: &mut Connection, path: &str, target: i64) -> Result<()> {
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
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target.clamp(0, LATEST) as usize)
        .skip(current as usize)
    {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn indexes(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<std::result::Result<_, _>>()
            .unwrap()
    }

    fn add_event(
        conn: &Connection,
        id: &str,
        doc: &str,
        date: Option<(&str, &str)>,
        (s, t): (&str, &str),
        score: f64,
        negated: bool,
    ) {
        conn.execute(
            "INSERT INTO events(event_id, doc_id, sentence_index, date, date_begin, date_end,
                source_id, source_code, target_id, target_code, category, quad_class, score, negated, json)
             VALUES (?1, ?2, 0, ?3, ?3, ?4, ?5, ?5, ?6, ?6, 'CONSULT', 'verbal_cooperation', ?7, ?8, '{}')",
            rusqlite::params![id, doc, date.map(|d| d.0), date.map(|d| d.1), s, t, score, negated],
        )
        .unwrap();
    }

    type YearRow = (String, String, String, String, i64, i64, i64, f64, f64);

    fn years(conn: &Connection) -> Vec<YearRow> {
        let mut stmt = conn
            .prepare(
                "SELECT year_begin, year_end, source_code, target_code, events, positive, negative,
                        cooperation, conflict FROM event_years ORDER BY 1, 2, 3, 4",
            )
            .unwrap();
        stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })
        .unwrap()
        .collect::<std::result::Result<_, _>>()
        .unwrap()
    }

    #[test]
    fn an_old_store_is_migrated_with_its_events_counted() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        migrate_to(&mut conn, ":memory:", 2).unwrap();
        // What older builds created lazily: a covering index with fewer columns.
        conn.execute_batch(
            "CREATE INDEX events_date_cover ON events(date_begin, date_end, negated, score);",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO documents(id, content_hash, raw, text, annotations, n_sentences, n_tokens, ingested_at)
             VALUES ('d', 'h', 'x', 'x', x'00', 1, 1, 'now')",
            [],
        )
        .unwrap();
        add_event(
            &conn,
            "e1",
            "d",
            Some(("2020-01-01", "2020-01-31")),
            ("RUS", "ARM"),
            4.2,
            false,
        );
        add_event(
            &conn,
            "e2",
            "d",
            Some(("2020-05-02", "2020-05-02")),
            ("RUS", "ARM"),
            -2.0,
            false,
        );
        add_event(
            &conn,
            "e3",
            "d",
            Some(("2020-05-02", "2020-05-02")),
            ("RUS", "ARM"),
            -9.3,
            true,
        );
        add_event(&conn, "e4", "d", None, ("ARM", "RUS"), 2.1, false);
        assert!(indexes(&conn).contains(&"events_dyad".to_string()));

        migrate(&mut conn, ":memory:").unwrap();
        let version: String = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(version, LATEST.to_string());
        let names = indexes(&conn);
        for wanted in [
            "events_dyad_cover",
            "events_date_cover",
            "events_source_id",
            "events_target_id",
            "events_doc",
        ] {
            assert!(
                names.contains(&wanted.to_string()),
                "{wanted} missing: {names:?}"
            );
        }
        assert!(!names.contains(&"events_dyad".to_string()));
        let overview: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN
                   ('documents_overview', 'mentions_actor_cover', 'event_years')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(overview, 3);
        let cover: String = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'events_date_cover'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(cover.contains("sentence_index"), "rebuilt: {cover}");
        assert_eq!(
            years(&conn),
            vec![
                (
                    "".into(),
                    "".into(),
                    "ARM".into(),
                    "RUS".into(),
                    1,
                    1,
                    0,
                    2.1,
                    0.0
                ),
                (
                    "2020".into(),
                    "2020".into(),
                    "RUS".into(),
                    "ARM".into(),
                    2,
                    1,
                    1,
                    4.2,
                    2.0
                ),
            ]
        );

        // Later writes keep the counts: a new event, an event replaced in
        // place, and the document deleted with all its events.
        add_event(
            &conn,
            "e5",
            "d",
            Some(("2021-01-01", "2021-12-31")),
            ("RUS", "ARM"),
            4.2,
            false,
        );
        conn.execute(
            "INSERT OR REPLACE INTO events(event_id, doc_id, sentence_index, date_begin, date_end,
                source_code, target_code, category, quad_class, score, negated, json)
             VALUES ('e2', 'd', 0, '2020-05-02', '2020-05-02', 'RUS', 'ARM', 'ACCUSE', 'verbal_conflict', -2.0, 1, '{}')",
            [],
        )
        .unwrap();
        let rows = years(&conn);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            (rows[1].4, rows[1].6, rows[1].8),
            (1, 0, 0.0),
            "e2 is no longer counted"
        );
        conn.execute(
            "UPDATE events SET target_code = 'AZE' WHERE event_id = 'e5'",
            [],
        )
        .unwrap();
        let rows = years(&conn);
        assert_eq!(rows[2].3, "AZE");
        conn.execute("DELETE FROM documents WHERE id = 'd'", [])
            .unwrap();
        assert!(
            years(&conn).is_empty(),
            "cascade deletes take their counts along"
        );
    }
}
