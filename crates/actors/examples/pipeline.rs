//! Cleans, segments and links a file the way the pipeline does (without NER):
//! `cargo run -p kroniek-actors --example pipeline FILE [YYYY-MM]`.
#[path = "../tests/common/mod.rs"]
mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: pipeline FILE [YYYY-MM]")?;
    let raw = std::fs::read_to_string(path)?;
    let mut doc = common::document("");
    doc.raw = raw;
    kroniek_text::prepare(&mut doc);
    if let Some((y, m)) = args.next().and_then(|d| {
        let (y, m) = d.split_once('-')?;
        Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?))
    }) {
        doc.date = common::dated("", y, m).date;
    }
    kroniek_actors::link(&mut doc, kroniek_actors::Registry::builtin()?);
    println!("{}", common::describe(&doc));
    Ok(())
}
