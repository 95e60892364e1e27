//! An in-memory cache of computed responses (timelines, networks, pages),
//! keyed by the request and by a fingerprint of the store, so that whatever
//! an ingest writes invalidates what was computed before it.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use kroniek_store::SqliteStore;

use crate::error::ApiError;

/// Cheap to read, and changes whenever an ingest writes: every write goes
/// through a run (a new `runs` row, then its `finished_at`), new documents and
/// events get new row ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([i64; 4]);

pub fn fingerprint(store: &SqliteStore) -> Result<Fingerprint, ApiError> {
    let row = store
        .connection()
        .prepare_cached(
            "SELECT (SELECT coalesce(max(id), 0) FROM runs),
                    (SELECT count(finished_at) FROM runs),
                    (SELECT coalesce(max(rowid), 0) FROM documents),
                    (SELECT coalesce(max(rowid), 0) FROM events)",
        )?
        .query_row([], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]))?;
    Ok(Fingerprint(row))
}

/// A computed response body with its content type.
#[derive(Debug, Clone)]
pub struct Cached {
    pub content_type: &'static str,
    pub body: Arc<[u8]>,
}

pub struct ResponseCache {
    entries: Mutex<HashMap<String, (Fingerprint, Cached)>>,
    capacity: usize,
}

impl ResponseCache {
    pub fn new(capacity: usize) -> Self {
        ResponseCache {
            entries: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
        }
    }

    pub fn get(&self, key: &str, now: Fingerprint) -> Option<Cached> {
        let entries = self.entries.lock().ok()?;
        match entries.get(key) {
            Some((seen, cached)) if *seen == now => Some(cached.clone()),
            _ => None,
        }
    }

    pub fn put(&self, key: String, now: Fingerprint, value: Cached) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.capacity && !entries.contains_key(&key) {
                // Entries from an older store state are worthless; drop those
                // first, and everything when the cache is full of current ones.
                entries.retain(|_, (seen, _)| *seen == now);
                if entries.len() >= self.capacity {
                    entries.clear();
                }
            }
            entries.insert(key, (now, value));
        }
    }

    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cached(text: &str) -> Cached {
        Cached {
            content_type: "text/plain",
            body: Arc::from(text.as_bytes()),
        }
    }

    #[test]
    fn entries_from_another_store_state_are_misses() {
        let cache = ResponseCache::new(4);
        let before = Fingerprint([1, 1, 10, 20]);
        let after = Fingerprint([2, 1, 11, 25]);
        cache.put("k".into(), before, cached("old"));
        assert!(cache.get("k", before).is_some());
        assert!(cache.get("k", after).is_none());
    }

    #[test]
    fn stays_within_capacity() {
        let cache = ResponseCache::new(2);
        let now = Fingerprint([1, 1, 1, 1]);
        for key in ["a", "b", "c", "d"] {
            cache.put(key.into(), now, cached(key));
        }
        assert!(cache.len() <= 2);
        assert!(cache.get("d", now).is_some());
    }
}
