//! The analysis queries (timeline, network, export) on PostgreSQL: the same
//! rows as kroniek_store's `analysis_queries` on SQLite, read from the
//! indexed event columns without decoding the events' JSON.
use std::collections::HashMap;

use kroniek_model::Event;
use kroniek_store::analysis_queries::{EdgeRow, EventRow};
use kroniek_store::{EventFilter, StoreError, date_bounds};
use postgres::Client;
use postgres::types::ToSql;

use crate::{Result, pg};

const ROW_COLUMNS: &str = "event_id, doc_id, date_begin, date_end, source_id, source_code,
    target_id, target_code, category, quad_class, score, negated";

fn event_row(r: &postgres::Row) -> EventRow {
    EventRow {
        event_id: r.get(0),
        doc_id: r.get(1),
        date_begin: r.get(2),
        date_end: r.get(3),
        source_id: r.get(4),
        source_code: r.get(5),
        target_id: r.get(6),
        target_code: r.get(7),
        category: r.get(8),
        quad_class: r.get(9),
        score: f64::from(r.get::<_, f32>(10)),
        negated: r.get(11),
    }
}

fn bounds(from: Option<&str>, to: Option<&str>) -> (Option<String>, Option<String>) {
    (
        from.and_then(date_bounds).map(|b| b.0),
        to.and_then(date_bounds).map(|b| b.1),
    )
}

/// Whether `key` is used as a country/organisation code on some event.
fn is_code(c: &mut Client, key: &str) -> Result<bool> {
    Ok(c.query_one(
        "SELECT EXISTS(SELECT 1 FROM events WHERE source_code = $1)
             OR EXISTS(SELECT 1 FROM events WHERE target_code = $1)",
        &[&key],
    )
    .map_err(pg)?
    .get(0))
}

pub fn dyad_rows(
    c: &mut Client,
    a: &str,
    b: &str,
    directed: bool,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Vec<EventRow>> {
    let (from, to) = bounds(from, to);
    let in_range = "(date_begin IS NULL OR (($3::text IS NULL OR date_end >= $3)
                      AND ($4::text IS NULL OR date_begin <= $4)))";
    // Two codes: both directions straight from the covering dyad index
    // (the arms are disjoint unless a = b). Ids or a mix: the generic match.
    let sql = if is_code(c, a)? && is_code(c, b)? {
        format!(
            "SELECT {ROW_COLUMNS} FROM events
               WHERE source_code = $1 AND target_code = $2 AND {in_range}
             UNION ALL
             SELECT {ROW_COLUMNS} FROM events
               WHERE NOT $5::bool AND $1 <> $2 AND source_code = $2 AND target_code = $1
                 AND {in_range}"
        )
    } else {
        format!(
            "SELECT {ROW_COLUMNS} FROM events
             WHERE (((source_id = $1 OR source_code = $1) AND (target_id = $2 OR target_code = $2))
                 OR (NOT $5::bool AND (source_id = $2 OR source_code = $2)
                     AND (target_id = $1 OR target_code = $1)))
               AND {in_range}"
        )
    };
    let rows = c
        .query(&sql, &[&a, &b, &from, &to, &directed])
        .map_err(pg)?;
    Ok(rows.iter().map(event_row).collect())
}

pub fn event_sentences(c: &mut Client, event_ids: &[String]) -> Result<HashMap<String, String>> {
    let rows = c
        .query(
            "SELECT event_id, coalesce(json::json->>'sentence', '') FROM events
             WHERE event_id = ANY($1)",
            &[&event_ids],
        )
        .map_err(pg)?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

pub fn event_rows(
    c: &mut Client,
    actor: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
    include_negated: bool,
) -> Result<Vec<EventRow>> {
    let (from, to) = bounds(from, to);
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM events
         WHERE ($1::text IS NULL OR source_code = $1 OR target_code = $1
                OR source_id = $1 OR target_id = $1)
           AND ($2::text IS NULL OR date_end >= $2) AND ($3::text IS NULL OR date_begin <= $3)
           AND ($4::bool OR NOT negated)"
    );
    let rows = c
        .query(&sql, &[&actor, &from, &to, &include_negated])
        .map_err(pg)?;
    Ok(rows.iter().map(event_row).collect())
}

pub fn edge_rows(
    c: &mut Client,
    by_code: bool,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Vec<EdgeRow>> {
    let (from, to) = bounds(from, to);
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
    // Sums in double precision, as SQLite's total() does.
    let sql = format!(
        "SELECT {s}, {t}, count(*),
                coalesce(sum(greatest(score::float8, 0)), 0),
                coalesce(sum(greatest(-score::float8, 0)), 0)
         FROM events
         WHERE date_begin IS NOT NULL AND NOT negated
           AND ($1::text IS NULL OR date_end >= $1) AND ($2::text IS NULL OR date_begin <= $2)
         GROUP BY 1, 2"
    );
    let rows = c.query(&sql, &[&from, &to]).map_err(pg)?;
    Ok(rows
        .iter()
        .map(|r| EdgeRow {
            source: r.get(0),
            target: r.get(1),
            events: r.get::<_, i64>(2) as u64,
            cooperation: r.get(3),
            conflict: r.get(4),
        })
        .collect())
}

pub fn undated_and_negated_ids(
    c: &mut Client,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(Vec<String>, Vec<String>)> {
    let (from, to) = bounds(from, to);
    let ids = |rows: Vec<postgres::Row>| rows.iter().map(|r| r.get(0)).collect::<Vec<String>>();
    let undated = c
        .query(
            "SELECT event_id FROM events WHERE date_begin IS NULL AND NOT negated
             ORDER BY event_id",
            &[],
        )
        .map_err(pg)?;
    let negated = c
        .query(
            "SELECT event_id FROM events
             WHERE negated AND (date_begin IS NULL
                   OR (($1::text IS NULL OR date_end >= $1) AND ($2::text IS NULL OR date_begin <= $2)))
             ORDER BY event_id",
            &[&from, &to],
        )
        .map_err(pg)?;
    Ok((ids(undated), ids(negated)))
}

pub fn actor_names(c: &mut Client, keys: &[String]) -> Result<HashMap<String, String>> {
    let rows = c
        .query(
            "SELECT DISTINCT ON (actor_id) actor_id, name FROM mentions
             WHERE actor_id = ANY($1) AND name IS NOT NULL ORDER BY actor_id, doc_id, start",
            &[&keys],
        )
        .map_err(pg)?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// Rows fetched per round trip while streaming events.
const FETCH: i32 = 2_000;

pub fn visit_events(
    c: &mut Client,
    filter: &EventFilter,
    f: &mut dyn FnMut(Event) -> Result<()>,
) -> Result<u64> {
    let from = filter.from.as_deref().and_then(date_bounds).map(|b| b.0);
    let to = filter.to.as_deref().and_then(date_bounds).map(|b| b.1);
    // A portal in a read-only transaction: rows arrive FETCH at a time.
    let mut tx = c.build_transaction().read_only(true).start().map_err(pg)?;
    let params: [&(dyn ToSql + Sync); 4] = [&filter.actor, &from, &to, &filter.include_negated];
    let portal = tx
        .bind(
            "SELECT doc_id, event_id, json FROM events
             WHERE ($1::text IS NULL OR source_code = $1 OR target_code = $1
                    OR source_id = $1 OR target_id = $1)
               AND ($2::text IS NULL OR date_end >= $2)
               AND ($3::text IS NULL OR date_begin <= $3)
               AND ($4::bool OR NOT negated)
             ORDER BY date_begin NULLS LAST, doc_id, sentence_index, event_id",
            &params,
        )
        .map_err(pg)?;
    let mut n = 0;
    loop {
        let rows = tx.query_portal(&portal, FETCH).map_err(pg)?;
        if rows.is_empty() {
            break;
        }
        for r in &rows {
            let json: &str = r.get(2);
            let event = serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
                item: format!("event {} of {}", r.get::<_, &str>(1), r.get::<_, &str>(0)),
                reason: e.to_string(),
            })?;
            f(event)?;
            n += 1;
        }
    }
    tx.commit().map_err(pg)?;
    Ok(n)
}
