//! The shared store behaviour suite (kroniek_store::testsuite) against
//! PostgreSQL at $KRONIEK_TEST_POSTGRES, each case in its own schema.
//! Without that variable the cases skip, unless CI is set and
//! KRONIEK_TEST_POSTGRES_REQUIRED=1, where a missing server is a failure.
use kroniek_store_postgres::PgStore;

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

fn fresh(case: &str) -> Option<PgStore> {
    let url = server_url()?;
    let schema = empty_schema(&url, case);
    Some(PgStore::connect_in_schema(&url, Some(&schema)).expect("connect store"))
}

fn pair(case: &str) -> Option<(PgStore, PgStore)> {
    let url = server_url()?;
    let schema = empty_schema(&url, case);
    let a = PgStore::connect_in_schema(&url, Some(&schema)).expect("first connection");
    let b = PgStore::connect_in_schema(&url, Some(&schema)).expect("second connection");
    Some((a, b))
}

kroniek_store::store_suite!(fresh, pair);
