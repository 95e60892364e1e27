//! A document that cannot be written inside a batch discards the batch: no
//! document is left half stored and the store takes the next batch.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions
use kroniek_store::testsuite::doc;
use kroniek_store::{SearchQuery, SqliteStore, Store, prepare};

fn count(store: &SqliteStore, table: &str) -> i64 {
    store
        .connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn hits(store: &SqliteStore, words: &str) -> usize {
    let query = SearchQuery {
        query: words.into(),
        limit: 10,
        ..Default::default()
    };
    store.search(&query).unwrap().len()
}

#[test]
fn a_failed_document_discards_its_batch_and_nothing_half_stored() {
    let mut store = SqliteStore::in_memory().unwrap();
    let run = store.begin_run("batch").unwrap();
    store
        .put_document(&doc("kept", &["Het kabinet vergaderde."]), run)
        .unwrap();
    // A refusal after the document row, its sentences and its bands are
    // written: the failure comes in the middle of a document.
    store
        .connection()
        .execute_batch(
            "CREATE TRIGGER refuse AFTER INSERT ON sentences WHEN NEW.doc_id = 'bad' AND NEW.idx = 1
             BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;",
        )
        .unwrap();

    store.begin_batch().unwrap();
    store
        .put_prepared(&prepare(doc("lost", &["De raad besliste snel."])), run)
        .unwrap();
    let failed = store.put_prepared(
        &prepare(doc("bad", &["Een eerste zin.", "Een tweede zin."])),
        run,
    );
    assert!(failed.is_err());
    // The batch is gone; committing what is left is harmless.
    store.commit_batch().unwrap();
    assert!(store.document("bad").unwrap().is_none());
    assert!(store.document("lost").unwrap().is_none());
    assert!(store.document("kept").unwrap().is_some());
    assert_eq!(count(&store, "sentences"), 1);
    assert_eq!(hits(&store, "raad"), 0);

    store.begin_batch().unwrap();
    store
        .put_prepared(&prepare(doc("later", &["De raad besliste opnieuw."])), run)
        .unwrap();
    store.commit_batch().unwrap();
    assert!(store.document("later").unwrap().is_some());
    assert_eq!(count(&store, "sentences"), 2);
    assert_eq!(hits(&store, "raad"), 1);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    let foreign_keys: i64 = store
        .connection()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(foreign_keys, 1);
}
