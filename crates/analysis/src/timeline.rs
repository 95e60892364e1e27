//! Dyad timelines: what two actors did to each other, period by period.
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use kroniek_model::{Event, QuadClass};
use serde::{Deserialize, Serialize};

use crate::period::{Period, PeriodUnit, date_interval};
use crate::points::{ActorRef, EventPoint};
use crate::shifts::{ShiftOptions, detect_shifts};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineOptions {
    pub by: PeriodUnit,
    /// Only events with A as source and B as target (default: both ways).
    pub directed: bool,
    /// Inclusive bounds (`YYYY[-MM[-DD]]`); an event counts when its date
    /// interval overlaps them.
    pub from: Option<String>,
    pub to: Option<String>,
    /// How many evidence sentences each period shows.
    pub evidence_per_period: usize,
    /// How many events each shift names as its drivers.
    pub drivers_per_shift: usize,
    pub shifts: ShiftOptions,
}

impl Default for TimelineOptions {
    fn default() -> Self {
        TimelineOptions {
            by: PeriodUnit::Month,
            directed: false,
            from: None,
            to: None,
            evidence_per_period: 3,
            drivers_per_shift: 5,
            shifts: ShiftOptions::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub a: String,
    pub b: String,
    pub by: PeriodUnit,
    pub directed: bool,
    /// Every period from the first with events to the last, empty ones
    /// included (`events` 0, `score_mean` null).
    pub periods: Vec<PeriodSummary>,
    pub shifts: Vec<Shift>,
    /// Events without a date.
    pub undated: EventList,
    /// Dated events whose date spans more than one period (a year-precise
    /// date in a monthly timeline): counted here, not guessed into a period.
    pub imprecise: EventList,
    /// Negated events (`did not sign`): left out of every count above.
    pub negated: EventList,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodSummary {
    pub period: String,
    /// First day of the period.
    pub start: String,
    pub events: u64,
    pub docs: u64,
    /// Event counts for each of the four quad classes.
    pub by_quad: BTreeMap<String, u64>,
    pub score_sum: f64,
    pub score_mean: Option<f64>,
    pub top_evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub event_id: String,
    pub doc_id: String,
    pub date: Option<String>,
    pub category: String,
    pub score: f64,
    pub source: Option<String>,
    pub target: Option<String>,
    pub sentence: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventList {
    pub events: u64,
    pub event_ids: Vec<String>,
}

impl EventList {
    pub(crate) fn push(&mut self, id: &str) {
        self.events += 1;
        self.event_ids.push(id.to_string());
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shift {
    /// First period of the new regime.
    pub period: String,
    pub before_mean: f64,
    pub after_mean: f64,
    /// Events next to the boundary whose scores most support the change.
    pub drivers: Vec<String>,
}

/// The timeline of events between actors `a` and `b` (registry ids or
/// country/organisation codes).
pub fn timeline(events: &[Event], a: &str, b: &str, opts: &TimelineOptions) -> Timeline {
    let points: Vec<EventPoint> = events.iter().map(EventPoint::from).collect();
    timeline_from_points(&points, a, b, opts)
}

fn involves(p: &EventPoint, a: &str, b: &str, directed: bool) -> bool {
    let is = |actor: &Option<ActorRef>, key: &str| actor.as_ref().is_some_and(|x| x.is(key));
    (is(&p.source, a) && is(&p.target, b)) || (!directed && is(&p.source, b) && is(&p.target, a))
}

/// [`timeline`] over [`EventPoint`]s; events not between `a` and `b` are ignored.
pub fn timeline_from_points(
    points: &[EventPoint],
    a: &str,
    b: &str,
    opts: &TimelineOptions,
) -> Timeline {
    let bound = |v: &Option<String>, end: bool| {
        v.as_deref()
            .and_then(date_interval)
            .map(|(s, e)| if end { e } else { s })
    };
    let (from, to) = (bound(&opts.from, false), bound(&opts.to, true));
    let mut timeline = Timeline {
        a: a.to_string(),
        b: b.to_string(),
        by: opts.by,
        directed: opts.directed,
        periods: Vec::new(),
        shifts: Vec::new(),
        undated: EventList::default(),
        imprecise: EventList::default(),
        negated: EventList::default(),
    };
    let mut placed: BTreeMap<Period, Vec<(NaiveDate, &EventPoint)>> = BTreeMap::new();
    for p in points.iter().filter(|p| involves(p, a, b, opts.directed)) {
        let interval = p.date.as_deref().and_then(date_interval);
        if let Some((begin, end)) = interval
            && (from.is_some_and(|f| end < f) || to.is_some_and(|t| begin > t))
        {
            continue;
        }
        if p.negated {
            timeline.negated.push(&p.event_id);
            continue;
        }
        let Some((begin, end)) = interval else {
            timeline.undated.push(&p.event_id);
            continue;
        };
        let period = opts.by.period_of(begin);
        if opts.by.period_of(end) != period {
            timeline.imprecise.push(&p.event_id);
            continue;
        }
        placed.entry(period).or_default().push((begin, p));
    }
    let (Some(first), Some(last)) = (
        placed.keys().next().copied(),
        placed.keys().next_back().copied(),
    ) else {
        return timeline;
    };
    let mut score_groups = Vec::new();
    let mut members_by_period: Vec<Vec<&EventPoint>> = Vec::new();
    for index in first.index..=last.index {
        let period = Period {
            unit: opts.by,
            index,
        };
        let mut members = placed.remove(&period).unwrap_or_default();
        members.sort_by(|x, y| x.0.cmp(&y.0).then_with(|| x.1.event_id.cmp(&y.1.event_id)));
        score_groups.push(
            members
                .iter()
                .map(|(_, p)| f64::from(p.score))
                .collect::<Vec<_>>(),
        );
        timeline
            .periods
            .push(summarise(period, &members, opts.evidence_per_period));
        members_by_period.push(members.into_iter().map(|(_, p)| p).collect());
    }
    timeline.shifts = detect_shifts(&score_groups, &opts.shifts)
        .into_iter()
        .filter_map(|c| {
            let after = timeline.periods.get(c.group)?;
            let before_group = (0..c.group).rev().find(|&g| !score_groups[g].is_empty())?;
            let drivers = drivers(
                &members_by_period[before_group],
                &members_by_period[c.group],
                c.before_mean,
                c.after_mean,
                opts.drivers_per_shift,
            );
            Some(Shift {
                period: after.period.clone(),
                before_mean: c.before_mean,
                after_mean: c.after_mean,
                drivers,
            })
        })
        .collect();
    timeline
}

fn summarise(
    period: Period,
    members: &[(NaiveDate, &EventPoint)],
    evidence: usize,
) -> PeriodSummary {
    let mut by_quad: BTreeMap<String, u64> = QuadClass::ALL
        .iter()
        .map(|q| (q.as_str().to_string(), 0))
        .collect();
    let mut docs = BTreeSet::new();
    let mut score_sum = 0.0;
    for (_, p) in members {
        *by_quad
            .entry(p.quad_class.as_str().to_string())
            .or_default() += 1;
        docs.insert(p.doc_id.as_str());
        score_sum += f64::from(p.score);
    }
    let mut strongest: Vec<&EventPoint> = members.iter().map(|(_, p)| *p).collect();
    strongest.sort_by(|x, y| {
        y.score
            .abs()
            .total_cmp(&x.score.abs())
            .then_with(|| x.event_id.cmp(&y.event_id))
    });
    let code = |a: &Option<ActorRef>| {
        a.as_ref()
            .and_then(|a| a.code.clone().or_else(|| a.id.clone()))
    };
    PeriodSummary {
        period: period.key(),
        start: period
            .start()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        events: members.len() as u64,
        docs: docs.len() as u64,
        by_quad,
        score_sum,
        score_mean: (!members.is_empty()).then(|| score_sum / members.len() as f64),
        top_evidence: strongest
            .into_iter()
            .take(evidence)
            .map(|p| Evidence {
                event_id: p.event_id.clone(),
                doc_id: p.doc_id.clone(),
                date: p.date.clone(),
                category: p.category.as_str().to_string(),
                score: f64::from(p.score),
                source: code(&p.source),
                target: code(&p.target),
                sentence: p.sentence.clone(),
            })
            .collect(),
    }
}

/// The events of the last old-regime period and the first new-regime period
/// whose scores lie furthest from the other regime's mean, in the direction
/// of the change.
fn drivers(
    before: &[&EventPoint],
    after: &[&EventPoint],
    before_mean: f64,
    after_mean: f64,
    limit: usize,
) -> Vec<String> {
    let direction = (after_mean - before_mean).signum();
    let mut support: Vec<(f64, &str)> = Vec::new();
    for e in after {
        support.push((direction * (f64::from(e.score) - before_mean), &e.event_id));
    }
    for e in before {
        support.push((direction * (after_mean - f64::from(e.score)), &e.event_id));
    }
    support.retain(|(s, _)| *s > 0.0);
    support.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(y.1)));
    support
        .into_iter()
        .take(limit)
        .map(|(_, id)| id.to_string())
        .collect()
}
