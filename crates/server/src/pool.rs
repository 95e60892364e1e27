//! A small pool of store connections.
//!
//! rusqlite's `Connection` is `Send` but not `Sync`, so each blocking task
//! takes a whole store out of the pool, uses it on a blocking thread and puts
//! it back. SQLite in WAL mode lets these readers run side by side while an
//! ingest writes.
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use kroniek_store::SqliteStore;

use crate::error::ApiError;

pub struct StorePool {
    dir: PathBuf,
    idle: Mutex<Vec<SqliteStore>>,
    max_idle: usize,
}

impl StorePool {
    /// Opens one connection right away so that a missing or unreadable store
    /// is reported at start-up rather than on the first request.
    pub fn open(dir: &Path, max_idle: usize) -> Result<Self, kroniek_store::StoreError> {
        let first = SqliteStore::open(dir)?;
        Ok(StorePool {
            dir: dir.to_path_buf(),
            idle: Mutex::new(vec![first]),
            max_idle: max_idle.max(1),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn take(&self) -> Result<SqliteStore, ApiError> {
        let pooled = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        match pooled {
            Some(store) => Ok(store),
            None => SqliteStore::open(&self.dir).map_err(ApiError::from),
        }
    }

    fn give_back(&self, store: SqliteStore) {
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < self.max_idle
        {
            idle.push(store);
        }
    }

    /// Runs `work` with a store on a blocking thread.
    pub async fn run<T, F>(self: &std::sync::Arc<Self>, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = self.clone();
        tokio::task::spawn_blocking(move || {
            let store = pool.take()?;
            let result = work(&store);
            pool.give_back(store);
            result
        })
        .await
        .map_err(|e| ApiError::internal(format!("request task failed: {e}")))?
    }
}
