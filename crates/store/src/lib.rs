//! The store: one interface ([`Store`]), backends behind it (embedded
//! SQLite here, PostgreSQL in kroniek-store-postgres), like ripgrep's
//! matcher crates. Every command that reads or writes a store goes through
//! the trait, so both backends answer the same questions the same way.
//!
//! A document is written with all its annotations in one transaction, so a
//! crash leaves either the old version or the new one, never half of either.
#![forbid(unsafe_code)]

pub mod analysis_queries;
mod codec;
mod columns;
mod index_text;
mod schema;
mod search;
mod sqlite;
mod token_table;
mod types;

pub use search::{CompiledQuery, SearchHit, SearchQuery, compile_query, stems_with_spans};
pub use sqlite::{
    DocumentColumns, Prepared, SqliteStore, band_values, date_bounds, prepare, unpack_annotations,
};

/// The same behaviour tests for every backend (see tests/suite.rs).
#[cfg(feature = "testsuite")]
pub mod testsuite;
pub use types::*;

use std::collections::HashMap;

use analysis_queries::{EdgeRow, EventRow};
use kroniek_model::{Document, Event};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "store at {path} is locked by another kroniek process (try again when it has finished)"
    )]
    Locked { path: String },
    #[error(
        "store at {path} was written by a newer kroniek (schema {found}, this build knows up to {known})"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("cannot open store at {path}: {reason}")]
    Open { path: String, reason: String },
    #[error("corrupt record for {item}: {reason}")]
    Corrupt { item: String, reason: String },
    /// An error from a backend other than SQLite (PostgreSQL: the server's message).
    #[error("{backend} error: {reason}")]
    Backend {
        backend: &'static str,
        reason: String,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Everything the rest of kroniek needs from a store.
pub trait Store {
    /// Start an ingest run; returns its id.
    fn begin_run(&mut self, command: &str) -> Result<i64>;
    fn finish_run(&mut self, run: i64, summary: &RunSummary) -> Result<()>;

    /// Content hash of the stored document with this id.
    fn content_hash_of(&self, id: &str) -> Result<Option<String>>;
    /// Id of a stored document with this content hash.
    fn id_with_hash(&self, hash: &str) -> Result<Option<String>>;

    /// Group the following writes into one transaction (for throughput).
    /// Readers see them at commit. A batch is all or nothing: a write that
    /// fails inside it discards the batch (no document is ever half stored),
    /// and `commit_batch` after that stores nothing of it.
    fn begin_batch(&mut self) -> Result<()>;
    fn commit_batch(&mut self) -> Result<()>;

    /// Store a processed document with all its annotations and events in one
    /// transaction, replacing an older version with the same id.
    fn put_document(&mut self, doc: &Document, run: i64) -> Result<PutOutcome> {
        self.put_prepared(&prepare(doc.clone()), run)
    }
    /// The same, for a document already encoded by [`prepare`] (on another thread).
    fn put_prepared(&mut self, prepared: &Prepared, run: i64) -> Result<PutOutcome>;
    /// Record that `dup.id` has the same content as a stored document.
    fn record_duplicate(&mut self, dup: &Duplicate) -> Result<()>;
    /// Stored documents whose SimHash may be within `max_distance` bits of `simhash`.
    /// Link a document to its near-duplicates (both directions are implied).
    fn link_near_duplicates(&mut self, id: &str, near: &[NearDuplicate]) -> Result<()>;
    fn near_duplicates_of(
        &self,
        id: &str,
        simhash: u64,
        max_distance: u32,
    ) -> Result<Vec<NearDuplicate>>;

    fn documents(&self, filter: &DocFilter) -> Result<Vec<DocSummary>>;
    fn document(&self, id: &str) -> Result<Option<Document>>;
    fn duplicates(&self) -> Result<Vec<Duplicate>>;
    fn stats(&self) -> Result<Stats>;

    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>>;
    fn actor_counts(&self) -> Result<Vec<ActorCount>>;
    fn mentions_of(&self, actor: &str, limit: usize) -> Result<Vec<MentionRow>>;

    /// Sentences matching a full-text query (Dutch stems, phrases, `-word`,
    /// `OR`), best first, with highlighted snippets.
    fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>>;

    /// Events between `a` and `b` (codes or registry ids), both directions
    /// unless `directed`, negated and undated ones included; the date bounds
    /// apply to dated events only. In no particular order.
    fn dyad_rows(
        &self,
        a: &str,
        b: &str,
        directed: bool,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<EventRow>>;
    /// The evidence sentences of some events, by event id (unknown ids are left out).
    fn event_sentences(&self, event_ids: &[String]) -> Result<HashMap<String, String>>;
    /// Light rows of the events with `actor` (any when None) in the date
    /// bounds (undated ones only when there are none), negated ones if asked.
    /// In no particular order.
    fn event_rows(
        &self,
        actor: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        include_negated: bool,
    ) -> Result<Vec<EventRow>>;
    /// Counted dated events in the date bounds grouped by (source, target)
    /// node key: code (id when none) if `by_code`, else id (code when none).
    fn edge_rows(
        &self,
        by_code: bool,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<EdgeRow>>;
    /// Ids of undated counted events, and of uncounted (negated or
    /// hypothetical) events in the date bounds, each sorted.
    fn undated_and_negated_ids(
        &self,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<(Vec<String>, Vec<String>)>;
    /// Display names for node keys (actor ids), from the mentions.
    fn actor_names(&self, keys: &[String]) -> Result<HashMap<String, String>>;
    /// Call `f` on each event matching `filter` (actor, dates, negation) in
    /// date order, undated last, without holding them all in memory; stops
    /// at the first error of `f`. Returns how many were visited.
    fn visit_events(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(Event) -> Result<()>,
    ) -> Result<u64>;

    /// Integrity problems found (the backend's own checks and kroniek's invariants).
    fn check(&self) -> Result<Vec<String>>;
    /// Where the store lives, for messages (a path, or a URL without password).
    fn location(&self) -> String;
}

/// A boxed store is a store (the CLI opens either backend as `Box<dyn Store + Send>`).
impl<S: Store + ?Sized> Store for Box<S> {
    fn begin_run(&mut self, command: &str) -> Result<i64> {
        (**self).begin_run(command)
    }
    fn finish_run(&mut self, run: i64, summary: &RunSummary) -> Result<()> {
        (**self).finish_run(run, summary)
    }
    fn content_hash_of(&self, id: &str) -> Result<Option<String>> {
        (**self).content_hash_of(id)
    }
    fn id_with_hash(&self, hash: &str) -> Result<Option<String>> {
        (**self).id_with_hash(hash)
    }
    fn begin_batch(&mut self) -> Result<()> {
        (**self).begin_batch()
    }
    fn commit_batch(&mut self) -> Result<()> {
        (**self).commit_batch()
    }
    fn put_document(&mut self, doc: &Document, run: i64) -> Result<PutOutcome> {
        (**self).put_document(doc, run)
    }
    fn put_prepared(&mut self, prepared: &Prepared, run: i64) -> Result<PutOutcome> {
        (**self).put_prepared(prepared, run)
    }
    fn record_duplicate(&mut self, dup: &Duplicate) -> Result<()> {
        (**self).record_duplicate(dup)
    }
    fn link_near_duplicates(&mut self, id: &str, near: &[NearDuplicate]) -> Result<()> {
        (**self).link_near_duplicates(id, near)
    }
    fn near_duplicates_of(
        &self,
        id: &str,
        simhash: u64,
        max_distance: u32,
    ) -> Result<Vec<NearDuplicate>> {
        (**self).near_duplicates_of(id, simhash, max_distance)
    }
    fn documents(&self, filter: &DocFilter) -> Result<Vec<DocSummary>> {
        (**self).documents(filter)
    }
    fn document(&self, id: &str) -> Result<Option<Document>> {
        (**self).document(id)
    }
    fn duplicates(&self) -> Result<Vec<Duplicate>> {
        (**self).duplicates()
    }
    fn stats(&self) -> Result<Stats> {
        (**self).stats()
    }
    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>> {
        (**self).events(filter)
    }
    fn actor_counts(&self) -> Result<Vec<ActorCount>> {
        (**self).actor_counts()
    }
    fn mentions_of(&self, actor: &str, limit: usize) -> Result<Vec<MentionRow>> {
        (**self).mentions_of(actor, limit)
    }
    fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        (**self).search(q)
    }
    fn dyad_rows(
        &self,
        a: &str,
        b: &str,
        directed: bool,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<EventRow>> {
        (**self).dyad_rows(a, b, directed, from, to)
    }
    fn event_sentences(&self, event_ids: &[String]) -> Result<HashMap<String, String>> {
        (**self).event_sentences(event_ids)
    }
    fn event_rows(
        &self,
        actor: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        include_negated: bool,
    ) -> Result<Vec<EventRow>> {
        (**self).event_rows(actor, from, to, include_negated)
    }
    fn edge_rows(
        &self,
        by_code: bool,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<EdgeRow>> {
        (**self).edge_rows(by_code, from, to)
    }
    fn undated_and_negated_ids(
        &self,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<(Vec<String>, Vec<String>)> {
        (**self).undated_and_negated_ids(from, to)
    }
    fn actor_names(&self, keys: &[String]) -> Result<HashMap<String, String>> {
        (**self).actor_names(keys)
    }
    fn visit_events(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(Event) -> Result<()>,
    ) -> Result<u64> {
        (**self).visit_events(filter, f)
    }
    fn check(&self) -> Result<Vec<String>> {
        (**self).check()
    }
    fn location(&self) -> String {
        (**self).location()
    }
}
