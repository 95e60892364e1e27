//! `kroniek dates`: estimated periods for undated documents, from the dated
//! documents whose words and actors they share. An estimate is never a
//! document date: nothing is written to the store.
use anyhow::Result;
use kroniek_analysis::{DateEstimate, DatingInput, DatingOptions, estimate_periods};
use kroniek_model::Document;
use kroniek_store::{DocFilter, Store};

#[derive(Debug, clap::Args)]
pub struct DatesArgs {
    #[arg(long)]
    pub json: bool,
    /// Lowest lead (nats per feature) of the best period over the runner-up.
    #[arg(long, default_value_t = DatingOptions::default().min_margin)]
    pub min_margin: f64,
}

pub fn run(store: &dyn Store, args: DatesArgs) -> Result<u8> {
    let opts = DatingOptions {
        min_margin: args.min_margin,
        ..DatingOptions::default()
    };
    let estimates = estimates(store, &opts)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&estimates)?);
    } else {
        print_table(&estimates);
    }
    Ok(0)
}

/// Estimates for every undated document of the store. Reads every stored
/// document's annotations: fine for thousands of documents; a large archive
/// would keep the period models as a table updated by ingest.
pub fn estimates(store: &dyn Store, opts: &DatingOptions) -> Result<Vec<DateEstimate>> {
    let summaries = store.documents(&DocFilter::default())?;
    let mut inputs = Vec::with_capacity(summaries.len());
    for s in &summaries {
        let Some(doc) = store.document(&s.id)? else {
            continue;
        };
        inputs.push(DatingInput {
            id: s.id.clone(),
            period: s.date.as_deref().map(month_or_year),
            features: features(&doc),
        });
    }
    Ok(estimate_periods(&inputs, opts))
}

/// `2023-10-05` → `2023-10`; `2023` stays a year.
fn month_or_year(date: &str) -> String {
    date.get(..7)
        .filter(|m| m.as_bytes().get(4) == Some(&b'-'))
        .unwrap_or_else(|| date.get(..4).unwrap_or(date))
        .to_string()
}

/// Content lemmas (nouns, names, adjectives, verbs) and linked actor ids,
/// which merge the spellings of one name (`Pasjinjan`, `Pashinyan`).
fn features(doc: &Document) -> Vec<String> {
    let words = doc.tokens.iter().filter_map(|t| {
        if !matches!(t.upos.as_str(), "NOUN" | "PROPN" | "ADJ" | "VERB") {
            return None;
        }
        let lemma = t.full_lemma.as_deref().unwrap_or(&t.lemma).to_lowercase();
        (lemma.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(lemma)
    });
    let actors = doc
        .mentions
        .iter()
        .filter_map(|m| m.actor_id.as_ref().map(|id| format!("@{id}")));
    words.chain(actors).collect()
}

fn print_table(estimates: &[DateEstimate]) {
    if estimates.is_empty() {
        println!("every document has a date");
        return;
    }
    println!(
        "Estimated periods of undated documents (from similar dated documents; not publication dates)"
    );
    for e in estimates {
        match &e.period {
            Some(p) => {
                let lead = e.runner_up.as_ref().map_or(String::new(), |(r, s)| {
                    format!(", {:.3} ahead of {r}", e.score - s)
                });
                println!("{}  ~{p}{lead}", e.doc_id);
                println!("    like: {}", e.basis.join(", "));
            }
            None => println!(
                "{}  no estimate: {}",
                e.doc_id,
                e.reason.as_deref().unwrap_or("-")
            ),
        }
        if !e.shared.is_empty() {
            println!("    shared: {}", e.shared.join(", "));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::month_or_year;

    #[test]
    fn periods_are_months_or_years() {
        assert_eq!(month_or_year("2023-10-05"), "2023-10");
        assert_eq!(month_or_year("2023-10"), "2023-10");
        assert_eq!(month_or_year("2023"), "2023");
    }
}
