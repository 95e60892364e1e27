//! Quick throughput check of given model files on a CoNLL-U file's sentences
//! (the divan bench measures the built-in models).
use std::time::Instant;

use kroniek_nlp::{Models, parse_conllu};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(tagger), Some(parser)) = (args.first(), args.get(1), args.get(2)) else {
        return Err("usage: speed FILE.conllu TAGGER.bin PARSER.bin".into());
    };
    let gold = parse_conllu(&std::fs::read_to_string(path)?)?;
    let models = Models::from_bytes(&std::fs::read(tagger)?, &std::fs::read(parser)?)?;
    let forms: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let tokens: usize = forms.iter().map(Vec::len).sum();
    for (name, full) in [("tagger", false), ("tagger+lemmatiser+parser", true)] {
        let mut best = f64::MAX;
        let mut best_cpu = f64::MAX;
        for _ in 0..3 {
            let cpu = cpu_seconds();
            let start = Instant::now();
            for s in forms.iter().cycle().take(forms.len() * 10) {
                if full {
                    std::hint::black_box(models.annotate_tokens(s));
                } else {
                    std::hint::black_box(models.tag(s));
                }
            }
            best = best.min(start.elapsed().as_secs_f64());
            best_cpu = best_cpu.min(cpu_seconds() - cpu);
        }
        println!(
            "{name}: {:.0} tokens/s wall, {:.0} tokens/s of CPU time",
            10.0 * tokens as f64 / best,
            10.0 * tokens as f64 / best_cpu.max(0.01)
        );
    }
    Ok(())
}

/// User + system CPU time of this process (Linux), to see through a busy machine.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}
