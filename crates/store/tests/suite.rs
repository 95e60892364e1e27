//! The shared store behaviour suite (src/testsuite.rs) against SQLite.
use kroniek_store::SqliteStore;

fn fresh(_case: &str) -> Option<SqliteStore> {
    Some(SqliteStore::in_memory().expect("in-memory store"))
}

/// Two connections to one store in a temporary folder; the folder is left
/// to the OS temp cleaner because the stores outlive this function.
fn pair(case: &str) -> Option<(SqliteStore, SqliteStore)> {
    let dir = tempfile::Builder::new()
        .prefix(case)
        .tempdir()
        .expect("temp dir")
        .keep();
    let a = SqliteStore::open(&dir).expect("first connection");
    let b = SqliteStore::open(&dir).expect("second connection");
    Some((a, b))
}

kroniek_store::store_suite!(fresh, pair);
