//! Prints linking throughput on a synthetic text: `cargo run --release -p kroniek-actors --example speed`.
#[path = "../tests/common/mod.rs"]
mod common;

const SENTENCES: &[&str] = &[
    "De Armeense premier Nikol Pasjinjan zei maandag in Jerevan dat de Russische vredesmacht had gefaald.",
    "Het Kremlin reageerde woedend en woordvoerder Dmitri Peskov noemde de uitspraken onacceptabel.",
    "Volgens het ministerie van Defensie in Bakoe vielen Armeense soldaten een post aan bij de grens.",
    "Hij vroeg de Europese Unie en de Verenigde Staten om steun, maar Moskou waarschuwde voor inmenging.",
    "In de hoofdstad gingen duizenden betogers de straat op tegen de regering van het land.",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let registry = kroniek_actors::Registry::builtin()?;
    for repeats in [100, 1000, 4000] {
        let text = SENTENCES.repeat(repeats).join(" ");
        let mut doc = common::document(&text);
        let tokens = doc.tokens.len();
        let start = std::time::Instant::now();
        kroniek_actors::link(&mut doc, registry);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{tokens} tokens, {} mentions: {:.1} ms, {:.0} tokens/s",
            doc.mentions.len(),
            secs * 1e3,
            tokens as f64 / secs
        );
    }
    Ok(())
}
