//! The kroniek command-line interface: a thin layer over the pipeline and
//! store crates.
#![forbid(unsafe_code)]

mod cli;
mod demo;
mod ingest;
mod listing;
mod models;
mod queries;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}
