//! `kroniek-fuzz [TARGET...] [--seconds N] [--execs N] [--seed N] [--crashes DIR] [--replay FILE]`:
//! fuzzes each target (all by default) for a bounded time and prints the
//! executions and any crash found. Exit code 1 when something crashed.

use std::path::PathBuf;
use std::time::Duration;

use kroniek_fuzz::{TARGETS, data_dir, run};

fn main() {
    let mut names = Vec::new();
    let mut seconds = 60u64;
    let mut execs = u64::MAX;
    let mut seed = 1u64;
    let mut crashes = PathBuf::from("fuzz-crashes");
    let mut replay: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |what: &str| {
            args.next()
                .unwrap_or_else(|| usage(&format!("{what} needs a value")))
        };
        match arg.as_str() {
            "--seconds" => {
                seconds = value("--seconds")
                    .parse()
                    .unwrap_or_else(|_| usage("--seconds N"))
            }
            "--execs" => {
                execs = value("--execs")
                    .parse()
                    .unwrap_or_else(|_| usage("--execs N"))
            }
            "--seed" => {
                seed = value("--seed")
                    .parse()
                    .unwrap_or_else(|_| usage("--seed N"))
            }
            "--crashes" => crashes = PathBuf::from(value("--crashes")),
            "--replay" => replay.push(PathBuf::from(value("--replay"))),
            "-h" | "--help" => usage(""),
            name if TARGETS.iter().any(|t| t.name == name) => names.push(name.to_string()),
            other => usage(&format!("unknown target or option {other:?}")),
        }
    }
    run::capture_panics();
    if !replay.is_empty() {
        replay_files(&names, &replay);
    }
    let corpus = data_dir().join("corpus");
    let mut crashed = false;
    for target in TARGETS
        .iter()
        .filter(|t| names.is_empty() || names.iter().any(|n| n == t.name))
    {
        let seeds = run::load_corpus(&corpus, target.name);
        let report = run::fuzz(
            target,
            &seeds,
            seed,
            Duration::from_secs(seconds),
            execs,
            &crashes,
        );
        println!(
            "{:<8} {:>9} executions  {:>2} crashes  slowest {:.1} ms ({} bytes)  seeds {}",
            report.target,
            report.executions,
            report.crashes.len(),
            report.slowest.as_secs_f64() * 1000.0,
            report.slowest_len,
            seeds.len()
        );
        // The slowest input is kept when it took over a second, so that a
        // superlinear path can be replayed and profiled.
        if report.slowest >= Duration::from_secs(1) {
            let file = crashes.join(format!("{}-slowest.bin", report.target));
            if std::fs::create_dir_all(&crashes)
                .and_then(|()| std::fs::write(&file, &report.slowest_input))
                .is_ok()
            {
                println!("  slowest input saved to {}", file.display());
            }
        }
        for (message, file) in &report.crashes {
            crashed = true;
            println!(
                "  crash saved to {}: {}",
                file.display(),
                message.lines().next().unwrap_or("")
            );
        }
    }
    if crashed {
        std::process::exit(1);
    }
}

/// Runs each file through the named targets and prints the full panic messages.
fn replay_files(names: &[String], files: &[PathBuf]) -> ! {
    let mut crashed = false;
    for target in TARGETS.iter().filter(|t| names.iter().any(|n| n == t.name)) {
        for file in files {
            let input =
                std::fs::read(file).unwrap_or_else(|e| usage(&format!("{}: {e}", file.display())));
            match run::run_one(target, &input) {
                Some(message) => {
                    crashed = true;
                    println!("{} {}: {message}", target.name, file.display());
                }
                None => println!("{} {}: ok", target.name, file.display()),
            }
        }
    }
    std::process::exit(i32::from(crashed))
}

fn usage(problem: &str) -> ! {
    let names: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
    eprintln!(
        "{problem}\nusage: kroniek-fuzz [{}]... [--seconds N] [--execs N] [--seed N] [--crashes DIR]",
        names.join("|")
    );
    std::process::exit(2)
}
