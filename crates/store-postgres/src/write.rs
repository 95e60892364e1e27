//! Writing documents: each one as delete-then-insert inside a savepoint,
//! child rows inserted from arrays (one round trip per table).
use kroniek_model::Document;
use kroniek_store::{
    DocumentColumns, NearDuplicate, Prepared, PutOutcome, band_values, date_bounds,
};
use postgres::error::SqlState;
use postgres::{Client, GenericClient, Transaction};

use crate::{Result, pg};

/// Everything one document writes, owned, so a batch can be replayed.
pub struct DocRows {
    pub id: String,
    doc: Document,
    blob: Vec<u8>,
    bodies: Vec<String>,
    run: i64,
    ingested_at: String,
}

impl DocRows {
    pub fn new(prepared: &Prepared, run: i64, ingested_at: String) -> DocRows {
        DocRows {
            id: prepared.doc.id.clone(),
            doc: prepared.doc.clone(),
            blob: prepared.blob().to_vec(),
            bodies: prepared.index_bodies().to_vec(),
            run,
            ingested_at,
        }
    }
}

impl DocRows {
    pub fn content_hash(&self) -> &str {
        self.doc
            .meta
            .get("content_hash")
            .map(String::as_str)
            .unwrap_or("")
    }

    pub fn simhash(&self) -> Option<u64> {
        self.doc
            .meta
            .get("simhash")
            .and_then(|s| u64::from_str_radix(s, 16).ok())
    }
}

/// The writes of an open batch, in the order they were made.
#[derive(Default)]
pub struct Batch {
    pub docs: Vec<DocRows>,
    /// `link_near_duplicates` calls (written after the documents they name).
    pub links: Vec<(String, Vec<NearDuplicate>)>,
}

impl Batch {
    /// The last queued version of document `id`.
    pub fn latest(&self, id: &str) -> Option<&DocRows> {
        self.docs.iter().rev().find(|d| d.id == id)
    }

    /// A queued document (its latest version) with this content hash.
    pub fn with_hash(&self, hash: &str) -> Option<&DocRows> {
        self.latest_versions().find(|d| d.content_hash() == hash)
    }

    /// The latest version of each queued document.
    pub fn latest_versions(&self) -> impl Iterator<Item = &DocRows> {
        self.docs
            .iter()
            .enumerate()
            .filter(|(i, d)| !self.docs[i + 1..].iter().any(|later| later.id == d.id))
            .map(|(_, d)| d)
    }

    pub fn ids(&self) -> Vec<&str> {
        self.docs.iter().map(|d| d.id.as_str()).collect()
    }
}

/// Attempts for a whole transaction that failed on a transient error.
const TRANSACTION_ATTEMPTS: usize = 5;
/// Attempts for one document that lost a race on its id to another writer.
const DOCUMENT_ATTEMPTS: usize = 4;

fn transient(e: &postgres::Error) -> bool {
    matches!(
        e.code(),
        Some(&SqlState::T_R_DEADLOCK_DETECTED) | Some(&SqlState::T_R_SERIALIZATION_FAILURE)
    )
}

fn lost_race(e: &postgres::Error) -> bool {
    e.code() == Some(&SqlState::UNIQUE_VIOLATION) || transient(e)
}

pub fn write_document(client: &mut Client, rows: DocRows) -> Result<PutOutcome> {
    let outcomes = write_all(client, &[rows], &[])?;
    Ok(outcomes.into_iter().next().unwrap_or(PutOutcome::Added))
}

/// Write a batch in one transaction: documents in id order (the last
/// version of an id wins), then the near-duplicate links.
pub fn write_batch(client: &mut Client, batch: Batch) -> Result<()> {
    let Batch { mut docs, links } = batch;
    // Stable sort keeps queue order within an id; keep only the last version.
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut last: Vec<DocRows> = Vec::with_capacity(docs.len());
    for d in docs {
        match last.last_mut() {
            Some(prev) if prev.id == d.id => *prev = d,
            _ => last.push(d),
        }
    }
    write_all(client, &last, &links).map(|_| ())
}

fn write_all(
    client: &mut Client,
    docs: &[DocRows],
    links: &[(String, Vec<NearDuplicate>)],
) -> Result<Vec<PutOutcome>> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match try_write_all(client, docs, links) {
            Ok(outcomes) => return Ok(outcomes),
            Err(e) if transient(&e) && attempt < TRANSACTION_ATTEMPTS => continue,
            Err(e) => return Err(pg(e)),
        }
    }
}

fn try_write_all(
    client: &mut Client,
    docs: &[DocRows],
    links: &[(String, Vec<NearDuplicate>)],
) -> std::result::Result<Vec<PutOutcome>, postgres::Error> {
    let mut tx = client.transaction()?;
    let mut outcomes = Vec::with_capacity(docs.len());
    for d in docs {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut sp = tx.savepoint("document")?;
            match write_one(&mut sp, d) {
                Ok(outcome) => {
                    sp.commit()?;
                    outcomes.push(outcome);
                    break;
                }
                // Another writer inserted this id first and has committed by
                // now (we waited on its lock): our DELETE will see it next time.
                Err(e) if lost_race(&e) && attempt < DOCUMENT_ATTEMPTS => {
                    sp.rollback()?;
                }
                Err(e) => return Err(e),
            }
        }
    }
    for (id, near) in links {
        link_near_duplicates(&mut tx, id, near)?;
    }
    tx.commit()?;
    Ok(outcomes)
}

fn write_one(
    tx: &mut Transaction<'_>,
    rows: &DocRows,
) -> std::result::Result<PutOutcome, postgres::Error> {
    let doc = &rows.doc;
    let existed = tx.execute("DELETE FROM documents WHERE id = $1", &[&doc.id])? > 0;
    let DocumentColumns {
        hash,
        simhash,
        date_value,
        date_precision,
        date_source,
        date_begin,
        date_end,
    } = DocumentColumns::of(doc);
    tx.execute(
        "INSERT INTO documents(id, content_hash, origin, title, url, source, language,
            language_confidence, date_value, date_precision, date_source, date_begin, date_end,
            raw, text, annotations, simhash, n_sentences, n_tokens, n_events, run_id, ingested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
            $18, $19, $20, $21, $22)",
        &[
            &doc.id,
            &hash,
            &doc.origin,
            &doc.title,
            &doc.url,
            &doc.source,
            &doc.language.as_ref().map(|l| l.code.clone()),
            &doc.language.as_ref().map(|l| l.confidence),
            &date_value,
            &date_precision,
            &date_source,
            &date_begin,
            &date_end,
            &doc.raw.as_bytes(),
            &doc.text.as_bytes(),
            &rows.blob,
            &simhash,
            &(doc.sentences.len() as i64),
            &(doc.tokens.len() as i64),
            &(doc.events.len() as i64),
            &rows.run,
            &rows.ingested_at,
        ],
    )?;
    if let Some(simhash) = simhash {
        tx.execute(
            "INSERT INTO simhash_bands(doc_id, band, value)
             SELECT $1, band - 1, value FROM unnest($2::bigint[]) WITH ORDINALITY AS t(value, band)
             ON CONFLICT DO NOTHING",
            &[&doc.id, &band_values(simhash as u64).to_vec()],
        )?;
    }
    write_sentences(tx, rows)?;
    write_mentions(tx, doc)?;
    write_events(tx, doc)?;
    Ok(if existed {
        PutOutcome::Replaced
    } else {
        PutOutcome::Added
    })
}

/// `'stem':1 'stem':2 ...` — the pre-stemmed body as a tsvector literal, so
/// the index holds exactly kroniek's stems (no parser or dictionary of the
/// server in between), with positions for phrase queries.
fn tsvector_literal(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 16);
    for (i, word) in body.split_whitespace().enumerate() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('\'');
        for c in word.chars() {
            if c == '\'' || c == '\\' {
                out.push(c);
            }
            out.push(c);
        }
        // tsvector positions stop at 16383.
        out.push_str(&format!("':{}", (i + 1).min(16383)));
    }
    out
}

fn write_sentences(
    tx: &mut Transaction<'_>,
    rows: &DocRows,
) -> std::result::Result<(), postgres::Error> {
    let doc = &rows.doc;
    let n = doc.sentences.len();
    let idx: Vec<i64> = (0..n as i64).collect();
    let start: Vec<i64> = doc.sentences.iter().map(|s| s.span.start as i64).collect();
    let end: Vec<i64> = doc.sentences.iter().map(|s| s.span.end as i64).collect();
    let bodies: Vec<String> = (0..n)
        .map(|i| {
            rows.bodies
                .get(i)
                .map(|b| tsvector_literal(b))
                .unwrap_or_default()
        })
        .collect();
    tx.execute(
        "INSERT INTO sentences(doc_id, idx, start, \"end\", body)
         SELECT $1, i, s, e, b::tsvector FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::text[])
             AS t(i, s, e, b)",
        &[&doc.id, &idx, &start, &end, &bodies],
    )?;
    Ok(())
}

fn write_mentions(
    tx: &mut Transaction<'_>,
    doc: &Document,
) -> std::result::Result<(), postgres::Error> {
    if doc.mentions.is_empty() {
        return Ok(());
    }
    let ms = &doc.mentions;
    let sentence: Vec<i64> = ms.iter().map(|m| m.sentence as i64).collect();
    let start: Vec<i64> = ms.iter().map(|m| m.span.start as i64).collect();
    let end: Vec<i64> = ms.iter().map(|m| m.span.end as i64).collect();
    let kind: Vec<&str> = ms.iter().map(|m| m.kind.as_str()).collect();
    let actor_id: Vec<Option<String>> = ms.iter().map(|m| m.actor_id.clone()).collect();
    let name: Vec<Option<String>> = ms.iter().map(|m| m.name.clone()).collect();
    let code: Vec<Option<String>> = ms.iter().map(|m| m.code.clone()).collect();
    let sector: Vec<Option<String>> = ms.iter().map(|m| m.sector.clone()).collect();
    let office: Vec<Option<String>> = ms.iter().map(|m| m.office.clone()).collect();
    let rule: Vec<String> = ms.iter().map(|m| m.rule.clone()).collect();
    let text: Vec<String> = ms
        .iter()
        .map(|m| m.span.slice(&doc.text).replace('\0', ""))
        .collect();
    tx.execute(
        "INSERT INTO mentions(doc_id, sentence, start, \"end\", kind, actor_id, name, code, sector,
            office, rule, text)
         SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[],
            $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])",
        &[
            &doc.id, &sentence, &start, &end, &kind, &actor_id, &name, &code, &sector, &office,
            &rule, &text,
        ],
    )?;
    Ok(())
}

fn write_events(
    tx: &mut Transaction<'_>,
    doc: &Document,
) -> std::result::Result<(), postgres::Error> {
    // One statement cannot touch a row twice: the last event with an id wins,
    // as with SQLite's INSERT OR REPLACE.
    let mut events: Vec<&kroniek_model::Event> = Vec::with_capacity(doc.events.len());
    for e in &doc.events {
        match events.iter().position(|k| k.event_id == e.event_id) {
            Some(i) => events[i] = e,
            None => events.push(e),
        }
    }
    if events.is_empty() {
        return Ok(());
    }
    let bounds: Vec<Option<(String, String)>> = events
        .iter()
        .map(|e| e.date.as_deref().and_then(date_bounds))
        .collect();
    let event_id: Vec<&str> = events.iter().map(|e| e.event_id.as_str()).collect();
    let sentence: Vec<i64> = events.iter().map(|e| e.sentence_index as i64).collect();
    let date: Vec<Option<String>> = events.iter().map(|e| e.date.clone()).collect();
    let begin: Vec<Option<String>> = bounds
        .iter()
        .map(|b| b.as_ref().map(|b| b.0.clone()))
        .collect();
    let end: Vec<Option<String>> = bounds
        .iter()
        .map(|b| b.as_ref().map(|b| b.1.clone()))
        .collect();
    let source_id: Vec<Option<String>> = events
        .iter()
        .map(|e| e.source.as_ref().and_then(|a| a.id.clone()))
        .collect();
    let source_code: Vec<Option<String>> = events
        .iter()
        .map(|e| e.source.as_ref().and_then(|a| a.country.clone()))
        .collect();
    let target_id: Vec<Option<String>> = events
        .iter()
        .map(|e| e.target.as_ref().and_then(|a| a.id.clone()))
        .collect();
    let target_code: Vec<Option<String>> = events
        .iter()
        .map(|e| e.target.as_ref().and_then(|a| a.country.clone()))
        .collect();
    let category: Vec<&str> = events.iter().map(|e| e.category.as_str()).collect();
    let quad: Vec<&str> = events.iter().map(|e| e.quad_class.as_str()).collect();
    let score: Vec<f32> = events.iter().map(|e| e.score).collect();
    let negated: Vec<bool> = events.iter().map(|e| e.is_uncounted()).collect();
    let json: Vec<String> = events
        .iter()
        .map(|e| serde_json::to_string(e).unwrap_or_default())
        .collect();
    tx.execute(
        "INSERT INTO events(event_id, doc_id, sentence_index, date, date_begin, date_end, source_id,
            source_code, target_id, target_code, category, quad_class, score, negated, json)
         SELECT t.event_id, $1, t.sentence_index, t.date, t.date_begin, t.date_end, t.source_id,
            t.source_code, t.target_id, t.target_code, t.category, t.quad_class, t.score, t.negated, t.json
         FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
            $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::real[], $14::bool[],
            $15::text[])
            AS t(event_id, sentence_index, date, date_begin, date_end, source_id, source_code,
                 target_id, target_code, category, quad_class, score, negated, json)
         ON CONFLICT (event_id) DO UPDATE SET doc_id = excluded.doc_id,
            sentence_index = excluded.sentence_index, date = excluded.date,
            date_begin = excluded.date_begin, date_end = excluded.date_end,
            source_id = excluded.source_id, source_code = excluded.source_code,
            target_id = excluded.target_id, target_code = excluded.target_code,
            category = excluded.category, quad_class = excluded.quad_class,
            score = excluded.score, negated = excluded.negated, json = excluded.json",
        &[
            &doc.id, &event_id, &sentence, &date, &begin, &end, &source_id, &source_code,
            &target_id, &target_code, &category, &quad, &score, &negated, &json,
        ],
    )?;
    Ok(())
}

pub fn link_near_duplicates(
    client: &mut impl GenericClient,
    id: &str,
    near: &[NearDuplicate],
) -> std::result::Result<(), postgres::Error> {
    if near.is_empty() {
        return Ok(());
    }
    let mut a = Vec::with_capacity(near.len());
    let mut b = Vec::with_capacity(near.len());
    let mut distance = Vec::with_capacity(near.len());
    for n in near {
        let (x, y) = if id < n.id.as_str() {
            (id, n.id.as_str())
        } else {
            (n.id.as_str(), id)
        };
        a.push(x.to_string());
        b.push(y.to_string());
        distance.push(n.distance as i64);
    }
    client.execute(
        "INSERT INTO near_duplicates(a, b, distance)
         SELECT DISTINCT ON (a, b) a, b, d FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t(a, b, d)
         ON CONFLICT (a, b) DO UPDATE SET distance = excluded.distance",
        &[&a, &b, &distance],
    )?;
    Ok(())
}
