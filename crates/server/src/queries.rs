//! Read-only queries the pages need beyond the `Store` trait, written so that
//! SQLite can answer them from the store's indexes on large stores.
//!
//! Actors are named by code (`RUS`, `UN`: states and organisations, whose
//! registry id is their code) or by a registry id with a colon
//! (`person:putin`). Codes are matched on the indexed `*_code` columns, ids on
//! `*_id`.
use kroniek_analysis::{ActorRef, EventPoint};
use kroniek_model::{Category, Event, QuadClass};
use kroniek_store::SqliteStore;
use rusqlite::{OptionalExtension, params};

use crate::api::types::{DyadCount, NameCount, Relation};
use crate::error::ApiError;

/// The most events a dyad page or timeline reads.
pub const MAX_DYAD_EVENTS: usize = 50_000;

fn side(role: &str, actor: &str) -> String {
    if actor.contains(':') {
        format!("{role}_id")
    } else {
        format!("{role}_code")
    }
}

fn parse_event(doc: &str, id: &str, json: &str) -> Result<Event, ApiError> {
    serde_json::from_str(json).map_err(|e| {
        ApiError::internal(format!(
            "stored event {id} of document {doc} is unreadable: {e}"
        ))
    })
}

fn collect_events(
    stmt: &mut rusqlite::CachedStatement<'_>,
    args: impl rusqlite::Params,
) -> Result<Vec<Event>, ApiError> {
    let rows = stmt.query_map(args, |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut events = Vec::new();
    for row in rows {
        let (doc, id, json) = row?;
        events.push(parse_event(&doc, &id, &json)?);
    }
    Ok(events)
}

/// Events between `a` and `b` (either direction unless `directed`), oldest
/// first (then by document, sentence and id), whole. The pages read
/// [`dyad_points`] instead; this is their reference in tests.
pub fn dyad_events(
    store: &SqliteStore,
    a: &str,
    b: &str,
    directed: bool,
    include_negated: bool,
) -> Result<Vec<Event>, ApiError> {
    let one_way = |x: &str, y: &str| {
        format!(
            "SELECT doc_id, event_id, json, date_begin, sentence_index FROM events
             WHERE {} = ?1 AND {} = ?2 AND (?3 = 1 OR negated = 0)",
            side("source", x),
            side("target", y)
        )
    };
    let conn = store.connection();
    let mut events = {
        let mut stmt = conn.prepare_cached(&format!(
            "{} ORDER BY coalesce(date_begin, '9999'), doc_id, sentence_index, event_id LIMIT ?4",
            one_way(a, b)
        ))?;
        collect_events(
            &mut stmt,
            params![a, b, include_negated, MAX_DYAD_EVENTS as i64],
        )?
    };
    if !directed && a != b {
        let mut stmt = conn.prepare_cached(&format!(
            "{} ORDER BY coalesce(date_begin, '9999'), doc_id, sentence_index, event_id LIMIT ?4",
            one_way(b, a)
        ))?;
        events.extend(collect_events(
            &mut stmt,
            params![b, a, include_negated, MAX_DYAD_EVENTS as i64],
        )?);
        events.sort_by(|x, y| {
            (
                x.date.is_none(),
                &x.date,
                &x.doc_id,
                x.sentence_index,
                &x.event_id,
            )
                .cmp(&(
                    y.date.is_none(),
                    &y.date,
                    &y.doc_id,
                    y.sentence_index,
                    &y.event_id,
                ))
        });
        events.truncate(MAX_DYAD_EVENTS);
    }
    Ok(events)
}

/// One event between two actors as the dyad page and the timeline read it:
/// its row id (to read the whole event later) and the fields of a timeline.
#[derive(Debug, Clone)]
pub struct DyadEvent {
    pub rowid: i64,
    /// First day of the event's date (None: undated).
    pub date_begin: Option<String>,
    pub sentence_index: i64,
    pub point: EventPoint,
}

/// The events of [`dyad_events`] (same selection, same order) as light rows
/// from the dyad index: no event JSON is read, except the `negated` flag of
/// the few uncounted ones (the column also marks hypothetical events).
pub fn dyad_points(
    store: &SqliteStore,
    a: &str,
    b: &str,
    directed: bool,
) -> Result<Vec<DyadEvent>, ApiError> {
    let conn = store.connection();
    let one_way = |x: &str, y: &str| -> Result<Vec<DyadEvent>, ApiError> {
        // Straight from the index; only a dyad with more events than the
        // page takes needs them in order (to take the first ones).
        let columns = "SELECT rowid, event_id, doc_id, date, sentence_index, source_id,
                    source_code, target_id, target_code, category, quad_class, score, negated,
                    date_begin
             FROM events";
        let filter = format!(
            "WHERE {} = ?1 AND {} = ?2",
            side("source", x),
            side("target", y)
        );
        let count: i64 = conn
            .prepare_cached(&format!("SELECT count(*) FROM events {filter}"))?
            .query_row(params![x, y], |r| r.get(0))?;
        let sql = if count > MAX_DYAD_EVENTS as i64 {
            format!(
                "{columns} {filter}
                 ORDER BY coalesce(date_begin, '9999'), doc_id, sentence_index, event_id LIMIT ?3"
            )
        } else {
            format!("{columns} {filter} LIMIT ?3")
        };
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![x, y, MAX_DYAD_EVENTS as i64])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let actor = |id: Option<String>, code: Option<String>| {
                (id.is_some() || code.is_some()).then_some(ActorRef {
                    id,
                    code,
                    name: None,
                })
            };
            let event_id: String = r.get(1)?;
            let unreadable = |what: &str| {
                ApiError::internal(format!("stored event {event_id} has an unknown {what}"))
            };
            let text = |i: usize| -> Result<&str, ApiError> {
                r.get_ref(i)?
                    .as_str()
                    .map_err(|e| ApiError::internal(e.to_string()))
            };
            let category = Category::parse(text(9)?).ok_or_else(|| unreadable("category"))?;
            let quad = text(10)?;
            let quad_class = QuadClass::ALL
                .into_iter()
                .find(|q| q.as_str() == quad)
                .ok_or_else(|| unreadable("quad class"))?;
            out.push(DyadEvent {
                rowid: r.get(0)?,
                date_begin: r.get(13)?,
                sentence_index: r.get(4)?,
                point: EventPoint {
                    doc_id: r.get(2)?,
                    date: r.get(3)?,
                    source: actor(r.get(5)?, r.get(6)?),
                    target: actor(r.get(7)?, r.get(8)?),
                    category,
                    quad_class,
                    score: r.get::<_, f64>(11)? as f32,
                    // Uncounted: negated or hypothetical; told apart below.
                    negated: r.get(12)?,
                    sentence: String::new(),
                    event_id,
                },
            });
        }
        Ok(out)
    };
    let mut events = one_way(a, b)?;
    // One direction: in the store's order (by first day); both: merged by
    // date value, as `dyad_events` does.
    let both = !directed && a != b;
    if both {
        events.extend(one_way(b, a)?);
        events.sort_by(|x, y| {
            let (x, y) = ((&x.point, x.sentence_index), (&y.point, y.sentence_index));
            (
                x.0.date.is_none(),
                &x.0.date,
                &x.0.doc_id,
                x.1,
                &x.0.event_id,
            )
                .cmp(&(
                    y.0.date.is_none(),
                    &y.0.date,
                    &y.0.doc_id,
                    y.1,
                    &y.0.event_id,
                ))
        });
    } else {
        let key = |e: &DyadEvent| {
            (
                e.date_begin.clone().unwrap_or_else(|| "9999".into()),
                e.point.doc_id.clone(),
                e.sentence_index,
                e.point.event_id.clone(),
            )
        };
        events.sort_by_cached_key(key);
    }
    events.truncate(MAX_DYAD_EVENTS);
    let mut negated = conn.prepare_cached(
        "SELECT coalesce(json_extract(json, '$.negated'), 0) FROM events WHERE rowid = ?1",
    )?;
    let mut uncounted: Vec<&mut DyadEvent> =
        events.iter_mut().filter(|e| e.point.negated).collect();
    uncounted.sort_unstable_by_key(|e| e.rowid);
    for e in uncounted {
        e.point.negated = negated.query_row([e.rowid], |r| r.get(0))?;
    }
    Ok(events)
}

/// Whole events by row id (missing ones are left out), in the order given.
pub fn events_by_rowid(
    store: &SqliteStore,
    rowids: &[i64],
) -> Result<std::collections::HashMap<i64, Event>, ApiError> {
    let mut stmt = store
        .connection()
        .prepare_cached("SELECT doc_id, event_id, json FROM events WHERE rowid = ?1")?;
    let mut out = std::collections::HashMap::with_capacity(rowids.len());
    // In row id order: neighbours share pages of the table's B-tree.
    let mut sorted = rowids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    for rowid in sorted {
        let row = stmt
            .query_row([rowid], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .optional()?;
        if let Some((doc, id, json)) = row {
            out.insert(rowid, parse_event(&doc, &id, &json)?);
        }
    }
    Ok(out)
}

/// The evidence sentences of some events, by row id.
pub fn sentences_by_rowid(
    store: &SqliteStore,
    rowids: &[i64],
) -> Result<std::collections::HashMap<i64, String>, ApiError> {
    let mut stmt = store
        .connection()
        .prepare_cached("SELECT json_extract(json, '$.sentence') FROM events WHERE rowid = ?1")?;
    let mut out = std::collections::HashMap::with_capacity(rowids.len());
    let mut sorted = rowids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    for rowid in sorted {
        let sentence = stmt
            .query_row([rowid], |r| r.get::<_, Option<String>>(0))
            .optional()?;
        if let Some(sentence) = sentence {
            out.insert(rowid, sentence.unwrap_or_default());
        }
    }
    Ok(out)
}

/// The most recently dated events.
pub fn recent_events(store: &SqliteStore, limit: usize) -> Result<Vec<Event>, ApiError> {
    let mut stmt = store.connection().prepare_cached(
        "SELECT doc_id, event_id, json FROM events
         WHERE date_begin >= '' AND negated = 0
         ORDER BY date_begin DESC LIMIT ?1",
    )?;
    collect_events(&mut stmt, params![limit as i64])
}

/// Pairs of actor codes with the most events between them, either direction
/// (from the store's yearly counts of counted events: both directions are
/// read in key order and joined here, which needs no sort in SQLite).
pub fn top_dyads(store: &SqliteStore, limit: usize) -> Result<Vec<DyadCount>, ApiError> {
    let mut stmt = store.connection().prepare_cached(
        "SELECT source_code, target_code, sum(events), total(cooperation), total(conflict)
         FROM event_years
         WHERE source_code != '' AND target_code != '' AND source_code != target_code
         GROUP BY 1, 2",
    )?;
    let mut pairs: std::collections::HashMap<(String, String), (i64, f64, f64)> =
        std::collections::HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (s, t): (String, String) = (r.get(0)?, r.get(1)?);
        let key = if s <= t { (s, t) } else { (t, s) };
        let pair = pairs.entry(key).or_default();
        // Sums of f32 scores are exact in f64, so the order of adding
        // does not change them.
        pair.0 += r.get::<_, i64>(2)?;
        pair.1 += r.get::<_, f64>(3)?;
        pair.2 += r.get::<_, f64>(4)?;
    }
    let mut ranked: Vec<DyadCount> = pairs
        .into_iter()
        .filter(|(_, (n, _, _))| *n > 0)
        .map(|((a, b), (n, cooperation, conflict))| DyadCount {
            a,
            b,
            events: n as u64,
            mean_score: (cooperation - conflict) / n as f64,
        })
        .collect();
    ranked.sort_by(|x, y| {
        y.events
            .cmp(&x.events)
            .then_with(|| x.a.cmp(&y.a))
            .then_with(|| x.b.cmp(&y.b))
    });
    ranked.truncate(limit);
    Ok(ranked)
}

/// What the overview shows of a store: [`kroniek_store::Store::stats`]
/// without the figures that need every document's text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overview {
    pub documents: u64,
    pub events: u64,
    pub sentences: u64,
    pub languages: Vec<(String, u64)>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub undated_documents: u64,
}

/// The overview's figures, from the documents' covering index.
pub fn overview(store: &SqliteStore) -> Result<Overview, ApiError> {
    let conn = store.connection();
    let (documents, sentences, undated, last_date) = conn
        .prepare_cached(
            "SELECT count(*), coalesce(sum(n_sentences), 0), count(*) - count(date_value),
                    max(date_end)
             FROM documents",
        )?
        .query_row([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
    let first_date: Option<String> = conn
        .prepare_cached("SELECT min(date_begin) FROM documents")?
        .query_row([], |r| r.get(0))?;
    let events: i64 = conn
        .prepare_cached("SELECT count(*) FROM events")?
        .query_row([], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(language, 'unknown'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1",
    )?;
    let languages = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Overview {
        documents: documents as u64,
        events: events as u64,
        sentences: sentences as u64,
        languages,
        first_date,
        last_date,
        undated_documents: undated as u64,
    })
}

pub fn count_documents(store: &SqliteStore, language: Option<&str>) -> Result<u64, ApiError> {
    let n: i64 = store
        .connection()
        .prepare_cached("SELECT count(*) FROM documents WHERE (?1 IS NULL OR language = ?1)")?
        .query_row(params![language], |r| r.get(0))?;
    Ok(n as u64)
}

/// Whether the store knows `actor` at all, from mentions or events.
pub fn actor_exists(store: &SqliteStore, actor: &str) -> Result<bool, ApiError> {
    let conn = store.connection();
    let in_mentions = conn
        .prepare_cached("SELECT 1 FROM mentions WHERE actor_id = ?1 LIMIT 1")?
        .query_row(params![actor], |_| Ok(()))
        .optional()?
        .is_some();
    if in_mentions {
        return Ok(true);
    }
    let sql = format!(
        "SELECT 1 FROM events WHERE {} = ?1 UNION ALL SELECT 1 FROM events WHERE {} = ?1 LIMIT 1",
        side("source", actor),
        side("target", actor)
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![actor], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Canonical name and code of an actor, from its mentions or its events.
pub fn actor_identity(
    store: &SqliteStore,
    actor: &str,
) -> Result<(Option<String>, Option<String>), ApiError> {
    let found = store
        .connection()
        .prepare_cached(
            "SELECT name, code FROM mentions WHERE actor_id = ?1 AND name IS NOT NULL LIMIT 1",
        )?
        .query_row(params![actor], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(found.unwrap_or_else(|| (None, (!actor.contains(':')).then(|| actor.to_string()))))
}

/// What an actor's mentions say about it, most frequent first.
#[derive(Debug, Default)]
pub struct MentionProfile {
    pub aliases: Vec<NameCount>,
    pub sectors: Vec<NameCount>,
    pub offices: Vec<NameCount>,
    /// Mentions looked at.
    pub sampled: u64,
}

/// Counts of the words, sectors and offices of an actor's mentions (up to `sample` mentions).
pub fn mention_profile(
    store: &SqliteStore,
    actor: &str,
    sample: usize,
) -> Result<MentionProfile, ApiError> {
    let mut stmt = store
        .connection()
        .prepare_cached("SELECT text, sector, office FROM mentions WHERE actor_id = ?1 LIMIT ?2")?;
    let rows = stmt.query_map(params![actor, sample as i64], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut aliases = std::collections::HashMap::<String, u64>::new();
    let mut sectors = std::collections::HashMap::<String, u64>::new();
    let mut offices = std::collections::HashMap::<String, u64>::new();
    let mut seen = 0;
    for row in rows {
        let (text, sector, office) = row?;
        seen += 1;
        *aliases.entry(text).or_default() += 1;
        if let Some(s) = sector {
            *sectors.entry(s).or_default() += 1;
        }
        if let Some(o) = office {
            *offices.entry(o).or_default() += 1;
        }
    }
    Ok(MentionProfile {
        aliases: ranked(aliases),
        sectors: ranked(sectors),
        offices: ranked(offices),
        sampled: seen,
    })
}

fn ranked(counts: std::collections::HashMap<String, u64>) -> Vec<NameCount> {
    let mut list: Vec<NameCount> = counts
        .into_iter()
        .map(|(name, count)| NameCount { name, count })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    list
}

/// An actor's counterparts per year: how many events, how many cooperative
/// and how many conflictual (by the sign of the PLOVER score), from the
/// store's yearly counts of counted events (missing values are '' there;
/// `nullif` keeps the conditions as they were on the events' NULLs).
pub fn relations(store: &SqliteStore, actor: &str) -> Result<(Vec<Relation>, u64), ApiError> {
    let sql = format!(
        "SELECT year, other, sum(events), sum(positive), sum(negative),
                (total(cooperation) - total(conflict)) / sum(events)
         FROM (
           SELECT year_begin AS year, nullif(target_code, '') AS other, events, positive,
                  negative, cooperation, conflict
             FROM event_years WHERE {src} = ?1
           UNION ALL
           SELECT year_begin, nullif(source_code, ''), events, positive, negative,
                  cooperation, conflict
             FROM event_years WHERE {tgt} = ?1 AND NOT (nullif({src}, '') = ?1)
         )
         WHERE year != '' AND other IS NOT NULL AND other != ?1
         GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2",
        src = side("source", actor),
        tgt = side("target", actor),
    );
    let mut stmt = store.connection().prepare_cached(&sql)?;
    let rows = stmt.query_map(params![actor], |r| {
        Ok(Relation {
            year: r.get(0)?,
            other: r.get(1)?,
            events: r.get::<_, i64>(2)? as u64,
            cooperative: r.get::<_, i64>(3)? as u64,
            conflictual: r.get::<_, i64>(4)? as u64,
            mean_score: r.get::<_, Option<f64>>(5)?.unwrap_or(0.0),
        })
    })?;
    let relations = rows.collect::<Result<Vec<_>, _>>()?;
    let total = relations.iter().map(|r| r.events).sum();
    Ok((relations, total))
}

/// Directed event counts and score sums between actor codes in a date range.
#[derive(Debug, Clone)]
pub struct EdgeRow {
    pub source: String,
    pub target: String,
    pub events: u64,
    /// Sum of the positive scores.
    pub cooperation: f64,
    /// Sum of the absolute values of the negative scores.
    pub conflict: f64,
}

pub fn edges(
    store: &SqliteStore,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Vec<EdgeRow>, ApiError> {
    let from = from.and_then(date_begin);
    let to = to.and_then(date_end);
    let row = |r: &rusqlite::Row<'_>| {
        Ok(EdgeRow {
            source: r.get(0)?,
            target: r.get(1)?,
            events: r.get::<_, i64>(2)? as u64,
            cooperation: r.get(3)?,
            conflict: r.get(4)?,
        })
    };
    let conn = store.connection();
    // Whole years (the network page's ranges): from the yearly counts.
    if let Some((first, last)) =
        kroniek_store::analysis_queries::whole_years(from.as_deref(), to.as_deref())
    {
        let mut stmt = conn.prepare_cached(
            "SELECT source_code, target_code, sum(events), total(cooperation), total(conflict)
             FROM event_years
             WHERE source_code != '' AND target_code != '' AND source_code != target_code
               AND year_begin != '' AND year_end >= ?1 AND year_begin <= ?2
             GROUP BY 1, 2",
        )?;
        let rows = stmt.query_map(params![first, last], row)?;
        return Ok(rows.collect::<Result<Vec<_>, _>>()?);
    }
    // A date interval lies within one year, so its begin is at most a
    // year before `from`: that bound lets the date index do the range.
    let mut stmt = conn.prepare_cached(
        "SELECT source_code, target_code, count(*),
                total(CASE WHEN score > 0 THEN score ELSE 0 END),
                total(CASE WHEN score < 0 THEN -score ELSE 0 END)
         FROM events
         WHERE source_code IS NOT NULL AND target_code IS NOT NULL
           AND source_code != target_code AND negated = 0
           AND date_begin >= coalesce(date(?1, '-1 year'), '')
           AND date_begin <= coalesce(?2, '9999-99')
           AND (?1 IS NULL OR date_end >= ?1)
         GROUP BY 1, 2",
    )?;
    let rows = stmt.query_map(params![from, to], row)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Display names of actor codes, from the mentions that carry them.
pub fn names_of(
    store: &SqliteStore,
    codes: &[String],
) -> Result<std::collections::HashMap<String, String>, ApiError> {
    let mut stmt = store.connection().prepare_cached(
        "SELECT name FROM mentions WHERE actor_id = ?1 AND name IS NOT NULL LIMIT 1",
    )?;
    let mut names = std::collections::HashMap::new();
    for code in codes {
        if let Some(name) = stmt
            .query_row(params![code], |r| r.get::<_, String>(0))
            .optional()?
        {
            names.insert(code.clone(), name);
        }
    }
    Ok(names)
}

/// First day of a validated `YYYY[-MM[-DD]]` bound.
fn date_begin(value: &str) -> Option<String> {
    match value.len() {
        4 => Some(format!("{value}-01-01")),
        7 => Some(format!("{value}-01")),
        10 => Some(value.to_string()),
        _ => None,
    }
}

/// Last day of a validated `YYYY[-MM[-DD]]` bound.
fn date_end(value: &str) -> Option<String> {
    match value.len() {
        4 => Some(format!("{value}-12-31")),
        7 => chrono::NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d")
            .ok()
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.pred_opt())
            .map(|d| d.format("%Y-%m-%d").to_string()),
        10 => Some(value.to_string()),
        _ => None,
    }
}

/// The store's event query (same filters, same order: by date, undated last,
/// then document, sentence, id), with only the conditions in use written out
/// so that SQLite can pick an index; dated and undated events are read apart
/// so that ordering by date can walk the date index and stop at the page.
pub fn events(store: &SqliteStore, f: &kroniek_store::EventFilter) -> Result<Vec<Event>, ApiError> {
    use rusqlite::types::Value;
    let mut conditions = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let arg = |value: &str, args: &mut Vec<Value>| {
        args.push(Value::Text(value.to_string()));
        format!("?{}", args.len())
    };
    if let Some(actor) = &f.actor {
        let p = arg(actor, &mut args);
        conditions.push(format!(
            "({} = {p} OR {} = {p})",
            side("source", actor),
            side("target", actor)
        ));
    }
    if let Some((a, b)) = &f.dyad {
        let (pa, pb) = (arg(a, &mut args), arg(b, &mut args));
        let forward = format!(
            "({} = {pa} AND {} = {pb})",
            side("source", a),
            side("target", b)
        );
        if f.directed {
            conditions.push(forward);
        } else {
            let backward = format!(
                "({} = {pb} AND {} = {pa})",
                side("source", b),
                side("target", a)
            );
            conditions.push(format!("({forward} OR {backward})"));
        }
    }
    if let Some(category) = &f.category {
        let p = arg(&category.to_ascii_uppercase(), &mut args);
        conditions.push(format!("category = {p}"));
    }
    if let Some(from) = f.from.as_deref().and_then(date_begin) {
        let p = arg(&from, &mut args);
        conditions.push(format!("date_end >= {p}"));
    }
    if let Some(to) = f.to.as_deref().and_then(date_end) {
        let p = arg(&to, &mut args);
        conditions.push(format!("date_begin <= {p}"));
    }
    if let Some(doc) = &f.doc {
        let p = arg(doc, &mut args);
        conditions.push(format!("doc_id = {p}"));
    }
    if !f.include_negated {
        conditions.push("negated = 0".into());
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!(" AND {}", conditions.join(" AND "))
    };
    let limit = f.limit.unwrap_or(usize::MAX).min(i64::MAX as usize) as i64;
    let offset = f.offset.min(i64::MAX as usize) as i64;
    let conn = store.connection();
    // The page is chosen on narrow rows (row ids) and only its events are
    // read whole; `date_begin >= ''` (true for every date) rather than
    // `IS NOT NULL` lets SQLite walk the date index in order.
    let page = |dated: bool, limit: i64, offset: i64| -> Result<Vec<Event>, ApiError> {
        let (which, order) = if dated {
            (
                "date_begin >= ''",
                "date_begin, doc_id, sentence_index, event_id",
            )
        } else {
            ("date_begin IS NULL", "doc_id, sentence_index, event_id")
        };
        let sql = format!(
            "SELECT e.doc_id, e.event_id, e.json FROM
               (SELECT rowid AS id FROM events WHERE {which}{filter}
                ORDER BY {order} LIMIT {limit} OFFSET {offset}) AS page
             JOIN events e ON e.rowid = page.id
             ORDER BY {}",
            order
                .split(", ")
                .map(|c| format!("e.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        collect_events(&mut stmt, rusqlite::params_from_iter(args.iter()))
    };
    let mut found = page(true, limit, offset)?;
    let missing = limit - found.len() as i64;
    // A date bound leaves undated events out (as the store does).
    let may_have_undated = f.from.is_none() && f.to.is_none();
    if missing > 0 && may_have_undated {
        // Past the dated events: skip what the offset left over of them.
        let undated_offset = if found.is_empty() && offset > 0 {
            let dated: i64 = conn
                .prepare_cached(&format!(
                    "SELECT count(*) FROM events WHERE date_begin >= ''{filter}"
                ))?
                .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
            (offset - dated).max(0)
        } else {
            0
        };
        found.extend(page(false, missing, undated_offset)?);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_cover_whole_months_and_years() {
        assert_eq!(date_begin("2022").as_deref(), Some("2022-01-01"));
        assert_eq!(date_end("2022").as_deref(), Some("2022-12-31"));
        assert_eq!(date_end("2024-02").as_deref(), Some("2024-02-29"));
        assert_eq!(date_begin("2024-02-07").as_deref(), Some("2024-02-07"));
        assert_eq!(date_end("20"), None);
    }

    #[test]
    fn ids_with_a_colon_are_matched_on_id_columns() {
        assert_eq!(side("source", "person:putin"), "source_id");
        assert_eq!(side("target", "ARM"), "target_code");
    }
}
