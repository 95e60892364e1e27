//! The actor queries read the partial actor index (schema 8), not the table.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions
use kroniek_store::SqliteStore;

fn plan(store: &SqliteStore, sql: &str) -> String {
    let conn = store.connection();
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    rows.join("; ")
}

#[test]
fn actor_queries_use_the_actor_index() {
    let store = SqliteStore::in_memory().unwrap();
    for sql in [
        "SELECT 1 FROM mentions WHERE actor_id = 'x' LIMIT 1",
        "SELECT name, code FROM mentions WHERE actor_id = 'x' AND name IS NOT NULL LIMIT 1",
        "SELECT actor_id, max(name), max(code), count(*), count(DISTINCT doc_id) FROM mentions
         WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY 4 DESC, 1",
    ] {
        let plan = plan(&store, sql);
        assert!(plan.contains("mentions_actor_cover"), "{sql}: {plan}");
    }
}
