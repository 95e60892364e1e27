//! The kroniek command-line interface: a thin layer over the pipeline and
//! store crates.
#![forbid(unsafe_code)]

mod cli;
mod demo;
mod ingest;
mod listing;
mod models;
mod queries;

use std::panic;
use std::process::ExitCode;

use clap::Parser;

/// The pipeline allocates many small strings and vectors per sentence;
/// mimalloc's thread-local free lists take them at a fraction of glibc's
/// cost (BENCHMARKS.md, issue-6 budget). The `override` feature gives
/// SQLite's own malloc/free to mimalloc as well (glibc's were 3% of ingest).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // `kroniek events | head` closes our stdout early; println! then panics.
    // That is the reader's choice, not an error: end quietly.
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if !is_broken_pipe(info.payload()) {
            default_hook(info);
        }
    }));
    let args = cli::Cli::parse();
    match panic::catch_unwind(|| cli::run(args)) {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(e)) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
        Err(payload) if is_broken_pipe(payload.as_ref()) => ExitCode::SUCCESS,
        Err(_) => {
            eprintln!(
                "error: internal error (a bug; please report it with the command that caused it)"
            );
            ExitCode::from(101)
        }
    }
}

fn is_broken_pipe(payload: &(dyn std::any::Any + Send)) -> bool {
    let text = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("");
    text.contains("Broken pipe")
}
