//! Date estimates for undated documents from the dated ones (temporal
//! language models: de Jong, Rode & Hiemstra 2005; Kanhabua & Nørvåg 2008).
//!
//! Each period (a month, or a year for year-precise documents) gets a
//! unigram model of the features of the documents dated in it; the whole
//! dated collection is the background. An undated document scores against
//! every period with the normalised log-likelihood ratio
//!
//! `NLLR(d, p) = Σ_w P(w|d) · ln( ((1−λ)·P(w|p) + λ·P(w|C)) / P(w|C) )`
//!
//! so words typical of a period pull towards it and words the period lacks
//! pull away; words no dated document has are ignored. The best period is
//! an *estimate*, never a document date: it is reported only when it beats
//! the runner-up by [`DatingOptions::min_margin`] and the document shares
//! enough distinctive features with it, and callers must show it as
//! estimated. Features are the caller's choice (content lemmas and linked
//! actor ids work well: actor ids merge spelling variants of one name).
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

/// One document as the estimator sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct DatingInput {
    pub id: String,
    /// `YYYY-MM` or `YYYY` for dated documents; `None` for undated ones.
    pub period: Option<String>,
    pub features: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatingOptions {
    /// Weight of the background model in the smoothed period model.
    pub lambda: f64,
    /// Lowest NLLR lead of the best period over the runner-up.
    pub min_margin: f64,
    /// Fewest distinct features the document must share with the period
    /// that occur in no more than half of the dated periods.
    pub min_shared: usize,
}

impl Default for DatingOptions {
    fn default() -> Self {
        DatingOptions {
            lambda: 0.5,
            min_margin: 0.05,
            min_shared: 5,
        }
    }
}

/// The estimate for one undated document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateEstimate {
    pub doc_id: String,
    /// The estimated period; `None` when no period is clearly best.
    pub period: Option<String>,
    /// NLLR of the best period (nats per feature).
    pub score: f64,
    /// The second-best period and its NLLR.
    pub runner_up: Option<(String, f64)>,
    /// Dated documents of the estimated period.
    pub basis: Vec<String>,
    /// The shared features that pull hardest towards the period, strongest first.
    pub shared: Vec<String>,
    /// Why there is no estimate, when there is none.
    pub reason: Option<String>,
}

/// A period, its NLLR and the shared distinctive features pulling towards it.
type Scored<'a> = (&'a str, f64, Vec<(f64, &'a str)>);

struct PeriodModel {
    counts: HashMap<String, f64>,
    total: f64,
    docs: Vec<String>,
}

/// Estimates a period for every undated document (in input order).
/// Needs dated documents in at least two periods; otherwise every estimate
/// is empty with a reason.
pub fn estimate_periods(docs: &[DatingInput], opts: &DatingOptions) -> Vec<DateEstimate> {
    let mut periods: BTreeMap<&str, PeriodModel> = BTreeMap::new();
    let mut background: HashMap<&str, f64> = HashMap::new();
    let mut background_total = 0.0;
    for d in docs {
        let Some(p) = d.period.as_deref() else {
            continue;
        };
        let model = periods.entry(p).or_insert_with(|| PeriodModel {
            counts: HashMap::new(),
            total: 0.0,
            docs: Vec::new(),
        });
        model.docs.push(d.id.clone());
        for f in &d.features {
            *model.counts.entry(f.clone()).or_default() += 1.0;
            model.total += 1.0;
            *background.entry(f.as_str()).or_default() += 1.0;
            background_total += 1.0;
        }
    }
    // In how many periods each feature occurs: the distinctive ones occur in few.
    let mut spread: HashMap<&str, usize> = HashMap::new();
    for model in periods.values() {
        for f in model.counts.keys() {
            *spread.entry(f.as_str()).or_default() += 1;
        }
    }
    let lambda = opts.lambda.clamp(1e-6, 1.0);
    docs.iter()
        .filter(|d| d.period.is_none())
        .map(|d| {
            let empty = |reason: &str| DateEstimate {
                doc_id: d.id.clone(),
                period: None,
                score: 0.0,
                runner_up: None,
                basis: Vec::new(),
                shared: Vec::new(),
                reason: Some(reason.to_string()),
            };
            if periods.len() < 2 {
                return empty("fewer than two periods with dated documents");
            }
            let mut own: HashMap<&str, f64> = HashMap::new();
            for f in &d.features {
                if background.contains_key(f.as_str()) {
                    *own.entry(f.as_str()).or_default() += 1.0;
                }
            }
            let own_total: f64 = own.values().sum();
            if own_total == 0.0 {
                return empty("no feature in common with any dated document");
            }
            let mut scored: Vec<Scored> = periods
                .iter()
                .filter(|(_, m)| m.total > 0.0)
                .map(|(p, m)| {
                    let mut pulls = Vec::new();
                    let mut score = 0.0;
                    for (&f, &n) in &own {
                        let pc = background[f] / background_total;
                        let pp = m.counts.get(f).copied().unwrap_or(0.0) / m.total;
                        let term =
                            (n / own_total) * (((1.0 - lambda) * pp + lambda * pc) / pc).ln();
                        score += term;
                        if pp > 0.0 && spread.get(f).copied().unwrap_or(0) * 2 <= periods.len() {
                            pulls.push((term, f));
                        }
                    }
                    pulls.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
                    (*p, score, pulls)
                })
                .collect();
            scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
            let (best, score, pulls) = &scored[0];
            let runner_up = scored.get(1).map(|(p, s, _)| (p.to_string(), *s));
            let margin = runner_up.as_ref().map_or(f64::INFINITY, |r| score - r.1);
            let shared: Vec<String> = pulls.iter().take(12).map(|(_, f)| f.to_string()).collect();
            let reason = if margin < opts.min_margin {
                Some(format!(
                    "no clear period: {best} leads the runner-up by {margin:.3} (needs {:.3})",
                    opts.min_margin
                ))
            } else if pulls.len() < opts.min_shared {
                Some(format!(
                    "only {} distinctive features shared with {best} (needs {})",
                    pulls.len(),
                    opts.min_shared
                ))
            } else {
                None
            };
            DateEstimate {
                doc_id: d.id.clone(),
                period: reason.is_none().then(|| best.to_string()),
                score: *score,
                runner_up,
                basis: periods
                    .get(best)
                    .map(|m| m.docs.clone())
                    .unwrap_or_default(),
                shared,
                reason,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, period: Option<&str>, text: &str) -> DatingInput {
        DatingInput {
            id: id.into(),
            period: period.map(str::to_string),
            features: text.split_whitespace().map(str::to_string).collect(),
        }
    }

    fn corpus() -> Vec<DatingInput> {
        vec![
            doc(
                "a",
                Some("2019-05"),
                "verkiezing parlement stembus kandidaat debat regering coalitie campagne",
            ),
            doc(
                "b",
                Some("2019-05"),
                "campagne kandidaat debat peiling stembus regering partij",
            ),
            doc(
                "c",
                Some("2021-11"),
                "overstroming dijk rivier evacuatie regen water regering hulp",
            ),
            doc(
                "d",
                Some("2021-11"),
                "water dijk rivier schade evacuatie hulp herstel",
            ),
        ]
    }

    #[test]
    fn an_undated_story_lands_in_the_period_of_its_topic() {
        let mut docs = corpus();
        docs.push(doc(
            "u",
            None,
            "de rivier trad buiten haar oevers dijk evacuatie water schade hulp regering",
        ));
        let est = estimate_periods(&docs, &DatingOptions::default());
        assert_eq!(est.len(), 1);
        assert_eq!(est[0].period.as_deref(), Some("2021-11"), "{est:?}");
        assert_eq!(est[0].basis, vec!["c".to_string(), "d".to_string()]);
        assert!(est[0].shared.iter().any(|f| f == "dijk"));
        assert!(
            !est[0].shared.iter().any(|f| f == "regering"),
            "in every period"
        );
    }

    #[test]
    fn an_unrelated_or_mixed_document_gets_no_estimate() {
        let mut docs = corpus();
        docs.push(doc(
            "off",
            None,
            "voetbal doelpunt wedstrijd trainer regering",
        ));
        docs.push(doc("mixed", None, "campagne kandidaat dijk rivier"));
        let est = estimate_periods(&docs, &DatingOptions::default());
        for e in &est {
            assert!(e.period.is_none(), "{e:?}");
            assert!(e.reason.is_some());
        }
    }

    #[test]
    fn one_period_is_not_enough() {
        let docs = vec![
            doc("a", Some("2019-05"), "campagne kandidaat"),
            doc("u", None, "campagne kandidaat"),
        ];
        let est = estimate_periods(&docs, &DatingOptions::default());
        assert!(est[0].period.is_none());
    }
}
