//! Prints the cleaned text, furniture and sentences of a file:
//! `cargo run -p kroniek-text --example clean_file -- PATH`.
use std::io::Read;

fn main() -> std::io::Result<()> {
    let mut raw = String::new();
    match std::env::args().nth(1) {
        Some(path) => raw = std::fs::read_to_string(path)?,
        None => {
            std::io::stdin().read_to_string(&mut raw)?;
        }
    }
    let cleaned = kroniek_text::clean(&raw);
    println!(
        "title: {:?}\nheader_date: {:?}",
        cleaned.title, cleaned.header_date
    );
    for f in &cleaned.furniture {
        println!("furniture {}: {:?}", f.kind, f.text);
    }
    println!(
        "language: {:?}",
        kroniek_text::identify_language(&cleaned.text)
    );
    let (sentences, tokens) = kroniek_text::segment(&cleaned.text);
    for s in &sentences {
        println!("S| {}", s.span.slice(&cleaned.text));
    }
    println!("{} sentences, {} tokens", sentences.len(), tokens.len());
    Ok(())
}
