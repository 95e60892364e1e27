//! Helpers shared by the CLI integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn kroniek(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kroniek"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("KRONIEK_STORE")
        .output()
        .expect("the kroniek binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// ../shared, or None (failing under CI, where it must exist).
pub fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.join("corpus/seeds").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("../shared is missing: CI must run with the shared data beside the project");
    }
    eprintln!("skipping: ../shared not found");
    None
}

pub fn docs_json(store: &Path) -> serde_json::Value {
    let out = kroniek(store, &["docs", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("docs --json prints JSON")
}
