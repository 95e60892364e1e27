//! Read-only queries for the analysis commands (timeline, network, export):
//! light rows straight from the indexed columns, so that a dyad's timeline
//! or a year's network need not decode every event's JSON.
use std::collections::HashMap;

use kroniek_model::Event;
use rusqlite::params;

use crate::{EventFilter, Result, SqliteStore, StoreError, date_bounds};

/// The indexed columns of one event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub event_id: String,
    pub doc_id: String,
    /// First and last day of the event date (None: undated).
    pub date_begin: Option<String>,
    pub date_end: Option<String>,
    pub source_id: Option<String>,
    pub source_code: Option<String>,
    pub target_id: Option<String>,
    pub target_code: Option<String>,
    pub category: String,
    pub quad_class: String,
    pub score: f64,
    pub negated: bool,
}

/// Events from `source` to `target` (node keys) with their score sums.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeRow {
    pub source: Option<String>,
    pub target: Option<String>,
    pub events: u64,
    pub cooperation: f64,
    pub conflict: f64,
}

/// Covering indexes for the analysis queries. Created at first use (a
/// one-off cost of seconds on a large store); a later schema migration can
/// take them over unchanged.
const ANALYSIS_INDEXES: &str = "
    CREATE INDEX IF NOT EXISTS events_dyad_cover ON events(source_code, target_code,
        date_begin, date_end, negated, score, category, quad_class, event_id, doc_id,
        source_id, target_id);
    CREATE INDEX IF NOT EXISTS events_date_cover ON events(date_begin, date_end,
        negated, score, source_code, target_code, source_id, target_id, event_id);
";

const ROW_COLUMNS: &str = "event_id, doc_id, date_begin, date_end, source_id, source_code,
    target_id, target_code, category, quad_class, score, negated";

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        event_id: r.get(0)?,
        doc_id: r.get(1)?,
        date_begin: r.get(2)?,
        date_end: r.get(3)?,
        source_id: r.get(4)?,
        source_code: r.get(5)?,
        target_id: r.get(6)?,
        target_code: r.get(7)?,
        category: r.get(8)?,
        quad_class: r.get(9)?,
        score: r.get(10)?,
        negated: r.get(11)?,
    })
}

impl SqliteStore {
    pub fn ensure_analysis_indexes(&self) -> Result<()> {
        self.connection().execute_batch(ANALYSIS_INDEXES)?;
        Ok(())
    }

    /// Events between `a` and `b` (codes or registry ids), both directions
    /// unless `directed`, including negated and undated ones (the caller
    /// lists those apart); date bounds as in [`crate::Store::events`], but
    /// undated events are always returned.
    pub fn dyad_rows(
        &self,
        a: &str,
        b: &str,
        directed: bool,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<EventRow>> {
        self.ensure_analysis_indexes()?;
        let from = from.and_then(date_bounds).map(|b| b.0);
        let to = to.and_then(date_bounds).map(|b| b.1);
        let in_range = "(date_begin IS NULL OR ((?3 IS NULL OR date_end >= ?3)
                           AND (?4 IS NULL OR date_begin <= ?4)))";
        // Codes go through the covering index; ids (and id/code mixes)
        // through the generic match.
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM events INDEXED BY events_dyad_cover
               WHERE source_code = ?1 AND target_code = ?2 AND {in_range}
             UNION
             SELECT {ROW_COLUMNS} FROM events INDEXED BY events_dyad_cover
               WHERE ?5 = 0 AND source_code = ?2 AND target_code = ?1 AND {in_range}
             UNION
             SELECT {ROW_COLUMNS} FROM events
               WHERE ?6 = 1 AND (source_id = ?1 OR source_code = ?1)
                 AND (target_id = ?2 OR target_code = ?2) AND {in_range}
             UNION
             SELECT {ROW_COLUMNS} FROM events
               WHERE ?6 = 1 AND ?5 = 0 AND (source_id = ?2 OR source_code = ?2)
                 AND (target_id = ?1 OR target_code = ?1) AND {in_range}"
        );
        let needs_ids = !(self.is_code(a)? && self.is_code(b)?);
        let mut stmt = self.connection().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![a, b, from, to, directed, needs_ids], event_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Whether `key` is used as a country/organisation code on some event.
    fn is_code(&self, key: &str) -> Result<bool> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM events WHERE source_code = ?1)
                 OR EXISTS(SELECT 1 FROM events WHERE target_code = ?1)",
        )?;
        Ok(stmt.query_row([key], |r| r.get(0))?)
    }

    /// The evidence sentences of some events, by event id.
    pub fn event_sentences(&self, event_ids: &[String]) -> Result<HashMap<String, String>> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT json_extract(json, '$.sentence') FROM events WHERE event_id = ?1",
        )?;
        let mut out = HashMap::new();
        for id in event_ids {
            match stmt.query_row([id], |r| r.get::<_, Option<String>>(0)) {
                Ok(sentence) => {
                    out.insert(id.clone(), sentence.unwrap_or_default());
                }
                Err(rusqlite::Error::QueryReturnedNoRows) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(out)
    }

    /// Light rows of all events with `actor` (code or id; any when None)
    /// in the date bounds, undated ones included, negated ones if asked.
    pub fn event_rows(
        &self,
        actor: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        include_negated: bool,
    ) -> Result<Vec<EventRow>> {
        let from = from.and_then(date_bounds).map(|b| b.0);
        let to = to.and_then(date_bounds).map(|b| b.1);
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM events
             WHERE (?1 IS NULL OR source_code = ?1 OR target_code = ?1
                    OR source_id = ?1 OR target_id = ?1)
               AND (?2 IS NULL OR date_end >= ?2) AND (?3 IS NULL OR date_begin <= ?3)
               AND (?4 = 1 OR negated = 0)"
        );
        let mut stmt = self.connection().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![actor, from, to, include_negated], event_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Non-negated dated events in the date bounds, grouped by
    /// (source, target) node key: the country/organisation code (registry
    /// id when there is none) if `by_code`, else the registry id (code when
    /// there is none).
    pub fn edge_rows(
        &self,
        by_code: bool,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<EdgeRow>> {
        self.ensure_analysis_indexes()?;
        let from = from.and_then(date_bounds).map(|b| b.0);
        let to = to.and_then(date_bounds).map(|b| b.1);
        let (s, t) = if by_code {
            (
                "coalesce(source_code, source_id)",
                "coalesce(target_code, target_id)",
            )
        } else {
            (
                "coalesce(source_id, source_code)",
                "coalesce(target_id, target_code)",
            )
        };
        let sql = format!(
            "SELECT {s}, {t}, count(*), total(max(score, 0)), total(max(-score, 0))
             FROM events INDEXED BY events_date_cover
             WHERE date_begin IS NOT NULL AND negated = 0
               AND (?1 IS NULL OR date_end >= ?1) AND (?2 IS NULL OR date_begin <= ?2)
             GROUP BY 1, 2"
        );
        let mut stmt = self.connection().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok(EdgeRow {
                source: r.get(0)?,
                target: r.get(1)?,
                events: r.get::<_, i64>(2)? as u64,
                cooperation: r.get(3)?,
                conflict: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Ids of undated events, and of negated events in the date bounds.
    pub fn undated_and_negated_ids(
        &self,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<(Vec<String>, Vec<String>)> {
        let from = from.and_then(date_bounds).map(|b| b.0);
        let to = to.and_then(date_bounds).map(|b| b.1);
        let conn = self.connection();
        // Both through the date index (covering: no table rows are read).
        let mut undated = conn.prepare_cached(
            "SELECT event_id FROM events INDEXED BY events_date_cover
             WHERE date_begin IS NULL AND negated = 0 ORDER BY event_id",
        )?;
        let undated = undated
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<Vec<String>, _>>()?;
        // A date interval is at most a year long, so its begin lies at most
        // a year before `from`: that bound lets the index do the range.
        let mut negated = conn.prepare_cached(
            "SELECT event_id FROM events INDEXED BY events_date_cover
               WHERE date_begin IS NULL AND negated = 1
             UNION
             SELECT event_id FROM events INDEXED BY events_date_cover
               WHERE date_begin >= coalesce(date(?1, '-1 year'), '')
                 AND date_begin <= coalesce(?2, '9999') AND negated = 1
                 AND (?1 IS NULL OR date_end >= ?1)
             ORDER BY 1",
        )?;
        let negated = negated
            .query_map(params![from, to], |r| r.get(0))?
            .collect::<std::result::Result<Vec<String>, _>>()?;
        Ok((undated, negated))
    }

    /// Display names for node keys (codes or ids), from the mentions table.
    pub fn actor_names(&self, keys: &[String]) -> Result<HashMap<String, String>> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT name FROM mentions WHERE actor_id = ?1 AND name IS NOT NULL LIMIT 1",
        )?;
        let mut out = HashMap::new();
        for key in keys {
            let name: Option<String> = match stmt.query_row([key], |r| r.get(0)) {
                Ok(n) => Some(n),
                Err(rusqlite::Error::QueryReturnedNoRows) => None,
                Err(e) => return Err(e.into()),
            };
            if let Some(name) = name {
                out.insert(key.clone(), name);
            }
        }
        Ok(out)
    }

    /// Call `f` on each event matching `filter` (actor, dates, negation),
    /// in date order, undated last, without holding them all in memory.
    /// Returns how many were visited.
    pub fn for_each_event<E>(
        &self,
        filter: &EventFilter,
        mut f: impl FnMut(Event) -> std::result::Result<(), E>,
    ) -> std::result::Result<u64, E>
    where
        E: From<StoreError>,
    {
        let from = filter.from.as_deref().and_then(date_bounds).map(|b| b.0);
        let to = filter.to.as_deref().and_then(date_bounds).map(|b| b.1);
        let mut stmt = self
            .connection()
            .prepare_cached(
                "SELECT doc_id, event_id, json FROM events
                 WHERE (?1 IS NULL OR source_code = ?1 OR target_code = ?1
                        OR source_id = ?1 OR target_id = ?1)
                   AND (?2 IS NULL OR date_end >= ?2)
                   AND (?3 IS NULL OR date_begin <= ?3)
                   AND (?4 = 1 OR negated = 0)
                 ORDER BY date_begin IS NULL, date_begin, doc_id, sentence_index, event_id",
            )
            .map_err(|e| E::from(e.into()))?;
        let mut rows = stmt
            .query(params![filter.actor, from, to, filter.include_negated])
            .map_err(|e| E::from(e.into()))?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(|e| E::from(e.into()))? {
            let read = || -> Result<Event> {
                let doc: String = row.get(0)?;
                let id: String = row.get(1)?;
                let json: String = row.get(2)?;
                serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
                    item: format!("event {id} of {doc}"),
                    reason: e.to_string(),
                })
            };
            f(read().map_err(E::from)?)?;
            n += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use kroniek_model::{Category, Document, EventActor, Modality, Span};

    fn event(id: &str, date: Option<&str>, s: &str, t: &str, c: Category, negated: bool) -> Event {
        let actor = |code: &str| EventActor {
            id: Some(format!("id:{code}")),
            name: None,
            text: code.into(),
            country: Some(code.into()),
            sector: None,
        };
        Event {
            event_id: id.into(),
            doc_id: "doc".into(),
            sentence_index: 0,
            sentence: format!("zin {id}"),
            span: Span { start: 0, end: 1 },
            trigger: "t".into(),
            trigger_span: Span { start: 0, end: 1 },
            date: date.map(String::from),
            date_precision: None,
            date_rule: String::new(),
            source: Some(actor(s)),
            target: Some(actor(t)),
            category: c,
            mode: None,
            quad_class: c.quad_class(),
            score: c.score(),
            negated,
            modality: Modality::Asserted,
            attribution: None,
            confidence: 1.0,
            coder_version: "t".into(),
        }
    }

    fn store() -> SqliteStore {
        let mut store = SqliteStore::in_memory().unwrap();
        let doc = Document {
            id: "doc".into(),
            text: "x".into(),
            raw: "x".into(),
            sentences: vec![kroniek_model::Sentence {
                span: Span { start: 0, end: 1 },
                token_start: 0,
                token_end: 0,
            }],
            events: vec![
                event("e1", Some("2020-10"), "RUS", "ARM", Category::Agree, false),
                event(
                    "e2",
                    Some("2023-10-02"),
                    "ARM",
                    "RUS",
                    Category::Accuse,
                    false,
                ),
                event("e3", None, "RUS", "ARM", Category::Consult, false),
                event("e4", Some("2021"), "RUS", "ARM", Category::Assault, true),
                event("e5", Some("2021-05-01"), "RUS", "AZE", Category::Aid, false),
            ],
            ..Default::default()
        };
        let run = store.begin_run("test").unwrap();
        store.put_document(&doc, run).unwrap();
        store
    }

    #[test]
    fn dyad_rows_by_code_and_by_id() {
        let store = store();
        let rows = store.dyad_rows("RUS", "ARM", false, None, None).unwrap();
        assert_eq!(rows.len(), 4);
        let directed = store.dyad_rows("ARM", "RUS", true, None, None).unwrap();
        assert_eq!(directed.len(), 1);
        let by_id = store.dyad_rows("id:RUS", "ARM", false, None, None).unwrap();
        assert_eq!(by_id.len(), 4);
        let bounded = store
            .dyad_rows("RUS", "ARM", false, Some("2023"), None)
            .unwrap();
        assert_eq!(bounded.len(), 2, "e2 and the undated e3");
        let sentences = store.event_sentences(&[rows[0].event_id.clone()]).unwrap();
        assert!(sentences[&rows[0].event_id].starts_with("zin e"));
        assert_eq!(
            store
                .event_rows(Some("AZE"), None, None, false)
                .unwrap()
                .len(),
            1
        );
        assert_eq!(store.event_rows(None, None, None, true).unwrap().len(), 5);
    }

    #[test]
    fn edges_and_lists() {
        let store = store();
        let mut edges = store.edge_rows(true, None, None).unwrap();
        edges.sort_by(|a, b| a.source.cmp(&b.source).then(a.target.cmp(&b.target)));
        assert_eq!(edges.len(), 3);
        assert_eq!(edges[0].source.as_deref(), Some("ARM"));
        assert!((edges[0].conflict - 2.0).abs() < 1e-6);
        let year = store.edge_rows(true, Some("2021"), Some("2021")).unwrap();
        assert_eq!(year.len(), 1);
        let (undated, negated) = store.undated_and_negated_ids(None, None).unwrap();
        assert_eq!(undated, vec!["e3"]);
        assert_eq!(negated, vec!["e4"]);
        let mut seen = Vec::new();
        let n = store
            .for_each_event(&EventFilter::default(), |e| -> Result<()> {
                seen.push(e.event_id);
                Ok(())
            })
            .unwrap();
        assert_eq!(n, 4);
        assert_eq!(seen.last().map(String::as_str), Some("e3"), "undated last");
    }
}
