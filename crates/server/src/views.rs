//! Computations that the API and the pages share: timelines, networks, actors.
use kroniek_analysis::{
    EventPoint, NetworkBuilder, NetworkOptions, PeriodUnit, Timeline, TimelineOptions,
};
use kroniek_store::SqliteStore;

use crate::api::types::{ActorView, NameCount};
use crate::error::ApiError;
use crate::params::{self, present};
use crate::queries;

/// A validated timeline request.
#[derive(Debug, Clone)]
pub struct TimelineRequest {
    pub a: String,
    pub b: String,
    pub by: PeriodUnit,
    pub directed: bool,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl TimelineRequest {
    pub fn parse(
        a: &str,
        b: &str,
        by: &Option<String>,
        directed: &Option<String>,
        from: &Option<String>,
        to: &Option<String>,
    ) -> Result<Self, ApiError> {
        let by = match present(by) {
            None => PeriodUnit::Year,
            Some(text) => PeriodUnit::parse(text).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "by must be week, month, quarter or year, not {text:?}"
                ))
            })?,
        };
        Ok(TimelineRequest {
            a: params::actor("a", a)?,
            b: params::actor("b", b)?,
            by,
            directed: params::flag("directed", directed)?,
            from: params::date("from", from)?,
            to: params::date("to", to)?,
        })
    }

    /// A cache key that names every input.
    pub fn key(&self) -> String {
        format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.a,
            self.b,
            self.by.as_str(),
            self.directed,
            self.from.as_deref().unwrap_or(""),
            self.to.as_deref().unwrap_or("")
        )
    }

    /// The timeline and the events it was computed from (negated ones
    /// included), as light rows; the evidence sentences are filled in.
    pub fn compute(
        &self,
        store: &SqliteStore,
    ) -> Result<(Timeline, Vec<queries::DyadEvent>), ApiError> {
        let events = queries::dyad_points(store, &self.a, &self.b, self.directed)?;
        let opts = TimelineOptions {
            by: self.by,
            directed: self.directed,
            from: self.from.clone(),
            to: self.to.clone(),
            evidence_per_period: 3,
            ..TimelineOptions::default()
        };
        // The points move out for the timeline and back afterwards.
        let (rest, points): (Vec<_>, Vec<EventPoint>) = events
            .into_iter()
            .map(|e| ((e.rowid, e.date_begin, e.sentence_index), e.point))
            .unzip();
        let mut timeline = kroniek_analysis::timeline_from_points(&points, &self.a, &self.b, &opts);
        let rowid_of: std::collections::HashMap<&str, i64> = points
            .iter()
            .zip(&rest)
            .map(|(p, r)| (p.event_id.as_str(), r.0))
            .collect();
        let wanted: Vec<i64> = timeline
            .periods
            .iter()
            .flat_map(|p| p.top_evidence.iter())
            .filter_map(|e| rowid_of.get(e.event_id.as_str()).copied())
            .collect();
        let sentences = queries::sentences_by_rowid(store, &wanted)?;
        for evidence in timeline
            .periods
            .iter_mut()
            .flat_map(|p| p.top_evidence.iter_mut())
        {
            if let Some(s) = rowid_of
                .get(evidence.event_id.as_str())
                .and_then(|r| sentences.get(r))
            {
                evidence.sentence = s.clone();
            }
        }
        drop(rowid_of);
        let events = rest
            .into_iter()
            .zip(points)
            .map(
                |((rowid, date_begin, sentence_index), point)| queries::DyadEvent {
                    rowid,
                    date_begin,
                    sentence_index,
                    point,
                },
            )
            .collect();
        Ok((timeline, events))
    }
}

/// The country-level network of events dated within `from`..`to`.
pub fn network(
    store: &SqliteStore,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<kroniek_analysis::Network, ApiError> {
    let opts = NetworkOptions {
        from: from.map(String::from),
        to: to.map(String::from),
        ..NetworkOptions::default()
    };
    let mut builder = NetworkBuilder::new(&opts);
    let rows = queries::edges(store, from, to)?;
    let mut codes: Vec<String> = rows
        .iter()
        .flat_map(|r| [r.source.clone(), r.target.clone()])
        .collect();
    codes.sort();
    codes.dedup();
    for row in &rows {
        builder.add_edge(
            &row.source,
            &row.target,
            row.events,
            row.cooperation,
            row.conflict,
        );
    }
    for (code, name) in queries::names_of(store, &codes)? {
        builder.name(&code, &name);
    }
    Ok(builder.finish())
}

/// How many mentions an actor profile looks at for aliases and offices.
const MENTION_SAMPLE: usize = 20_000;

/// Everything known about one actor, or `None` if the store never saw it.
pub fn actor(store: &SqliteStore, id: &str) -> Result<Option<ActorView>, ApiError> {
    if !queries::actor_exists(store, id)? {
        return Ok(None);
    }
    let (name, code) = queries::actor_identity(store, id)?;
    let profile = queries::mention_profile(store, id, MENTION_SAMPLE)?;
    let (relations, events) = queries::relations(store, id)?;
    let keep = |mut list: Vec<NameCount>, n: usize| {
        list.truncate(n);
        list
    };
    Ok(Some(ActorView {
        id: id.to_string(),
        name,
        code,
        sectors: keep(profile.sectors, 20),
        aliases: keep(profile.aliases, 50),
        offices: keep(profile.offices, 20),
        mentions_sampled: profile.sampled,
        events,
        relations,
    }))
}
