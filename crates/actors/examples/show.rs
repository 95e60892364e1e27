//! Prints the linked mentions of a text file: `cargo run -p kroniek-actors --example show FILE [YYYY-MM]`.
#[path = "../tests/common/mod.rs"]
mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: show FILE [YYYY-MM]")?;
    let text = std::fs::read_to_string(path)?;
    let mut doc = match args.next().and_then(|d| {
        let (y, m) = d.split_once('-')?;
        Some((y.parse().ok()?, m.parse().ok()?))
    }) {
        Some((y, m)) => common::dated(&text, y, m),
        None => common::document(&text),
    };
    let registry = kroniek_actors::Registry::builtin()?;
    kroniek_actors::link(&mut doc, registry);
    println!("{}", common::describe(&doc));
    Ok(())
}
