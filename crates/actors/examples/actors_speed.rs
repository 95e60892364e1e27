//! Prints linking throughput on a synthetic text (sentences written for this
//! example, no NER input): `cargo run --release -p kroniek-actors --example actors_speed`.
#[path = "../tests/common/mod.rs"]
mod common;

const SENTENCES: &[&str] = &[
    "De Armeense premier Nikol Pasjinjan zei maandag in Jerevan dat de Russische vredesmacht had gefaald.",
    "Het Kremlin reageerde woedend en woordvoerder Dmitri Peskov noemde de uitspraken onacceptabel.",
    "Volgens het ministerie van Defensie in Bakoe vielen Armeense soldaten een post aan bij de grens.",
    "Hij vroeg de Europese Unie en de Verenigde Staten om steun, maar Moskou waarschuwde voor inmenging.",
    "In de hoofdstad gingen duizenden betogers de straat op tegen de regering van het land.",
    "De economie groeide vorig jaar met twee procent, maar de inflatie bleef hoog en de lonen stegen nauwelijks.",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let registry = kroniek_actors::Registry::builtin()?;
    for (repeats, rounds) in [(20, 500), (200, 50), (2000, 5)] {
        let text = SENTENCES.repeat(repeats).join(" ");
        let doc = common::document(&text);
        let tokens = doc.tokens.len() * rounds;
        let mut secs = 0.0;
        let mut mentions = 0;
        for _ in 0..rounds {
            let mut copy = doc.clone();
            let start = std::time::Instant::now();
            kroniek_actors::link(&mut copy, registry);
            secs += start.elapsed().as_secs_f64();
            mentions += copy.mentions.len();
        }
        println!(
            "{} tokens a document, {rounds} rounds, {} mentions a document: {:.0} tokens/s",
            doc.tokens.len(),
            mentions / rounds,
            tokens as f64 / secs
        );
    }
    Ok(())
}
