//! Full-text search over sentences with Dutch stemming, in the same SQLite
//! database as the documents (FTS5), so the index is written in the same
//! transaction as its document and can never disagree with it after a crash.
//!
//! Stemming happens here, not in SQLite: sentences are indexed as their
//! folded Snowball-Dutch stems (`aanslagen` and `aanslag` meet), and queries
//! are stemmed the same way. Each FTS row id encodes the document's rowid
//! and the sentence index, so deleting a document's rows is a range delete.
use rusqlite::{Connection, params};
use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::{Result, SqliteStore};

pub(crate) const SENTENCE_BITS: u32 = 20;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// Words (all must occur), "quoted phrases", `-word` to exclude, `OR` between alternatives.
    pub query: String,
    /// Inclusive bounds on the document date (`YYYY[-MM[-DD]]`).
    pub from: Option<String>,
    pub to: Option<String>,
    /// Only sentences mentioning this actor (id or code).
    pub actor: Option<String>,
    pub language: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub doc_id: String,
    pub sentence_index: u32,
    pub date: Option<String>,
    pub title: Option<String>,
    pub sentence: String,
    /// The sentence with matching words wrapped in `[` `]` markers.
    pub snippet: String,
    /// Byte spans of the matching words within `sentence`.
    pub highlights: Vec<(u32, u32)>,
    pub score: f64,
}

thread_local! {
    /// Words repeat: stemming each distinct word once per thread is most of the saving.
    static STEMS: std::cell::RefCell<(Stemmer, rustc_hash::FxHashMap<String, String>)> =
        std::cell::RefCell::new((Stemmer::create(Algorithm::Dutch), Default::default()));
}

const STEM_CACHE_MAX: usize = 200_000;

fn stem(word: &str) -> String {
    STEMS.with(|cell| {
        let mut guard = cell.borrow_mut();
        let (stemmer, cache) = &mut *guard;
        if let Some(hit) = cache.get(word) {
            return hit.clone();
        }
        let stem = fold(&stemmer.stem(&word.to_lowercase()));
        if cache.len() >= STEM_CACHE_MAX {
            cache.clear();
        }
        cache.insert(word.to_string(), stem.clone());
        stem
    })
}

/// Lowercased, stemmed, diacritics-folded word forms of `text`, in order,
/// with the byte span of each word.
pub fn stems_with_spans(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((stem(&text[s..i]), s, i));
        }
    }
    out
}

fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect()
}

fn index_text(text: &str) -> String {
    let stems: Vec<String> = stems_with_spans(text)
        .into_iter()
        .map(|(s, _, _)| s)
        .collect();
    stems.join(" ")
}

pub(crate) fn index_bodies_of(doc: &kroniek_model::Document) -> Vec<String> {
    doc.sentences
        .iter()
        .take(1 << SENTENCE_BITS)
        .map(|s| index_text(s.span.slice(&doc.text)))
        .collect()
}

pub(crate) fn index_bodies(tx: &Connection, doc_rowid: i64, bodies: &[String]) -> Result<()> {
    let mut stmt = tx.prepare_cached("INSERT INTO sentence_fts(rowid, body) VALUES (?1, ?2)")?;
    for (i, body) in bodies.iter().enumerate() {
        stmt.execute(params![(doc_rowid << SENTENCE_BITS) | i as i64, body])?;
    }
    Ok(())
}

/// Index changes of an open batch: rows to delete, then rows to add.
#[derive(Default)]
pub(crate) struct PendingIndex {
    delete: Vec<i64>,
    add: std::collections::BTreeMap<i64, std::sync::Arc<[String]>>,
}

impl PendingIndex {
    /// The document at `doc_rowid` is going away.
    pub(crate) fn remove(&mut self, doc_rowid: i64) {
        // Added in this batch: never reached the index.
        if self.add.remove(&doc_rowid).is_none() {
            self.delete.push(doc_rowid);
        }
    }

    pub(crate) fn add(&mut self, doc_rowid: i64, bodies: std::sync::Arc<[String]>) {
        self.add.insert(doc_rowid, bodies);
    }

    pub(crate) fn apply(&mut self, conn: &rusqlite::Connection) -> Result<()> {
        let mut delete =
            conn.prepare_cached("DELETE FROM sentence_fts WHERE rowid >= ?1 AND rowid < ?2")?;
        for rowid in std::mem::take(&mut self.delete) {
            delete.execute(params![
                rowid << SENTENCE_BITS,
                (rowid + 1) << SENTENCE_BITS
            ])?;
        }
        let mut insert =
            conn.prepare_cached("INSERT INTO sentence_fts(rowid, body) VALUES (?1, ?2)")?;
        for (rowid, bodies) in std::mem::take(&mut self.add) {
            for (i, body) in bodies.iter().enumerate() {
                insert.execute(params![(rowid << SENTENCE_BITS) | i as i64, body])?;
            }
        }
        Ok(())
    }
}

pub(crate) fn unindex_document(tx: &Connection, doc_rowid: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM sentence_fts WHERE rowid >= ?1 AND rowid < ?2",
        params![doc_rowid << SENTENCE_BITS, (doc_rowid + 1) << SENTENCE_BITS],
    )?;
    Ok(())
}

/// Most words or phrases of one query that are searched for.
const MAX_QUERY_TERMS: usize = 64;

/// Parsed query: FTS5 expression over stems, and the stems to highlight.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CompiledQuery {
    pub fts: String,
    pub highlight: Vec<String>,
}

/// Turn user syntax into a safe FTS5 expression: every term becomes a quoted
/// string, so no user input is ever interpreted as FTS5 syntax.
pub fn compile_query(query: &str) -> CompiledQuery {
    let mut parts: Vec<String> = Vec::new();
    let mut highlight = Vec::new();
    let mut pending_or = false;
    let mut terms = 0;
    let mut rest = query.trim();
    // Each OR and NOT nests the expression one level deeper, and FTS5's
    // parser stack overflows (an error, not a result) past a few hundred
    // levels; terms beyond the cap are ignored.
    while !rest.is_empty() && terms < MAX_QUERY_TERMS {
        let (negated, body) = match rest.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, rest),
        };
        let (raw, after) = if let Some(q) = body.strip_prefix('"') {
            match q.find('"') {
                Some(end) => (&q[..end], &q[end + 1..]),
                None => (q, ""),
            }
        } else {
            match body.find(char::is_whitespace) {
                Some(end) => (&body[..end], &body[end..]),
                None => (body, ""),
            }
        };
        rest = after.trim_start();
        if raw == "OR" && !negated {
            // `-a OR b` has nothing to join `b` to: an exclusion is no alternative.
            pending_or = parts.last().is_some_and(|p| !p.starts_with("NOT "));
            continue;
        }
        let stems: Vec<String> = stems_with_spans(raw)
            .into_iter()
            .map(|(s, _, _)| s)
            .collect();
        if stems.is_empty() {
            continue;
        }
        terms += 1;
        let phrase = format!("\"{}\"", stems.join(" ").replace('"', ""));
        if negated {
            if !parts.is_empty() {
                parts.push(format!("NOT {phrase}"));
            }
        } else {
            highlight.extend(stems);
            if pending_or {
                if let Some(last) = parts.pop() {
                    parts.push(format!("({last} OR {phrase})"));
                }
            } else {
                parts.push(phrase);
            }
        }
        pending_or = false;
    }
    // FTS5 NOT is binary: fold left so that `a NOT b` stays well formed.
    let mut fts = String::new();
    for p in parts {
        if fts.is_empty() {
            fts = p;
        } else if let Some(neg) = p.strip_prefix("NOT ") {
            fts = format!("({fts}) NOT {neg}");
        } else {
            fts = format!("{fts} AND {p}");
        }
    }
    CompiledQuery { fts, highlight }
}

impl SqliteStore {
    /// Sentences matching `q`, best first (BM25), with highlighted snippets.
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        let compiled = compile_query(&q.query);
        if compiled.fts.is_empty() {
            return Ok(Vec::new());
        }
        let from = q
            .from
            .as_deref()
            .and_then(crate::sqlite::date_bounds)
            .map(|b| b.0);
        let to =
            q.to.as_deref()
                .and_then(crate::sqlite::date_bounds)
                .map(|b| b.1);
        // Every match with its BM25 rank, in row id order; best first here.
        // (`ORDER BY rank` in SQL ranks them as well but also sorts them all
        // in SQLite's sorter, which costs more than ranking; its order is
        // this one: rank, then row id.)
        let conn = self.connection();
        let mut matches = conn
            .prepare_cached("SELECT rowid, rank FROM sentence_fts WHERE sentence_fts MATCH ?1")?;
        let mut ranked: Vec<(f64, i64)> = matches
            .query_map(params![compiled.fts], |r| Ok((r.get(1)?, r.get(0)?)))?
            .collect::<std::result::Result<_, _>>()?;
        ranked.sort_unstable_by(|a, b| {
            a.0.partial_cmp(&b.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.1.cmp(&b.1))
        });
        // Then the filters and the sentence text, match by match, until the
        // page is full.
        let mut stmt = conn.prepare_cached(
            "SELECT d.id, ?1 & ?2, d.date_value, d.title,
                    CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT)
             FROM documents d
             JOIN sentences s ON s.doc_id = d.id AND s.idx = ?1 & ?2
             WHERE d.rowid = ?1 >> ?3
               AND (?4 IS NULL OR d.date_end >= ?4)
               AND (?5 IS NULL OR d.date_begin <= ?5)
               AND (?6 IS NULL OR d.language = ?6)
               AND (?7 IS NULL OR EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = d.id
                      AND m.sentence = s.idx AND (m.actor_id = ?7 OR m.code = ?7)))",
        )?;
        let mask = (1i64 << SENTENCE_BITS) - 1;
        let (limit, mut skip) = (q.limit.max(1), q.offset);
        let mut rows = Vec::with_capacity(limit.min(ranked.len()));
        for (rank, rowid) in ranked {
            if rows.len() == limit {
                break;
            }
            let mut found = stmt.query(params![
                rowid,
                mask,
                SENTENCE_BITS,
                from,
                to,
                q.language,
                q.actor
            ])?;
            while let Some(r) = found.next()? {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                if rows.len() < limit {
                    rows.push(Ok::<_, rusqlite::Error>((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, String>(4)?,
                        rank,
                    )));
                }
            }
        }
        let mut hits = Vec::new();
        for row in rows {
            let (doc_id, idx, date, title, sentence, rank) = row?;
            let highlights: Vec<(u32, u32)> = stems_with_spans(&sentence)
                .into_iter()
                .filter(|(stem, _, _)| compiled.highlight.contains(stem))
                .map(|(_, s, e)| (s as u32, e as u32))
                .collect();
            let mut snippet = String::with_capacity(sentence.len() + 8);
            let mut at = 0usize;
            for (s, e) in &highlights {
                snippet.push_str(&sentence[at..*s as usize]);
                snippet.push('[');
                snippet.push_str(&sentence[*s as usize..*e as usize]);
                snippet.push(']');
                at = *e as usize;
            }
            snippet.push_str(&sentence[at..]);
            hits.push(SearchHit {
                doc_id,
                sentence_index: idx as u32,
                date,
                title,
                sentence,
                snippet,
                highlights,
                score: -rank,
            });
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_and_singular_meet() {
        for (a, b) in [
            ("aanslagen", "aanslag"),
            ("dagen", "dag"),
            ("oorlogen", "oorlog"),
            ("ministers", "minister"),
        ] {
            assert_eq!(index_text(a), index_text(b), "{a} / {b}");
        }
        assert_eq!(index_text("Armenië"), index_text("armenie"));
    }

    #[test]
    fn queries_compile_to_safe_fts() {
        assert_eq!(compile_query("staakt-het-vuren").fts, "\"staakt het vur\"");
        assert_eq!(
            compile_query("Rusland Armenië").fts,
            "\"rusland\" AND \"armenie\""
        );
        assert_eq!(
            compile_query("\"vredes troepen\" -Turkije").fts,
            format!(
                "(\"{}\") NOT \"{}\"",
                index_text("vredes troepen"),
                index_text("Turkije")
            )
        );
        assert_eq!(
            compile_query("Bakoe OR Jerevan").fts,
            "(\"bakoe\" OR \"jerevan\")"
        );
        assert_eq!(
            compile_query("\"; DROP TABLE documents; --").fts,
            "\"drop tabl document\""
        );
        assert_eq!(compile_query("-alleen").fts, "");
        assert_eq!(compile_query("  ").fts, "");
    }
}

#[cfg(test)]
mod store_tests {
    use kroniek_model::{Document, Sentence, Span};

    use crate::{SearchQuery, SqliteStore, Store};

    fn doc(id: &str, sentences: &[&str]) -> Document {
        let text = sentences.join(" ");
        let mut at = 0;
        let sentences = sentences
            .iter()
            .map(|s| {
                let span = Span::new(at, at + s.len());
                at += s.len() + 1;
                Sentence {
                    span,
                    token_start: 0,
                    token_end: 0,
                }
            })
            .collect();
        let mut d = Document {
            id: id.into(),
            raw: text.clone(),
            text,
            sentences,
            ..Default::default()
        };
        d.meta.insert("content_hash".into(), id.into());
        d
    }

    fn ids(store: &SqliteStore, q: &str) -> Vec<(String, u32)> {
        store
            .search(&SearchQuery {
                query: q.into(),
                limit: 50,
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|h| (h.doc_id, h.sentence_index))
            .collect()
    }

    /// Pages of hits in FTS5's own `ORDER BY rank` order (ties included),
    /// which the search reproduces without sorting in SQL.
    #[test]
    fn hits_come_in_fts_rank_order_page_by_page() {
        let mut store = SqliteStore::in_memory().unwrap();
        let run = store.begin_run("test").unwrap();
        let texts = [
            "Handel en nog meer handel.",
            "De handel.",
            "Over de handel met het buitenland werd lang gesproken.",
            "Niets.",
        ];
        for i in 0..40 {
            let a = texts[i % texts.len()];
            let b = texts[(i * 7 + 1) % texts.len()];
            store
                .put_document(&doc(&format!("d{i:02}"), &[a, b, "De handel."]), run)
                .unwrap();
        }
        let expected: Vec<(String, u32)> = {
            let mut stmt = store
                .connection()
                .prepare(
                    "SELECT d.id, f.rowid & ?2 FROM sentence_fts f
                     JOIN documents d ON d.rowid = f.rowid >> ?3
                     WHERE sentence_fts MATCH ?1 ORDER BY f.rank",
                )
                .unwrap();
            stmt.query_map(
                rusqlite::params![
                    "\"handel\"",
                    (1i64 << super::SENTENCE_BITS) - 1,
                    super::SENTENCE_BITS
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
        };
        assert!(expected.len() > 60);
        let mut paged = Vec::new();
        for offset in (0..expected.len() + 10).step_by(9) {
            let hits = store
                .search(&SearchQuery {
                    query: "handel".into(),
                    limit: 9,
                    offset,
                    ..Default::default()
                })
                .unwrap();
            paged.extend(hits.into_iter().map(|h| (h.doc_id, h.sentence_index)));
        }
        assert_eq!(paged, expected);
    }

    #[test]
    fn index_follows_documents_in_and_out_of_batches() {
        let mut store = SqliteStore::in_memory().unwrap();
        let run = store.begin_run("test").unwrap();
        store
            .put_document(
                &doc(
                    "a",
                    &["De aanslagen in de hoofdstad.", "Niets over oorlog."],
                ),
                run,
            )
            .unwrap();
        store.begin_batch().unwrap();
        store
            .put_document(&doc("b", &["Een aanslag op het station."]), run)
            .unwrap();
        // Replaced twice in the same batch: only the last version is indexed.
        store
            .put_document(&doc("c", &["Eerste versie over de oorlogen."]), run)
            .unwrap();
        store
            .put_document(&doc("c", &["Tweede versie over vrede."]), run)
            .unwrap();
        store.commit_batch().unwrap();
        assert_eq!(ids(&store, "aanslag").len(), 2);
        assert_eq!(ids(&store, "oorlog"), vec![("a".to_string(), 1)]);
        assert_eq!(ids(&store, "vrede"), vec![("c".to_string(), 0)]);
        // Replacing outside a batch drops the old rows.
        store
            .put_document(&doc("a", &["Alleen nog sport."]), run)
            .unwrap();
        assert_eq!(ids(&store, "aanslag"), vec![("b".to_string(), 0)]);
        assert!(store.check().unwrap().is_empty());
        // Hostile query text is just words.
        assert!(ids(&store, "\") OR 1=1; DROP TABLE documents; --").is_empty());
        assert_eq!(store.stats().unwrap().documents, 3);
    }
}
