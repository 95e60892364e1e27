//! Fuzz harnesses for kroniek's parsers that run on the stable toolchain.
//!
//! cargo-fuzz needs nightly, which this project does not use, so each
//! [`Target`] is a plain function from bytes to "no panic, invariants hold"
//! and [`run::fuzz`] drives it with seeded mutations of a committed corpus
//! (`crates/fuzz/corpus/<target>/`) for a bounded time. Inputs that once
//! crashed live in `crates/fuzz/regressions/<target>/` and are replayed by
//! `cargo test -p kroniek-fuzz`.
#![forbid(unsafe_code)]

pub mod mutate;
pub mod run;
mod targets;

pub use targets::{TARGETS, Target};

/// Folder of the committed seed corpus and regression inputs.
pub fn data_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}
