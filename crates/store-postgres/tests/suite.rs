//! The shared store behaviour suite (kroniek_store::testsuite) against
//! PostgreSQL at $KRONIEK_TEST_POSTGRES, each case in its own schema.
//! Without that variable the cases skip, unless CI is set and
//! KRONIEK_TEST_POSTGRES_REQUIRED=1, where a missing server is a failure.
use kroniek_store::testsuite::SuiteStore;
use kroniek_store::{Result, SearchHit, SearchQuery};
use kroniek_store_postgres::PgStore;

struct Pg(PgStore);

impl SuiteStore for Pg {
    fn search_hits(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        self.0.search(q)
    }
}

impl kroniek_store::Store for Pg {
    fn begin_run(&mut self, command: &str) -> Result<i64> {
        self.0.begin_run(command)
    }
    fn finish_run(&mut self, run: i64, s: &kroniek_store::RunSummary) -> Result<()> {
        self.0.finish_run(run, s)
    }
    fn content_hash_of(&self, id: &str) -> Result<Option<String>> {
        self.0.content_hash_of(id)
    }
    fn id_with_hash(&self, hash: &str) -> Result<Option<String>> {
        self.0.id_with_hash(hash)
    }
    fn begin_batch(&mut self) -> Result<()> {
        self.0.begin_batch()
    }
    fn commit_batch(&mut self) -> Result<()> {
        self.0.commit_batch()
    }
    fn put_prepared(
        &mut self,
        p: &kroniek_store::Prepared,
        run: i64,
    ) -> Result<kroniek_store::PutOutcome> {
        self.0.put_prepared(p, run)
    }
    fn record_duplicate(&mut self, d: &kroniek_store::Duplicate) -> Result<()> {
        self.0.record_duplicate(d)
    }
    fn link_near_duplicates(
        &mut self,
        id: &str,
        near: &[kroniek_store::NearDuplicate],
    ) -> Result<()> {
        self.0.link_near_duplicates(id, near)
    }
    fn near_duplicates_of(
        &self,
        id: &str,
        simhash: u64,
        max: u32,
    ) -> Result<Vec<kroniek_store::NearDuplicate>> {
        self.0.near_duplicates_of(id, simhash, max)
    }
    fn documents(&self, f: &kroniek_store::DocFilter) -> Result<Vec<kroniek_store::DocSummary>> {
        self.0.documents(f)
    }
    fn document(&self, id: &str) -> Result<Option<kroniek_model::Document>> {
        self.0.document(id)
    }
    fn duplicates(&self) -> Result<Vec<kroniek_store::Duplicate>> {
        self.0.duplicates()
    }
    fn stats(&self) -> Result<kroniek_store::Stats> {
        self.0.stats()
    }
    fn events(&self, f: &kroniek_store::EventFilter) -> Result<Vec<kroniek_model::Event>> {
        self.0.events(f)
    }
    fn actor_counts(&self) -> Result<Vec<kroniek_store::ActorCount>> {
        self.0.actor_counts()
    }
    fn mentions_of(&self, actor: &str, limit: usize) -> Result<Vec<kroniek_store::MentionRow>> {
        self.0.mentions_of(actor, limit)
    }
}

fn server_url() -> Option<String> {
    match std::env::var("KRONIEK_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            let required = std::env::var_os("CI").is_some()
                && std::env::var("KRONIEK_TEST_POSTGRES_REQUIRED").as_deref() == Ok("1");
            assert!(
                !required,
                "KRONIEK_TEST_POSTGRES is not set but CI requires the PostgreSQL suite"
            );
            eprintln!("skipping: set KRONIEK_TEST_POSTGRES=postgres://USER@HOST:PORT/DB to run");
            None
        }
    }
}

/// An empty schema named after the case and this process.
fn empty_schema(url: &str, case: &str) -> String {
    let schema = format!("suite_{}_{}", case.to_lowercase(), std::process::id());
    let mut admin = postgres::Client::connect(url, postgres::NoTls).expect("connect to server");
    admin
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .expect("drop old schema");
    schema
}

fn fresh(case: &str) -> Option<Pg> {
    let url = server_url()?;
    let schema = empty_schema(&url, case);
    Some(Pg(
        PgStore::connect_in_schema(&url, Some(&schema)).expect("connect store")
    ))
}

fn pair(case: &str) -> Option<(Pg, Pg)> {
    let url = server_url()?;
    let schema = empty_schema(&url, case);
    let a = PgStore::connect_in_schema(&url, Some(&schema)).expect("first connection");
    let b = PgStore::connect_in_schema(&url, Some(&schema)).expect("second connection");
    Some((Pg(a), Pg(b)))
}

kroniek_store::store_suite!(fresh, pair);
