//! The store interface and its embedded SQLite implementation: documents, annotations, events, search, runs.
#![forbid(unsafe_code)]
