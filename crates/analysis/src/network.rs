//! The actor network: who acted on whom, how often, how cooperatively.
use std::collections::{BTreeMap, BTreeSet};

use kroniek_model::Event;
use serde::{Deserialize, Serialize};

use crate::period::date_interval;
use crate::points::{ActorRef, EventPoint};
use crate::timeline::EventList;

/// Which key makes a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorLevel {
    /// Country or organisation code (RUS, ARM, CSTO); registry id when an
    /// actor has no code.
    #[default]
    Country,
    /// Registry id (a person, a ministry); code when an actor has no id.
    Actor,
}

impl ActorLevel {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "country" => Some(ActorLevel::Country),
            "actor" => Some(ActorLevel::Actor),
            _ => None,
        }
    }

    pub fn key_of(self, a: &ActorRef) -> Option<&str> {
        match self {
            ActorLevel::Country => a.code.as_deref().or(a.id.as_deref()),
            ActorLevel::Actor => a.id.as_deref().or(a.code.as_deref()),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkOptions {
    pub level: ActorLevel,
    /// Inclusive bounds (`YYYY[-MM[-DD]]`) on the event date interval.
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub name: Option<String>,
    /// Number of distinct other actors it has an edge with, either direction.
    pub degree: u64,
    /// Events it takes part in (as source or target).
    pub events: u64,
    pub as_source: u64,
    pub as_target: u64,
}

/// Directed: `source` acted on `target`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub events: u64,
    /// Sum of the positive PLOVER scores.
    pub cooperation: f64,
    /// Sum of the absolute values of the negative PLOVER scores.
    pub conflict: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub level: ActorLevel,
    pub from: Option<String>,
    pub to: Option<String>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Events without a date: not in the graph (they cannot be placed in
    /// any period), counted and listed here.
    pub undated: EventList,
    /// Negated events, left out of the graph.
    pub negated: EventList,
    /// Events with a source but no target (or the reverse): counted on the
    /// node, no edge.
    pub one_sided: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorDegree {
    pub id: String,
    pub name: Option<String>,
    pub degree: u64,
    pub events: u64,
}

#[derive(Default)]
struct NodeTally {
    name: Option<String>,
    as_source: u64,
    as_target: u64,
}

#[derive(Default)]
struct EdgeTally {
    events: u64,
    cooperation: f64,
    conflict: f64,
}

/// Builds a [`Network`] from events or from pre-aggregated edges (a store's
/// GROUP BY), so large stores need not hand over every event.
#[derive(Default)]
pub struct NetworkBuilder {
    opts: NetworkOptions,
    /// The date bounds, parsed once.
    first_day: Option<chrono::NaiveDate>,
    last_day: Option<chrono::NaiveDate>,
    nodes: BTreeMap<String, NodeTally>,
    /// source → target → tally (nested so lookups need no allocation).
    edges: BTreeMap<String, BTreeMap<String, EdgeTally>>,
    undated: EventList,
    negated: EventList,
    one_sided: u64,
}

impl NetworkBuilder {
    pub fn new(opts: &NetworkOptions) -> Self {
        NetworkBuilder {
            opts: opts.clone(),
            first_day: opts.from.as_deref().and_then(date_interval).map(|d| d.0),
            last_day: opts.to.as_deref().and_then(date_interval).map(|d| d.1),
            ..Default::default()
        }
    }

    /// Add `events` events from `source` to `target` with these score sums.
    pub fn add_edge(
        &mut self,
        source: &str,
        target: &str,
        events: u64,
        cooperation: f64,
        conflict: f64,
    ) {
        if let Some(node) = self.node(source) {
            node.as_source += events;
        }
        if let Some(node) = self.node(target) {
            node.as_target += events;
        }
        if !self.edges.contains_key(source) {
            self.edges.insert(source.to_string(), BTreeMap::new());
        }
        let Some(targets) = self.edges.get_mut(source) else {
            return;
        };
        if !targets.contains_key(target) {
            targets.insert(target.to_string(), EdgeTally::default());
        }
        let Some(edge) = targets.get_mut(target) else {
            return;
        };
        edge.events += events;
        edge.cooperation += cooperation;
        edge.conflict += conflict;
    }

    fn node(&mut self, key: &str) -> Option<&mut NodeTally> {
        if !self.nodes.contains_key(key) {
            self.nodes.insert(key.to_string(), NodeTally::default());
        }
        self.nodes.get_mut(key)
    }

    /// Events with only one actor known: counted on that actor.
    pub fn add_one_sided(&mut self, actor: &str, as_source: bool, events: u64) {
        if let Some(node) = self.node(actor) {
            if as_source {
                node.as_source += events;
            } else {
                node.as_target += events;
            }
        }
        self.one_sided += events;
    }

    /// Give a node its display name (the first one given wins).
    pub fn name(&mut self, actor: &str, name: &str) {
        if let Some(node) = self.nodes.get_mut(actor)
            && node.name.is_none()
        {
            node.name = Some(name.to_string());
        }
    }

    pub fn add_undated(&mut self, event_id: &str) {
        self.undated.push(event_id);
    }

    pub fn add_negated(&mut self, event_id: &str) {
        self.negated.push(event_id);
    }

    /// Add one event, applying the date bounds and the negation rule.
    pub fn add_point(&mut self, p: &EventPoint) {
        let interval = p.date.as_deref().and_then(date_interval);
        if let Some((begin, end)) = interval
            && (self.first_day.is_some_and(|f| end < f) || self.last_day.is_some_and(|t| begin > t))
        {
            return;
        }
        if p.negated {
            self.add_negated(&p.event_id);
            return;
        }
        if interval.is_none() {
            self.add_undated(&p.event_id);
            return;
        }
        let level = self.opts.level;
        fn key(level: ActorLevel, a: &Option<ActorRef>) -> Option<(&str, &ActorRef)> {
            a.as_ref().and_then(|a| level.key_of(a).map(|k| (k, a)))
        }
        let score = f64::from(p.score);
        match (key(level, &p.source), key(level, &p.target)) {
            (Some((s, sa)), Some((t, ta))) => {
                self.add_edge(s, t, 1, score.max(0.0), (-score).max(0.0));
                self.name_from(s, sa);
                self.name_from(t, ta);
            }
            (Some((s, sa)), None) => {
                self.add_one_sided(s, true, 1);
                self.name_from(s, sa);
            }
            (None, Some((t, ta))) => {
                self.add_one_sided(t, false, 1);
                self.name_from(t, ta);
            }
            (None, None) => {}
        }
    }

    fn name_from(&mut self, key: &str, actor: &ActorRef) {
        // A country-level node is named after the country, not after
        // whichever minister of it happened to come first.
        let named_by_key = match self.opts.level {
            ActorLevel::Country => actor.code.is_none() || actor.id == actor.code,
            ActorLevel::Actor => actor.id.is_some(),
        };
        if named_by_key && let Some(name) = &actor.name {
            self.name(key, name);
        }
    }

    pub fn finish(self) -> Network {
        let mut neighbours: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (s, t) in self
            .edges
            .iter()
            .flat_map(|(s, targets)| targets.keys().map(move |t| (s, t)))
        {
            if s != t {
                neighbours.entry(s).or_default().insert(t);
                neighbours.entry(t).or_default().insert(s);
            }
        }
        let nodes = self
            .nodes
            .iter()
            .map(|(id, n)| Node {
                id: id.clone(),
                name: n.name.clone(),
                degree: neighbours.get(id.as_str()).map_or(0, |s| s.len() as u64),
                events: n.as_source + n.as_target,
                as_source: n.as_source,
                as_target: n.as_target,
            })
            .collect();
        let edges = self
            .edges
            .iter()
            .flat_map(|(s, targets)| targets.iter().map(move |(t, e)| (s, t, e)))
            .map(|(s, t, e)| Edge {
                source: s.clone(),
                target: t.clone(),
                events: e.events,
                cooperation: e.cooperation,
                conflict: e.conflict,
            })
            .collect();
        Network {
            level: self.opts.level,
            from: self.opts.from,
            to: self.opts.to,
            nodes,
            edges,
            undated: self.undated,
            negated: self.negated,
            one_sided: self.one_sided,
        }
    }
}

/// The actor network of `events`.
pub fn network(events: &[Event], opts: &NetworkOptions) -> Network {
    let mut builder = NetworkBuilder::new(opts);
    for e in events {
        builder.add_point(&EventPoint::from(e));
    }
    builder.finish()
}

/// [`network`] over [`EventPoint`]s.
pub fn network_from_points(points: &[EventPoint], opts: &NetworkOptions) -> Network {
    let mut builder = NetworkBuilder::new(opts);
    for p in points {
        builder.add_point(p);
    }
    builder.finish()
}

/// The `n` actors with the most distinct partners (ties: more events first,
/// then by id).
pub fn top_actors_by_degree(network: &Network, n: usize) -> Vec<ActorDegree> {
    let mut nodes: Vec<&Node> = network.nodes.iter().collect();
    nodes.sort_by(|a, b| {
        b.degree
            .cmp(&a.degree)
            .then(b.events.cmp(&a.events))
            .then_with(|| a.id.cmp(&b.id))
    });
    nodes
        .into_iter()
        .take(n)
        .map(|node| ActorDegree {
            id: node.id.clone(),
            name: node.name.clone(),
            degree: node.degree,
            events: node.events,
        })
        .collect()
}
