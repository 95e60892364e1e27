//! The read queries, answering exactly as the SQLite store does.
use kroniek_model::{Document, Event};
use kroniek_store::{
    ActorCount, DocFilter, DocSummary, Duplicate, EventFilter, MentionRow, NearDuplicate, Stats,
    StoreError, date_bounds, unpack_annotations,
};
use postgres::Client;

use crate::{Result, pg};

/// Bytes of a UTF-8 BYTEA column (texts are stored as bytes; see schema.rs).
pub(crate) fn utf8(bytes: Vec<u8>, item: &str) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| StoreError::Corrupt {
        item: item.into(),
        reason: e.to_string(),
    })
}

pub fn content_hash_of(c: &mut Client, id: &str) -> Result<Option<String>> {
    let row = c
        .query_opt("SELECT content_hash FROM documents WHERE id = $1", &[&id])
        .map_err(pg)?;
    Ok(row.map(|r| r.get(0)))
}

/// Id of a stored document with this content hash, other than `except`.
pub fn id_with_hash(c: &mut Client, hash: &str, except: &[&str]) -> Result<Option<String>> {
    let row = c
        .query_opt(
            "SELECT id FROM documents WHERE content_hash = $1 AND NOT (id = ANY($2)) LIMIT 1",
            &[&hash, &except],
        )
        .map_err(pg)?;
    Ok(row.map(|r| r.get(0)))
}

/// kroniek's invariants (PostgreSQL checks its own pages and constraints).
pub fn check(c: &mut Client) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let orphans: i64 = c
        .query_one(
            "SELECT count(*) FROM events e LEFT JOIN sentences s
               ON s.doc_id = e.doc_id AND s.idx = e.sentence_index WHERE s.doc_id IS NULL",
            &[],
        )
        .map_err(pg)?
        .get(0);
    if orphans > 0 {
        problems.push(format!("{orphans} events point to a missing sentence"));
    }
    let counts: i64 = c
        .query_one(
            "SELECT count(*) FROM documents d WHERE d.n_sentences !=
               (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id)",
            &[],
        )
        .map_err(pg)?
        .get(0);
    if counts > 0 {
        problems.push(format!(
            "{counts} documents whose sentence rows do not match their count"
        ));
    }
    let bad_dates: i64 = c
        .query_one(
            "SELECT count(*) FROM events WHERE (date_begin IS NULL) <> (date_end IS NULL)
               OR date_begin > date_end",
            &[],
        )
        .map_err(pg)?
        .get(0);
    if bad_dates > 0 {
        problems.push(format!(
            "{bad_dates} events with an impossible date interval"
        ));
    }
    Ok(problems)
}

pub fn near_duplicates_of(
    c: &mut Client,
    id: &str,
    simhash: u64,
    max_distance: u32,
) -> Result<Vec<NearDuplicate>> {
    let bands: Vec<i64> = (0..4)
        .map(|b| ((simhash >> (16 * b)) & 0xFFFF) as i64)
        .collect();
    let rows = c
        .query(
            "SELECT DISTINCT d.id, d.simhash FROM simhash_bands b JOIN documents d ON d.id = b.doc_id
             JOIN unnest($1::bigint[]) WITH ORDINALITY AS q(value, band)
               ON b.band = q.band - 1 AND b.value = q.value
             WHERE b.doc_id <> $2",
            &[&bands, &id],
        )
        .map_err(pg)?;
    let mut found = std::collections::BTreeMap::new();
    for row in rows {
        let other: String = row.get(0);
        if let Some(their) = row.get::<_, Option<i64>>(1) {
            let distance = (their as u64 ^ simhash).count_ones();
            if distance <= max_distance {
                found.insert(other, distance);
            }
        }
    }
    Ok(found
        .into_iter()
        .map(|(id, distance)| NearDuplicate { id, distance })
        .collect())
}

pub fn documents(c: &mut Client, filter: &DocFilter) -> Result<Vec<DocSummary>> {
    let limit = filter.limit.map(|l| l as i64);
    let rows = c
        .query(
            "SELECT id, title, language, language_confidence, date_value, date_precision, date_source,
                    origin, n_sentences, n_tokens, n_events, content_hash
             FROM documents WHERE ($1::text IS NULL OR language = $1)
             ORDER BY id LIMIT $2 OFFSET $3",
            &[&filter.language, &limit, &(filter.offset as i64)],
        )
        .map_err(pg)?;
    let mut docs: Vec<DocSummary> = rows
        .iter()
        .map(|r| DocSummary {
            id: r.get(0),
            title: r.get(1),
            language: r.get(2),
            language_confidence: r.get(3),
            date: r.get(4),
            date_precision: r.get(5),
            date_source: r.get(6),
            origin: r.get(7),
            sentences: r.get::<_, i64>(8) as u64,
            tokens: r.get::<_, i64>(9) as u64,
            events: r.get::<_, i64>(10) as u64,
            content_hash: r.get(11),
            near_duplicates: Vec::new(),
        })
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    let pairs = c
        .query(
            "SELECT a, b, distance FROM near_duplicates WHERE a = ANY($1) OR b = ANY($1)",
            &[&ids],
        )
        .map_err(pg)?;
    let mut near: std::collections::HashMap<String, Vec<NearDuplicate>> = Default::default();
    for r in pairs {
        let (a, b, distance): (String, String, i64) = (r.get(0), r.get(1), r.get(2));
        let distance = distance as u32;
        near.entry(a.clone()).or_default().push(NearDuplicate {
            id: b.clone(),
            distance,
        });
        near.entry(b)
            .or_default()
            .push(NearDuplicate { id: a, distance });
    }
    for doc in &mut docs {
        if let Some(mut list) = near.remove(&doc.id) {
            list.sort_by(|x, y| x.id.cmp(&y.id));
            doc.near_duplicates = list;
        }
    }
    Ok(docs)
}

pub fn document(c: &mut Client, id: &str) -> Result<Option<Document>> {
    let Some(r) = c
        .query_opt(
            "SELECT id, origin, title, url, source, raw, text, annotations FROM documents WHERE id = $1",
            &[&id],
        )
        .map_err(pg)?
    else {
        return Ok(None);
    };
    let id: String = r.get(0);
    let shell = Document {
        origin: r.get(1),
        title: r.get(2),
        url: r.get(3),
        source: r.get(4),
        raw: utf8(r.get(5), &id)?,
        text: utf8(r.get(6), &id)?,
        id: id.clone(),
        ..Default::default()
    };
    let blob: Vec<u8> = r.get(7);
    let mut doc = unpack_annotations(shell, &blob)?;
    doc.events = events(
        c,
        &EventFilter {
            doc: Some(id),
            include_negated: true,
            ..Default::default()
        },
    )?;
    Ok(Some(doc))
}

pub fn duplicates(c: &mut Client) -> Result<Vec<Duplicate>> {
    let rows = c
        .query(
            "SELECT id, original_id, origin, content_hash FROM duplicates ORDER BY id",
            &[],
        )
        .map_err(pg)?;
    Ok(rows
        .iter()
        .map(|r| Duplicate {
            id: r.get(0),
            original_id: r.get(1),
            origin: r.get(2),
            content_hash: r.get(3),
        })
        .collect())
}

pub fn stats(c: &mut Client) -> Result<Stats> {
    let r = c
        .query_one(
            "SELECT (SELECT count(*) FROM documents),
                    (SELECT count(*) FROM duplicates),
                    (SELECT count(*) FROM near_duplicates),
                    (SELECT coalesce(sum(n_sentences), 0)::bigint FROM documents),
                    (SELECT coalesce(sum(n_tokens), 0)::bigint FROM documents),
                    (SELECT count(*) FROM mentions),
                    (SELECT count(*) FROM events),
                    (SELECT coalesce(sum(octet_length(raw)), 0)::bigint FROM documents),
                    (SELECT count(*) FROM documents WHERE date_value IS NULL),
                    (SELECT count(*) FROM runs),
                    (SELECT min(date_begin) FROM documents),
                    (SELECT max(date_end) FROM documents)",
            &[],
        )
        .map_err(pg)?;
    let n = |i: usize| r.get::<_, i64>(i) as u64;
    let mut stats = Stats {
        documents: n(0),
        duplicates: n(1),
        near_duplicate_pairs: n(2),
        sentences: n(3),
        tokens: n(4),
        mentions: n(5),
        events: n(6),
        text_bytes: n(7),
        undated_documents: n(8),
        runs: n(9),
        first_date: r.get(10),
        last_date: r.get(11),
        ..Default::default()
    };
    stats.languages = c
        .query(
            "SELECT coalesce(language, 'unknown') COLLATE \"C\", count(*) FROM documents
             GROUP BY 1 ORDER BY 2 DESC, 1",
            &[],
        )
        .map_err(pg)?
        .iter()
        .map(|r| (r.get(0), r.get::<_, i64>(1) as u64))
        .collect();
    Ok(stats)
}

pub fn events(c: &mut Client, f: &EventFilter) -> Result<Vec<Event>> {
    let (a, b) = match &f.dyad {
        Some((a, b)) => (Some(a.as_str()), Some(b.as_str())),
        None => (None, None),
    };
    let to_end = f.to.as_deref().and_then(date_bounds).map(|b| b.1);
    let from_begin = f.from.as_deref().and_then(date_bounds).map(|b| b.0);
    let limit = f.limit.map(|l| l as i64);
    let rows = c
        .query(
            "SELECT doc_id, event_id, json FROM events
             WHERE ($1::text IS NULL OR source_code = $1 OR target_code = $1 OR source_id = $1 OR target_id = $1)
               AND ($2::text IS NULL
                    OR ((source_code = $2 OR source_id = $2) AND (target_code = $3::text OR target_id = $3))
                    OR (NOT $4::bool AND (source_code = $3 OR source_id = $3) AND (target_code = $2 OR target_id = $2)))
               AND ($5::text IS NULL OR category = upper($5))
               AND ($6::text IS NULL OR date_end >= $6)
               AND ($7::text IS NULL OR date_begin <= $7)
               AND ($8::text IS NULL OR doc_id = $8)
               AND ($9::bool OR NOT negated)
             ORDER BY coalesce(date_begin, '9999'), doc_id, sentence_index, event_id
             LIMIT $10 OFFSET $11",
            &[
                &f.actor,
                &a,
                &b,
                &f.directed,
                &f.category,
                &from_begin,
                &to_end,
                &f.doc,
                &f.include_negated,
                &limit,
                &(f.offset as i64),
            ],
        )
        .map_err(pg)?;
    rows.iter()
        .map(|r| {
            let json: &str = r.get(2);
            serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
                item: format!("event {} of {}", r.get::<_, &str>(1), r.get::<_, &str>(0)),
                reason: e.to_string(),
            })
        })
        .collect()
}

pub fn actor_counts(c: &mut Client) -> Result<Vec<ActorCount>> {
    let rows = c
        .query(
            "SELECT actor_id, max(name), max(code), count(*), count(DISTINCT doc_id) FROM mentions
             WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY 4 DESC, 1",
            &[],
        )
        .map_err(pg)?;
    Ok(rows
        .iter()
        .map(|r| ActorCount {
            actor_id: r.get(0),
            name: r.get(1),
            code: r.get(2),
            mentions: r.get::<_, i64>(3) as u64,
            documents: r.get::<_, i64>(4) as u64,
        })
        .collect())
}

pub fn mentions_of(c: &mut Client, actor: &str, limit: usize) -> Result<Vec<MentionRow>> {
    let rows = c
        .query(
            "SELECT m.doc_id, m.sentence, m.text,
                    substring(d.text FROM s.start::int + 1 FOR (s.\"end\" - s.start)::int),
                    m.kind, m.rule, m.sector, m.office
             FROM mentions m JOIN documents d ON d.id = m.doc_id
             JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sentence
             WHERE m.actor_id = $1 OR m.code = $1 ORDER BY m.doc_id, m.start LIMIT $2",
            &[&actor, &(limit as i64)],
        )
        .map_err(pg)?;
    rows.iter()
        .map(|r| {
            let doc_id: String = r.get(0);
            Ok(MentionRow {
                sentence: utf8(r.get(3), &doc_id)?,
                doc_id,
                sentence_index: r.get::<_, i64>(1) as u32,
                text: r.get(2),
                kind: r.get(4),
                rule: r.get::<_, Option<String>>(5).unwrap_or_default(),
                sector: r.get(6),
                office: r.get(7),
            })
        })
        .collect()
}
