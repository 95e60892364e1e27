//! Story events: one real-world event told in several sentences or documents.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kroniek_model::{Category, Event};
use serde::{Deserialize, Serialize};

use crate::dates::{interval, precision_rank};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryEvent {
    pub story_id: String,
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    pub category: Category,
    /// The most precise date among the mentions.
    pub date: Option<String>,
    pub num_mentions: usize,
    pub num_docs: usize,
    pub event_ids: Vec<String>,
    pub doc_ids: Vec<String>,
}

struct Cluster {
    period: Option<(NaiveDate, NaiveDate)>,
    best_date: Option<(u8, String)>,
    members: Vec<usize>,
}

fn code(a: &Option<kroniek_model::EventActor>) -> Option<String> {
    a.as_ref()
        .and_then(|a| a.country.clone().or_else(|| a.id.clone()))
}

/// Groups dyadic, non-negated events with the same dyad and category whose
/// dates are compatible (overlapping periods, or one of them undated).
pub fn cluster_stories(events: &[Event]) -> Vec<StoryEvent> {
    type Key = (String, String, Category);
    let mut groups: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, e) in events.iter().enumerate() {
        if e.negated {
            continue;
        }
        if let (Some(s), Some(t)) = (code(&e.source), code(&e.target)) {
            groups.entry((s, t, e.category)).or_default().push(i);
        }
    }
    let mut stories = Vec::new();
    for ((source, target, category), mut members) in groups {
        // Dated events first, finest first, so undated ones join a settled period.
        members.sort_by_key(|&i| {
            let e = &events[i];
            (
                e.date.is_none(),
                precision_rank(e.date_precision),
                e.date.clone(),
                e.event_id.clone(),
            )
        });
        let mut clusters: Vec<Cluster> = Vec::new();
        for i in members {
            let e = &events[i];
            let period = e.date.as_deref().and_then(interval);
            let home = clusters.iter_mut().find(|c| match (c.period, period) {
                (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
                _ => true,
            });
            let rank = precision_rank(e.date_precision);
            match home {
                Some(c) => {
                    if let (Some((a0, a1)), Some((b0, b1))) = (c.period, period) {
                        c.period = Some((a0.max(b0), a1.min(b1)));
                    } else if c.period.is_none() {
                        c.period = period;
                    }
                    if let Some(d) = &e.date
                        && c.best_date.as_ref().is_none_or(|(r, _)| rank < *r)
                    {
                        c.best_date = Some((rank, d.clone()));
                    }
                    c.members.push(i);
                }
                None => clusters.push(Cluster {
                    period,
                    best_date: e.date.clone().map(|d| (rank, d)),
                    members: vec![i],
                }),
            }
        }
        for c in clusters {
            let mut event_ids: Vec<String> = c
                .members
                .iter()
                .map(|&i| events[i].event_id.clone())
                .collect();
            event_ids.sort();
            let mut doc_ids: Vec<String> = c
                .members
                .iter()
                .map(|&i| events[i].doc_id.clone())
                .collect();
            doc_ids.sort();
            doc_ids.dedup();
            let date = c.best_date.map(|(_, d)| d);
            let story_id = format!(
                "{source}>{target}:{category}:{}:{}",
                date.as_deref().unwrap_or("undated"),
                event_ids.first().map(String::as_str).unwrap_or("")
            );
            stories.push(StoryEvent {
                story_id,
                source: source.clone(),
                target: target.clone(),
                category,
                date,
                num_mentions: c.members.len(),
                num_docs: doc_ids.len(),
                event_ids,
                doc_ids,
            });
        }
    }
    stories
}
