//! The kroniek store on PostgreSQL: the [`Store`] interface with the same
//! schema and answers as the embedded SQLite store, for several ingest
//! processes writing at once.
//!
//! Concurrency: a document is written (delete of the old version, insert of
//! the new) in one transaction. A batch buffers its documents and writes
//! them at commit in id order, so two writers lock rows in the same order and
//! cannot deadlock on documents; a writer that loses a race on a document id
//! (unique violation) retries that document from its savepoint, and a batch
//! that still fails on a transient error (deadlock, serialization) is
//! replayed whole. Nothing is lost or stored twice. Within a batch, the
//! reads ingest relies on (content hash of an id, id of a hash, near
//! duplicates) see the batch's documents, as SQLite's open transaction does.
#![forbid(unsafe_code)]

mod analysis;
mod read;
mod schema;
mod search;
mod write;

use kroniek_model::{Document, Event};
use kroniek_store::analysis_queries::{EdgeRow, EventRow};
use kroniek_store::{
    ActorCount, DocFilter, DocSummary, Duplicate, EventFilter, MentionRow, NearDuplicate, Prepared,
    PutOutcome, RunSummary, SearchHit, SearchQuery, Stats, Store, StoreError,
};
use std::cell::{RefCell, RefMut};
use std::collections::HashMap;

use postgres::{Client, NoTls};

/// The client crate, for tools and tests that need a raw connection (creating a database).
pub use postgres;
pub use search::compile_tsquery;

pub type Result<T> = std::result::Result<T, StoreError>;

/// A store in a PostgreSQL database (or in one schema of it).
pub struct PgStore {
    /// Reads take `&self` in [`Store`] but a query needs the client mutably;
    /// no read calls back into the store, so the cell is never borrowed twice.
    client: RefCell<Client>,
    /// The connection URL without its password, for messages.
    shown: String,
    /// Documents and near-duplicate links of the open batch, written at
    /// [`Store::commit_batch`].
    batch: Option<write::Batch>,
}

pub(crate) fn pg(e: postgres::Error) -> StoreError {
    let reason = match e.as_db_error() {
        Some(db) => db.to_string(),
        None => e.to_string(),
    };
    StoreError::Backend {
        backend: "postgresql",
        reason,
    }
}

/// `postgres://user:secret@host/db` shown as `postgres://user@host/db`.
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_string();
    };
    let user = userinfo.split(':').next().unwrap_or("");
    format!("{scheme}://{user}@{host}")
}

impl PgStore {
    /// Connect to the database at `url` (`postgres://USER@HOST:PORT/DB`) and
    /// bring its schema up to date.
    pub fn connect(url: &str) -> Result<PgStore> {
        Self::connect_in_schema(url, None)
    }

    /// The same, with kroniek's tables in schema `schema` (created if
    /// missing): several stores in one database, e.g. one per test.
    /// Schema names are limited to `[a-z0-9_]` since they become SQL identifiers.
    pub fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<PgStore> {
        let shown = without_password(url);
        let mut client = Client::connect(url, NoTls).map_err(|e| StoreError::Open {
            path: shown.clone(),
            reason: pg(e).to_string(),
        })?;
        if let Some(schema) = schema {
            let valid = !schema.is_empty()
                && schema
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid {
                return Err(StoreError::Open {
                    path: shown,
                    reason: format!("schema name {schema:?} is not of the form [a-z0-9_]+"),
                });
            }
            client
                .batch_execute(&format!(
                    "CREATE SCHEMA IF NOT EXISTS {schema}; SET search_path TO {schema}"
                ))
                .map_err(pg)?;
        }
        schema::migrate(&mut client, &shown)?;
        Ok(PgStore {
            client: RefCell::new(client),
            shown,
            batch: None,
        })
    }

    /// The connection URL without its password.
    pub fn url(&self) -> &str {
        &self.shown
    }

    fn reader(&self) -> Result<RefMut<'_, Client>> {
        self.client
            .try_borrow_mut()
            .map_err(|_| StoreError::Backend {
                backend: "postgresql",
                reason: "connection already in use by another read on this store".into(),
            })
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Store for PgStore {
    fn begin_run(&mut self, command: &str) -> Result<i64> {
        let row = self
            .client
            .get_mut()
            .query_one(
                "INSERT INTO runs(command, started_at) VALUES ($1, $2) RETURNING id",
                &[&command, &now()],
            )
            .map_err(pg)?;
        Ok(row.get(0))
    }

    fn finish_run(&mut self, run: i64, s: &RunSummary) -> Result<()> {
        self.client
            .get_mut()
            .execute(
                "UPDATE runs SET finished_at = $2, added = $3, replaced = $4, unchanged = $5,
                 duplicates = $6, failed = $7 WHERE id = $1",
                &[
                    &run,
                    &now(),
                    &(s.added as i64),
                    &(s.replaced as i64),
                    &(s.unchanged as i64),
                    &(s.duplicates as i64),
                    &(s.failed as i64),
                ],
            )
            .map_err(pg)?;
        Ok(())
    }

    fn content_hash_of(&self, id: &str) -> Result<Option<String>> {
        if let Some(queued) = self.batch.as_ref().and_then(|b| b.latest(id)) {
            return Ok(Some(queued.content_hash().to_string()));
        }
        read::content_hash_of(&mut *self.reader()?, id)
    }

    fn id_with_hash(&self, hash: &str) -> Result<Option<String>> {
        let Some(batch) = &self.batch else {
            return read::id_with_hash(&mut *self.reader()?, hash, &[]);
        };
        if let Some(queued) = batch.with_hash(hash) {
            return Ok(Some(queued.id.clone()));
        }
        // Stored versions of queued ids are about to be replaced.
        read::id_with_hash(&mut *self.reader()?, hash, &batch.ids())
    }

    fn begin_batch(&mut self) -> Result<()> {
        self.batch.get_or_insert_with(Default::default);
        Ok(())
    }

    fn commit_batch(&mut self) -> Result<()> {
        match self.batch.take() {
            Some(batch) => write::write_batch(self.client.get_mut(), batch),
            None => Ok(()),
        }
    }

    fn put_prepared(&mut self, prepared: &Prepared, run: i64) -> Result<PutOutcome> {
        let rows = write::DocRows::new(prepared, run, now());
        match &mut self.batch {
            Some(batch) => {
                let queued = batch.latest(&rows.id).is_some();
                let stored =
                    queued || read::content_hash_of(self.client.get_mut(), &rows.id)?.is_some();
                batch.docs.push(rows);
                Ok(if stored {
                    PutOutcome::Replaced
                } else {
                    PutOutcome::Added
                })
            }
            None => write::write_document(self.client.get_mut(), rows),
        }
    }

    fn record_duplicate(&mut self, dup: &Duplicate) -> Result<()> {
        self.client
            .get_mut()
            .execute(
                "INSERT INTO duplicates(id, original_id, origin, content_hash) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (id) DO UPDATE SET original_id = excluded.original_id,
                    origin = excluded.origin, content_hash = excluded.content_hash",
                &[&dup.id, &dup.original_id, &dup.origin, &dup.content_hash],
            )
            .map_err(pg)?;
        Ok(())
    }

    fn link_near_duplicates(&mut self, id: &str, near: &[NearDuplicate]) -> Result<()> {
        match &mut self.batch {
            Some(batch) => {
                batch.links.push((id.to_string(), near.to_vec()));
                Ok(())
            }
            None => write::link_near_duplicates(self.client.get_mut(), id, near).map_err(pg),
        }
    }

    fn near_duplicates_of(
        &self,
        id: &str,
        simhash: u64,
        max_distance: u32,
    ) -> Result<Vec<NearDuplicate>> {
        let stored = read::near_duplicates_of(&mut *self.reader()?, id, simhash, max_distance)?;
        let Some(batch) = &self.batch else {
            return Ok(stored);
        };
        // Queued versions replace stored ones.
        let mut found: std::collections::BTreeMap<String, u32> = stored
            .into_iter()
            .filter(|n| batch.latest(&n.id).is_none())
            .map(|n| (n.id, n.distance))
            .collect();
        for d in batch.latest_versions() {
            if d.id == id {
                continue;
            }
            if let Some(theirs) = d.simhash() {
                let distance = (theirs ^ simhash).count_ones();
                let shares_band =
                    (0..4).any(|b| (theirs >> (16 * b)) & 0xFFFF == (simhash >> (16 * b)) & 0xFFFF);
                if shares_band && distance <= max_distance {
                    found.insert(d.id.clone(), distance);
                }
            }
        }
        Ok(found
            .into_iter()
            .map(|(id, distance)| NearDuplicate { id, distance })
            .collect())
    }

    fn documents(&self, filter: &DocFilter) -> Result<Vec<DocSummary>> {
        read::documents(&mut *self.reader()?, filter)
    }

    fn document(&self, id: &str) -> Result<Option<Document>> {
        read::document(&mut *self.reader()?, id)
    }

    fn duplicates(&self) -> Result<Vec<Duplicate>> {
        read::duplicates(&mut *self.reader()?)
    }

    fn stats(&self) -> Result<Stats> {
        read::stats(&mut *self.reader()?)
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>> {
        read::events(&mut *self.reader()?, filter)
    }

    fn actor_counts(&self) -> Result<Vec<ActorCount>> {
        read::actor_counts(&mut *self.reader()?)
    }

    fn mentions_of(&self, actor: &str, limit: usize) -> Result<Vec<MentionRow>> {
        read::mentions_of(&mut *self.reader()?, actor, limit)
    }

    fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        search::search(&mut *self.reader()?, q)
    }

    fn dyad_rows(
        &self,
        a: &str,
        b: &str,
        directed: bool,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<EventRow>> {
        analysis::dyad_rows(&mut *self.reader()?, a, b, directed, from, to)
    }

    fn event_sentences(&self, event_ids: &[String]) -> Result<HashMap<String, String>> {
        analysis::event_sentences(&mut *self.reader()?, event_ids)
    }

    fn event_rows(
        &self,
        actor: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        include_negated: bool,
    ) -> Result<Vec<EventRow>> {
        analysis::event_rows(&mut *self.reader()?, actor, from, to, include_negated)
    }

    fn edge_rows(
        &self,
        by_code: bool,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<EdgeRow>> {
        analysis::edge_rows(&mut *self.reader()?, by_code, from, to)
    }

    fn undated_and_negated_ids(
        &self,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<(Vec<String>, Vec<String>)> {
        analysis::undated_and_negated_ids(&mut *self.reader()?, from, to)
    }

    fn actor_names(&self, keys: &[String]) -> Result<HashMap<String, String>> {
        analysis::actor_names(&mut *self.reader()?, keys)
    }

    fn visit_events(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(Event) -> Result<()>,
    ) -> Result<u64> {
        analysis::visit_events(&mut *self.reader()?, filter, f)
    }

    fn check(&self) -> Result<Vec<String>> {
        read::check(&mut *self.reader()?)
    }

    fn location(&self) -> String {
        self.shown.clone()
    }
}
