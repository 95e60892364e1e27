//! Read-only queries for the analysis commands (timeline, network, export):
//! light rows straight from the indexed columns, so that a dyad's timeline
//! or a year's network need not decode every event's JSON.
use std::collections::HashMap;

use kroniek_model::Event;
use rusqlite::params;
use rusqlite::types::Value;

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

/// The WHERE conditions of an event query: only those in use are written
/// out (so that SQLite can pick an index), their values always bound.
#[derive(Default)]
struct Conditions {
    sql: Vec<String>,
    args: Vec<Value>,
}

impl Conditions {
    fn arg(&mut self, value: &str) -> String {
        self.args.push(Value::Text(value.to_string()));
        format!("?{}", self.args.len())
    }

    /// `key` (id or code) as source or target.
    fn actor(&mut self, key: &str) {
        let p = self.arg(key);
        self.sql.push(format!(
            "(source_code = {p} OR target_code = {p} OR source_id = {p} OR target_id = {p})"
        ));
    }

    /// `a` to `b` (each by id or code), and back unless `directed`; written
    /// as a disjunction of indexable pairs.
    fn dyad(&mut self, a: &str, b: &str, directed: bool) {
        let (pa, pb) = (self.arg(a), self.arg(b));
        let mut terms = Vec::new();
        let mut one_way = |x: &str, y: &str| {
            for s in ["source_code", "source_id"] {
                for t in ["target_code", "target_id"] {
                    terms.push(format!("({s} = {x} AND {t} = {y})"));
                }
            }
        };
        one_way(&pa, &pb);
        if !directed {
            one_way(&pb, &pa);
        }
        self.sql.push(format!("({})", terms.join(" OR ")));
    }

    fn date_bounds(&mut self, from: Option<&str>, to: Option<&str>) {
        if let Some((begin, _)) = from.and_then(date_bounds) {
            let p = self.arg(&begin);
            self.sql.push(format!("date_end >= {p}"));
        }
        if let Some((_, end)) = to.and_then(date_bounds) {
            let p = self.arg(&end);
            self.sql.push(format!("date_begin <= {p}"));
        }
    }

    fn counted_only(&mut self, include_negated: bool) {
        if !include_negated {
            self.sql.push("negated = 0".into());
        }
    }

    /// ` AND c1 AND c2 ...` (empty when there is no condition).
    fn and(&self) -> String {
        self.sql.iter().map(|c| format!(" AND {c}")).collect()
    }

    fn of(f: &EventFilter) -> Self {
        let mut c = Conditions::default();
        if let Some(actor) = &f.actor {
            c.actor(actor);
        }
        if let Some((a, b)) = &f.dyad {
            c.dyad(a, b, f.directed);
        }
        if let Some(category) = &f.category {
            let p = c.arg(category);
            c.sql.push(format!("category = upper({p})"));
        }
        c.date_bounds(f.from.as_deref(), f.to.as_deref());
        if let Some(doc) = &f.doc {
            let p = c.arg(doc);
            c.sql.push(format!("doc_id = {p}"));
        }
        c.counted_only(f.include_negated);
        c
    }
}

/// The events of a filter in the order `coalesce(date_begin, '9999'),
/// doc_id, sentence_index, event_id`, read in three parts (dated before
/// 9999, undated, dated from 9999 on) so that each part can walk the date
/// index in order and stop at the page.
fn event_parts() -> [(&'static str, &'static str); 3] {
    [
        (
            "date_begin >= '' AND date_begin < '9999'",
            "date_begin, doc_id, sentence_index, event_id",
        ),
        ("date_begin IS NULL", "doc_id, sentence_index, event_id"),
        (
            "date_begin >= '9999'",
            "date_begin, doc_id, sentence_index, event_id",
        ),
    ]
}

fn parse_event(doc: &str, id: &str, json: &str) -> Result<Event> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        item: format!("event {id} of {doc}"),
        reason: e.to_string(),
    })
}

/// [`crate::Store::events`] for SQLite.
pub(crate) fn filtered_events(conn: &rusqlite::Connection, f: &EventFilter) -> Result<Vec<Event>> {
    let c = Conditions::of(f);
    let filter = c.and();
    let mut limit = f
        .limit
        .map_or(i64::MAX, |l| l.min(i64::MAX as usize) as i64);
    let mut offset = f.offset.min(i64::MAX as usize) as i64;
    let mut events = Vec::new();
    for (which, order) in event_parts() {
        if limit == 0 {
            break;
        }
        // The page is chosen on narrow rows; only its events are read whole.
        let sql = format!(
            "SELECT e.doc_id, e.event_id, e.json FROM
               (SELECT rowid AS id, {order} FROM events WHERE {which}{filter}
                ORDER BY {order} LIMIT {limit} OFFSET {offset}) AS page
             JOIN events e ON e.rowid = page.id
             ORDER BY {}",
            order
                .split(", ")
                .map(|col| format!("page.{col}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(c.args.iter()))?;
        let mut found = 0i64;
        while let Some(row) = rows.next()? {
            let doc: String = row.get(0)?;
            let id: String = row.get(1)?;
            let json: String = row.get(2)?;
            events.push(parse_event(&doc, &id, &json)?);
            found += 1;
        }
        limit -= found;
        if offset > 0 {
            offset = if found > 0 {
                0
            } else {
                // The whole part lay before the page: skip its length.
                let in_part: i64 = conn
                    .prepare_cached(&format!(
                        "SELECT count(*) FROM events WHERE {which}{filter}"
                    ))?
                    .query_row(rusqlite::params_from_iter(c.args.iter()), |r| r.get(0))?;
                (offset - in_part).max(0)
            };
        }
    }
    Ok(events)
}

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

/// The years `first`..=`last` when the date bounds `from`..=`to` (first and
/// last day) cover whole years (or are open): then an event overlaps the
/// bounds exactly when its years do, and the yearly counts answer.
pub fn whole_years(from: Option<&str>, to: Option<&str>) -> Option<(String, String)> {
    let first = match from {
        None => "0000".to_string(),
        Some(day) => day
            .strip_suffix("-01-01")
            .filter(|y| y.len() == 4)?
            .to_string(),
    };
    let last = match to {
        None => "9999".to_string(),
        Some(day) => day
            .strip_suffix("-12-31")
            .filter(|y| y.len() == 4)?
            .to_string(),
    };
    Some((first, last))
}

fn edge_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EdgeRow> {
    Ok(EdgeRow {
        source: r.get(0)?,
        target: r.get(1)?,
        events: r.get::<_, i64>(2)? as u64,
        cooperation: r.get(3)?,
        conflict: r.get(4)?,
    })
}

/// `coalesce(a, b)` over `event_years`, whose missing values are ''.
fn nullable(coalesce: &str) -> String {
    let inner = coalesce
        .trim_start_matches("coalesce(")
        .trim_end_matches(')');
    let parts: Vec<String> = inner
        .split(", ")
        .map(|c| format!("nullif({c}, '')"))
        .collect();
    format!("coalesce({})", parts.join(", "))
}

impl SqliteStore {
    /// The analysis indexes are part of the schema (migration 3) since
    /// they were first created here lazily; kept for callers.
    pub fn ensure_analysis_indexes(&self) -> Result<()> {
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

    /// Where the yearly counts (`event_years`) disagree with the events.
    pub fn event_years_problems(&self) -> Result<Vec<String>> {
        let wrong: i64 = self.connection().query_row(
            "WITH fresh AS (
               SELECT coalesce(substr(date_begin, 1, 4), '') AS yb,
                      coalesce(substr(date_end, 1, 4), '') AS ye,
                      coalesce(source_code, '') AS sc, coalesce(target_code, '') AS tc,
                      coalesce(source_id, '') AS si, coalesce(target_id, '') AS ti,
                      count(*) AS n, sum(score > 0) AS pos, sum(score < 0) AS neg,
                      total(max(score, 0)) AS coop, total(max(-score, 0)) AS conf
               FROM events WHERE negated = 0 GROUP BY 1, 2, 3, 4, 5, 6),
             kept AS (
               SELECT year_begin, year_end, source_code, target_code, source_id, target_id,
                      events, positive, negative, cooperation, conflict FROM event_years)
             SELECT (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept))
                  + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh))",
            [],
            |r| r.get(0),
        )?;
        Ok(if wrong > 0 {
            vec![format!(
                "{wrong} rows of the yearly event counts (event_years) disagree with the events"
            )]
        } else {
            Vec::new()
        })
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
        let mut c = Conditions::default();
        if let Some(actor) = actor {
            c.actor(actor);
        }
        c.date_bounds(from, to);
        c.counted_only(include_negated);
        let sql = format!("SELECT {ROW_COLUMNS} FROM events WHERE 1{}", c.and());
        let mut stmt = self.connection().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(c.args.iter()), event_row)?;
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
        match whole_years(from.as_deref(), to.as_deref()) {
            Some((first, last)) => self.edges_from_years(s, t, &first, &last),
            None => self.edges_from_events(s, t, from.as_deref(), to.as_deref()),
        }
    }

    /// [`Self::edge_rows`] from the yearly counts ('' stands for a missing
    /// value there), for events whose years overlap `first..=last`.
    fn edges_from_years(&self, s: &str, t: &str, first: &str, last: &str) -> Result<Vec<EdgeRow>> {
        let sql = format!(
            "SELECT {}, {}, sum(events), total(cooperation), total(conflict)
             FROM event_years
             WHERE year_begin != '' AND year_end >= ?1 AND year_begin <= ?2
             GROUP BY 1, 2",
            nullable(s),
            nullable(t)
        );
        let mut stmt = self.connection().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![first, last], edge_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// [`Self::edge_rows`] from the events themselves (first and last day).
    fn edges_from_events(
        &self,
        s: &str,
        t: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<EdgeRow>> {
        // A date interval lies within one year, so its begin is at most a
        // year before `from`: that bound lets the index do the range.
        let sql = format!(
            "SELECT {s}, {t}, count(*), total(max(score, 0)), total(max(-score, 0))
             FROM events INDEXED BY events_date_cover
             WHERE date_begin >= coalesce(date(?1, '-1 year'), '')
               AND date_begin <= coalesce(?2, '9999-99') AND negated = 0
               AND (?1 IS NULL OR date_end >= ?1)
             GROUP BY 1, 2"
        );
        let mut stmt = self.connection().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![from, to], edge_row)?;
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
        let mut c = Conditions::default();
        if let Some(actor) = &filter.actor {
            c.actor(actor);
        }
        c.date_bounds(filter.from.as_deref(), filter.to.as_deref());
        c.counted_only(filter.include_negated);
        // Rows are read here and decoded on a second thread, in batches;
        // `f` sees the events on this thread, in order.
        const BATCH: usize = 512;
        type Raw = Vec<(String, String, String)>;
        let (raw_out, raw_in) = std::sync::mpsc::sync_channel::<Raw>(4);
        let (decoded_out, decoded_in) = std::sync::mpsc::channel::<Result<Vec<Event>>>();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                for batch in raw_in {
                    let events = batch
                        .iter()
                        .map(|(doc, id, json)| parse_event(doc, id, json))
                        .collect();
                    if decoded_out.send(events).is_err() {
                        break;
                    }
                }
            });
            // Owned here, so that an early return ends the decoder too.
            let (raw_out, decoded_in) = (raw_out, decoded_in);
            let mut n = 0;
            let mut pending = 0usize;
            let mut deliver =
                |batch: Result<Vec<Event>>, n: &mut u64| -> std::result::Result<(), E> {
                    for event in batch.map_err(E::from)? {
                        f(event)?;
                        *n += 1;
                    }
                    Ok(())
                };
            // Dated events walk the date index in order; undated ones follow.
            for (which, order) in [
                (
                    "date_begin >= ''",
                    "date_begin, doc_id, sentence_index, event_id",
                ),
                ("date_begin IS NULL", "doc_id, sentence_index, event_id"),
            ] {
                let sql = format!(
                    "SELECT doc_id, event_id, json FROM events WHERE {which}{} ORDER BY {order}",
                    c.and()
                );
                let mut stmt = self
                    .connection()
                    .prepare_cached(&sql)
                    .map_err(|e| E::from(e.into()))?;
                let mut rows = stmt
                    .query(rusqlite::params_from_iter(c.args.iter()))
                    .map_err(|e| E::from(e.into()))?;
                let mut batch = Vec::with_capacity(BATCH);
                loop {
                    let row = rows.next().map_err(|e| E::from(e.into()))?;
                    if let Some(row) = row {
                        let read = || -> rusqlite::Result<(String, String, String)> {
                            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                        };
                        batch.push(read().map_err(|e| E::from(e.into()))?);
                        if batch.len() < BATCH {
                            continue;
                        }
                    }
                    if batch.is_empty() {
                        break;
                    }
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    // The decoder only stops early when this side is gone.
                    let _ = raw_out.send(full);
                    pending += 1;
                    while let Ok(decoded) = decoded_in.try_recv() {
                        pending -= 1;
                        deliver(decoded, &mut n)?;
                    }
                    if row.is_none() {
                        break;
                    }
                }
            }
            drop(raw_out);
            while pending > 0 {
                let Ok(decoded) = decoded_in.recv() else {
                    break;
                };
                pending -= 1;
                deliver(decoded, &mut n)?;
            }
            Ok(n)
        })
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

    /// Documents with events of every kind: dated by day, month and year,
    /// undated, negated, one-sided, by id only.
    fn varied_store() -> SqliteStore {
        let mut store = SqliteStore::in_memory().unwrap();
        let run = store.begin_run("test").unwrap();
        let dates = [
            Some("2020-03-04"),
            Some("2020-11"),
            Some("2021"),
            None,
            Some("2021-12-31"),
            Some("2022-01"),
        ];
        let codes = ["RUS", "ARM", "AZE", "USA"];
        let cats = [
            Category::Agree,
            Category::Accuse,
            Category::Assault,
            Category::Consult,
            Category::Aid,
        ];
        for d in 0..12 {
            let events = (0..9)
                .map(|i| {
                    let k = d * 9 + i;
                    let mut e = event(
                        &format!("d{d}:{i}"),
                        dates[k % dates.len()],
                        codes[k % 4],
                        codes[(k / 4 + 1) % 4],
                        cats[k % cats.len()],
                        k % 7 == 0,
                    );
                    e.doc_id = format!("d{d}");
                    if k % 11 == 0 {
                        e.target = None;
                    }
                    if k % 13 == 0
                        && let Some(s) = e.source.as_mut()
                    {
                        s.country = None;
                    }
                    if k % 17 == 0 {
                        e.modality = Modality::Hypothetical;
                    }
                    e
                })
                .collect();
            let doc = Document {
                id: format!("d{d}"),
                text: "x".into(),
                raw: "x".into(),
                sentences: vec![kroniek_model::Sentence {
                    span: Span { start: 0, end: 1 },
                    token_start: 0,
                    token_end: 0,
                }],
                events,
                ..Default::default()
            };
            store.put_document(&doc, run).unwrap();
        }
        store
    }

    fn sorted(mut edges: Vec<EdgeRow>) -> Vec<EdgeRow> {
        edges.sort_by(|a, b| a.source.cmp(&b.source).then(a.target.cmp(&b.target)));
        edges
    }

    #[test]
    fn yearly_counts_answer_as_the_events_do_and_stay_exact() {
        let mut store = varied_store();
        let check = |store: &SqliteStore| {
            assert_eq!(store.event_years_problems().unwrap(), Vec::<String>::new());
            for by_code in [true, false] {
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
                for (from, to) in [
                    (None, None),
                    (Some("2020"), Some("2020")),
                    (Some("2021"), None),
                    (None, Some("2021")),
                ] {
                    let (first, last) = whole_years(
                        from.and_then(date_bounds).map(|b| b.0).as_deref(),
                        to.and_then(date_bounds).map(|b| b.1).as_deref(),
                    )
                    .unwrap();
                    let fast = sorted(store.edges_from_years(s, t, &first, &last).unwrap());
                    let from_day = from.and_then(date_bounds).map(|b| b.0);
                    let to_day = to.and_then(date_bounds).map(|b| b.1);
                    let slow = sorted(
                        store
                            .edges_from_events(s, t, from_day.as_deref(), to_day.as_deref())
                            .unwrap(),
                    );
                    assert!(!slow.is_empty());
                    assert_eq!(fast, slow, "{by_code} {from:?} {to:?}");
                }
            }
        };
        check(&store);
        // Replace a document with fewer, different events; add one; drop a year.
        let mut doc = store.document("d3").unwrap().unwrap();
        doc.events.truncate(4);
        for e in &mut doc.events {
            e.score = -e.score;
            e.negated = !e.negated;
        }
        let run = store.begin_run("again").unwrap();
        store.put_document(&doc, run).unwrap();
        check(&store);
        doc.events.clear();
        store.put_document(&doc, run).unwrap();
        check(&store);
        assert_eq!(whole_years(Some("2020-03-01"), None), None);
        assert_eq!(whole_years(None, Some("2020-11-30")), None);
    }

    #[test]
    fn filtered_events_match_a_plain_filter() {
        let store = varied_store();
        let all = store
            .events(&EventFilter {
                include_negated: true,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(all.len(), 108);
        let key = |e: &Event| {
            let begin = e.date.as_deref().and_then(date_bounds).map(|b| b.0);
            (
                begin.unwrap_or_else(|| "9999".into()),
                e.doc_id.clone(),
                e.sentence_index,
                e.event_id.clone(),
            )
        };
        let mut expected = all.clone();
        expected.sort_by_key(key);
        assert_eq!(all, expected, "date order, undated after the dated");
        let involves = |e: &Event, k: &str| {
            [&e.source, &e.target]
                .into_iter()
                .flatten()
                .any(|a| a.id.as_deref() == Some(k) || a.country.as_deref() == Some(k))
        };
        let filters = [
            EventFilter {
                actor: Some("ARM".into()),
                ..Default::default()
            },
            EventFilter {
                actor: Some("id:AZE".into()),
                include_negated: true,
                ..Default::default()
            },
            EventFilter {
                dyad: Some(("RUS".into(), "id:ARM".into())),
                include_negated: true,
                ..Default::default()
            },
            EventFilter {
                dyad: Some(("RUS".into(), "ARM".into())),
                directed: true,
                include_negated: true,
                ..Default::default()
            },
            EventFilter {
                doc: Some("d4".into()),
                include_negated: true,
                ..Default::default()
            },
            EventFilter {
                category: Some("accuse".into()),
                from: Some("2021".into()),
                ..Default::default()
            },
            EventFilter {
                to: Some("2020-11".into()),
                include_negated: true,
                limit: Some(5),
                offset: 3,
                ..Default::default()
            },
            EventFilter {
                include_negated: true,
                limit: Some(10),
                offset: 95,
                ..Default::default()
            },
            EventFilter {
                include_negated: true,
                limit: Some(4),
                offset: 106,
                ..Default::default()
            },
        ];
        for f in filters {
            let got = store.events(&f).unwrap();
            let want: Vec<Event> = all
                .iter()
                .filter(|e| f.include_negated || !e.is_uncounted())
                .filter(|e| f.actor.as_deref().is_none_or(|k| involves(e, k)))
                .filter(|e| {
                    f.dyad.as_ref().is_none_or(|(a, b)| {
                        let is = |x: &Option<kroniek_model::EventActor>, k: &str| {
                            x.as_ref().is_some_and(|x| {
                                x.id.as_deref() == Some(k) || x.country.as_deref() == Some(k)
                            })
                        };
                        (is(&e.source, a) && is(&e.target, b))
                            || (!f.directed && is(&e.source, b) && is(&e.target, a))
                    })
                })
                .filter(|e| f.doc.as_deref().is_none_or(|d| e.doc_id == d))
                .filter(|e| {
                    f.category
                        .as_deref()
                        .is_none_or(|c| e.category.as_str().eq_ignore_ascii_case(c))
                })
                .filter(|e| {
                    let b = e.date.as_deref().and_then(date_bounds);
                    let from = f.from.as_deref().and_then(date_bounds).map(|x| x.0);
                    let to = f.to.as_deref().and_then(date_bounds).map(|x| x.1);
                    from.is_none_or(|from| b.as_ref().is_some_and(|b| b.1 >= from))
                        && to.is_none_or(|to| b.as_ref().is_some_and(|b| b.0 <= to))
                })
                .skip(f.offset)
                .take(f.limit.unwrap_or(usize::MAX))
                .cloned()
                .collect();
            assert!(!want.is_empty(), "{f:?}");
            assert_eq!(got, want, "{f:?}");
        }
    }

    #[test]
    fn visiting_many_events_keeps_their_order_and_stops_on_an_error() {
        let mut store = SqliteStore::in_memory().unwrap();
        let run = store.begin_run("test").unwrap();
        for d in 0..3 {
            let events = (0..400)
                .map(|i| {
                    let date = format!("20{:02}-0{}-1{}", 10 + i % 7, 1 + i % 9, i % 10);
                    let mut e = event(
                        &format!("d{d}:{i:03}"),
                        Some(&date),
                        "RUS",
                        "ARM",
                        Category::Agree,
                        false,
                    );
                    e.doc_id = format!("d{d}");
                    if i % 50 == 0 {
                        e.date = None;
                    }
                    e
                })
                .collect();
            let doc = Document {
                id: format!("d{d}"),
                text: "x".into(),
                raw: "x".into(),
                sentences: vec![kroniek_model::Sentence {
                    span: Span { start: 0, end: 1 },
                    token_start: 0,
                    token_end: 0,
                }],
                events,
                ..Default::default()
            };
            store.put_document(&doc, run).unwrap();
        }
        let mut seen = Vec::new();
        let n = store
            .for_each_event(&EventFilter::default(), |e| -> Result<()> {
                seen.push((
                    e.date.is_none(),
                    e.date.and_then(|d| date_bounds(&d)).map(|b| b.0),
                    e.doc_id,
                    e.event_id,
                ));
                Ok(())
            })
            .unwrap();
        assert_eq!(n, 1200);
        let mut sorted = seen.clone();
        sorted.sort();
        assert_eq!(seen, sorted, "date order, undated last");
        let mut calls = 0;
        let stopped = store.for_each_event(&EventFilter::default(), |_| -> Result<()> {
            calls += 1;
            if calls == 700 {
                return Err(StoreError::Corrupt {
                    item: "x".into(),
                    reason: "stop".into(),
                });
            }
            Ok(())
        });
        assert!(stopped.is_err());
        assert_eq!(calls, 700);
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
