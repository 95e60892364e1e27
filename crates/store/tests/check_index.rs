//! `SqliteStore::check` finds full-text index rows without a stored sentence.
use kroniek_store::testsuite::doc;
use kroniek_store::{SqliteStore, Store};

#[test]
fn check_reports_index_rows_without_a_sentence() {
    let mut store = SqliteStore::in_memory().unwrap();
    let run = store.begin_run("check").unwrap();
    let d = doc(
        "d1",
        &["De minister bezocht de haven.", "Daarna sprak zij de pers."],
    );
    store.put_document(&d, run).unwrap();
    assert_eq!(store.check().unwrap(), Vec::<String>::new());

    let conn = store.connection();
    let rowid: i64 = conn
        .query_row("SELECT rowid FROM documents WHERE id = 'd1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    // Sentence 7 of d1 does not exist; neither does a document at rowid + 5.
    for fts_rowid in [(rowid << 20) | 7, (rowid + 5) << 20] {
        conn.execute(
            "INSERT INTO sentence_fts(rowid, body) VALUES (?1, 'spook')",
            [fts_rowid],
        )
        .unwrap();
    }
    let problems = store.check().unwrap();
    assert_eq!(
        problems,
        vec!["2 full-text index rows point to a missing sentence".to_string()]
    );
}
