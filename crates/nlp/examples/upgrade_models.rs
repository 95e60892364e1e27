//! Rewrites tagger and parser model files in the current format, in place:
//! `cargo run --release -p kroniek-nlp --example upgrade_models -- models/nl-tagger.bin models/nl-parser.bin`
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        let result = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                let new = kroniek_nlp::upgrade_model_file(&bytes).map_err(|e| e.to_string())?;
                std::fs::write(&path, &new).map_err(|e| e.to_string())?;
                Ok((bytes.len(), new.len()))
            });
        match result {
            Ok((old, new)) => println!("{path}: {old} → {new} bytes"),
            Err(e) => {
                eprintln!("{path}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
