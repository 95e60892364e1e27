//! Story events: one real-world event told in several sentences or documents.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use kroniek_model::{Category, Event, Precision};
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

/// What story clustering reads of one event, borrowed from wherever the
/// events are held (whole [`Event`]s, or light rows from a store).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryInput<'e> {
    pub event_id: &'e str,
    pub doc_id: &'e str,
    /// Source actor code: the country or organisation code, else the registry id.
    pub source: Option<&'e str>,
    /// Target actor code, as `source`.
    pub target: Option<&'e str>,
    pub category: Category,
    pub date: Option<&'e str>,
    pub date_precision: Option<Precision>,
    pub negated: bool,
}

impl<'e> StoryInput<'e> {
    pub fn of(e: &'e Event) -> Self {
        StoryInput {
            event_id: &e.event_id,
            doc_id: &e.doc_id,
            source: code(&e.source),
            target: code(&e.target),
            category: e.category,
            date: e.date.as_deref(),
            date_precision: e.date_precision,
            negated: e.negated,
        }
    }
}

/// One story found by [`group_stories`]: indices into its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// The events that tell it, in the order they joined (all share the
    /// source, target and category of the first).
    pub members: Vec<usize>,
    /// The event whose date is the story's date (the most precise one).
    pub date_of: Option<usize>,
}

struct Cluster {
    period: Option<(NaiveDate, NaiveDate)>,
    best_date: Option<(u8, usize)>,
    members: Vec<usize>,
}

fn code(a: &Option<kroniek_model::EventActor>) -> Option<&str> {
    a.as_ref()
        .and_then(|a| a.country.as_deref().or(a.id.as_deref()))
}

/// Day numbers of a period; an undated cluster (`None`) overlaps everything.
fn span_of(period: Option<(NaiveDate, NaiveDate)>) -> (i32, i32) {
    match period {
        Some((a, b)) => (a.num_days_from_ce(), b.num_days_from_ce()),
        None => (i32::MIN, i32::MAX),
    }
}

/// The clusters of one group by creation order, as a segment tree of their
/// periods (smallest first day, largest last day under each node), to find
/// the first cluster whose period overlaps an event's without trying every
/// cluster before it.
struct Periods {
    leaves: usize,
    nodes: Vec<(i32, i32)>,
}

/// A slot without a cluster: overlaps nothing.
const EMPTY: (i32, i32) = (i32::MAX, i32::MIN);

impl Periods {
    fn new(capacity: usize) -> Self {
        let leaves = capacity.max(1).next_power_of_two();
        Periods {
            leaves,
            nodes: vec![EMPTY; 2 * leaves],
        }
    }

    fn set(&mut self, cluster: usize, span: (i32, i32)) {
        let mut n = self.leaves + cluster;
        self.nodes[n] = span;
        while n > 1 {
            n /= 2;
            let (l, r) = (self.nodes[2 * n], self.nodes[2 * n + 1]);
            self.nodes[n] = (l.0.min(r.0), l.1.max(r.1));
        }
    }

    /// The first cluster whose span meets `b0..=b1`.
    fn first_overlap(&self, b0: i32, b1: i32) -> Option<usize> {
        self.search(1, b0, b1)
    }

    fn search(&self, n: usize, b0: i32, b1: i32) -> Option<usize> {
        let (lo, hi) = self.nodes[n];
        if lo > b1 || hi < b0 {
            return None;
        }
        if n >= self.leaves {
            return Some(n - self.leaves);
        }
        self.search(2 * n, b0, b1)
            .or_else(|| self.search(2 * n + 1, b0, b1))
    }
}

/// Groups dyadic, non-negated events with the same dyad and category whose
/// dates are compatible (overlapping periods, or one of them undated).
///
/// Within a group, events are taken dated first, finest first (then by date
/// and id), and each joins the first cluster made so far whose period
/// overlaps its own (an undated event or cluster overlaps any); a cluster's
/// period narrows to the overlap. Stories come by source, target and
/// category, then in the order they were started.
pub fn group_stories(inputs: &[StoryInput<'_>]) -> Vec<Story> {
    type Key<'e> = (&'e str, &'e str, Category);
    let mut groups: HashMap<Key<'_>, Vec<usize>> = HashMap::new();
    for (i, e) in inputs.iter().enumerate() {
        if e.negated {
            continue;
        }
        if let (Some(s), Some(t)) = (e.source, e.target) {
            groups.entry((s, t, e.category)).or_default().push(i);
        }
    }
    let mut groups: Vec<(Key<'_>, Vec<usize>)> = groups.into_iter().collect();
    groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut stories = Vec::new();
    for (_, mut members) in groups {
        // Dated events first, finest first, so undated ones join a settled
        // period; the index keeps equal keys in input order.
        let sort_key = |i: usize| {
            let e = &inputs[i];
            (
                e.date.is_none(),
                precision_rank(e.date_precision),
                e.date,
                e.event_id,
                i,
            )
        };
        members.sort_unstable_by(|&a, &b| sort_key(a).cmp(&sort_key(b)));
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut periods = Periods::new(members.len());
        for i in members {
            let e = &inputs[i];
            let period = e.date.and_then(interval);
            let home = match period {
                _ if clusters.is_empty() => None,
                Some((b0, b1)) => {
                    periods.first_overlap(b0.num_days_from_ce(), b1.num_days_from_ce())
                }
                None => Some(0),
            };
            let rank = precision_rank(e.date_precision);
            match home {
                Some(h) => {
                    let c = &mut clusters[h];
                    let before = c.period;
                    if let (Some((a0, a1)), Some((b0, b1))) = (c.period, period) {
                        c.period = Some((a0.max(b0), a1.min(b1)));
                    } else if c.period.is_none() {
                        c.period = period;
                    }
                    if e.date.is_some() && c.best_date.is_none_or(|(r, _)| rank < r) {
                        c.best_date = Some((rank, i));
                    }
                    c.members.push(i);
                    if c.period != before {
                        periods.set(h, span_of(c.period));
                    }
                }
                None => {
                    periods.set(clusters.len(), span_of(period));
                    clusters.push(Cluster {
                        period,
                        best_date: e.date.map(|_| (rank, i)),
                        members: vec![i],
                    });
                }
            }
        }
        stories.extend(clusters.into_iter().map(|c| Story {
            members: c.members,
            date_of: c.best_date.map(|(_, i)| i),
        }));
    }
    stories
}

/// [`group_stories`] over whole events, with the stories' ids and lists.
pub fn cluster_stories(events: &[Event]) -> Vec<StoryEvent> {
    let inputs: Vec<StoryInput<'_>> = events.iter().map(StoryInput::of).collect();
    group_stories(&inputs)
        .into_iter()
        .map(|story| {
            let first = &inputs[story.members[0]];
            let (source, target) = (first.source.unwrap_or(""), first.target.unwrap_or(""));
            let category = first.category;
            let mut event_ids: Vec<&str> =
                story.members.iter().map(|&i| inputs[i].event_id).collect();
            event_ids.sort_unstable();
            let mut doc_ids: Vec<&str> = story.members.iter().map(|&i| inputs[i].doc_id).collect();
            doc_ids.sort_unstable();
            doc_ids.dedup();
            let date = story.date_of.and_then(|i| inputs[i].date).map(String::from);
            let story_id = format!(
                "{source}>{target}:{category}:{}:{}",
                date.as_deref().unwrap_or("undated"),
                event_ids.first().copied().unwrap_or("")
            );
            StoryEvent {
                story_id,
                source: source.to_string(),
                target: target.to_string(),
                category,
                date,
                num_mentions: story.members.len(),
                num_docs: doc_ids.len(),
                event_ids: event_ids.into_iter().map(String::from).collect(),
                doc_ids: doc_ids.into_iter().map(String::from).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use kroniek_model::{EventActor, Modality, Span};

    use super::*;

    /// The first implementation (a linear scan over the clusters of each
    /// group), kept as the reference the faster one must agree with.
    fn reference(events: &[Event]) -> Vec<StoryEvent> {
        struct Cluster {
            period: Option<(NaiveDate, NaiveDate)>,
            best_date: Option<(u8, String)>,
            members: Vec<usize>,
        }
        fn code(a: &Option<EventActor>) -> Option<String> {
            a.as_ref()
                .and_then(|a| a.country.clone().or_else(|| a.id.clone()))
        }
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

    /// xorshift64*: reproducible inputs without a dependency.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
        }
    }

    fn random_date(rng: &mut Rng) -> Option<String> {
        let year = 2019 + rng.below(3);
        let month = 1 + rng.below(12);
        Some(match rng.below(12) {
            0 => return None,
            1 => format!("{year}"),
            2 => format!("{year}-{month:02}"),
            3 => format!("{year}-W{:02}", 1 + rng.below(53)),
            4 => format!("{year}-Q{}", 1 + rng.below(5)),
            5 => ["SP", "SU", "FA", "AU", "WI"][rng.below(5) as usize].to_string(),
            6 => format!("{year}-{}", ["SP", "SU", "FA", "WI"][rng.below(4) as usize]),
            7 => "onbekend".to_string(),
            8 => format!("{year}-{month:02}-{:02}T12:00", 1 + rng.below(28)),
            _ => format!("{year}-{month:02}-{:02}", 1 + rng.below(31)),
        })
    }

    fn random_actor(rng: &mut Rng) -> Option<EventActor> {
        let codes = ["RUS", "UKR", "ARM", "AZE"];
        let code = codes[rng.below(codes.len() as u64) as usize].to_string();
        match rng.below(8) {
            0 => None,
            1 => Some(EventActor {
                id: Some(format!("person:{}", code.to_lowercase())),
                ..Default::default()
            }),
            2 => Some(EventActor::default()),
            _ => Some(EventActor {
                country: Some(code),
                ..Default::default()
            }),
        }
    }

    fn random_events(rng: &mut Rng, n: usize) -> Vec<Event> {
        let precisions = [
            None,
            Some(Precision::Day),
            Some(Precision::Week),
            Some(Precision::Month),
            Some(Precision::Quarter),
            Some(Precision::Year),
            Some(Precision::Season),
        ];
        let categories = [Category::Assault, Category::Accuse, Category::Consult];
        (0..n)
            .map(|i| {
                let category = categories[rng.below(3) as usize];
                let date = random_date(rng);
                // Mostly the precision the value has, sometimes another one.
                let date_precision = match (&date, rng.below(4)) {
                    (None, _) => None,
                    (Some(_), 0) => precisions[rng.below(7) as usize],
                    (Some(d), _) if d.len() == 4 => Some(Precision::Year),
                    (Some(d), _) if d.len() == 7 && d.contains('W') => None,
                    (Some(d), _) if d.len() == 7 => Some(Precision::Month),
                    (Some(_), _) => Some(Precision::Day),
                };
                Event {
                    // Some ids repeat on purpose.
                    event_id: format!("e{}", rng.below(n as u64 * 2).min(i as u64 + 3)),
                    doc_id: format!("d{}", rng.below(n as u64 / 3 + 1)),
                    sentence_index: 0,
                    sentence: String::new(),
                    span: Span::default(),
                    trigger: String::new(),
                    trigger_span: Span::default(),
                    date,
                    date_precision,
                    date_rule: String::new(),
                    source: random_actor(rng),
                    target: random_actor(rng),
                    category,
                    mode: None,
                    quad_class: category.quad_class(),
                    score: category.score(),
                    negated: rng.below(20) == 0,
                    modality: Modality::Asserted,
                    attribution: None,
                    confidence: 0.5,
                    coder_version: String::new(),
                }
            })
            .collect()
    }

    #[test]
    fn agrees_with_the_linear_scan_on_generated_events() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for round in 0..300 {
            let n = [0, 1, 2, 5, 20, 100, 400][round % 7];
            let events = random_events(&mut rng, n);
            assert_eq!(
                cluster_stories(&events),
                reference(&events),
                "round {round}, {n} events"
            );
        }
    }

    #[test]
    fn agrees_with_the_linear_scan_on_one_busy_dyad() {
        let mut rng = Rng(7);
        let mut events = random_events(&mut rng, 3000);
        for e in &mut events {
            e.source = Some(EventActor {
                country: Some("USA".into()),
                ..Default::default()
            });
            e.target = Some(EventActor {
                country: Some("RUS".into()),
                ..Default::default()
            });
        }
        assert_eq!(cluster_stories(&events), reference(&events));
    }
}
